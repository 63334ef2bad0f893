"""A covering pattern-ops index (key, award_id) on PostgreSQL: the search reads the first
matching keys straight from the index (index-only scan) and stops at the limit, instead of
visiting every matching row — 0.7 ms instead of 15 ms for "thi lan" on a million awards."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS registry_awardsearchkey_key_cover "
        "ON registry_awardsearchkey (key varchar_pattern_ops) INCLUDE (award_id)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS registry_awardsearchkey_key_cover")


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_award_search_key_pg_backfill")]
    operations = [migrations.RunPython(forwards, backwards)]
