"""Display helpers for dossier pages; the nominee rows of the dossier page.

The dossier page is what every officer's POST on a dossier redirects to, so its per-nominee
parts (`nominee_rows`, `nominee_checklists`) are written here in Python rather than through
template tags row by row: every URL is reversed once per page, the CSRF field is rendered
once, every value goes through `escape` (or a filter that escapes). The HTML is the one the
template wrote (tests/dossiers/test_detail_page.py pins it).
"""

from datetime import timedelta

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

register = template.Library()

_SLOT = 987654321  # stands for the nominee's id in a URL reversed once


@register.filter
def duration_vn(span: timedelta) -> str:
    """'2 ngày 3 giờ', '45 phút', 'dưới 1 phút'."""
    total = int(span.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours:
        parts.append(f"{hours} giờ")
    if minutes and not days:
        parts.append(f"{minutes} phút")
    return " ".join(parts) or "dưới 1 phút"


@register.filter
def category_vn(code: str) -> str:
    from thidua.legal.read import COLLECTIVE_CATEGORIES, PERSON_CATEGORIES

    return PERSON_CATEGORIES.get(code) or COLLECTIVE_CATEGORIES.get(code) or code


def _line_url(name: str, dossier_pk: int):
    """`nid -> URL` for a per-nominee route of this dossier, reversed once."""
    head, tail = reverse(name, args=[dossier_pk, _SLOT]).rsplit(str(_SLOT), 1)
    return lambda nid: f"{head}{nid}{tail}"


def _csrf_field(context) -> str:
    from django.template.defaulttags import CsrfTokenNode

    return CsrfTokenNode().render(context)


def _text(value) -> str:
    return "" if value is None else esc(value)


RESULT_BADGES = {
    "eligible": '<span class="badge ok">Đủ điều kiện</span>',
    "ineligible": '<span class="badge bad">Không đủ điều kiện</span>',
}
PENDING_BADGE = '<span class="badge">Chưa thẩm định</span>'


@register.simple_tag(takes_context=True)
def nominee_rows(context, nominees) -> str:
    """The `<tr>` of each nominee of the dossier page (the template's former loop body):
    the lines as the dossier page reads them (`views._nominees`: the person's position and
    unit, the original dossier of an upward line, the initiatives' titles on each)."""
    d = context["d"]
    editable = bool(context.get("editable"))
    appraising = bool(context.get("is_appraiser") and context.get("in_queue"))
    selected = context.get("bulk_selected") or set()
    csrf = _csrf_field(context)
    edit_url = _line_url("dossiers:nominee_edit", d.pk) if editable else None
    remove_url = _line_url("dossiers:nominee_remove", d.pk) if editable else None
    appraise_url = _line_url("dossiers:appraise_line", d.pk) if appraising else None
    out = []
    for counter, n in enumerate(nominees, start=1):
        name = esc(n.name)
        row = ["<tr>\n"]
        if appraising:
            checked = "checked" if str(n.pk) in selected else ""
            row.append(
                f'<td><input type="checkbox" name="lines" value="{n.pk}" form="bulk-appraise" '
                f'aria-label="Chọn {name}" {checked}></td>'
            )
        row.append(f"\n<td>{counter}</td>\n<td><strong>{name}</strong>")
        if n.person_id is not None:
            unit = n.person_unit_short_name or n.person_unit_name  # Unit.display_name
            row.append(f"<br><small>{esc(n.person_position)} {esc(unit)}</small>")
        row.append("\n")
        if n.origin_dossier_id is not None:
            source_dossier = n.origin_dossier_id
            row.append(
                f'<br><small>Từ <a href="{reverse("dossiers:detail", args=[source_dossier])}">'
                f"hồ sơ số {source_dossier}</a></small>"
            )
        row.append(f"</td>\n<td>{esc(n.get_subject_kind_display())}")
        if n.category:
            row.append(f"<br><small>{esc(category_vn(n.category))}</small>")
        row.append("</td>\n<td>")
        if n.is_woman:
            row.append('<span class="badge">Nữ</span>')
        if n.is_ethnic_minority:
            row.append('<span class="badge">DTTS</span>')
        if n.is_direct_worker:
            row.append('<span class="badge">LĐ trực tiếp</span>')
        row.append(f"</td>\n<td>{_text(n.votes_for)}</td>\n<td>")
        row.append(linebreaksbr(n.achievements, autoescape=True))
        row.append("\n")
        for title in n.initiative_titles:
            row.append(f"<br><small>Sáng kiến: {esc(title)}</small>")
        row.append("\n")
        if editable:
            row.append(
                "<details><summary>Sửa</summary>\n"
                f'<form method="post" action="{edit_url(n.pk)}" class="nominee-edit">{csrf}\n'
                f'<label>Thành tích<textarea name="achievements" rows="3" required>'
                f"{esc(n.achievements)}</textarea></label>\n"
                f'<label>Số phiếu đồng ý<input type="number" name="votes_for" min="0" '
                f'value="{_text(n.votes_for)}"></label>\n'
                f'<input type="hidden" name="category" value="{esc(n.category)}">'
                f'<input type="hidden" name="prior_rating" value="{esc(n.prior_rating)}">\n'
                '<button class="small" type="submit">Lưu</button></form>\n'
                f'<form method="post" action="{remove_url(n.pk)}" '
                f'data-confirm="Bỏ {name} khỏi hồ sơ?">{csrf}'
                '<button class="outline secondary small" type="submit">Bỏ khỏi hồ sơ</button>'
                "</form>\n</details>"
            )
        row.append("</td>\n<td>")
        row.append(RESULT_BADGES.get(n.result, PENDING_BADGE))
        row.append("\n")
        if n.result_reason:
            row.append(f"<br><small>{esc(n.result_reason)}</small>")
        if n.certificate_wording:
            row.append(f"<br><small><em>{esc(n.certificate_wording)}</em></small>")
        row.append("\n")
        if appraising:
            row.append(
                f'\n<form method="post" action="{appraise_url(n.pk)}" class="line-form">{csrf}\n'
                f'<select name="result" aria-label="Kết quả {name}" required>'
                '<option value="">— Kết quả —</option><option value="eligible">Đủ điều kiện'
                '</option><option value="ineligible">Không đủ điều kiện</option></select>\n'
                f'<input name="reason" placeholder="Lý do" aria-label="Lý do {name}">'
                '<input name="wording" placeholder="Nội dung ghi trên bằng, giấy khen" '
                f'aria-label="Nội dung khen {name}">\n'
                '<button class="small" type="submit">Ghi kết quả</button></form>'
            )
        row.append("</td>\n</tr>")
        out.append("".join(row))
    return mark_safe("".join(out))


@register.simple_tag
def nominee_checklists(nominees, items) -> str:
    """The appraiser's per-line checklist fieldsets of the dossier page."""
    out = []
    for n in nominees:
        checklist = n.checklist if isinstance(n.checklist, dict) else {}
        out.append(f"<fieldset><legend>{esc(n.name)}</legend>")
        for key, label in items:
            checked = "checked" if checklist.get(key, "") else ""
            out.append(
                f'<label><input type="checkbox" name="n{n.pk}_{esc(key)}" {checked}> '
                f"{esc(label)}</label>"
            )
        out.append("</fieldset>")
    return mark_safe("".join(out))
