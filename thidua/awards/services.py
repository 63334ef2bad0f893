"""Decision transitions (draft → signed → amended / revoked) and payments.

The standing body drafts a decision from the lines the council approved; only the chairman
signs. Signing takes the next number of the issuer's year under a row lock, fixes the
money on the decision date, stores the SHA-256 of the canonical content, creates the
registry rows (Award) and marks the dossiers decided. A signed decision never changes
(`Decision.save` refuses); a correction is a new decision that amends or revokes it.

Lock order (every path that changes a decision takes its row locks in this order, so two
transactions never wait on each other in a cycle — issue #10 item 13):

1. the decision a correction refers to (the original being amended or revoked);
2. the decision itself (``_lock_decision``, ``FOR UPDATE OF`` the decision row only — never
   the joined issuer row, which the audit insert of the other transaction needs);
3. its lines, by primary key (``_lock_lines``);
4. the issuer's number counter (``next_number``).

A path re-reads the status under its locks before deciding anything.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.core import audit
from thidua.core.documents import ConversionError, award_display_name, docx_to_pdf
from thidua.core.notify import notify
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.core.states import transition
from thidua.core.text import fold
from thidua.council.enums import ItemResult, SessionStatus
from thidua.council.models import AgendaItem
from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.services import mark_decided
from thidua.legal import read as legal
from thidua.signing import services as signing
from thidua.signing.errors import SigningRefused

from . import amounts
from .errors import DecisionError
from .models import Award, Decision, DecisionCounter, DecisionKind, DecisionLine, DecisionStatus
from .states import DECISION

DECIDABLE_DOSSIER_STATUSES = (DossierStatus.APPROVED, DossierStatus.DISCLOSED)
SIGN_MODES = {
    "": "Chủ tịch ký trực tiếp",
    "TM.": "TM. Ủy ban nhân dân",
    "KT.": "KT. Chủ tịch (Phó Chủ tịch ký)",
}
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # base32 without 0/O/1/I


# ---- guards ------------------------------------------------------------------------------


def _covers(user, role: str, unit) -> bool:
    scope = scope_for(user)
    units = scope.roles.get(role) or set()
    if not units:
        return False
    from thidua.org.models import Unit

    for u in Unit.objects.filter(pk__in=units):
        if any(unit.path.startswith(p) for p in u.lineage_paths()):
            return True
    return False


def require_drafter(user, issuer) -> None:
    if scope_for(user).is_global or _covers(user, Role.STANDING_BODY, issuer):
        return
    raise DecisionError(
        "Chỉ cơ quan thường trực Hội đồng TĐKT được soạn thảo quyết định khen thưởng."
    )


def require_signer(user, issuer) -> None:
    """Only the chairman of the issuing authority signs (not even an administrator)."""
    if not _covers(user, Role.CHAIRMAN, issuer):
        raise DecisionError("Chỉ Chủ tịch Ủy ban nhân dân được ký ban hành quyết định khen thưởng.")


def require_issuer_in_force(issuer, on: date, action: str) -> None:
    """A unit whose validity ended (the district level on 30/06/2025), or that did not yet
    exist, cannot draft, amend or sign anything dated outside its life (issue #14 item 4)."""
    if issuer.valid_to and on > issuer.valid_to:
        successor = successor_on(issuer, on)
        after = (
            f"; văn bản ngày này do {successor.name} ban hành"
            if successor is not None and successor.pk != issuer.pk
            else ""
        )
        raise DecisionError(
            f"{issuer.name} đã chấm dứt hoạt động sau ngày {issuer.valid_to:%d/%m/%Y}: không "
            f"{action} được văn bản ngày {on:%d/%m/%Y}{after}."
        )
    if issuer.valid_from and on < issuer.valid_from:
        raise DecisionError(
            f"{issuer.name} hoạt động từ ngày {issuer.valid_from:%d/%m/%Y}: không {action} "
            f"được văn bản ngày {on:%d/%m/%Y}."
        )


def successor_on(unit, on: date):
    """The unit that acts for `unit` on `on`: itself while in force, else its successor
    (followed through later mergers); None when the chain ends without one."""
    seen = set()
    while unit is not None and unit.pk not in seen:
        if unit.valid_to is None or on <= unit.valid_to:
            return unit
        seen.add(unit.pk)
        unit = unit.successor
    return None


def _require_draft(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise DecisionError(
            f"Quyết định {decision.number_display} đã ký ban hành, không được sửa; muốn đính chính, "
            "xin soạn quyết định sửa đổi hoặc thu hồi."
        )


def _lock_decision(pk: int) -> Decision:
    """Lock step 2: the decision row (not the rows joined to it)."""
    return Decision.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=pk)


def _lock_lines(decision: Decision) -> list[DecisionLine]:
    """Lock step 3: the decision's lines, by primary key."""
    return list(
        DecisionLine.objects.select_for_update(of=("self",))
        .filter(decision=decision)
        .select_related("nominee__dossier")
        .order_by("pk")
    )


# ---- wording -----------------------------------------------------------------------------


def committee(unit) -> str:
    return f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}"


def default_grounds(issuer, on: date, campaign=None, session=None) -> str:
    """Căn cứ lines by the law in force on the decision date (`legal.grounds_for`: the law
    on local government, the Law on Emulation and Commendation with its amendments, the
    decree and circular detailing it, each named fully), then the plan and the minutes."""
    lines = legal.ground_lines(on, issuer.kind)
    if campaign is not None:
        ref = f"số {campaign.number} " if campaign.number else ""
        when = f"ngày {campaign.doc_date:%d/%m/%Y} " if campaign.doc_date else ""
        lines.append(
            f"Căn cứ Kế hoạch {ref}{when}của {committee(campaign.issuer)} về {campaign_phrase(campaign)}"
        )
    if session is not None:
        lines.append(
            f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng ngày {session.date:%d/%m/%Y}"
        )
    return "\n".join(lines)


def default_proposal_line(issuer) -> str:
    noivu = next((u for u in issuer.children.all() if "noi_vu" in (u.tags or [])), None)
    if noivu is None:
        return "Theo đề nghị của cơ quan thường trực Hội đồng Thi đua - Khen thưởng"
    return f"Theo đề nghị của Trưởng {noivu.name[0].lower()}{noivu.name[1:]}"


def campaign_phrase(campaign) -> str:
    """'đợt thi đua đặc biệt chào mừng …' from a plan title such as 'Phát động Đợt thi đua …'."""
    title = " ".join(campaign.title.split())
    for prefix in ("kế hoạch", "phát động", "tổ chức"):
        if title.lower().startswith(prefix + " "):
            title = title[len(prefix) + 1 :]
    return title[:1].lower() + title[1:]


def decision_title(campaign, forms: list[str]) -> str:
    what = ", ".join(dict.fromkeys(forms)) or "khen thưởng"
    if campaign is None:
        return f"Về việc tặng {what}"[:500]
    text = f"Về việc tặng {what} cho các tập thể, cá nhân đạt thành tích xuất sắc trong {campaign_phrase(campaign)}"
    return text[:500]


# ---- reads -------------------------------------------------------------------------------


def approved_items(authority, session=None, campaign=None):
    """Council-approved lines of decidable dossiers that no live decision holds yet."""
    qs = AgendaItem.objects.filter(
        session__authority=authority,
        session__status=SessionStatus.CLOSED,
        result=ItemResult.APPROVED,
        nominee__dossier__status__in=DECIDABLE_DOSSIER_STATUSES,
    ).exclude(
        nominee__decision_lines__decision__status__in=[DecisionStatus.DRAFT, DecisionStatus.SIGNED]
    )
    if session is not None:
        qs = qs.filter(session=session)
    if campaign is not None:
        qs = qs.filter(session__campaign=campaign)
    return qs.select_related(
        "session__authority",
        "nominee__dossier__proposer",
        "nominee__person__unit",
        "nominee__unit",
        "nominee__household__unit",
    ).order_by("form_code", "order", "pk")


def period_key_for(decision_or_campaign, on: date) -> str:
    campaign = getattr(decision_or_campaign, "campaign", decision_or_campaign)
    if campaign is not None and getattr(campaign, "pk", None):
        return f"PT{campaign.pk}"
    return str(on.year)


def _line_from_item(item: AgendaItem, order: int, period_key: str) -> DecisionLine:
    n = item.nominee
    if n.person_id:
        unit = n.person.unit
        position = n.person.position
    elif n.household_id:
        unit, position = n.household.unit, ""
    elif n.unit_id:
        unit, position = n.unit, ""
    else:
        unit, position = n.dossier.proposer, ""
    subject = n.subject_kind
    return DecisionLine(
        nominee=n,
        form_code=item.form_code,
        form_name=award_display_name(item.form_code, item.form_name, item.session.authority),
        subject_kind=subject,
        person_id=n.person_id,
        unit_id=n.unit_id,
        household_id=n.household_id,
        awardee_name=n.name,
        awardee_unit=unit,
        awardee_unit_name=unit.name,
        position=position,
        wording=n.certificate_wording or n.achievements[:500],
        period_key=period_key,
        order=order,
    )


def totals(decision: Decision) -> dict:
    lines = list(decision.lines.all())
    return {
        "count": len(lines),
        "amount": sum(ln.amount for ln in lines),
        "individual": sum(1 for ln in lines if ln.subject_kind == "individual"),
        "collective": sum(1 for ln in lines if ln.subject_kind in ("collective", "locality")),
        "household": sum(1 for ln in lines if ln.subject_kind == "household"),
    }


# ---- drafting ----------------------------------------------------------------------------


def draft_from_session(
    session,
    actor,
    *,
    on: date | None = None,
    item_ids: list[int] | None = None,
    sign_mode: str = "",
    signer_title: str = "CHỦ TỊCH",
    signer_name: str = "",
) -> Decision:
    """A draft decision from the lines the council approved at `session`."""
    issuer = session.authority
    require_drafter(actor, issuer)
    if session.status != SessionStatus.CLOSED:
        raise DecisionError(
            "Phiên họp Hội đồng chưa kết thúc: chưa có kết quả để dự thảo quyết định."
        )
    if sign_mode not in SIGN_MODES:
        raise DecisionError("Thẩm quyền ký không hợp lệ (để trống, TM. hoặc KT.).")
    items = approved_items(issuer, session=session)
    if item_ids is not None:
        items = items.filter(pk__in=item_ids)
    items = list(items)
    if not items:
        raise DecisionError(
            "Không còn đối tượng nào được Hội đồng thông qua mà chưa có quyết định."
        )
    # A draft takes the date of the meeting it comes from, never today's date.
    on = on or session.date
    require_issuer_in_force(issuer, on, "dự thảo")
    campaign = session.campaign
    with transaction.atomic():
        decision = Decision.objects.create(
            issuer=issuer,
            campaign=campaign,
            session=session,
            year=on.year,
            doc_date=on,
            symbol=f"QĐ-{issuer.doc_abbreviation or 'UBND'}",
            title=decision_title(
                campaign, [award_display_name(i.form_code, i.form_name, issuer) for i in items]
            ),
            legal_grounds=default_grounds(issuer, on, campaign, session),
            proposal_line=default_proposal_line(issuer),
            signer_name=signer_name or (session.chair.full_name if session.chair else ""),
            signer_title=signer_title or "CHỦ TỊCH",
            sign_mode=sign_mode,
            created_by=actor,
        )
        period = period_key_for(decision, on)
        lines = [_line_from_item(item, i, period) for i, item in enumerate(items, start=1)]
        for ln in lines:
            ln.decision = decision
        decision.base_salary = amounts.compute(lines, on)
        DecisionLine.objects.bulk_create(lines)
        decision.save(update_fields=["base_salary"])
        audit.record(
            decision,
            "awards.decision.drafted",
            actor,
            unit=issuer,
            to_state=DecisionStatus.DRAFT,
            data={"session": session.pk, "lines": len(lines)},
        )
    _notify_chairman(decision, f"Dự thảo quyết định “{decision.title[:120]}” chờ ký.")
    return decision


def update_draft(
    decision: Decision,
    actor,
    *,
    on: date | None = None,
    title: str | None = None,
    signer_name: str | None = None,
    signer_title: str | None = None,
    sign_mode: str | None = None,
    legal_grounds: str | None = None,
) -> Decision:
    require_drafter(actor, decision.issuer)
    _require_draft(decision)
    if sign_mode is not None and sign_mode not in SIGN_MODES:
        raise DecisionError("Thẩm quyền ký không hợp lệ (để trống, TM. hoặc KT.).")
    with transaction.atomic():
        decision = _lock_decision(decision.pk)  # lock step 2; _redate takes step 3
        _require_draft(decision)
        if on is not None and on != decision.doc_date:
            _redate(decision, on)
        for field, value in (
            ("title", title),
            ("signer_name", signer_name),
            ("signer_title", signer_title),
            ("sign_mode", sign_mode),
            ("legal_grounds", legal_grounds),
        ):
            if value is not None:
                setattr(decision, field, value.strip())
        if not decision.title:
            raise DecisionError("Xin nhập trích yếu của quyết định.")
        decision.save()
        audit.record(decision, "awards.decision.updated", actor, unit=decision.issuer)
    return decision


def _redate(decision: Decision, on: date) -> None:
    """Move a draft to another date: grounds (if not edited) and money follow the date."""
    require_issuer_in_force(decision.issuer, on, "ghi ngày")
    old_auto = (
        default_grounds(decision.issuer, decision.doc_date, decision.campaign, decision.session)
        if decision.doc_date
        else None
    )
    if decision.legal_grounds == old_auto or not decision.legal_grounds:
        if decision.kind == DecisionKind.AWARD:
            decision.legal_grounds = default_grounds(
                decision.issuer, on, decision.campaign, decision.session
            )
        else:
            decision.legal_grounds = default_grounds(decision.issuer, on)
    decision.doc_date, decision.year = on, on.year
    lines = _lock_lines(decision)  # the caller holds the decision's lock (step 2)
    if lines:
        decision.base_salary = amounts.compute(lines, on)
        DecisionLine.objects.bulk_update(
            lines, ["coefficient", "amount", "money_note", "form_kind"]
        )


def _locked_line(line: DecisionLine) -> tuple[Decision, DecisionLine]:
    """Lock the line's decision (step 2), check it is still a draft, then the line (step 3)."""
    decision = _lock_decision(line.decision_id)
    _require_draft(decision)
    locked = DecisionLine.objects.select_for_update(of=("self",)).filter(pk=line.pk).first()
    if locked is None:
        raise DecisionError(f"“{line.awardee_name}” đã được bỏ khỏi dự thảo trước đó.")
    return decision, locked


def update_line(
    line: DecisionLine, actor, *, awardee_name: str | None = None, wording: str | None = None
) -> None:
    require_drafter(actor, line.decision.issuer)
    _require_draft(line.decision)
    if awardee_name is not None and not awardee_name.strip():
        raise DecisionError("Tên người, tập thể được khen không được để trống.")
    with transaction.atomic():
        decision, locked = _locked_line(line)
        if awardee_name is not None:
            locked.awardee_name = " ".join(awardee_name.split())
        if wording is not None:
            locked.wording = wording.strip()
        locked.save()
        audit.record(
            decision,
            "awards.decision.line_updated",
            actor,
            unit=decision.issuer,
            data={"line": locked.pk},
        )
    line.awardee_name, line.wording = locked.awardee_name, locked.wording


def remove_line(line: DecisionLine, actor) -> None:
    require_drafter(actor, line.decision.issuer)
    _require_draft(line.decision)
    with transaction.atomic():
        decision, locked = _locked_line(line)
        data = {"line": locked.pk, "name": locked.awardee_name}
        locked.delete()
        audit.record(
            decision, "awards.decision.line_removed", actor, unit=decision.issuer, data=data
        )


PENDING_CORRECTION = "Đã có một dự thảo sửa đổi/thu hồi quyết định này đang chờ ký."


def _correction(
    original: Decision, actor, kind: str, reason: str, on: date | None = None
) -> Decision:
    """A draft amending or revoking `original`, dated `on` (the correction's own decision
    date, today when not given): its money is computed on that date and again at signing.

    When the original issuer no longer exists on that date (a district after 30/06/2025),
    the correction is issued by its successor, under the law in force on its own date."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("Xin nêu lý do sửa đổi hoặc thu hồi quyết định.")
    on = on or timezone.localdate()
    issuer = successor_on(original.issuer, on)
    if issuer is None:
        raise DecisionError(
            f"{original.issuer.name} đã chấm dứt hoạt động sau ngày "
            f"{original.issuer.valid_to:%d/%m/%Y} và chưa có đơn vị kế thừa: không sửa đổi, thu "
            f"hồi được quyết định vào ngày {on:%d/%m/%Y}."
        )
    require_drafter(actor, issuer)
    require_issuer_in_force(issuer, on, "sửa đổi, thu hồi")
    verb = "Sửa đổi" if kind == DecisionKind.AMEND else "Thu hồi"
    try:
        with transaction.atomic():
            # Lock step 1: the original, so simultaneous requests queue here and the second
            # sees the first one's draft; the unique constraints back this up.
            original = _lock_decision(original.pk)
            decision = _create_correction(original, actor, kind, reason, on, verb, issuer)
    except IntegrityError as exc:
        raise DecisionError(PENDING_CORRECTION) from exc
    _notify_chairman(decision, f"Dự thảo “{decision.title[:120]}” chờ ký.")
    return decision


def _create_correction(original, actor, kind, reason, on, verb, issuer=None) -> Decision:
    issuer = issuer or original.issuer
    if original.status != DecisionStatus.SIGNED:
        raise DecisionError(
            "Chỉ sửa đổi hoặc thu hồi được quyết định đang có hiệu lực (đã ký, chưa bị thay thế)."
        )
    if original.doc_date and on < original.doc_date:
        raise DecisionError(
            f"Ngày của quyết định đính chính không được trước ngày {original.doc_date:%d/%m/%Y} "
            "của quyết định được sửa đổi, thu hồi."
        )
    pending = Decision.objects.filter(status=DecisionStatus.DRAFT)
    if pending.filter(amends=original).exists() or pending.filter(revokes=original).exists():
        raise DecisionError(PENDING_CORRECTION)
    ref = f"Quyết định số {original.number_display} ngày {original.doc_date:%d/%m/%Y}"
    successor = issuer.pk != original.issuer_id
    decision = Decision.objects.create(
        issuer=issuer,
        campaign=original.campaign,
        session=original.session,
        year=on.year,
        doc_date=on,
        symbol=f"QĐ-{issuer.doc_abbreviation or 'UBND'}" if successor else original.symbol,
        title=f"Về việc {verb.lower()} {ref} của {committee(original.issuer)}"[:500],
        legal_grounds=default_grounds(issuer, on)
        + f"\nCăn cứ {ref} của {committee(original.issuer)}",
        proposal_line=default_proposal_line(issuer) if successor else original.proposal_line,
        signer_name="" if successor else original.signer_name,
        signer_title="CHỦ TỊCH" if successor else original.signer_title,
        sign_mode="" if successor else original.sign_mode,
        kind=kind,
        reason=reason,
        amends=original if kind == DecisionKind.AMEND else None,
        revokes=original if kind == DecisionKind.REVOKE else None,
        created_by=actor,
    )
    if kind == DecisionKind.AMEND:
        lines = []
        for ln in original.lines.all():
            ln.pk, ln.id, ln.decision_id, ln._state.adding = None, None, decision.pk, True
            lines.append(ln)
        decision.base_salary = amounts.compute(lines, on)
        problems = amounts.unsignable(lines, on)
        if problems:
            # Never a line printed at 0 đ: the amendment is refused, nothing is kept.
            raise DecisionError(
                f"Không soạn được quyết định sửa đổi ngày {on:%d/%m/%Y}: "
                + "; ".join(problems)
                + ". Hình thức khen thưởng không còn hiệu lực vào ngày này; chỉ thu hồi "
                "hoặc sửa đổi theo hình thức đang có hiệu lực."
            )
        DecisionLine.objects.bulk_create(lines)
        decision.save(update_fields=["base_salary"])
    audit.record(
        decision,
        f"awards.decision.{kind}_drafted",
        actor,
        unit=decision.issuer,
        reason=reason,
        data={"original": original.pk},
    )
    return decision


def draft_amendment(original: Decision, actor, reason: str, on: date | None = None) -> Decision:
    return _correction(original, actor, DecisionKind.AMEND, reason, on)


def draft_revocation(original: Decision, actor, reason: str, on: date | None = None) -> Decision:
    return _correction(original, actor, DecisionKind.REVOKE, reason, on)


# ---- signing -----------------------------------------------------------------------------


def next_number(issuer, year: int) -> int:
    """Take the issuer's next number for the year under a row lock (01 on 1 January)."""
    counter = DecisionCounter.objects.select_for_update().filter(issuer=issuer, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                DecisionCounter.objects.create(issuer=issuer, year=year, last_number=0)
        except IntegrityError:
            pass  # another transaction created it first; lock it below
        counter = DecisionCounter.objects.select_for_update().get(issuer=issuer, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def new_verification_code(length: int = 10) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
        if not Award.objects.filter(verification_code=code).exists():
            return code


def item_kind_for(form_code: str) -> str:
    if form_code.startswith("co_thi_dua"):
        return "Cờ thi đua"
    if form_code.startswith("bang_khen"):
        return "Khung Bằng khen"
    if form_code.startswith("giay_khen"):
        return "Khung Giấy khen"
    return "Giấy chứng nhận"


def sign(decision: Decision, actor, *, on: date | None = None, pin: str = "") -> Decision:
    """Sign on `on` (default: the draft's own decision date, never today's date).

    Refused, with nothing changed, when a line's form is not in force on that date or has
    no amount for its awardee: money is never silently 0 đ.

    When the issuer signs digitally (`signing.services.required_for`), the decision is
    rendered once and signed by the signer and then by the organisation (PAdES); the signed
    PDF is the decision, stored before the transaction ends and never rendered again. If
    either signature fails, nothing is kept: the decision stays an unsigned draft and no file
    is written. `pin` unlocks the signer's token when the PIN is not stored."""
    require_signer(actor, decision.issuer)
    _require_draft(decision)
    given = decision
    digital = signing.required_for(decision.issuer)
    stored_pdf: str | None = None
    with transaction.atomic():
        # Lock steps 1 → 2 → 3 (see the module docstring).
        draft = Decision.objects.only("amends_id", "revokes_id").get(pk=decision.pk)
        original_pk = draft.amends_id or draft.revokes_id
        original = _lock_decision(original_pk) if original_pk else None
        decision = _lock_decision(decision.pk)
        _require_draft(decision)
        on = on or decision.doc_date
        if on is None:
            raise DecisionError("Xin nhập ngày ký quyết định.")
        require_issuer_in_force(decision.issuer, on, "ký")
        if on != decision.doc_date or decision.base_salary is None:
            _redate(decision, on)
        lines = _lock_lines(decision)
        if decision.kind != DecisionKind.REVOKE and not lines:
            raise DecisionError("Quyết định chưa có tập thể, cá nhân nào được khen thưởng.")
        if decision.kind != DecisionKind.REVOKE:
            decision.base_salary = amounts.compute(lines, on)
            problems = amounts.unsignable(lines, on)
            if problems:
                raise DecisionError(
                    f"Không ký được quyết định ngày {on:%d/%m/%Y}: "
                    + "; ".join(problems)
                    + ". Xin sửa ngày quyết định hoặc bỏ các dòng này khỏi dự thảo."
                )
            DecisionLine.objects.bulk_update(
                lines, ["coefficient", "amount", "money_note", "form_kind"]
            )
        if original is not None and original.status != DecisionStatus.SIGNED:
            raise DecisionError(
                f"Quyết định {original.number_display} đã bị thay thế hoặc thu hồi trước đó."
            )
        decision.year = on.year
        decision.number = next_number(decision.issuer, on.year)
        decision.signed_at = timezone.now()
        decision.signed_by = actor
        decision.content_hash = decision.compute_hash()
        decision.save()  # the content, still a draft; the status moves below
        signed_pdf = _signed_pdf(decision, actor, pin) if digital else None
        if original is not None:
            Award.objects.filter(decision=original).update(revoked=True)
            correction = "amended" if decision.kind == DecisionKind.AMEND else "revoked"
            transition(
                DECISION,
                original,
                correction,
                actor,
                unit=original.issuer,
                reason=decision.reason,
                data={"by": decision.pk},
            )
        awards = [_award_for(decision, ln, on) for ln in lines]
        for award in awards:
            award.save()
        if decision.kind == DecisionKind.AWARD:
            dossiers = {ln.nominee.dossier_id: ln.nominee.dossier for ln in lines if ln.nominee_id}
            for dossier in dossiers.values():
                if dossier.status in DECIDABLE_DOSSIER_STATUSES:
                    mark_decided(dossier, decision, actor)
        try:
            if signed_pdf is not None:
                stored_pdf = _store_signed_pdf(decision, signed_pdf)
            transition(
                DECISION,
                decision,
                "signed",
                actor,
                unit=decision.issuer,
                data={
                    "number": decision.number_display,
                    "hash": decision.content_hash,
                    "awards": len(awards),
                    "amount": sum(a.amount for a in awards),
                    "digitally_signed": signed_pdf is not None,
                },
            )
        except BaseException:
            if stored_pdf:
                Decision._meta.get_field("pdf").storage.delete(stored_pdf)
            raise
    _notify_staff(decision)
    given.refresh_from_db()
    return decision


def _signed_pdf(decision: Decision, actor, pin: str) -> bytes:
    """Render the decision (number and date fixed) and sign it: the signer, then the issuer."""
    from .documents import decision_docx  # documents imports this module

    try:
        pdf = docx_to_pdf(decision_docx(decision))
    except ConversionError as exc:
        raise DecisionError(f"Không tạo được bản PDF để ký số: {exc}") from exc
    try:
        return signing.sign_document(
            pdf,
            unit=decision.issuer,
            actor=actor,
            signer_name=decision.signer_name,
            pin=pin,
            reason=f"Ký ban hành Quyết định số {decision.number_display}",
        )
    except SigningRefused as exc:
        raise DecisionError(f"Không ký số được quyết định: {exc.message_text}") from exc


SIGNED_SUFFIX = "-ky-so.pdf"


def is_digitally_signed(decision: Decision) -> bool:
    """Whether the stored PDF is the digitally signed decision (written only by `sign`)."""
    return decision.status != DecisionStatus.DRAFT and (decision.pdf.name or "").endswith(
        SIGNED_SUFFIX
    )


def _store_signed_pdf(decision: Decision, data: bytes) -> str:
    """Write the signed PDF once under a new name; the decision points to it."""
    field = Decision._meta.get_field("pdf")
    name = field.generate_filename(decision, f"qd-{decision.pk}{SIGNED_SUFFIX}")
    name = field.storage.save(name, ContentFile(data))
    Decision.objects.filter(pk=decision.pk).update(pdf=name)
    decision.pdf.name = name
    return name


def _award_for(decision: Decision, ln: DecisionLine, on: date) -> Award:
    nominee_free = ln.nominee_id and not Award.objects.filter(nominee_id=ln.nominee_id).exists()
    return Award(
        decision=decision,
        campaign=decision.campaign,
        nominee_id=ln.nominee_id if nominee_free else None,
        line=ln,
        form_code=ln.form_code,
        form_name=ln.form_name,
        subject_kind=ln.subject_kind,
        person_id=ln.person_id,
        unit_id=ln.unit_id,
        household_id=ln.household_id,
        awardee_unit_id=ln.awardee_unit_id,
        awardee_name=ln.awardee_name,
        awardee_unit_name=ln.awardee_unit_name,
        wording=ln.wording,
        award_date=on,
        year=on.year,
        period_key=ln.period_key,
        amount=ln.amount,
        verification_code=new_verification_code(),
        search_text=fold(f"{ln.awardee_name} {ln.awardee_unit_name}"),
        item_kind=item_kind_for(ln.form_code),
    )


def verify_integrity(decision: Decision) -> bool:
    """Whether the stored content still matches the hash taken at signing."""
    return bool(decision.content_hash) and decision.compute_hash() == decision.content_hash


# ---- payments ----------------------------------------------------------------------------


def _payable(awards, actor):
    awards = list(awards)
    if not awards:
        raise DecisionError("Chưa chọn khoản chi nào.")
    for a in awards:
        require_drafter(actor, a.decision.issuer if a.decision_id else a.awardee_unit)
        if a.revoked:
            raise DecisionError(f"Khen thưởng của {a.awardee_name} đã bị thu hồi: không chi.")
        if a.decision_id is None or a.decision.status != DecisionStatus.SIGNED:
            raise DecisionError(f"Khen thưởng của {a.awardee_name} chưa có quyết định có hiệu lực.")
    return awards


def mark_paid(awards, actor, on: date | None = None) -> int:
    on = on or timezone.localdate()
    with transaction.atomic():
        awards = _payable(
            Award.objects.select_for_update(of=("self",))
            .filter(pk__in=[a.pk for a in awards])
            .select_related("decision__issuer"),
            actor,
        )
        for a in awards:
            if a.paid_at:
                raise DecisionError(
                    f"Khoản thưởng của {a.awardee_name} đã chi ngày {a.paid_at:%d/%m/%Y}."
                )
            if a.amount <= 0:
                raise DecisionError(f"{a.awardee_name} không có khoản tiền thưởng để chi.")
            if a.decision.doc_date and on < a.decision.doc_date:
                raise DecisionError("Ngày chi không được trước ngày ký quyết định.")
        for a in awards:
            a.paid_at, a.paid_by = on, actor
            a.save(update_fields=["paid_at", "paid_by"])
            audit.record(
                a,
                "awards.payment.paid",
                actor,
                unit=a.awardee_unit,
                to_state="paid",
                data={"amount": a.amount, "date": on.isoformat()},
            )
    return len(awards)


def mark_items_issued(awards, actor, on: date | None = None) -> int:
    on = on or timezone.localdate()
    with transaction.atomic():
        awards = _payable(
            Award.objects.select_for_update(of=("self",))
            .filter(pk__in=[a.pk for a in awards])
            .select_related("decision__issuer"),
            actor,
        )
        for a in awards:
            if a.item_issued_at:
                raise DecisionError(
                    f"Hiện vật của {a.awardee_name} đã cấp ngày {a.item_issued_at:%d/%m/%Y}."
                )
        for a in awards:
            a.item_issued_at, a.item_issued_by = on, actor
            a.save(update_fields=["item_issued_at", "item_issued_by"])
            audit.record(
                a,
                "awards.item.issued",
                actor,
                unit=a.awardee_unit,
                to_state="issued",
                data={"item": a.item_kind, "date": on.isoformat()},
            )
    return len(awards)


# ---- notifications -----------------------------------------------------------------------


def _users(role: str, unit_ids) -> list:
    from thidua.org.models import RoleAssignment

    return [
        ra.user
        for ra in RoleAssignment.objects.filter(role=role, unit_id__in=unit_ids).select_related(
            "user"
        )
    ]


def _notify_chairman(decision: Decision, message: str) -> None:
    notify(
        _users(Role.CHAIRMAN, [decision.issuer_id]),
        message,
        f"/khen-thuong/quyet-dinh/{decision.pk}/",
    )


def _notify_staff(decision: Decision) -> None:
    units = set(decision.lines.values_list("awardee_unit_id", flat=True))
    users = _users(Role.STANDING_BODY, [decision.issuer_id]) + _users(Role.UNIT_OFFICER, units)
    notify(
        users,
        f"Đã ký ban hành Quyết định số {decision.number_display} ngày {decision.doc_date:%d/%m/%Y}.",
        f"/khen-thuong/quyet-dinh/{decision.pk}/",
    )
