"""Submission checks: every reason a dossier cannot go forward, all at once, in Vietnamese.

The quota rules live in `thidua.campaigns.quotas` (the one evaluator); this module only
turns nominee rows into its `Line` objects and adds the checks that need the database:
deadline (with the standing body's exceptions), nominee already proposed or awarded,
required documents, pending discipline/inspection/complaint, initiative and achievement
used once, authority of the issuer.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import DateField, JSONField, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from thidua.campaigns import quotas
from thidua.campaigns.enums import DeadlineKind
from thidua.campaigns.models import CampaignAwardForm, CampaignDeadline
from thidua.core import deadlines
from thidua.core.text import fold
from thidua.legal import read as legal

from . import quota_lines
from .enums import COUNTING_STATUSES, CouncilResult, DocumentType, DossierStatus, LineResult
from .models import (
    DeadlineException,
    Dossier,
    Nominee,
    NomineeInitiative,
    PendingMatter,
)

# Which units can grant a form of each level ("cấp nào phát động thì cấp đó khen thưởng").
LEVEL_GRANTORS = {
    "xa": {"commune", "ward"},
    "huyen": {"city"},
    "tinh": {"province"},
    "trung_uong": set(),
}

# Keywords of a plan's "thành phần hồ sơ" → the document type that satisfies it.
DOC_KEYWORDS = [
    ("to trinh", DocumentType.PROPOSAL),
    ("bien ban", DocumentType.MINUTES),
    ("bao cao thanh tich", DocumentType.ACHIEVEMENT_REPORT),
    ("trich ngang", DocumentType.SUMMARY_LIST),
    ("sang kien", DocumentType.INITIATIVE_PROOF),
]


def form_date(campaign, today: date) -> date:
    """The date whose legal tables apply: the campaign's end (its awards are granted under
    the rules of that time), else today."""
    if campaign is not None and campaign.end_date:
        return min(campaign.end_date, today)
    return today


def can_grant(unit, form_code: str, on: date) -> bool:
    """True if the People's Committee chairman of `unit` grants this form."""
    try:
        form = legal.award_form(form_code, on)
    except legal.AwardFormMissing:
        return False
    if form.level == "co_so":
        return True
    return unit.kind in LEVEL_GRANTORS.get(form.level, set())


def quota_context(campaign, dossier: Dossier, nominees, proposed) -> quotas.Context:
    """Prior ratings declared on the lines (then those recorded in the registrations app);
    block ranks of the nominated units from the stored ranking, when a rule needs them."""
    ctx = quotas.Context()
    for n in nominees:
        if n.prior_rating:
            ctx.prior_ratings[n.nominee_key] = n.prior_rating
    if campaign is not None:
        from thidua.registrations.services import block_ranks, prior_ratings

        if any(r.get("kind") == "block_leader" for r in campaign.rules or []):
            units = {ln.nominee_unit_id for ln in proposed if ln.nominee_unit_id}
            ctx.block_ranks = block_ranks(campaign, units) if units else {}
        keys = [ln.nominee_key for ln in proposed]
        # Ratings recorded in the registrations app fill in what the nominee lines lack.
        for key, rating in prior_ratings(campaign, keys).items():
            ctx.prior_ratings.setdefault(key, rating)
    return ctx


class QuotaCheck:
    """The campaign's quota and eligibility rules for a dossier's lines, in two steps.

    Creating it reads what other dossiers do not change (the lines, prior ratings, block
    ranks from the stored ranking) and builds the count's query; `failures()` runs it —
    it counts the campaign's other lines, an aggregate query narrowed to the groups these
    lines touch, plus the rows of these very nominees — and evaluates. Only `failures()`
    needs the campaign lock."""

    def __init__(self, dossier: Dossier, nominees: list[Nominee] | None = None):
        self.dossier = dossier
        self.campaign = dossier.campaign if dossier.campaign_id else None
        self.rules = list(self.campaign.rules or []) if self.campaign is not None else []
        self.rule_errors = quotas.validate_rules(self.rules) if self.rules else []
        if not self.rules or self.rule_errors:
            return
        if nominees is None:
            nominees = list(dossier.nominees.select_related("unit", "person", "household"))
        self.nominees = nominees
        self.proposed = quota_lines.proposed_lines(dossier, nominees)
        self.ctx = quota_context(self.campaign, dossier, nominees, self.proposed)
        # built here, run by `failures` (under the campaign lock in the submission)
        self.query = quota_lines.existing_query(
            self.campaign,
            dossier,
            [ln.nominee_key for ln in self.proposed],
            quota_lines.narrowing(self.rules, self.proposed),
        )

    def failures(self) -> list[str]:
        if not self.rules:
            return []
        if self.rule_errors:
            return [f"Quy tắc của phong trào chưa hợp lệ: {e}" for e in self.rule_errors]
        existing, upward = quota_lines.read_existing(self.query)
        self.ctx.upward_keys = upward
        results = quotas.evaluate(self.rules, existing, self.proposed, self.ctx)
        return [r.message for r in quotas.failures(results)]


def quota_failures(dossier: Dossier, nominees: list[Nominee] | None = None) -> list[str]:
    return QuotaCheck(dossier, nominees).failures()


_UNREAD = object()


def required_documents():
    """A query column: the `required_documents` of the dossier's form in its campaign
    (NULL when the campaign does not list the form, or the dossier has no campaign)."""
    return Subquery(
        CampaignAwardForm.objects.filter(
            campaign=OuterRef("campaign"), form_code=OuterRef("form_code")
        )
        .order_by("order", "pk")
        .values("required_documents")[:1],
        output_field=JSONField(),
    )


def dossier_due():
    """A query column: the campaign's deadline for dossiers (`Campaign.deadline("dossier")`,
    the earliest such row; NULL without one or without a campaign)."""
    return Subquery(
        CampaignDeadline.objects.filter(campaign=OuterRef("campaign"), kind=DeadlineKind.DOSSIER)
        .order_by("date")
        .values("date")[:1],
        output_field=DateField(),
    )


def submission_columns() -> dict:
    """What the submission checks read of the campaign, as columns of the dossier's own
    (locked) read: its form's required documents and the dossier deadline."""
    return {"required_documents": required_documents(), "dossier_due": dossier_due()}


def required_types(dossier: Dossier, documents=_UNREAD) -> list[tuple[str, str]]:
    """(document type, label) the campaign requires for this dossier's form. `documents`:
    that form's `required_documents` already read (None: the campaign does not list the
    form), e.g. the dossier page's `required_documents()` column."""
    if dossier.campaign_id is None:
        return [(DocumentType.PROPOSAL, DocumentType.PROPOSAL.label)]
    if documents is _UNREAD:
        forms = [f for f in dossier.campaign.award_forms.all() if f.form_code == dossier.form_code]
        documents = forms[0].required_documents if forms else None
    wanted: list[tuple[str, str]] = []
    for item in documents or []:
        text = item if isinstance(item, str) else str(item.get("label") or item.get("type") or "")
        if text in DocumentType.values:
            wanted.append((text, DocumentType(text).label))
            continue
        folded = fold(text)
        for key, doc_type in DOC_KEYWORDS:
            if key in folded:
                wanted.append((doc_type, text))
                break
    return wanted or [(DocumentType.PROPOSAL, DocumentType.PROPOSAL.label)]


def deadline_failure(dossier: Dossier, now: datetime) -> str | None:
    campaign = dossier.campaign
    if campaign is None:
        return None
    from .upward import is_upward_bundle, upward_deadline

    if is_upward_bundle(dossier):
        # the city's bundle to the province follows the province's deadline
        due = upward_deadline(dossier)
        if due is None or not deadlines.is_late(now, due):
            return None
        return f"Đã quá hạn nộp hồ sơ của {dossier.authority.name} ({due:%d/%m/%Y}, giờ Việt Nam)."
    due = getattr(dossier, "dossier_due", _UNREAD)  # read with the dossier (`dossier_due`)
    if due is _UNREAD:
        due = campaign.deadline("dossier")
    if due is None or not deadlines.is_late(now, due):
        return None
    exc = DeadlineException.objects.filter(campaign=campaign, unit=dossier.proposer).first()
    if exc and not deadlines.is_late(now, exc.until):
        return None
    if exc:
        return (
            f"Đã quá hạn được gia hạn ({exc.until:%d/%m/%Y}) để nộp hồ sơ; "
            "liên hệ cơ quan thường trực."
        )
    return (
        f"Đã quá hạn nộp hồ sơ ({due:%d/%m/%Y}, giờ Việt Nam). Chỉ nộp muộn được khi cơ quan "
        "thường trực mở gia hạn cho đơn vị."
    )


def _subject(n) -> tuple[str, int] | None:
    """(column, id) that identifies the line's subject: the person, else the household,
    else the unit; None for a free name."""
    if n.person_id:
        return ("person_id", n.person_id)
    if n.household_id:
        return ("household_id", n.household_id)
    if n.unit_id:
        return ("unit_id", n.unit_id)
    return None


def _subjects_q(subjects) -> Q:
    q = Q(pk__in=[])
    for column in ("person_id", "household_id", "unit_id"):
        ids = sorted({i for c, i in subjects if c == column})
        if ids:
            q |= Q(**{f"{column}__in": ids})
    return q


def _has(row, subject) -> bool:
    column, pk = subject
    return getattr(row, column) == pk


def nominee_failures(dossier: Dossier, nominees: list[Nominee], on: date) -> list[str]:
    """Nominee already proposed or awarded in the campaign, pending matter, achievement used
    twice: read once for all the lines (not per line) — the other lines of these subjects in
    the campaign or with these achievements by one query, their pending matters by another."""
    errors: list[str] = []
    subjects = {n.pk: _subject(n) for n in nominees}
    wanted = [x for x in subjects.values() if x]
    if not wanted:
        return errors
    keys = sorted({n.achievement_key for n in nominees if n.achievement_key and subjects[n.pk]})
    rows: list[Nominee] = []
    sources: set[int] = set()
    if dossier.campaign_id or keys:
        sources = set(quota_lines.origin_sources(dossier, nominees).values())
        among = Q(pk__in=[])
        if dossier.campaign_id:
            among |= Q(dossier__campaign=dossier.campaign_id)
        if keys:
            among |= Q(achievement_key__in=keys)
        rows = list(
            Nominee.objects.filter(
                _subjects_q(wanted), among, dossier__status__in=COUNTING_STATUSES
            )
            .select_related("dossier__proposer")
            .order_by("dossier", "order", "pk")
        )

    def other(x) -> bool:
        """A counting line of another dossier, not refused, not the original of a copy here."""
        return (
            x.dossier_id != dossier.pk and x.result != LineResult.INELIGIBLE and x.pk not in sources
        )

    campaign_id = dossier.campaign_id
    in_campaign = [x for x in rows if campaign_id and x.dossier.campaign_id == campaign_id]
    proposed = [x for x in in_campaign if other(x)]
    # Already awarded: read from this layer's own rows, not from the awards registry above
    # it — a line of the campaign is awarded when its dossier is decided (the decision step
    # moves it there through `services.mark_decided`) and the line passed appraisal and was
    # not voted down.
    awarded = [
        x
        for x in in_campaign
        if x.dossier.status == DossierStatus.DECIDED
        and x.result == LineResult.ELIGIBLE
        and x.council_result != CouncilResult.NOT_APPROVED
    ]
    achievements = set(keys)
    same_achievement = [x for x in rows if x.achievement_key in achievements and other(x)]
    matters = _pending_matters(nominees, on)
    for n in nominees:
        subject = subjects[n.pk]
        if subject is None:
            continue
        if dossier.campaign_id:
            twice = next((x for x in proposed if _has(x, subject)), None)
            if twice:
                errors.append(
                    f"{n.name} đã được {twice.dossier.proposer.name} đề nghị trong phong trào "
                    "này; mỗi đối tượng chỉ được đề nghị một lần."
                )
            if any(_has(x, subject) for x in awarded):
                errors.append(f"{n.name} đã được khen thưởng trong phong trào này.")
        matter = next(
            (
                m
                for m in matters
                if (n.person_id and m.person_id == n.person_id)
                or (n.unit_id and m.unit_id == n.unit_id)
            ),
            None,
        )
        if matter:
            errors.append(
                f"{n.name}: {matter.get_kind_display().lower()} (từ {matter.start:%d/%m/%Y}); "
                "không đề nghị khen thưởng khi chưa có kết luận."
            )
        if n.achievement_key and any(
            x.achievement_key == n.achievement_key and _has(x, subject) for x in same_achievement
        ):
            errors.append(
                f"{n.name}: thành tích này đã được đề nghị khen thưởng ở hồ sơ khác; một "
                "thành tích chỉ được khen một lần."
            )
    return errors


def _pending_matters(nominees, on: date) -> list[PendingMatter]:
    """Pending matters in force on `on` of the lines' persons and units, in one query."""
    persons = sorted({n.person_id for n in nominees if n.person_id})
    units = sorted({n.unit_id for n in nominees if n.unit_id})
    if not persons and not units:
        return []
    return list(
        PendingMatter.objects.filter(Q(person_id__in=persons) | Q(unit_id__in=units))
        .filter(start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .order_by("pk")
    )


def criteria_failures(dossier: Dossier, nominees: list[Nominee], on: date) -> list[str]:
    try:
        form = legal.award_form(dossier.form_code, form_date(dossier.campaign, on))
    except legal.AwardFormMissing as exc:
        return [str(exc.args[0])]
    errors = []
    for n in nominees:
        if form.subjects and n.subject_kind not in form.subjects:
            errors.append(
                f"{n.name}: {form.name} không xét cho đối tượng "
                f"“{n.get_subject_kind_display().lower()}”."
            )
        category = n.category or (n.person.category if n.person_id else "")
        refused = (
            legal.title_refused_for(form, category) if n.subject_kind == "individual" else None
        )
        if refused:
            errors.append(f"{n.name}: {refused}")
        if form.requires_initiative and not n.initiative_links.exists():
            errors.append(f"{n.name}: {form.name} cần sáng kiến được công nhận làm căn cứ.")
        if not n.achievements.strip():
            errors.append(f"{n.name}: chưa nhập thành tích.")
    for link in _initiative_links(dossier, nominees):
        if link.initiative.status != "recognised":
            errors.append(f"Sáng kiến “{link.initiative.title}” chưa được công nhận.")
    return errors


def _initiative_links(dossier: Dossier, nominees: list[Nominee]) -> list[NomineeInitiative]:
    """The dossier's initiative links with their initiatives: those read with the lines
    (`submission_nominees`), else by one query."""
    cached = [getattr(n, "_prefetched_objects_cache", {}).get("initiative_links") for n in nominees]
    if all(links is not None for links in cached):
        found = sorted((link for links in cached for link in links), key=lambda link: link.pk)
        if all(NomineeInitiative.initiative.is_cached(link) for link in found):
            return found
    return list(
        NomineeInitiative.objects.filter(nominee__dossier=dossier).select_related("initiative")
    )


def submission_nominees(dossier: Dossier) -> list[Nominee]:
    """The dossier's lines as every submission check reads them (read once per submit):
    with their subjects, whether each is a bundled upward copy (`origin_link`) and their
    initiative links with the initiatives (two queries)."""
    return list(
        dossier.nominees.select_related("unit", "person", "household", "origin_link")
        .prefetch_related(
            Prefetch(
                "initiative_links",
                queryset=NomineeInitiative.objects.select_related("initiative"),
            )
        )
        .order_by("order", "pk")  # the dossier's own lines: no need to sort by dossier
    )


def signed_documents(dossier: Dossier) -> list[tuple[str, str]]:
    """(type, sha256) of the dossier's uploaded (not generated) documents: what the
    submission checks and the version's snapshot read of them (one query)."""
    return list(
        dossier.documents.filter(generated=False).order_by().values_list("doc_type", "sha256")
    )


def check_submission(
    dossier: Dossier,
    now: datetime | None = None,
    *,
    quota: bool = True,
    nominees: list[Nominee] | None = None,
    documents: list[tuple[str, str]] | None = None,
) -> list[str]:
    """Every failure that blocks submitting `dossier`, in Vietnamese; empty = may submit.
    `quota=False` leaves out the quota count (the submit path counts under the campaign
    lock, `QuotaCheck`); `nominees`: the lines already read (`submission_nominees`);
    `documents`: the uploaded documents already read (`signed_documents`). The campaign's
    part is read with the dossier when it carries the `submission_columns()`."""
    now = now or timezone.now()
    today = deadlines.local_date(now)
    if nominees is None:
        nominees = submission_nominees(dossier)
    errors: list[str] = []
    if not nominees:
        errors.append("Hồ sơ chưa có người hoặc tập thể nào được đề nghị.")
    late = deadline_failure(dossier, now)
    if late:
        errors.append(late)
    # the form's required documents read with the dossier: the campaign lists the form
    wanted = getattr(dossier, "required_documents", _UNREAD)
    offered = dossier.campaign.award_forms if dossier.campaign_id else None
    if (
        offered is not None
        and (wanted is _UNREAD or wanted is None)
        and offered.exists()
        and not offered.filter(form_code=dossier.form_code).exists()
    ):
        errors.append("Phong trào không có hình thức khen thưởng này.")
    if quota:
        errors += quota_failures(dossier, nominees)
    errors += nominee_failures(dossier, nominees, today)
    errors += criteria_failures(dossier, nominees, today)
    if documents is None:
        documents = signed_documents(dossier)
    present = {doc_type for doc_type, _sha in documents}
    for doc_type, label in required_types(dossier, wanted):
        if doc_type not in present:
            errors.append(f"Thiếu tài liệu đã ký: {label} (tải lên bản PDF/ảnh có chữ ký).")
    from .clerk import meeting_failures

    errors += meeting_failures(dossier)
    if (
        dossier.meeting_attendees is not None
        and dossier.meeting_total is not None
        and dossier.meeting_attendees > dossier.meeting_total
    ):
        errors.append("Số người dự họp xét lớn hơn tổng số thành viên.")
    for n in nominees:
        votes = n.votes_for
        if (
            votes is not None
            and dossier.meeting_attendees is not None
            and votes > dossier.meeting_attendees
        ):
            errors.append(f"{n.name}: số phiếu đồng ý lớn hơn số người dự họp.")
    errors += meeting_vote_failures(dossier, nominees, today)
    return errors


def meeting_vote_failures(dossier: Dossier, nominees, today: date) -> list[str]:
    """Lines that failed the vote threshold at the proposing unit's own meeting."""
    from .meeting import meeting_vote_failures as failures

    return failures(dossier, nominees, today)
