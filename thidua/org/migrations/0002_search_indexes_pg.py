"""Trigram indexes for diacritic-insensitive substring search on PostgreSQL.

The folded `search_text` columns make `contains` queries diacritic-insensitive on both
databases; on PostgreSQL a pg_trgm GIN index makes them fast. SQLite keeps the b-tree."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in ("org_unit", "org_person", "org_household"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)"
        )
    schema_editor.execute("CREATE INDEX IF NOT EXISTS org_unit_path_like ON org_unit (path text_pattern_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in ("org_unit", "org_person", "org_household"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS org_unit_path_like")


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
