"""The Initiative model now lives in dossiers (dossiers 0004): drop it from this app's state,
point the evaluations at it, and move its content type so audit events and permissions follow.
No table changes."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="reports", target="dossiers"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=target, model="initiative").exists():
        return
    ContentType.objects.filter(app_label=source, model="initiative").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="dossiers", target="reports")


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0004_initiative_moved_from_reports'),
        ('reports', '0002_initiative_applied_from_initiative_field_and_more'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.AlterField(
            model_name='initiativeevaluation',
            name='initiative',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluations', to='dossiers.initiative'),
        ),
        migrations.DeleteModel(
            name='Initiative',
        ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
