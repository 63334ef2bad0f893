"""Load the legal tables of `thidua.legal.tables` into the editable models (idempotent).

Rows an officer has edited are left alone: a row is only created when its
(code, valid_from) does not exist yet."""

from django.db import transaction

from . import read, tables


@transaction.atomic
def sync_from_tables(apps=None) -> dict[str, int]:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    AwardForm = apps.get_model("legal", "AwardForm")
    BaseSalary = apps.get_model("legal", "BaseSalary")
    VotingThreshold = apps.get_model("legal", "VotingThreshold")
    LegalSetting = apps.get_model("legal", "LegalSetting")
    created = {
        "award_forms": 0,
        "base_salaries": 0,
        "thresholds": 0,
        "settings": 0,
        "grounds": 0,
    }
    common = ("valid_from", "valid_to", "citation", "confirmed")
    for f in tables.AWARD_FORMS:
        defaults = {k: f.get(k) for k in common}
        defaults.update(
            name=f["name"],
            short_name=f.get("short_name", f["name"]),
            kind=f["kind"],
            level=f["level"],
            grantor=f["grantor"],
            subjects=list(f["subjects"]),
            coefficient_individual=f.get("coefficient_individual"),
            coefficient_collective=f.get("coefficient_collective"),
            coefficient_household=f.get("coefficient_household"),
            council_vote=f.get("council_vote") or "",
            requires_initiative=f.get("requires_initiative", False),
            proposal_only=f.get("proposal_only", False),
            note=f.get("note", ""),
        )
        _, new = AwardForm.objects.get_or_create(
            code=f["code"], valid_from=f["valid_from"], defaults=defaults
        )
        created["award_forms"] += new
    for s in tables.BASE_SALARIES:
        _, new = BaseSalary.objects.get_or_create(
            valid_from=s["valid_from"],
            defaults={
                "amount": s["amount"],
                **{k: s.get(k) for k in common[1:]},
                "note": s.get("note", ""),
            },
        )
        created["base_salaries"] += new
    for t in tables.VOTING_THRESHOLDS:
        share = t["threshold"]
        _, new = VotingThreshold.objects.get_or_create(
            valid_from=t["valid_from"],
            forms=list(t["forms"]),
            defaults={
                "numerator": share.numerator,
                "denominator": share.denominator,
                **{k: t.get(k) for k in common[1:]},
                "note": t.get("note", ""),
            },
        )
        created["thresholds"] += new
    for item in getattr(tables, "LEGAL_SETTINGS", []):
        _, new = LegalSetting.objects.get_or_create(
            key=item["key"],
            valid_from=item["valid_from"],
            defaults={
                "value": item["value"],
                "label": item["label"],
                **{k: item.get(k) for k in common[1:]},
            },
        )
        created["settings"] += new
    if "legalground" in {m._meta.model_name for m in apps.get_app_config("legal").get_models()}:
        LegalGround = apps.get_model("legal", "LegalGround")
        for item in tables.LEGAL_GROUNDS:
            fields = {k: v for k, v in item.items() if k not in ("key", "valid_from")}
            _, new = LegalGround.objects.get_or_create(
                key=item["key"], valid_from=item["valid_from"], defaults=fields
            )
            created["grounds"] += new
    # The migrations' historical models send no signal the cache listens to. After the
    # commit: a migration's database may have no cache table yet.
    transaction.on_commit(read.forget)
    return created
