"""Drop the trigram index on households' `search_text` (PostgreSQL only).

`0002_search_indexes_pg` made a pg_trgm GIN index on the search column of units, persons
and households. Units and persons are searched with ``search_text LIKE '%…%'``, which the
index serves; no query searches households by that column, so their index was only
written to, never read. The other trigram indexes stay (EXPLAIN on PostgreSQL shows the
awards payment search reading `awards_award_search_trgm`; the public registry search
reads `registry_awardsearchkey_key_cover`)."""

from django.db import migrations

INDEX = "org_household_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON org_household USING gin (search_text gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("org", "0002_search_indexes_pg")]
    operations = [migrations.RunPython(forwards, backwards)]
