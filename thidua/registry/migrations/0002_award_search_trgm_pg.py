"""A pg_trgm GIN index on the awards registry's folded search column (PostgreSQL only).

The public registry search is `Award.search_text LIKE '%<folded query>%'`; with this
index PostgreSQL answers it from the trigram posting lists instead of scanning a million
rows. The index lives in the registry app because the registry owns the search; the
awards app owns the table. SQLite keeps the plain b-tree and a scan, which is fine for
the embedded, small deployments it serves."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS awards_award_search_trgm ON awards_award USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS awards_award_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial"), ("awards", "0003_initial"), ("org", "0002_search_indexes_pg")]
    operations = [migrations.RunPython(forwards, backwards)]
