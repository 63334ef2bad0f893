from django.db import migrations


def load(apps, schema_editor):
    from thidua.legal.services import sync_from_tables

    sync_from_tables(apps)


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
