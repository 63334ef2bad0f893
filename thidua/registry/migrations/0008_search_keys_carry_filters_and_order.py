"""The registry search answers every filter in the database before any limit.

Search keys carry the award's date, year, form, unit and decision, so a name search with
filters reads one covering index (key prefix; year + key prefix; unit + key prefix). The
awards table gets ordered, partial (public rows), covering indexes (newest first, then id)
for searches without a name or with a very common one: (award_date, id), (year, …),
(awardee_unit, …), (awardee_unit, year, …), (form_code, …); and a partial index of
revoked awards (the public filter excludes them). The old key
indexes (plain, `_like` and 0005's covering one) are replaced; the unused pg_trgm index of
0002 on `awards_award.search_text` is dropped."""

import django.db.models.deletion
from django.db import migrations, models

# Partial (public rows only) and covering: a bounded count of a filter is an index-only
# scan; a page is the first rows of one index range in the search's order.
PUBLIC = "WHERE decision_id IS NOT NULL AND NOT revoked"
AWARD_INDEXES = {
    # The walk of a common name without a filter checks the name in the index itself.
    "registry_award_newest": (
        "(award_date DESC, id DESC) "
        "INCLUDE (decision_id, awardee_unit_id, year, form_code, search_text)"
    ),
    # A year's awards are contiguous in time: a common name in a year walks this one.
    "registry_award_year_newest": (
        "(year, award_date DESC, id DESC) "
        "INCLUDE (decision_id, awardee_unit_id, form_code, search_text)"
    ),
    "registry_award_unit_newest": (
        "(awardee_unit_id, award_date DESC, id DESC) INCLUDE (decision_id, year, form_code)"
    ),
    "registry_award_unit_year_newest": (
        "(awardee_unit_id, year, award_date DESC, id DESC) INCLUDE (decision_id, form_code)"
    ),
    "registry_award_form_newest": (
        "(form_code, award_date DESC, id DESC) INCLUDE (decision_id, year, awardee_unit_id)"
    ),
}


def backfill(apps, schema_editor):
    """Copy the award's columns onto its existing keys (one set-based UPDATE)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE registry_awardsearchkey k SET award_date = a.award_date, year = a.year, "
            "form_code = a.form_code, unit_id = a.awardee_unit_id, decision_id = a.decision_id "
            "FROM awards_award a WHERE a.id = k.award_id"
        )
        return
    schema_editor.execute(
        "UPDATE registry_awardsearchkey SET award_date = (SELECT a.award_date FROM awards_award a "
        "WHERE a.id = registry_awardsearchkey.award_id), year = (SELECT a.year FROM awards_award a "
        "WHERE a.id = registry_awardsearchkey.award_id), form_code = (SELECT a.form_code FROM "
        "awards_award a WHERE a.id = registry_awardsearchkey.award_id), unit_id = (SELECT "
        "a.awardee_unit_id FROM awards_award a WHERE a.id = registry_awardsearchkey.award_id), "
        "decision_id = (SELECT a.decision_id FROM awards_award a WHERE a.id = "
        "registry_awardsearchkey.award_id)"
    )


def award_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS awards_award_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS registry_awardsearchkey_key_cover")
    for name, columns in AWARD_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON awards_award {columns} {PUBLIC}"
        )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS registry_award_revoked ON awards_award (id) WHERE revoked"
    )


def drop_award_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*AWARD_INDEXES, "registry_award_revoked"]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS registry_awardsearchkey_key_cover "
        "ON registry_awardsearchkey (key varchar_pattern_ops) INCLUDE (award_id)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS awards_award_search_trgm ON awards_award "
        "USING gin (search_text gin_trgm_ops)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0006_one_pending_correction'),
        ('org', '0003_drop_household_trigram_index'),
        ('registry', '0007_certificate_kinds_from_the_form'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardsearchkey',
            name='award_date',
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name='awardsearchkey',
            name='decision',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='awards.decision'),
        ),
        migrations.AddField(
            model_name='awardsearchkey',
            name='form_code',
            field=models.CharField(default='', max_length=60),
        ),
        migrations.AddField(
            model_name='awardsearchkey',
            name='unit',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.unit'),
        ),
        migrations.AddField(
            model_name='awardsearchkey',
            name='year',
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(award_indexes, drop_award_indexes),
        migrations.AlterField(
            model_name='awardsearchkey',
            name='key',
            field=models.CharField(max_length=120),
        ),
        migrations.AddIndex(
            model_name='awardsearchkey',
            index=models.Index(fields=['key'], include=('award', 'award_date', 'year', 'form_code', 'unit', 'decision'), name='registry_key_prefix', opclasses=['varchar_pattern_ops']),
        ),
        migrations.AddIndex(
            model_name='awardsearchkey',
            index=models.Index(fields=['year', 'key'], include=('award', 'award_date', 'form_code', 'unit', 'decision'), name='registry_key_year_prefix', opclasses=['int2_ops', 'varchar_pattern_ops']),
        ),
        migrations.AddIndex(
            model_name='awardsearchkey',
            index=models.Index(fields=['unit', 'key'], include=('award', 'award_date', 'year', 'form_code', 'decision'), name='registry_key_unit_prefix', opclasses=['int8_ops', 'varchar_pattern_ops']),
        ),
    ]
