"""Quota rules name org.UnitKind values: rewrite the retired rule spellings in stored rules."""

from django.db import migrations

RETIRED = {
    "district": ["city"],
    "armed_forces": ["military"],
    "party_org": ["party"],
    "vertical_agency": ["vertical"],
    "village": ["village", "residential_group"],
}
KIND_KEYS = ("proposer_kinds", "nominee_unit_kinds")


def _kinds(values: list) -> list:
    out: list = []
    for value in values:
        for kind in RETIRED.get(value, [value]):
            if kind not in out:
                out.append(kind)
    return out


def _match(match):
    if not isinstance(match, dict):
        return match
    return {k: _kinds(v) if k in KIND_KEYS and isinstance(v, list) else v for k, v in match.items()}


def _rule(rule):
    if not isinstance(rule, dict):
        return rule
    out = dict(rule)
    if "match" in out:
        out["match"] = _match(out["match"])
    if isinstance(out.get("exclude"), list):
        out["exclude"] = [_match(m) for m in out["exclude"]]
    elif isinstance(out.get("exclude"), dict):
        out["exclude"] = _match(out["exclude"])
    for key in ("max_by_kind", "label_by_kind"):
        if isinstance(out.get(key), dict):
            out[key] = {RETIRED.get(k, [k])[0]: v for k, v in out[key].items()}
    return out


def forwards(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    for campaign in Campaign.objects.exclude(rules=[]).only("pk", "rules"):
        rules = [_rule(r) for r in campaign.rules or []]
        if rules != campaign.rules:
            Campaign.objects.filter(pk=campaign.pk).update(rules=rules)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_campaign_plan_docx_campaign_plan_pdf")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
