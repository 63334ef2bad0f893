"""Statutory statistics forms of the Ministry of Home Affairs for emulation and
commendation (TT 02/2023/TT-BNV, biểu 0601–0605), produced from the data for any period.

The layouts (title block, form code top-left, reporting/receiving unit boxes, period,
two-row column headers, column letters/numbers, row codes, totals) are reconstructed:
see docs/statistics-forms.md — check them against the circular before official use.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.core.documents import admin_place, body_name, head_word, is_committee, vn_date_line
from thidua.core.excel import safe_cell
from thidua.legal import read as legal
from thidua.org.enums import UnitKind

RECEIVER = "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"


def receiver(authority) -> str:
    """The body the form goes to: the one above the issuer (a city reports to its province,
    through the province's standing body); a province reports to the Ministry."""
    parent = authority.parent.authority() if authority.parent_id else None
    if parent is None or parent.pk == authority.pk:
        return RECEIVER
    standing = next((u for u in parent.children.all() if "noi_vu" in (u.tags or [])), None)
    body = body_name(parent)
    return f"{body} (qua {standing.name})" if standing else body


LEVEL_ROWS = [
    ("01", "Cấp tỉnh", {UnitKind.PROVINCE}),
    ("02", "Cấp huyện", {UnitKind.CITY}),
    ("03", "Cấp xã", {UnitKind.COMMUNE, UnitKind.WARD}),
    ("04", "Cơ quan, đơn vị khác", None),
]


@dataclass
class Sheet:
    code: str
    title: str
    headers: list  # str or (group, [sub, …])
    rows: list  # (row code, label, [values])
    note: str = ""


def _leaves(headers) -> list[str]:
    out = []
    for h in headers:
        out.extend(h[1] if isinstance(h, tuple) else [h])
    return out


def _level_of(kind: str):
    for code, _label, kinds in LEVEL_ROWS:
        if kinds is None or kind in kinds:
            return code
    return "04"


def _subtree(authority, lookup):
    q = Q(pk__in=[])
    for p in authority.lineage_paths():
        q |= Q(**{f"{lookup}__path__startswith": p})
    return q


# ---- 0601 -------------------------------------------------------------------------------
def form_0601(authority, start: date, end: date) -> Sheet:
    from thidua.campaigns.enums import CampaignKind, CampaignStatus
    from thidua.campaigns.models import Campaign

    qs = (
        Campaign.objects.public()
        .filter(_subtree(authority, "issuer"))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    )
    long_kinds = {CampaignKind.REGULAR, CampaignKind.YEARLY, CampaignKind.PROGRAMME}
    rows = []
    for code, label, _ in LEVEL_ROWS:
        vals = [0] * 8
        for c in qs.select_related("issuer"):
            if _level_of(c.issuer.kind) != code:
                continue
            vals[0] += 1
            vals[1 if c.issuer.is_authority else 2] += 1
            vals[3 if c.kind in long_kinds else 4] += 1
            years = (
                ((c.end_date - c.start_date).days / 365.25) if c.start_date and c.end_date else 0
            )
            vals[5] += 1 if years >= 3 else 0
            vals[6] += 1 if c.status in (CampaignStatus.LAUNCHED, CampaignStatus.RUNNING) else 0
            vals[7] += 1 if c.status in (CampaignStatus.CLOSED, CampaignStatus.SUMMARISED) else 0
        rows.append((code, label, vals))
    headers = [
        "Tổng số phong trào",
        ("Theo phạm vi", ["Toàn địa phương", "Ngành, lĩnh vực"]),
        ("Theo thời gian", ["Thường xuyên, hằng năm", "Theo đợt, chuyên đề", "Từ 3 năm trở lên"]),
        ("Theo phương thức", ["Phát động, đang thực hiện", "Đã sơ kết, tổng kết"]),
    ]
    return Sheet("0601.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA ĐƯỢC PHÁT ĐỘNG", headers, rows)


# ---- 0602 / 0603 -------------------------------------------------------------------------
def _award_rows(authority, start, end, level: str):
    from thidua.awards.models import Award

    # The issuer's own awards (decided by it or by a body inside it, wherever the awardee
    # is now) and the awards its units received.
    qs = Award.objects.filter(revoked=False, award_date__gte=start, award_date__lte=end).filter(
        _subtree(authority, "decision__issuer") | _subtree(authority, "awardee_unit")
    )
    codes = [form.code for form in legal.award_forms() if form.level == level]
    qs = qs.filter(form_code__in=codes)
    ind = Q(subject_kind="individual")
    rows = (
        qs.values("form_code")
        .annotate(
            total=Count("pk"),
            collective=Count("pk", filter=Q(subject_kind__in=["collective", "locality"])),
            individual=Count("pk", filter=ind),
            household=Count("pk", filter=Q(subject_kind="household")),
            direct=Count("pk", filter=ind & Q(person__is_direct_worker=True)),
            women=Count("pk", filter=ind & Q(person__gender="nu")),
            ethnic=Count(
                "pk", filter=ind & Q(person__isnull=False) & ~Q(person__ethnicity__iexact="kinh")
            ),
            merit=Count("pk", filter=Q(nominee__dossier__kind="cong_trang")),
            campaign=Count(
                "pk",
                filter=Q(nominee__dossier__kind="phong_trao")
                | Q(nominee__isnull=True, campaign__isnull=False),
            ),
            sudden=Count("pk", filter=Q(nominee__dossier__kind="dot_xuat")),
            other=Count(
                "pk", filter=Q(nominee__dossier__kind__in=["cong_hien", "nien_han", "doi_ngoai"])
            ),
        )
        .order_by("form_code")
    )
    return list(rows)


_RECIPIENTS = (
    "Theo đối tượng",
    [
        "Tập thể",
        "Cá nhân",
        "Trong đó: lao động trực tiếp",
        "Trong đó: nữ",
        "Trong đó: dân tộc thiểu số",
        "Hộ gia đình",
    ],
)


def form_0602(authority, start, end) -> Sheet:
    rows = [
        (
            f"{i:02d}",
            legal.award_form_name(r["form_code"], short=True),
            [
                r["total"],
                r["collective"],
                r["individual"],
                r["direct"],
                r["women"],
                r["ethnic"],
                r["household"],
            ],
        )
        for i, r in enumerate(_award_rows(authority, start, end, "trung_uong"), start=1)
    ]
    return Sheet("0602.N/BNV-TĐKT", "SỐ KHEN THƯỞNG CẤP NHÀ NƯỚC", ["Tổng số", _RECIPIENTS], rows)


def form_0603(authority, start, end) -> Sheet:
    rows = [
        (
            f"{i:02d}",
            legal.award_form_name(r["form_code"], short=True),
            [
                r["total"],
                r["collective"],
                r["individual"],
                r["direct"],
                r["women"],
                r["ethnic"],
                r["household"],
                r["merit"],
                r["campaign"],
                r["sudden"],
                r["other"],
            ],
        )
        for i, r in enumerate(_award_rows(authority, start, end, "tinh"), start=1)
    ]
    headers = [
        "Tổng số",
        _RECIPIENTS,
        (
            "Theo hình thức (loại hình)",
            [
                "Công trạng, thành tích",
                "Phong trào thi đua (theo đợt, chuyên đề)",
                "Đột xuất",
                "Cống hiến, niên hạn, đối ngoại",
            ],
        ),
    ]
    return Sheet("0603.N/BNV-TĐKT", "SỐ KHEN THƯỞNG CẤP TỈNH", headers, rows)


# ---- 0604 / 0605 -------------------------------------------------------------------------
def form_0604(authority, start, end) -> Sheet:
    from thidua.org.models import CouncilMember

    members = (
        CouncilMember.objects.filter(_subtree(authority, "authority"))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    )
    rows = []
    for code, label, kinds in LEVEL_ROWS:
        m = (
            members.filter(authority__kind__in=kinds)
            if kinds
            else members.exclude(
                authority__kind__in=[k for _, _, ks in LEVEL_ROWS if ks for k in ks]
            )
        )
        councils = m.values("authority").distinct().count()
        rows.append(
            (
                code,
                label,
                [
                    councils,
                    m.count(),
                    m.filter(role="chair").count(),
                    m.filter(role__in=["deputy", "standing"]).count(),
                    m.filter(role="member").count(),
                ],
            )
        )
    headers = [
        "Số Hội đồng TĐKT",
        ("Số thành viên", ["Tổng số", "Chủ tịch", "Phó Chủ tịch, thường trực", "Ủy viên"]),
    ]
    return Sheet(
        "0604.N/BNV-TĐKT", "TỔ CHỨC BỘ MÁY LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG", headers, rows
    )


def form_0605(authority, start, end) -> Sheet:
    from thidua.core.roles import Role
    from thidua.org.models import RoleAssignment

    qs = (
        RoleAssignment.objects.filter(_subtree(authority, "unit"))
        .filter(role__in=[Role.STANDING_BODY, Role.UNIT_OFFICER])
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    )
    rows = []
    for code, label, kinds in LEVEL_ROWS:
        q = (
            qs.filter(unit__kind__in=kinds)
            if kinds
            else qs.exclude(unit__kind__in=[k for _, _, ks in LEVEL_ROWS if ks for k in ks])
        )
        full = q.filter(role=Role.STANDING_BODY).values("user").distinct().count()
        part = q.filter(role=Role.UNIT_OFFICER).values("user").distinct().count()
        rows.append((code, label, [full + part, full, part]))
    headers = [
        "Tổng số",
        ("Trong đó", ["Chuyên trách (cơ quan thường trực)", "Kiêm nhiệm (cán bộ thi đua đơn vị)"]),
    ]
    return Sheet(
        "0605.N/BNV-TĐKT",
        "SỐ CÔNG CHỨC, VIÊN CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        headers,
        rows,
    )


FORMS = {
    "0601": ("Biểu 0601: Phong trào thi đua (cấp, phạm vi, thời gian, phương thức)", form_0601),
    "0602": ("Biểu 0602: Khen thưởng cấp Nhà nước", form_0602),
    "0603": ("Biểu 0603: Khen thưởng cấp tỉnh (đối tượng, hình thức)", form_0603),
    "0604": ("Biểu 0604: Tổ chức bộ máy (Hội đồng TĐKT)", form_0604),
    "0605": ("Biểu 0605: Công chức làm công tác TĐKT", form_0605),
}


def sheet(code: str, authority, start: date, end: date) -> Sheet:
    return FORMS[code][1](authority, start, end)


def build(code: str, authority, start: date, end: date) -> bytes:
    return render(sheet(code, authority, start, end), authority, start, end)


def render(s: Sheet, authority, start: date, end: date) -> bytes:
    leaves = _leaves(s.headers)
    ncols = 2 + len(leaves)
    wb = Workbook()
    ws = wb.active
    ws.title = s.code.split(".")[0]
    bold, thin = Font(bold=True), Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"] = f"Biểu số {s.code}"
    ws["A1"].font = bold
    ws["A2"] = "Ban hành kèm theo Thông tư số 02/2023/TT-BNV"
    ws["A3"] = "Ngày nhận báo cáo: theo quy định"
    mid_from, mid_to = 3, max(3, ncols - 2)
    ws.merge_cells(start_row=1, start_column=mid_from, end_row=1, end_column=mid_to)
    ws.cell(1, mid_from, safe_cell(s.title)).font = Font(bold=True, size=13)
    ws.cell(1, mid_from).alignment = center
    ws.merge_cells(start_row=2, start_column=mid_from, end_row=2, end_column=mid_to)
    ws.cell(
        2, mid_from, f"Kỳ báo cáo: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    ).alignment = center
    ws.cell(1, ncols, safe_cell(f"Đơn vị báo cáo: {authority.name}")).alignment = Alignment(
        wrap_text=True
    )
    ws.cell(
        2, ncols, safe_cell(f"Đơn vị nhận báo cáo: {receiver(authority)}")
    ).alignment = Alignment(wrap_text=True)
    ws.row_dimensions[1].height = ws.row_dimensions[2].height = 45
    h1, h2 = 5, 6
    ws.merge_cells(start_row=h1, start_column=1, end_row=h2, end_column=1)
    ws.cell(h1, 1, "Mã số")
    ws.merge_cells(start_row=h1, start_column=2, end_row=h2, end_column=2)
    ws.cell(h1, 2, "Chỉ tiêu")
    col = 3
    for h in s.headers:
        if isinstance(h, tuple):
            group, subs = h
            ws.merge_cells(
                start_row=h1, start_column=col, end_row=h1, end_column=col + len(subs) - 1
            )
            ws.cell(h1, col, safe_cell(group))
            for i, sub in enumerate(subs):
                ws.cell(h2, col + i, safe_cell(sub))
            col += len(subs)
        else:
            ws.merge_cells(start_row=h1, start_column=col, end_row=h2, end_column=col)
            ws.cell(h1, col, safe_cell(h))
            col += 1
    ws.cell(7, 1, "A")
    ws.cell(7, 2, "B")
    for i in range(len(leaves)):
        ws.cell(7, 3 + i, i + 1)
    r = 8
    totals = [0] * len(leaves)
    ws.cell(r, 1, "00")
    ws.cell(r, 2, "Tổng số")
    for code, label, values in s.rows:
        r += 1
        ws.cell(r, 1, safe_cell(code))
        ws.cell(r, 2, safe_cell(label))
        for i, v in enumerate(values):
            ws.cell(r, 3 + i, safe_cell(v))
            totals[i] += v
    for i, v in enumerate(totals):
        ws.cell(8, 3 + i, v).font = bold
    ws.cell(8, 2).font = bold
    for row in ws.iter_rows(min_row=h1, max_row=r, min_col=1, max_col=ncols):
        for c in row:
            c.border = box
            if c.row <= 7:
                c.alignment, c.font = center, bold
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 38
    for i in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(i)].width = 16
    ws.row_dimensions[h2].height = 60
    sign_from = max(3, ncols - 2)
    for row in (r + 2, r + 3, r + 4):
        ws.merge_cells(start_row=row, start_column=sign_from, end_row=row, end_column=ncols)
    place = ws.cell(r + 2, sign_from, vn_date_line(admin_place(authority), None, year=end.year))
    place.font, place.alignment = Font(italic=True), center
    ws.cell(r + 3, 2, "Người lập biểu").font = bold
    head = (head_word(authority) or "Thủ trưởng đơn vị").upper()
    sign = ws.cell(
        r + 3, sign_from, f"TM. ỦY BAN NHÂN DÂN\n{head}" if is_committee(authority) else head
    )
    sign.font, sign.alignment = bold, center
    ws.row_dimensions[r + 3].height = 32
    note = ws.cell(r + 4, sign_from, "(Ký, đóng dấu, ghi rõ họ tên)")
    note.font, note.alignment = Font(italic=True), center
    ws.print_title_rows = f"{h1}:7"
    # One page wide on A4 landscape, as many pages tall as the rows need.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.freeze_panes = "C8"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
