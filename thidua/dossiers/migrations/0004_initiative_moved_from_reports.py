"""Move the Initiative model from reports down to dossiers, state only.

The table keeps its name (``reports_initiative``, and ``reports_initiative_authors`` for the
authors); nothing in the database changes. reports 0003 removes the model from the reports
state and moves its content type.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0003_fold_side_tables'),
        ('reports', '0002_initiative_applied_from_initiative_field_and_more'),
        ('org', '0002_search_indexes_pg'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='Initiative',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=500, verbose_name='tên sáng kiến')),
                ('scope', models.TextField(blank=True, verbose_name='phạm vi áp dụng')),
                ('effect', models.TextField(blank=True, verbose_name='hiệu quả')),
                ('status', models.CharField(choices=[('registered', 'Đã đăng ký'), ('evaluating', 'Đang đánh giá'), ('recognised', 'Đã công nhận'), ('not_recognised', 'Không công nhận')], default='registered', max_length=20, verbose_name='trạng thái')),
                ('level', models.CharField(blank=True, choices=[('co_so', 'Cấp cơ sở'), ('tinh', 'Cấp tỉnh'), ('toan_quoc', 'Toàn quốc')], max_length=20, verbose_name='cấp công nhận')),
                ('recognised_on', models.DateField(blank=True, null=True, verbose_name='ngày công nhận')),
                ('recognition_ref', models.CharField(blank=True, max_length=120, verbose_name='số quyết định công nhận')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='năm')),
                ('field', models.CharField(blank=True, max_length=200, verbose_name='lĩnh vực')),
                ('applied_from', models.DateField(blank=True, null=True, verbose_name='áp dụng lần đầu từ')),
                ('search_text', models.CharField(db_index=True, default='', editable=False, max_length=600)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('authors', models.ManyToManyField(blank=True, db_table='reports_initiative_authors', related_name='initiatives', to='org.person', verbose_name='tác giả')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='initiatives', to='org.unit', verbose_name='đơn vị')),
            ],
            options={
                'verbose_name': 'sáng kiến',
                'verbose_name_plural': 'sáng kiến',
                'db_table': 'reports_initiative',
                'ordering': ['-recognised_on', 'title'],
            },
        ),
        migrations.AlterField(
            model_name='nomineeinitiative',
            name='initiative',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossier_links', to='dossiers.initiative'),
        ),
            ],
        ),
    ]
