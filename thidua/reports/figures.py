"""The figures of a sơ kết / tổng kết report: ONE data structure, computed from direct
aggregate queries, used by the report page, its .docx and its .xlsx.

Scope: a campaign (everything linked to it) or a calendar year, always inside the subtree
of one authority. Upstream apps that have no data (or no model yet) give zeros, never an
error. Definitions (also shown in the report's notes):

- target units: the active units directly under the authority, except villages,
  residential groups and teams (they report through their commune/ward);
- a target unit "deployed" the campaign when it or a unit under it has a registration, a
  dossier or a submitted unit report for the campaign;
- small collectives: collective/locality awards to units of kind team, village or
  residential group; direct workers: individual awards to persons marked
  `is_direct_worker`; women: individual awards to persons of gender nữ; ethnic minorities:
  individual awards to persons whose ethnicity is not Kinh. Shares are of the individual
  (or collective) awards, revoked awards excluded.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from thidua.core.deadlines import deadline_end
from thidua.org.enums import SMALL_COLLECTIVE_KINDS, UnitKind
from thidua.registrations.enums import RANKED_STATUSES, RegistrationStatus
from thidua.registrations.models import Event, Registration, WorkItem
from thidua.registrations.ranking import registration_rates

#: Labels of the figures a unit report carries (UnitReport.figures keys).
FIGURE_LABELS = {
    "work_items_done": "Công trình, phần việc hoàn thành",
    "events_done": "Sự kiện đã tổ chức",
    "collectives_praised": "Tập thể được đơn vị khen",
    "individuals_praised": "Cá nhân được đơn vị khen",
    "spending": "Kinh phí khen thưởng của đơn vị (đồng)",
}
NOT_TARGET_KINDS = {k.value for k in SMALL_COLLECTIVE_KINDS}
INDIVIDUAL = "individual"
COLLECTIVE_KINDS = ("collective", "locality")


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _subtree_q(authority, lookup: str) -> Q:
    q = Q(pk__in=[])
    for path in authority.lineage_paths():
        q |= Q(**{f"{lookup}__path__startswith": path})
    return q


def target_units(authority, on: date):
    from thidua.org.models import Unit

    return (
        Unit.objects.filter(parent=authority)
        .exclude(kind__in=NOT_TARGET_KINDS)
        .active(on)
        .order_by("path")
    )


def compute(
    authority, *, campaign=None, year: int | None = None, today: date | None = None
) -> dict:
    """The report's figures. Give a campaign, or a year (then the authority's whole year)."""
    if campaign is None and year is None:
        raise ValueError("Cần chọn phong trào hoặc năm báo cáo.")
    today = today or date.today()
    on = campaign.end_date if campaign and campaign.end_date else today
    if year and not campaign:
        on = min(date(year, 12, 31), today)
    data = {
        "authority": {"id": authority.pk, "name": authority.name},
        "campaign": _campaign_info(campaign),
        "year": year or (campaign.end_date.year if campaign and campaign.end_date else today.year),
        "generated_on": today.isoformat(),
    }
    units = list(target_units(authority, on).values("pk", "name", "path", "kind"))
    data["registrations"] = _registrations(authority, campaign, on)
    data["dossiers"] = _dossiers(authority, campaign, year)
    data["unit_reports"] = _unit_reports(campaign, units)
    data["deployment"] = _deployment(authority, campaign, year, units)
    data["awards"], data["watched"] = _awards(authority, campaign, year)
    data["exemplary"] = _exemplary(authority, campaign, year)
    return data


def _campaign_info(campaign):
    if campaign is None:
        return None
    return {
        "id": campaign.pk,
        "title": campaign.title,
        "number": campaign.number,
        "start": campaign.start_date.isoformat() if campaign.start_date else None,
        "end": campaign.end_date.isoformat() if campaign.end_date else None,
        "issuer": campaign.issuer.name,
    }


def _deadline(campaign, kind: str):
    if campaign is None:
        return None
    row = campaign.deadlines.filter(kind=kind).order_by("date").last()
    return row.date if row else None


def _active_paths(authority, campaign, year) -> set[str]:
    """Paths of units under the authority with any activity in the scope."""
    paths: set[str] = set()
    if campaign is not None:
        paths.update(
            Registration.objects.filter(campaign=campaign).values_list("unit__path", flat=True)
        )
    from thidua.dossiers.models import Dossier

    from .models import UnitReport

    dossiers = Dossier.objects.filter(_subtree_q(authority, "proposer"))
    dossiers = (
        dossiers.filter(campaign=campaign) if campaign else dossiers.filter(created_at__year=year)
    )
    paths.update(dossiers.values_list("proposer__path", flat=True))
    if campaign is not None:
        paths.update(
            UnitReport.objects.filter(campaign=campaign, status="submitted").values_list(
                "unit__path", flat=True
            )
        )
    return paths


def _deployment(authority, campaign, year, units) -> dict:
    active = _active_paths(authority, campaign, year)
    deployed = [u for u in units if any(p.startswith(u["path"]) for p in active)]
    deployed_ids = {u["pk"] for u in deployed}
    missing = [u["name"] for u in units if u["pk"] not in deployed_ids]
    return {
        "target_units": len(units),
        "deployed": len(deployed),
        "share": share(len(deployed), len(units)),
        "missing": missing,
    }


def _registrations(authority, campaign, on) -> dict:
    result = {
        "total": 0,
        "units": 0,
        "by_status": [],
        "late": 0,
        "completion_avg": None,
        "work_items": 0,
        "work_items_done": 0,
        "events": 0,
        "events_done": 0,
    }
    if campaign is None:
        return result
    registrations = Registration.objects.filter(campaign=campaign).filter(
        _subtree_q(authority, "unit")
    )
    rows = registrations.values("status").annotate(count=Count("pk")).order_by("status")
    result["by_status"] = [
        {
            "code": row["status"],
            "label": str(RegistrationStatus(row["status"]).label),
            "count": row["count"],
        }
        for row in rows
    ]
    result["total"] = sum(row["count"] for row in result["by_status"])
    result["units"] = registrations.values("unit").distinct().count()
    result["late"] = registrations.filter(is_late=True).count()
    for label, model in (("work_items", WorkItem), ("events", Event)):
        items = model.objects.filter(registration__in=registrations)
        result[label] = items.count()
        result[f"{label}_done"] = items.filter(done_at__isnull=False).count()
    result["completion_avg"] = _completion_avg(registrations, on)
    return result


def _completion_avg(registrations, on) -> float | None:
    """Mean completion rate (registrations.completion formula) of committed registrations."""
    committed = registrations.filter(status__in=RANKED_STATUSES)
    rates = [
        rate
        for rate in registration_rates(committed, on).values_list("rate", flat=True)
        if rate is not None
    ]
    if not rates:
        return None
    return float(round(sum(Decimal(rate) for rate in rates) / len(rates), 4))


def _dossiers(authority, campaign, year) -> dict:
    from thidua.dossiers.enums import DossierStatus
    from thidua.dossiers.models import Dossier, Nominee

    qs = Dossier.objects.filter(_subtree_q(authority, "proposer"))
    qs = qs.filter(campaign=campaign) if campaign else qs.filter(created_at__year=year)
    labels = dict(DossierStatus.choices)
    rows = qs.values("status").annotate(n=Count("pk")).order_by("status")
    by_status = [
        {"code": r["status"], "label": str(labels.get(r["status"], r["status"])), "count": r["n"]}
        for r in rows
    ]
    deadline = _deadline(campaign, "dossier")
    submitted = qs.filter(submitted_at__isnull=False)
    n_submitted = submitted.count()
    if deadline:
        on_time = submitted.filter(submitted_at__lte=deadline_end(deadline)).count()
    else:
        on_time = n_submitted
    total = sum(r["count"] for r in by_status)
    return {
        "total": total,
        "by_status": by_status,
        "deadline": deadline.isoformat() if deadline else None,
        "submitted": n_submitted,
        "on_time": on_time,
        "late": n_submitted - on_time,
        "not_submitted": total - n_submitted,
        "nominees": Nominee.objects.filter(dossier__in=qs).count(),
    }


def _awards(authority, campaign, year) -> tuple[dict, dict]:
    from thidua.awards.models import Award
    from thidua.dossiers.enums import SubjectKind

    # The issuer's own awards (wherever the awardee is now) and those its units received.
    qs = Award.objects.filter(revoked=False).filter(
        _subtree_q(authority, "decision__issuer") | _subtree_q(authority, "awardee_unit")
    )
    qs = qs.filter(campaign=campaign) if campaign else qs.filter(year=year)
    totals = qs.aggregate(
        n=Count("pk"), money=Sum("amount"), paid=Sum("amount", filter=Q(paid_at__isnull=False))
    )
    by_form = [
        {"code": r["form_code"], "name": r["form_name"], "count": r["n"], "amount": r["money"] or 0}
        for r in qs.values("form_code", "form_name")
        .annotate(n=Count("pk"), money=Sum("amount"))
        .order_by("-n", "form_name")
    ]
    subject_labels = dict(SubjectKind.choices)
    by_subject = [
        {
            "code": r["subject_kind"],
            "label": str(subject_labels.get(r["subject_kind"], r["subject_kind"])),
            "count": r["n"],
        }
        for r in qs.values("subject_kind").annotate(n=Count("pk")).order_by("subject_kind")
    ]
    kind_labels = dict(UnitKind.choices)
    by_unit_kind = [
        {
            "code": r["awardee_unit__kind"],
            "label": str(kind_labels.get(r["awardee_unit__kind"], "")),
            "count": r["n"],
        }
        for r in qs.values("awardee_unit__kind").annotate(n=Count("pk")).order_by("-n")
    ]
    counts = qs.aggregate(
        individuals=Count("pk", filter=Q(subject_kind=INDIVIDUAL)),
        collectives=Count("pk", filter=Q(subject_kind__in=COLLECTIVE_KINDS)),
        small_collectives=Count(
            "pk", filter=Q(subject_kind__in=COLLECTIVE_KINDS, unit__kind__in=NOT_TARGET_KINDS)
        ),
        direct_workers=Count(
            "pk", filter=Q(subject_kind=INDIVIDUAL, person__is_direct_worker=True)
        ),
        women=Count("pk", filter=Q(subject_kind=INDIVIDUAL, person__gender="nu")),
        ethnic_minorities=Count(
            "pk",
            filter=Q(subject_kind=INDIVIDUAL, person__isnull=False)
            & ~Q(person__ethnicity__iexact="kinh"),
        ),
    )
    watched = dict(counts)
    watched["small_collectives_share"] = share(counts["small_collectives"], counts["collectives"])
    for key in ("direct_workers", "women", "ethnic_minorities"):
        watched[f"{key}_share"] = share(counts[key], counts["individuals"])
    awards = {
        "total": totals["n"],
        "amount": totals["money"] or 0,
        "paid_amount": totals["paid"] or 0,
        "by_form": by_form,
        "by_subject": by_subject,
        "by_unit_kind": by_unit_kind,
    }
    return awards, watched


def _exemplary(authority, campaign, year) -> dict:
    from .enums import ModelStage
    from .models import ExemplaryModel

    qs = ExemplaryModel.objects.filter(_subtree_q(authority, "unit"))
    qs = qs.filter(campaign=campaign) if campaign else qs.filter(year=year)
    counts = dict(qs.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return {
        "total": sum(counts.values()),
        "published": qs.filter(published=True).count(),
        "by_stage": [
            {"code": s.value, "label": str(s.label), "count": counts.get(s.value, 0)}
            for s in ModelStage
        ],
        "names": list(qs.order_by("name").values_list("name", flat=True)[:20]),
    }


def _unit_reports(campaign, units) -> dict:
    from .models import UnitReport

    empty = {
        "expected": len(units),
        "submitted": 0,
        "late": 0,
        "missing": len(units),
        "deadline": None,
        "figures": {},
        "missing_units": [u["name"] for u in units],
    }
    if campaign is None:
        return empty
    deadline = _deadline(campaign, "report")
    reports = UnitReport.objects.filter(campaign=campaign, status="submitted")
    reports = list(reports.values("unit_id", "is_late", "figures", "unit__path"))
    unit_ids = {u["pk"] for u in units}
    own = [r for r in reports if r["unit_id"] in unit_ids]
    figures: dict[str, float] = defaultdict(float)
    for r in reports:
        for key, value in (r["figures"] or {}).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                figures[key] += value
    done = {r["unit_id"] for r in own}
    return {
        "expected": len(units),
        "submitted": len(own),
        "late": sum(1 for r in own if r["is_late"]),
        "missing": len(units) - len(own),
        "deadline": deadline.isoformat() if deadline else None,
        "figures": {
            k: (int(v) if float(v).is_integer() else round(v, 2))
            for k, v in sorted(figures.items())
        },
        "missing_units": [u["name"] for u in units if u["pk"] not in done],
    }
