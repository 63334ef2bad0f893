from datetime import date
from decimal import Decimal

from django.db import migrations

# Rows seeded by 0002 before the coefficients of Bằng khen / Giấy khen were dated
# (issue #14 item 5): (code, valid_from) -> (individual, collective) as then seeded. A row
# still holding these values was not edited by an officer and is brought to the current
# seed (end date, coefficients, citation); an edited row is left alone.
SEEDED_2024 = {
    "giay_khen_thu_truong": ("0.3", "0.6"),
    "giay_khen_chu_tich_xa": ("0.3", "0.6"),
    "giay_khen_chu_tich_huyen": ("0.3", "0.6"),
    "bang_khen_chu_tich_tinh": ("1.5", "3.0"),
    "bang_khen_thu_tuong": ("3.5", "7.0"),
}
FIELDS = (
    "valid_to",
    "coefficient_individual",
    "coefficient_collective",
    "citation",
    "confirmed",
    "note",
    "grantor",
)


def forward(apps, schema_editor):
    from thidua.legal import tables
    from thidua.legal.services import sync_from_tables

    AwardForm = apps.get_model("legal", "AwardForm")
    start = date(2024, 1, 1)
    for code, (individual, collective) in SEEDED_2024.items():
        row = AwardForm.objects.filter(code=code, valid_from=start).first()
        if row is None:
            continue
        unedited = row.coefficient_individual == Decimal(individual) and (
            row.coefficient_collective == Decimal(collective)
        )
        if not unedited:
            continue
        seed = next(f for f in tables.AWARD_FORMS if f["code"] == code and f["valid_from"] == start)
        for field in FIELDS:
            setattr(row, field, seed[field])
        row.save(update_fields=list(FIELDS))
    sync_from_tables(apps)


class Migration(migrations.Migration):
    """Dated individual coefficients (NĐ 152's not applied before 01/7/2025), the law before
    2024 (NĐ 91/2017, base salaries from 2017, seed 004), the simple-majority setting and the
    căn cứ documents of decisions."""

    dependencies = [("legal", "0004_legal_grounds")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
