"""Fold the side tables NomineeFacts and DossierExtra into Nominee and Dossier.

Their working data (statistics, checklist, council result of a line; upward flag, checklist,
return items of a dossier) becomes fields of the rows they described. Their `decision`
foreign keys pointed up to the decision step and are dropped: the decision of a line is found
through ``awards.DecisionLine.nominee``. Going back copies the fields into new side rows
(without the decision link, which the later step keeps).
"""

from django.db import migrations, models

NOMINEE_FIELDS = (
    "is_woman",
    "is_ethnic_minority",
    "is_direct_worker",
    "votes_for",
    "prior_rating",
    "achievement_key",
    "checklist",
    "council_result",
)
DOSSIER_FIELDS = ("is_upward", "checklist", "return_items")


def fold_side_tables(apps, schema_editor):
    Nominee = apps.get_model("dossiers", "Nominee")
    Dossier = apps.get_model("dossiers", "Dossier")
    NomineeFacts = apps.get_model("dossiers", "NomineeFacts")
    DossierExtra = apps.get_model("dossiers", "DossierExtra")
    for facts in NomineeFacts.objects.iterator():
        values = {name: getattr(facts, name) for name in NOMINEE_FIELDS}
        Nominee.objects.filter(pk=facts.nominee_id).update(**values)
    for extra in DossierExtra.objects.iterator():
        values = {name: getattr(extra, name) for name in DOSSIER_FIELDS}
        Dossier.objects.filter(pk=extra.dossier_id).update(**values)


def unfold_side_tables(apps, schema_editor):
    Nominee = apps.get_model("dossiers", "Nominee")
    Dossier = apps.get_model("dossiers", "Dossier")
    NomineeFacts = apps.get_model("dossiers", "NomineeFacts")
    DossierExtra = apps.get_model("dossiers", "DossierExtra")
    NomineeFacts.objects.bulk_create(
        NomineeFacts(nominee_id=row["pk"], **{name: row[name] for name in NOMINEE_FIELDS})
        for row in Nominee.objects.values("pk", *NOMINEE_FIELDS).iterator()
    )
    DossierExtra.objects.bulk_create(
        DossierExtra(dossier_id=row["pk"], **{name: row[name] for name in DOSSIER_FIELDS})
        for row in Dossier.objects.values("pk", *DOSSIER_FIELDS).iterator()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0002_workflow'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossier',
            name='checklist',
            field=models.JSONField(blank=True, default=dict, verbose_name='kiểm tra hồ sơ'),
        ),
        migrations.AddField(
            model_name='dossier',
            name='is_upward',
            field=models.BooleanField(default=False, verbose_name='đề nghị cấp trên khen thưởng'),
        ),
        migrations.AddField(
            model_name='dossier',
            name='return_items',
            field=models.JSONField(blank=True, default=list, verbose_name='nội dung cần hoàn thiện'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='achievement_key',
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.AddField(
            model_name='nominee',
            name='checklist',
            field=models.JSONField(blank=True, default=dict, verbose_name='kiểm tra của chuyên viên'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='council_result',
            field=models.CharField(choices=[('pending', 'Chưa xét'), ('approved', 'Hội đồng thông qua'), ('not_approved', 'Hội đồng không thông qua')], default='pending', max_length=20, verbose_name='kết quả Hội đồng'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='is_direct_worker',
            field=models.BooleanField(default=False, verbose_name='người lao động trực tiếp'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='is_ethnic_minority',
            field=models.BooleanField(default=False, verbose_name='dân tộc thiểu số'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='is_woman',
            field=models.BooleanField(default=False, verbose_name='nữ'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='prior_rating',
            field=models.CharField(blank=True, max_length=30, verbose_name='xếp loại năm trước'),
        ),
        migrations.AddField(
            model_name='nominee',
            name='votes_for',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='số phiếu đồng ý'),
        ),
        migrations.RunPython(fold_side_tables, unfold_side_tables),
        migrations.DeleteModel(
            name='DossierExtra',
        ),
        migrations.DeleteModel(
            name='NomineeFacts',
        ),
    ]
