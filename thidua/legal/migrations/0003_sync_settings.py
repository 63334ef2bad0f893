from django.db import migrations


def load(apps, schema_editor):
    from thidua.legal.services import sync_from_tables

    sync_from_tables(apps)


class Migration(migrations.Migration):
    """Adds table rows introduced after 0002 (e.g. disclosure_days); existing rows untouched."""

    dependencies = [("legal", "0002_load_tables")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
