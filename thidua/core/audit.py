"""The one way to write the audit trail; every transition of every app calls `record`."""

import re

from django.contrib.contenttypes.models import ContentType

from .models import AuditEvent


def record(
    obj,
    action: str,
    actor=None,
    *,
    unit=None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Write one audit event. Call inside the transaction that made the change."""
    if unit is None:
        unit = _guess_unit(obj)
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=unit,
    )


def _guess_unit(obj):
    # The model of the event's `unit` field (org.Unit), resolved by Django: core does not
    # import org, one layer above it.
    unit_model = AuditEvent._meta.get_field("unit").related_model
    if isinstance(obj, unit_model):
        return obj
    for attr in ("unit", "authority", "issuer", "proposer"):
        value = getattr(obj, attr, None)
        if isinstance(value, unit_model):
            return value
    return None


# ---- reading the trail: one Vietnamese sentence per event ---------------------------------
#
# Every action code written by `record` has a sentence here (the tests walk every
# `audit.record(...)` call and every state table and fail on a code without one). Fields:
# {actor} the person's full name (or "Hệ thống"), {object} the object as it was named,
# {unit} the unit the event concerns, {from} / {to} the states' Vietnamese labels,
# {reason}; state tables add {verb} (the move's label) and {noun}.

SENTENCES: dict[str, str] = {
    # log in
    "auth.login_failed": "Đăng nhập sai mật khẩu vào tài khoản {object}",
    "auth.locked_out": "Tạm khóa đăng nhập tài khoản {object} sau nhiều lần sai mật khẩu",
    # organisation
    "org.person.created": "{actor} thêm cá nhân {object} vào {unit}",
    "org.person.updated": "{actor} sửa thông tin cá nhân {object}",
    "org.person.imported": "{actor} nhập cá nhân {object} vào {unit} từ tệp Excel",
    "org.unit.created": "{actor} thêm đơn vị {object}",
    "org.unit.imported": "{actor} nhập đơn vị {object} từ tệp Excel",
    "org.unit.moved": "{actor} chuyển đơn vị {object} sang trực thuộc đơn vị mới",
    "org.unit.merged": "{actor} ghi nhận {object} sáp nhập vào {unit}",
    "org.role.moved": "{actor} chuyển vai trò «{to}» của {user_name} sang {unit} sau sáp nhập",
    "role_granted": "{actor} giao vai trò «{to}» cho {user_name} tại {unit}",
    "role_revoked": "{actor} thu hồi vai trò «{from}» của {user_name} tại {unit}",
    # campaigns
    "campaigns.campaign.created": "{actor} lập phong trào «{object}»",
    "campaigns.campaign.imported": "{actor} nhập kế hoạch «{object}» từ văn bản",
    "campaigns.campaign.updated": "{actor} sửa phong trào «{object}»",
    "campaigns.campaign.deadlines_changed": "{actor} sửa các thời hạn của phong trào «{object}»",
    "campaigns.campaign.rules_changed": "{actor} sửa quy tắc số lượng của phong trào «{object}»",
    "campaigns.campaign.launched": "{actor} phát động phong trào «{object}»",
    "campaigns.campaign.started": "{actor} chuyển phong trào «{object}» sang đang thực hiện",
    "campaigns.campaign.closed": "{actor} kết thúc phong trào «{object}»",
    "campaigns.campaign.summarised": "{actor} tổng kết phong trào «{object}»",
    "campaigns.campaign.reopened": "{actor} mở lại phong trào «{object}» đã kết thúc ({reason})",
    # API keys, council members, digital signatures
    "api.token.issued": "{actor} tạo khóa API «{object}»",
    "api.token.revoked": "{actor} thu hồi khóa API «{object}»",
    "council.member.added": "{actor} thêm {object} vào Hội đồng Thi đua - Khen thưởng của {unit}",
    "council.member.account_created": "{actor} tạo tài khoản đăng nhập cho thành viên Hội đồng {object}",
    "council.member.ended": "{actor} kết thúc tư cách thành viên Hội đồng của {object}",
    "signing_credential_added": "{actor} nạp chứng thư số «{object}» để ký số",
    "signing_credential_retired": "{actor} ngừng sử dụng chứng thư số «{object}»",
    "certificate_batch_sealed": "{actor} ký số lô in giấy chứng nhận «{object}» của {unit}",
    # registrations
    "registrations.registration.create": "{actor} lập đăng ký thi đua của {unit}",
    "registrations.registration.submit": "{actor} gửi đăng ký thi đua của {unit} tới trưởng khối",
    "registrations.registration.accepted": "{actor} nhận đăng ký thi đua của {unit}",
    "registrations.registration.returned": "{actor} trả lại đăng ký thi đua của {unit}",
    "registrations.registration.forward": (
        "{actor} gửi đăng ký thi đua của {unit} về cơ quan thường trực"
    ),
    "registrations.block.forward": "{actor} gửi đăng ký của khối {object} về cơ quan thường trực",
    "registrations.indicator.add": "{actor} thêm chỉ tiêu vào đăng ký của {unit}",
    "registrations.work_item.add": "{actor} thêm công trình, phần việc vào đăng ký của {unit}",
    "registrations.event.add": "{actor} thêm sự kiện vào đăng ký của {unit}",
    "registrations.work_item.done": "{actor} ghi hoàn thành công trình, phần việc của {unit}",
    "registrations.event.done": "{actor} ghi hoàn thành sự kiện của {unit}",
    "registrations.progress.report": "{actor} báo cáo tiến độ thực hiện của {unit}",
    "registrations.review.record": "{actor} ghi kết quả đánh giá của {unit}",
    "registrations.prior_rating.set": "{actor} ghi xếp loại năm trước của {unit}: {to}",
    "registrations.check.record": "{actor} ghi kết quả kiểm tra của {unit}",
    "registrations.scheme.create": "{actor} lập thang điểm «{object}»",
    "registrations.scheme.score": "{actor} chấm điểm theo thang điểm cho {unit}",
    "registrations.reminder.before": "Hệ thống nhắc hạn sắp đến cho {unit}",
    "registrations.reminder.after": "Hệ thống nhắc {unit} đã quá hạn",
    # dossiers
    "dossiers.dossier.created": "{actor} lập hồ sơ «{object}» của {unit}",
    "dossiers.dossier.meeting": "{actor} cập nhật thông tin họp xét của hồ sơ «{object}»",
    "dossiers.dossier.submitted": "{actor} nộp hồ sơ «{object}»",
    "dossiers.dossier.resubmitted": "{actor} nộp lại hồ sơ «{object}»",
    "dossiers.dossier.returned": "{actor} trả lại hồ sơ «{object}» để hoàn thiện",
    "dossiers.dossier.assigned": "{actor} phân công thẩm định hồ sơ «{object}»",
    "dossiers.dossier.checklist": "{actor} lưu phiếu kiểm tra hồ sơ «{object}»",
    "dossiers.dossier.comment": "{actor} trao đổi về hồ sơ «{object}»",
    "dossiers.dossier.appraised": "{actor} kết thúc thẩm định hồ sơ «{object}»",
    "dossiers.dossier.rejected": "{actor} kết luận hồ sơ «{object}» không đủ điều kiện",
    "dossiers.dossier.withdrawn": "{actor} rút hồ sơ «{object}»",
    "dossiers.dossier.disclosed": "{actor} công khai danh sách của hồ sơ «{object}»",
    "dossiers.dossier.in_council": "{actor} trình Hội đồng hồ sơ «{object}»",
    "dossiers.dossier.council_approved": "Hội đồng thông qua hồ sơ «{object}»",
    "dossiers.dossier.council_not_approved": "Hội đồng không thông qua hồ sơ «{object}»",
    "dossiers.dossier.decided": "{actor} ghi quyết định khen thưởng cho hồ sơ «{object}»",
    "dossiers.dossier.bundled_upward": "{actor} tổng hợp hồ sơ «{object}» đề nghị cấp trên",
    "dossiers.deadline_exception.opened": "{actor} mở hạn nộp bổ sung cho {unit} đến hết {to}",
    "dossiers.complaint.received": "Tiếp nhận khiếu nại, góp ý «{object}»",
    "dossiers.complaint.answered": "{actor} trả lời khiếu nại, góp ý «{object}»",
    "dossiers.disclosure.published": "{actor} công khai danh sách «{object}»",
    "dossiers.document.uploaded": "{actor} tải lên tài liệu «{object}»",
    "dossiers.document.generated": "{actor} soạn dự thảo tài liệu «{object}»",
    "dossiers.initiative.linked": "{actor} thêm sáng kiến làm căn cứ cho {name} (hồ sơ «{object}»)",
    "dossiers.nominee.added": "{actor} thêm {name} vào hồ sơ «{object}»",
    "dossiers.nominee.changed": "{actor} sửa thông tin {name} trong hồ sơ «{object}»",
    "dossiers.nominee.removed": "{actor} bỏ {name} khỏi hồ sơ «{object}»",
    "dossiers.nominee.appraised": "{actor} thẩm định {name} (hồ sơ «{object}»): {to}",
    "dossiers.nominee.council": "{actor} ghi kết quả Hội đồng cho {name} (hồ sơ «{object}»): {to}",
    # council
    "council.session.created": "{actor} lập phiên họp «{object}»",
    "council.session.agenda_built": "{actor} lập chương trình phiên họp «{object}»",
    "council.session.attendance": "{actor} ghi thành viên dự phiên họp «{object}»",
    "council.session.opened": "{actor} khai mạc phiên họp «{object}»",
    "council.session.closed": "{actor} kết thúc phiên họp «{object}»",
    "council.ballot.cast": "{actor} bỏ phiếu tại phiên họp «{object}»",
    "council.written_votes": "{actor} nhập phiếu bầu bằng văn bản của phiên họp «{object}»",
    # awards
    "awards.decision.drafted": "{actor} soạn dự thảo quyết định «{object}»",
    "awards.decision.amend_drafted": "{actor} soạn dự thảo quyết định sửa đổi «{object}»",
    "awards.decision.revoke_drafted": "{actor} soạn dự thảo quyết định thu hồi «{object}»",
    "awards.decision.award_drafted": "{actor} soạn dự thảo quyết định «{object}»",
    "awards.decision.updated": "{actor} sửa dự thảo quyết định «{object}»",
    "awards.decision.line_updated": "{actor} sửa một dòng của quyết định «{object}»",
    "awards.decision.line_removed": "{actor} bỏ một dòng của quyết định «{object}»",
    "awards.decision.signed": "{actor} ký ban hành quyết định «{object}»",
    "awards.decision.amended": "Quyết định «{object}» được sửa đổi, thay thế",
    "awards.decision.revoked": "Quyết định «{object}» bị thu hồi",
    "awards.item.issued": "{actor} cấp hiện vật khen thưởng cho {object}",
    "awards.payment.paid": "{actor} chi tiền thưởng cho {object}",
    # registry
    "registry.batch.created": "{actor} tạo lô in giấy khen «{object}»",
    "registry.batch.resumed": "{actor} tiếp tục lô in giấy khen «{object}»",
    "registry.batch.run": "{actor} chạy lô in giấy khen «{object}»",
    "registry.batch.done": "Lô in giấy khen «{object}» hoàn thành",
    "registry.batch.failed": "Lô in giấy khen «{object}» gặp lỗi",
    "registry.certificates.numbered": "{actor} cấp số giấy chứng nhận cho «{object}»",
    "registry.layout.saved": "{actor} lưu mẫu in «{object}»",
    "registry.import": "{actor} nhập sổ khen thưởng từ tệp",
    # reports
    "reports.report.saved": "{actor} lưu báo cáo «{object}»",
    "reports.report.published": "{actor} công bố báo cáo «{object}»",
    "reports.report.unpublished": "{actor} thôi công bố báo cáo «{object}»",
    "reports.unit_report.created": "{actor} lập báo cáo của {unit}",
    "reports.unit_report.edited": "{actor} sửa báo cáo của {unit}",
    "reports.unit_report.submitted": "{actor} gửi báo cáo của {unit}",
    "reports.target.value": "{actor} cập nhật giá trị chỉ tiêu «{object}»",
    "reports.milestone.done": "{actor} ghi hoàn thành nhiệm vụ «{object}»",
    "reports.milestone.reopened": "{actor} mở lại nhiệm vụ «{object}»",
    "reports.programme.created": "{actor} lập chương trình «{object}»",
    "reports.milestone.created": "{actor} thêm nhiệm vụ «{object}»",
    "reports.exemplary.created": "{actor} thêm điển hình tiên tiến «{object}»",
    "reports.initiative.created": "{actor} đăng ký sáng kiến «{object}»",
    "reports.inspection_plan.created": "{actor} lập kế hoạch kiểm tra «{object}»",
    "reports.programme.updated": "{actor} sửa chương trình «{object}»",
    "reports.exemplary.awards": "{actor} cập nhật khen thưởng của điển hình «{object}»",
    "reports.exemplary.photo_added": "{actor} thêm ảnh cho điển hình «{object}»",
    "reports.exemplary.published": "{actor} công bố điển hình «{object}»",
    "reports.exemplary.unpublished": "{actor} thôi công bố điển hình «{object}»",
    "reports.exemplary.stage": "{actor} cập nhật giai đoạn của điển hình «{object}»",
    "reports.initiative.evaluated": "{actor} ghi kết quả đánh giá sáng kiến «{object}»",
    "reports.inspection.created": "{actor} lập đợt kiểm tra «{object}»",
    "reports.inspection.finding": "{actor} ghi phát hiện khi kiểm tra «{object}»",
    "reports.inspection.item": "{actor} ghi nội dung kiểm tra «{object}»",
    "reports.inspection.fix_resolved": "{actor} ghi đã khắc phục «{object}»",
}

# State tables and state fields outside them register their Vietnamese labels here
# (`core.states.StateTable` does it itself), keyed by the action prefix.
_STATE_LABELS: dict[str, dict[str, str]] = {}
_MOVES: dict[str, tuple[str, str]] = {}


def register_states(prefix: str, labels, moves: dict[str, str] | None = None, noun: str = ""):
    """`labels` is a TextChoices (value → label); `moves` maps action → verb."""
    _STATE_LABELS.setdefault(prefix, {}).update(dict(labels.choices))
    for action, verb in (moves or {}).items():
        _MOVES[f"{prefix}.{action}"] = (verb, noun)


def state_label(action: str, state: str) -> str:
    """The Vietnamese label of `state` for an event of `action` (its prefix's labels, then
    any registered label, then the roles)."""
    if not state:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", state):  # a date kept as a state: dd/mm/yyyy
        year, month, day = state.split("-")
        return f"{day}/{month}/{year}"
    prefix = action.rsplit(".", 1)[0]
    own = _STATE_LABELS.get(prefix, {})
    if state in own:
        return own[state]
    for labels in _STATE_LABELS.values():
        if state in labels:
            return labels[state]
    from .roles import Role

    if state in Role.values:
        return Role(state).label
    return state


def person_name(user) -> str:
    """A person's name as shown everywhere: the full name, the login only if none."""
    if user is None:
        return "Hệ thống"
    return (user.get_full_name() or "").strip() or user.get_username()


class _Fields(dict):
    def __missing__(self, key):
        return ""


def describe(event) -> str:
    """One Vietnamese sentence for an audit event (never its code)."""
    action = event.action
    fields = _Fields(
        actor=person_name(event.actor),
        object=event.object_repr or "",
        unit=event.unit.name if event.unit_id and event.unit else (event.object_repr or ""),
        reason=event.reason,
    )
    data = event.data if isinstance(event.data, dict) else {}
    fields["user_name"] = str(data.get("user_name") or data.get("user") or "")
    fields["name"] = str(data.get("name") or "một đối tượng")
    fields["from"] = state_label(action, event.from_state)
    fields["to"] = state_label(action, event.to_state)
    if action == "dossiers.dossier.assigned":
        fields["to"] = event.to_state
    template = SENTENCES.get(action)
    if template is None and action in _MOVES:
        verb, noun = _MOVES[action]
        template = "{actor}: " + verb.lower() + f" {noun} «{{object}}»"
    if template is None:
        template = "{actor} cập nhật «{object}»"
    sentence = template.format_map(fields).strip()
    if template.startswith("{actor}"):
        return sentence  # a login name keeps its case
    return sentence[:1].upper() + sentence[1:]


def state_change(event) -> str:
    """'Dự thảo → Đã nộp' in labels, or '' when the event changed no state."""
    if not (event.from_state or event.to_state):
        return ""
    if event.action in _NO_STATE_CHANGE:
        return ""
    after = state_label(event.action, event.to_state) or "—"
    if not event.from_state:
        return after  # created in that state
    return f"{state_label(event.action, event.from_state)} → {after}"


# events whose from/to fields hold something other than a state (an officer, a date)
_NO_STATE_CHANGE = {"dossiers.dossier.assigned", "dossiers.deadline_exception.opened"}
