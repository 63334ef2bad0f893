"""The awards registry: public search, histories, the checks dossiers use, certificate
serials and resumable bulk certificate generation.

Every write follows guard → atomic change → audit → notify. Bulk generation writes
numbered part files with an atomic rename and records progress in the database, so a
run killed half-way resumes without duplicate pages or broken files.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import date
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.permissions import can, scope_for
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.org.identity import parse_nominee_key

from . import certificates as cert
from .models import (
    BatchStatus,
    Certificate,
    CertificateBatch,
    CertificateBatchPart,
    CertificateLayout,
    SerialCounter,
    lease_cutoff,
)
from .states import CERTIFICATE_BATCH

log = logging.getLogger(__name__)
PRINT_ROLES = (Role.STANDING_BODY, Role.ADMIN)
PUBLIC_LIMIT = 50


class RegistryError(Exception):
    """A rule of the registry was broken; the message is for the user (Vietnamese)."""


# ---- queries -------------------------------------------------------------------------


SEARCH_LIMIT = 1000


def public_awards() -> QuerySet:
    """What the public may see: awards of signed (not revoked) decisions, not withdrawn.

    Written as "not one of the few unsigned decisions" rather than a join on the decision's
    status: with the join, PostgreSQL re-runs the trigram index scan once per signed
    decision (a nested loop); without it the search is one bitmap scan of the index."""
    unsigned = list(
        Decision.objects.exclude(status=DecisionStatus.SIGNED).values_list("pk", flat=True)
    )
    return Award.objects.filter(decision__isnull=False, revoked=False).exclude(
        decision_id__in=unsigned
    )


def search_awards(
    q: str = "", unit: str = "", form: str = "", year: int | None = None, qs=None
) -> QuerySet:
    """Diacritic- and case-insensitive search; `q` (folded) must start at a word of the
    award's name and unit (`AwardSearchKey`): "thi lan" finds "Trần Thị Lan", "duc xuan"
    finds awards in Đức Xuân. At most SEARCH_LIMIT matches are considered, taken from a
    b-tree prefix scan, so the search stays fast on millions of awards.

    With a text query the rows come without an ORDER BY; callers sort the page they show
    (`newest_first`). Without a text query the rows are ordered by date, newest first."""
    qs = public_awards() if qs is None else qs
    folded = fold(q)
    if unit.strip():
        qs = qs.filter(awardee_unit__search_text__contains=fold(unit))
    if form:
        qs = qs.filter(form_code=form)
    if year:
        qs = qs.filter(year=year)
    if folded:
        from .models import AwardSearchKey

        keys = (
            AwardSearchKey.objects.filter(key__startswith=folded[:120])
            .order_by()
            .values("award_id")
        )
        return qs.filter(pk__in=keys[:SEARCH_LIMIT]).order_by()
    return qs.order_by("-award_date", "-id")


def newest_first(awards) -> list:
    return sorted(awards, key=lambda a: (a.award_date, a.pk), reverse=True)


def lineage_unit_ids(unit) -> list[int]:
    """The unit and every unit merged into it (recursively)."""
    from thidua.org.models import Unit

    paths = unit.lineage_paths()
    return list(Unit.objects.filter(path__in=paths).values_list("pk", flat=True))


def unit_history(unit, qs=None) -> tuple[QuerySet, QuerySet]:
    """(awards to the unit and its predecessors as a collective,
    awards to people and collectives inside it or inside its predecessors)."""
    qs = Award.objects.all() if qs is None else qs
    qs = qs.select_related("decision", "decision__issuer", "campaign", "awardee_unit")
    own_ids = lineage_unit_ids(unit)
    own = qs.filter(unit_id__in=own_ids).order_by("-award_date", "-id")
    inside = Q()
    for path in unit.lineage_paths():
        inside |= Q(awardee_unit__path__startswith=path)
    members = qs.filter(inside).exclude(unit_id__in=own_ids).order_by("-award_date", "-id")
    return own, members


def person_history(person, qs=None) -> QuerySet:
    qs = Award.objects.all() if qs is None else qs
    return (
        qs.filter(person=person)
        .select_related("decision", "decision__issuer", "campaign", "awardee_unit")
        .order_by("-award_date", "-id")
    )


def _nominee_filter(nominee_key: str) -> Q:
    kind, value = parse_nominee_key(nominee_key)
    if kind == "person" and value.isdigit():
        return Q(person_id=int(value))
    if kind == "household" and value.isdigit():
        return Q(household_id=int(value))
    if kind == "unit" and value.isdigit():
        from thidua.org.models import Unit

        unit = Unit.objects.filter(pk=int(value)).first()
        return Q(unit_id__in=lineage_unit_ids(unit)) if unit else Q(unit_id=int(value))
    if kind == "name" and value.strip():
        return Q(awardee_name__iexact=value.strip())
    raise ValueError(f"Khóa đối tượng không hợp lệ: {nominee_key!r}")


def already_awarded(nominee_key: str, campaign_id: int, form_code: str) -> Award | None:
    """The registry's award of this form to this nominee for this campaign, if any
    (a unit's key also finds awards to the units merged into it)."""
    return (
        public_awards()
        .filter(_nominee_filter(nominee_key), campaign_id=campaign_id, form_code=form_code)
        .select_related("decision")
        .order_by("-award_date", "-id")
        .first()
    )


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 → 28/02
        return d.replace(year=d.year + years, day=28)


def award_interval_ok(
    nominee_key: str, form_code: str, on_date: date, years: int
) -> tuple[bool, str]:
    """Whether `years` full years have passed since the nominee's last award of this form."""
    last = (
        public_awards()
        .filter(_nominee_filter(nominee_key), form_code=form_code, award_date__lte=on_date)
        .select_related("decision")
        .order_by("-award_date", "-id")
        .first()
    )
    if last is None or years <= 0:
        return True, ""
    due = add_years(last.award_date, years)
    if on_date >= due:
        return True, ""
    ref = f" theo Quyết định số {last.decision.number_display}" if last.decision_id else ""
    return False, (
        f"{last.awardee_name} đã được tặng {last.form_name}{ref} ngày {last.award_date:%d/%m/%Y}; "
        f"chưa đủ {years} năm (đến ngày {due:%d/%m/%Y} mới đủ)."
    )


# ---- serials and single certificates ---------------------------------------------------


def take_serials(issuer, year: int, count: int) -> list[int]:
    """Reserve `count` consecutive serials; call inside the transaction that uses them."""
    if count <= 0:
        return []
    SerialCounter.objects.get_or_create(issuer=issuer, year=year)
    counter = SerialCounter.objects.select_for_update().get(issuer=issuer, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return list(range(first, first + count))


def _decision_awards(decision) -> QuerySet:
    return decision.awards.filter(revoked=False).order_by("form_code", "id")


def ensure_certificates(decision, actor=None) -> int:
    """Give every award of a signed decision its certificate serial (idempotent)."""
    if decision.status != DecisionStatus.SIGNED:
        raise RegistryError("Chỉ in giấy khen, bằng khen cho quyết định đã ký ban hành.")
    with transaction.atomic():
        missing = list(
            _decision_awards(decision).filter(certificate__isnull=True).values_list("pk", "year")
        )
        if not missing:
            return 0
        year = decision.doc_date.year if decision.doc_date else decision.year
        serials = take_serials(decision.issuer, year, len(missing))
        Certificate.objects.bulk_create(
            Certificate(award_id=pk, issuer=decision.issuer, year=year, serial=s)
            for (pk, _), s in zip(missing, serials, strict=True)
        )
        audit.record(
            decision,
            "registry.certificates.numbered",
            actor,
            data={"count": len(missing), "first": serials[0], "last": serials[-1]},
        )
    return len(missing)


def layout_for(issuer, form_code: str) -> CertificateLayout | None:
    return CertificateLayout.objects.filter(
        issuer=issuer, form_kind=cert.form_kind(form_code)
    ).first()


def render_options(
    layout: CertificateLayout | None, use_blank: bool, title: str
) -> cert.RenderOptions:
    if use_blank and layout is not None:
        return cert.RenderOptions(design=False, layout=layout.fields, title=title)
    return cert.RenderOptions(design=True, title=title)


def render_awards(decision, awards: list[Award], use_blank: bool = False) -> bytes:
    """One PDF for awards of one decision (grouped by form kind: one template per kind)."""
    serials = [a.certificate.serial_display for a in awards]
    texts = cert.texts_for(awards, decision, serials, settings.SITE_URL)
    layout = layout_for(decision.issuer, awards[0].form_code) if awards else None
    heading = cert.heading_for(
        decision.issuer,
        awards[0].form_code if awards else "giay_khen",
        layout.issuer_title if layout else "",
    )
    kinds = {cert.form_kind(a.form_code) for a in awards}
    if len(kinds) <= 1:
        return cert.render(
            texts, heading, render_options(layout, use_blank, heading_title(heading))
        )
    # Several kinds in one decision: render each kind and merge in award order.
    from pypdf import PdfWriter

    writer = PdfWriter()
    import io

    for kind in sorted(kinds):
        positions = [
            position
            for position, award in enumerate(awards)
            if cert.form_kind(award.form_code) == kind
        ]
        first_code = awards[positions[0]].form_code
        kind_layout = layout_for(decision.issuer, first_code)
        kind_heading = cert.heading_for(
            decision.issuer, first_code, kind_layout.issuer_title if kind_layout else ""
        )
        pdf = cert.render(
            [texts[position] for position in positions],
            kind_heading,
            render_options(kind_layout, use_blank, heading_title(kind_heading)),
        )
        writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def heading_title(heading: cert.Heading) -> str:
    return cert.FORM_KIND_LABELS.get(heading.form_kind, "Giấy khen")


def certificate_pdf(award: Award, user, use_blank: bool = False) -> bytes:
    """The printable certificate of one award (its serial is assigned on first print)."""
    _require_print(user, award.decision)
    ensure_certificates(award.decision, user)
    award = Award.objects.select_related("certificate", "person", "decision__issuer").get(
        pk=award.pk
    )
    return render_awards(award.decision, [award], use_blank)


def _require_print(user, decision) -> None:
    if decision is None or decision.status != DecisionStatus.SIGNED:
        raise RegistryError("Chỉ in giấy khen, bằng khen cho quyết định đã ký ban hành.")
    scope = scope_for(user)
    if not scope.has_role(*PRINT_ROLES) or not can(user, "change", decision):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp ban hành quyết định được in giấy khen."
        )


def test_print_pdf(layout: CertificateLayout) -> bytes:
    """One page with sample data and a light millimetre grid, for checking a blank."""
    head = cert.Heading(layout.form_kind, layout.issuer_title or cert.issuer_title(layout.issuer))
    options = cert.RenderOptions(
        design=not layout.use_blank, layout=layout.fields, grid=True, title="In thử"
    )
    return cert.render(
        [cert.sample_text(settings.SITE_URL.rstrip("/") + "/so-khen-thuong/xac-thuc/")],
        head,
        options,
    )


def save_layout(layout: CertificateLayout, fields: dict, actor, **changes) -> CertificateLayout:
    if not scope_for(actor).has_role(*PRINT_ROLES) or not can(actor, "change", layout):
        raise PermissionDenied("Bạn không có quyền sửa mẫu in này.")
    with transaction.atomic():
        before = layout.fields
        layout.fields = fields
        for key, value in changes.items():
            setattr(layout, key, value)
        layout.updated_by = actor if actor and actor.is_authenticated else None
        layout.save()
        changed = sorted(k for k in fields if before.get(k) != fields[k])
        audit.record(
            layout, "registry.layout.saved", actor, unit=layout.issuer, data={"fields": changed}
        )
    return layout


# ---- bulk generation -------------------------------------------------------------------


def batch_dir(batch: CertificateBatch) -> Path:
    return Path(settings.MEDIA_ROOT) / "registry" / "batches" / str(batch.pk)


def start_batch(decision: Decision, user, use_blank: bool = False) -> CertificateBatch:
    """Create (or resume) the bulk generation of a decision's certificates, then enqueue it."""
    _require_print(user, decision)
    with transaction.atomic():
        Decision.objects.select_for_update().filter(pk=decision.pk).first()
        open_batch = decision.certificate_batches.filter(
            status__in=[BatchStatus.PENDING, BatchStatus.RUNNING, BatchStatus.FAILED],
            use_blank=use_blank,
        ).first()
        if open_batch is not None:
            batch = open_batch
        else:
            count = _decision_awards(decision).count()
            if not count:
                raise RegistryError("Quyết định chưa có người, tập thể được khen để in.")
            batch = CertificateBatch.objects.create(
                decision=decision, total=count, use_blank=use_blank, created_by=user
            )
            audit.record(
                batch,
                "registry.batch.created",
                user,
                unit=decision.issuer,
                to_state=batch.status,
                data={"total": count, "use_blank": use_blank},
            )
    _enqueue_after_commit(batch.pk)
    return batch


def _part_ok(path: Path, pages: int) -> bool:
    """A finished part: a readable PDF with the expected number of pages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(path, strict=False).pages) == pages
    except (OSError, PyPdfError, ValueError, KeyError):
        return False


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class LeaseLost(Exception):
    """Another worker took over this batch (ours was presumed dead); stop without writing."""


def worker_id() -> str:
    """Who holds a lease: host, process and a random tag (pids are reused after a restart)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"


def _expired_lease() -> Q:
    cutoff = lease_cutoff()
    return Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)


def take_lease(batch_id: int, owner: str) -> bool:
    """Become the one worker of a batch: a single conditional UPDATE claims the lease, so
    of two workers racing for a free or expired lease exactly one gets it; the batch then
    moves to "Đang tạo" through its state table in the same transaction."""
    free = Q(lease_owner="") | Q(lease_owner=owner) | ~Q(status=BatchStatus.RUNNING)
    with transaction.atomic():
        claimed = (
            CertificateBatch.objects.filter(pk=batch_id)
            .exclude(status=BatchStatus.DONE)
            .filter(free | _expired_lease())
            .update(lease_owner=owner, heartbeat_at=timezone.now(), error="")
        )
        if claimed != 1:
            return False
        batch = CertificateBatch.objects.select_related("decision__issuer").get(pk=batch_id)
        CERTIFICATE_BATCH.apply(
            batch, "run", None, unit=batch.decision.issuer, data={"worker": owner}
        )
    return True


def _release_lease(batch_id: int, owner: str, action: str, actor=None, data=None, **fields):
    """The holder of the lease ends its run: the fields and the move `action` are written
    only if `owner` still holds the lease. Returns the batch, or None if it lost it."""
    with transaction.atomic():
        released = CertificateBatch.objects.filter(pk=batch_id, lease_owner=owner).update(
            lease_owner="", **fields
        )
        if not released:
            return None
        batch = CertificateBatch.objects.select_related("decision__issuer").get(pk=batch_id)
        CERTIFICATE_BATCH.apply(batch, action, actor, unit=batch.decision.issuer, data=data)
    return batch


def renew_lease(batch_id: int, owner: str, **progress) -> None:
    """Heartbeat (with the progress made); raises LeaseLost if another worker took over."""
    renewed = CertificateBatch.objects.filter(pk=batch_id, lease_owner=owner).update(
        heartbeat_at=timezone.now(), **progress
    )
    if renewed != 1:
        raise LeaseLost(f"Lô in {batch_id} đã do tiến trình khác tạo tiếp.")


def stalled_batches(qs: QuerySet | None = None) -> QuerySet:
    """Batches "đang tạo" whose worker stopped renewing its lease."""
    qs = CertificateBatch.objects.all() if qs is None else qs
    return qs.filter(status=BatchStatus.RUNNING).filter(_expired_lease())


def resume_stalled_batches(qs: QuerySet | None = None) -> list[int]:
    """Queue each stalled batch again, at most once per lease period (pages that poll every
    second, two open tabs and the periodic command do not queue it twice)."""
    queued = []
    for pk in stalled_batches(qs).values_list("pk", flat=True):
        not_queued_lately = Q(resume_queued_at__isnull=True) | Q(
            resume_queued_at__lt=lease_cutoff()
        )
        claimed = (
            stalled_batches(CertificateBatch.objects.filter(pk=pk))
            .filter(not_queued_lately)
            .update(resume_queued_at=timezone.now())
        )
        if claimed:
            batch = CertificateBatch.objects.select_related("decision").get(pk=pk)
            audit.record(
                batch,
                "registry.batch.resumed",
                None,
                unit=batch.decision.issuer,
                data={"reason": "stalled", "done": batch.done, "total": batch.total},
            )
            log.warning(
                "Lô in %s bị gián đoạn (tiến trình %s); xếp hàng chạy tiếp", pk, batch.lease_owner
            )
            _enqueue_after_commit(pk)
            queued.append(pk)
    return queued


def resume_batch(batch: CertificateBatch, user) -> CertificateBatch:
    """The "Tiếp tục tạo" button: queue a failed or stalled batch again."""
    _require_print(user, batch.decision)
    batch.refresh_from_db()
    if batch.status == BatchStatus.DONE:
        raise RegistryError("Lô in đã tạo xong; không cần chạy tiếp.")
    if batch.status == BatchStatus.RUNNING and not batch.is_stalled:
        raise RegistryError("Lô in đang được tạo; xin chờ trong giây lát.")
    with transaction.atomic():
        CertificateBatch.objects.filter(pk=batch.pk).update(resume_queued_at=timezone.now())
        audit.record(
            batch,
            "registry.batch.resumed",
            user,
            unit=batch.decision.issuer,
            data={"reason": batch.status, "done": batch.done, "total": batch.total},
        )
    _enqueue_after_commit(batch.pk)
    return batch


def _enqueue_after_commit(batch_id: int) -> None:
    from .tasks import enqueue_generation

    transaction.on_commit(lambda: enqueue_generation(batch_id))


def run_batch(batch_id: int, owner: str | None = None) -> CertificateBatch:
    """Generate the remaining parts, then merge. Safe to call again after any failure, and
    from several workers at once: only the holder of the lease writes."""
    owner = owner or worker_id()
    batch = CertificateBatch.objects.select_related("decision", "decision__issuer").get(pk=batch_id)
    if batch.status == BatchStatus.DONE:
        return batch
    if not take_lease(batch.pk, owner):
        log.info("Lô in %s đang do tiến trình %s tạo", batch.pk, batch.lease_owner)
        batch.refresh_from_db()
        return batch
    decision = batch.decision
    try:
        ensure_certificates(decision, batch.created_by)
        awards = list(
            _decision_awards(decision)
            .select_related("certificate", "person")
            .order_by("certificate__serial")
        )
        batch.total = len(awards)
        folder = batch_dir(batch)
        folder.mkdir(parents=True, exist_ok=True)
        size = batch.part_size
        parts = [awards[i : i + size] for i in range(0, len(awards), size)]
        done_parts = []
        for index, chunk in enumerate(parts):
            path = folder / f"part-{index:05d}.pdf"
            if not (path.exists() and _part_ok(path, len(chunk))):
                _write_atomic(path, render_awards(decision, chunk, batch.use_blank))
            done_parts.append(index)
            batch.done = min(batch.total, (index + 1) * size)
            batch.parts_done = done_parts
            with transaction.atomic():
                renew_lease(
                    batch.pk, owner, done=batch.done, total=batch.total, parts_done=done_parts
                )
                CertificateBatchPart.objects.bulk_create(
                    [
                        CertificateBatchPart(
                            batch=batch, index=index, pages=len(chunk), written_by=owner
                        )
                    ],
                    ignore_conflicts=True,
                )
        final = folder / f"giay-khen-qd-{decision.pk}.pdf"
        pages = _merge(folder, len(parts), final)
        if pages != len(awards):
            raise RegistryError(f"Tệp gộp có {pages} trang, cần {len(awards)} trang.")
    except LeaseLost:
        log.warning("Lô in %s: tiến trình %s mất quyền tạo, dừng", batch.pk, owner)
        batch.refresh_from_db()
        return batch
    except Exception as exc:
        error = str(exc)[:2000]
        _release_lease(batch.pk, owner, "failed", data={"error": error[:200]}, error=error)
        log.exception("Lô in %s dừng giữa chừng", batch.pk)
        raise
    with transaction.atomic():
        finished = _release_lease(
            batch.pk,
            owner,
            "done",
            batch.created_by,
            data={"pages": pages},
            file=str(final.relative_to(settings.MEDIA_ROOT)),
            page_count=pages,
            finished_at=timezone.now(),
            error="",
            done=batch.done,
            total=batch.total,
            parts_done=done_parts,
            heartbeat_at=timezone.now(),
        )
        if finished is None:  # another worker took over and finishes (or finished) the batch
            batch.refresh_from_db()
            return batch
        batch = finished
        if batch.created_by:
            notify(
                [batch.created_by],
                f"Đã tạo xong {pages} giấy khen, bằng khen của {decision}.",
                f"/so-khen-thuong/lo-in/{batch.pk}/",
            )
    return batch


SIGNED_BATCH_SUFFIX = "-ky-so.pdf"


def batch_is_sealed(batch: CertificateBatch) -> bool:
    return batch.file.endswith(SIGNED_BATCH_SUFFIX)


def seal_batch(batch: CertificateBatch, user) -> CertificateBatch:
    """Sign a finished batch PDF with the issuing organisation's certificate (invisible
    signature, the certificates carry the seal image already). The signed file is written
    beside the merged one and the batch points to it; on any refusal nothing changes."""
    from thidua.signing import services as signing
    from thidua.signing.errors import SigningRefused

    decision = batch.decision
    _require_print(user, decision)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise RegistryError("Lô in chưa tạo xong: chưa ký số được.")
    if batch_is_sealed(batch):
        raise RegistryError("Lô in đã được ký số.")
    source = Path(settings.MEDIA_ROOT) / batch.file
    try:
        signed = signing.seal_document(
            source.read_bytes(),
            unit=decision.issuer,
            reason=f"Giấy khen, bằng khen theo Quyết định số {decision.number_display}",
        )
    except SigningRefused as exc:
        raise RegistryError(f"Không ký số được lô in: {exc.message_text}") from exc
    target = source.with_name(source.stem + SIGNED_BATCH_SUFFIX)
    _write_atomic(target, signed)
    try:
        with transaction.atomic():
            CertificateBatch.objects.filter(pk=batch.pk).update(
                file=str(target.relative_to(settings.MEDIA_ROOT))
            )
            audit.record(batch, "certificate_batch_sealed", user, unit=decision.issuer)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    batch.refresh_from_db()
    return batch


def _merge(folder: Path, count: int, final: Path) -> int:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for index in range(count):
        writer.append(PdfReader(folder / f"part-{index:05d}.pdf"))
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    tmp = final.with_name(final.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    return len(PdfReader(final).pages)
