"""Certificates (Giấy khen, Bằng khen, Cờ thi đua): A4 landscape PDF pages, fast.

Two modes share one code path for the variable fields:
- *design*: thidua draws the whole certificate — a decorative frame of vector shapes (no
  national emblem), the national motto, the issuer's title line and "TẶNG GIẤY KHEN" —
  as one page template per (issuer, form kind), reused by every page of the file;
- *blank* (phôi): only the variable fields, at the positions in millimetres of a
  `CertificateLayout`, for printing onto pre-printed certificate paper.

Positions are measured from the top-left corner of the sheet (as one measures a blank
with a ruler); a text's y is its baseline, the QR code's y is its top edge.
No Django imports: the bench draws 1,000 certificates from plain objects.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from thidua.core.documents import head_title, head_word, is_committee

from . import qrfast
from .pdfdoc import MM, Ops, PdfDocument, esc_color, load_font, nfc

PAGE_W, PAGE_H = 297 * MM, 210 * MM

FORM_KINDS = {
    "giay_khen": "TẶNG GIẤY KHEN",
    "bang_khen": "TẶNG BẰNG KHEN",
    "co_thi_dua": "TẶNG CỜ THI ĐUA",
    "bang_chung_nhan": "BẰNG CHỨNG NHẬN",
    "giay_chung_nhan": "GIẤY CHỨNG NHẬN",
}
FORM_KIND_LABELS = {
    "giay_khen": "Giấy khen",
    "bang_khen": "Bằng khen",
    "co_thi_dua": "Cờ thi đua",
    "bang_chung_nhan": "Bằng chứng nhận",
    "giay_chung_nhan": "Giấy chứng nhận",
}

#: What is printed for a title (danh hiệu). NĐ 152/2025 Art 50.1: "Chiến sĩ thi đua cơ sở"
#: (and the higher CSTĐ titles) receive a Bằng chứng nhận; "Lao động tiên tiến" receives
#: money only (None: no certificate). The collective titles follow the same reading of Art
#: 50.2 [U: not read in the decree's text; NĐ 91/2017 gave TTLĐXS a Bằng chứng nhận and
#: TTLĐTT a Giấy chứng nhận].
TITLE_CERTIFICATES: dict[str, str | None] = {
    "chien_si_thi_dua_co_so": "bang_chung_nhan",
    "chien_si_thi_dua_tinh": "bang_chung_nhan",
    "chien_si_thi_dua_toan_quoc": "bang_chung_nhan",
    "lao_dong_tien_tien": None,
    "tap_the_lao_dong_xuat_sac": "bang_chung_nhan",
    "tap_the_lao_dong_tien_tien": "giay_chung_nhan",
    "thon_to_dan_pho_van_hoa": "giay_chung_nhan",
    "gia_dinh_van_hoa": "giay_chung_nhan",
    "xa_phuong_tieu_bieu": "bang_chung_nhan",
}

#: Forms that print nothing (money only).
NO_CERTIFICATE = frozenset(code for code, kind in TITLE_CERTIFICATES.items() if kind is None)

#: The certificate kinds a unit may have a print layout for: Bằng khen and Cờ thi đua are
#: granted by the province (Law Art 72, 26), never by a city, commune, ward or an office.
PROVINCE_ONLY_KINDS = frozenset({"bang_khen", "co_thi_dua"})


class CertificateError(ValueError):
    """A certificate that must not be printed (a money-only title, an unknown form)."""


#: field -> label shown in the layout editor.
FIELDS = {
    "awardee_name": "Tên cá nhân, tập thể được khen",
    "unit_line": "Đơn vị / chức vụ",
    "wording": "Nội dung khen (thành tích)",
    "decision_ref": "Số, ngày quyết định",
    "serial": "Số vào sổ",
    "place_date": "Địa danh, ngày tháng năm",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "qr": "Mã QR xác thực (cỡ = cạnh, mm)",
    "code": "Mã xác thực",
}
ALIGNS = ("left", "center", "right")
STYLES = {"regular": "R", "bold": "B", "italic": "I", "bold_italic": "BI"}


def _f(x, y, size, align="center", max_width=0.0, style="regular", color="#000000"):
    return {
        "x_mm": x,
        "y_mm": y,
        "size": size,
        "align": align,
        "max_width_mm": max_width,
        "style": style,
        "color": color,
    }


#: The positions of the complete design; also the starting point of a new blank layout.
DEFAULT_LAYOUT: dict[str, dict] = {
    "awardee_name": _f(148.5, 98, 26, max_width=250, style="bold", color="#8B0000"),
    "unit_line": _f(148.5, 108, 15, max_width=250, style="italic"),
    "wording": _f(148.5, 119, 15, max_width=235, style="italic"),
    "decision_ref": _f(58, 166, 11, align="left", max_width=95),
    "serial": _f(58, 159, 11, align="left", max_width=95),
    "place_date": _f(218, 150, 13, max_width=120, style="italic"),
    "signer_title": _f(218, 158, 13, max_width=120, style="bold"),
    "signer_name": _f(218, 188, 14, max_width=120, style="bold"),
    "qr": _f(28, 140, 24, align="left"),
    "code": _f(40, 169, 8.5),
}


@dataclass(frozen=True)
class Heading:
    """The static part of a certificate: the same on every page of one issuer and form."""

    form_kind: str  # giay_khen | bang_khen | co_thi_dua | bang_chung_nhan | giay_chung_nhan
    issuer_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN"
    motto: bool = True  # state bodies; Party bodies replace it
    title_name: str = ""  # a title's certificate: "DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ"


@dataclass(frozen=True)
class CertificateText:
    awardee_name: str
    unit_line: str
    wording: str
    decision_ref: str  # "Quyết định số 15/QĐ-UBND ngày 20/01/2025"
    serial: str  # "Số vào sổ: 12/GK-2025"
    place_date: str  # "Bắc Kạn, ngày 20 tháng 01 năm 2025"
    signer_title: str  # lines separated by "\n": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name: str
    code: str
    verify_url: str


@dataclass
class RenderOptions:
    design: bool = True
    layout: dict[str, dict] = field(default_factory=lambda: DEFAULT_LAYOUT)
    grid: bool = False  # test print: a light millimetre grid and field markers
    scan_jpeg: tuple[bytes, int, int] | None = None  # (data, px width, px height) preview only
    title: str = "Giấy khen"


def vn_date_words(d: date, place: str) -> str:
    """'Bắc Kạn, ngày 20 tháng 01 năm 2025': NĐ 30/2020 writes a 0 before days < 10 and
    before months 1 and 2."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


@lru_cache(maxsize=4096)
def _wrap(text: str, font_key: str, size: float, max_w: float) -> tuple[str, ...]:
    font = load_font(font_key)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words, line = paragraph.split(), ""
        for w in words:
            trial = f"{line} {w}" if line else w
            if line and font.width(trial, size) > max_w:
                lines.append(line)
                line = w
            else:
                line = trial
        lines.append(line)
    return tuple(lines)


@lru_cache(maxsize=4096)
def _fit_size(text: str, font_key: str, size: float, max_w: float) -> float:
    """Shrink a one-line text (down to 60 %) until it fits its box."""
    if max_w <= 0:
        return size
    width = load_font(font_key).width(text, size)
    if width <= max_w:
        return size
    return max(size * 0.6, size * max_w / width)


_WRAPPED = {"wording": 3, "signer_title": 3, "unit_line": 2}


def compile_layout(layout: dict[str, dict]) -> list[tuple]:
    """Resolve fonts, points and colours once per file, not once per page."""
    compiled = []
    for name, spec in layout.items():
        key = STYLES.get(spec.get("style", "regular"), "R")
        compiled.append(
            (
                name,
                load_font(key),
                key,
                float(spec["size"]),
                float(spec["x_mm"]) * MM,
                PAGE_H - float(spec["y_mm"]) * MM,
                float(spec.get("max_width_mm") or 0) * MM,
                spec.get("align", "left"),
                esc_color(spec.get("color", "#000000")),
                _WRAPPED.get(name, 0),
            )
        )
    return compiled


def _draw_fields(ops: Ops, cert: CertificateText, compiled: list[tuple]) -> None:
    text = ops.text
    for name, font, key, size, x, y, max_w, align, rgb, wrap_lines in compiled:
        if name == "qr":
            _draw_qr(ops, cert.verify_url, size, x, y)
            continue
        value = getattr(cert, name, "")
        if not value:
            continue
        if wrap_lines:
            lines = _wrap(value, key, size, max_w) if max_w else tuple(value.split("\n"))
            for i, line in enumerate(lines[:wrap_lines]):
                text(font, size, x, y - i * size * 1.35, line, align, rgb)
        else:
            text(font, _fit_size(value, key, size, max_w), x, y, value, align, rgb)


def _draw_qr(ops: Ops, url: str, size_mm: float, x: float, top: float) -> None:
    if not url:
        return
    payload = url.encode()
    tpl = qrfast.template_for(payload)
    side = size_mm * MM
    # A 1-bit stencil mask: 1 = dark module painted in black, the paper shows through.
    ops.raw(
        f"q 0 0 0 rg {side:.3f} 0 0 {side:.3f} {x:.2f} {top - side:.2f} cm BI /W {tpl.size} /H {tpl.size} "
        f"/IM true /BPC 1 /D [1 0] /F /AHx ID {tpl.image_hex(payload)}> EI Q\n"
    )


# ---- the complete designs (static part, drawn once per file) ----------------------

PALETTES = {
    "giay_khen": {"frame": "#B71C1C", "inner": "#C9A227", "accent": "#B71C1C", "paper": "#FFFDF5"},
    "bang_khen": {"frame": "#C9A227", "inner": "#A31515", "accent": "#A31515", "paper": "#FFF9E8"},
    "co_thi_dua": {"frame": "#A31515", "inner": "#E0B100", "accent": "#A31515", "paper": "#FFFBF2"},
}


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = math.pi / 2 + i * math.pi / 5
        pts.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return pts


def _diamond(cx: float, cy: float, w: float, h: float) -> list[tuple[float, float]]:
    return [(cx, cy + h / 2), (cx + w / 2, cy), (cx, cy - h / 2), (cx - w / 2, cy)]


def design_ops(heading: Heading) -> str:
    """Frame, ornaments, motto, issuer title and "TẶNG …" for one (issuer, form kind)."""
    p = PALETTES.get(heading.form_kind, PALETTES["giay_khen"])
    frame, inner, accent = esc_color(p["frame"]), esc_color(p["inner"]), esc_color(p["accent"])
    ops = Ops()
    ops.rect(0, 0, PAGE_W, PAGE_H, fill=esc_color(p["paper"]))
    m1, m2, m3 = 7 * MM, 11 * MM, 13 * MM
    ops.rect(m1, m1, PAGE_W - 2 * m1, PAGE_H - 2 * m1, stroke=frame, width=5)
    ops.rect(m2, m2, PAGE_W - 2 * m2, PAGE_H - 2 * m2, stroke=inner, width=1.6)
    ops.rect(m3, m3, PAGE_W - 2 * m3, PAGE_H - 2 * m3, stroke=frame, width=0.6)
    # A band of small lozenges between the outer and inner frame.
    band = (m1 + m2) / 2
    step = 6 * MM
    n_x = int((PAGE_W - 2 * band) // step)
    n_y = int((PAGE_H - 2 * band) // step)
    off_x = (PAGE_W - n_x * step) / 2
    off_y = (PAGE_H - n_y * step) / 2
    for i in range(n_x + 1):
        x = off_x + i * step
        ops.polygon(_diamond(x, band, 2.2 * MM, 2.2 * MM), fill=inner)
        ops.polygon(_diamond(x, PAGE_H - band, 2.2 * MM, 2.2 * MM), fill=inner)
    for j in range(1, n_y):
        y = off_y + j * step
        ops.polygon(_diamond(band, y, 2.2 * MM, 2.2 * MM), fill=inner)
        ops.polygon(_diamond(PAGE_W - band, y, 2.2 * MM, 2.2 * MM), fill=inner)
    # Corner ornaments: a ring with a star (Bằng khen/Cờ) or a lotus-like rosette (Giấy khen).
    for cx, cy in (
        (m3 + 9 * MM, m3 + 9 * MM),
        (PAGE_W - m3 - 9 * MM, m3 + 9 * MM),
        (m3 + 9 * MM, PAGE_H - m3 - 9 * MM),
        (PAGE_W - m3 - 9 * MM, PAGE_H - m3 - 9 * MM),
    ):
        ops.circle(cx, cy, 6.5 * MM, stroke=inner, width=1.2)
        if heading.form_kind == "giay_khen":
            for k in range(8):
                a = k * math.pi / 4
                ops.circle(
                    cx + 3.6 * MM * math.cos(a), cy + 3.6 * MM * math.sin(a), 1.5 * MM, fill=inner
                )
            ops.circle(cx, cy, 1.6 * MM, fill=frame)
        else:
            ops.polygon(_star(cx, cy, 5.2 * MM), fill=accent)
    cx = PAGE_W / 2
    # Top ornament: a small star between two rules.
    ops.line(cx - 60 * MM, PAGE_H - 19 * MM, cx - 6 * MM, PAGE_H - 19 * MM, stroke=inner, width=0.8)
    ops.line(cx + 6 * MM, PAGE_H - 19 * MM, cx + 60 * MM, PAGE_H - 19 * MM, stroke=inner, width=0.8)
    ops.polygon(_star(cx, PAGE_H - 19 * MM, 3.2 * MM), fill=accent)
    bold = load_font("B")
    black = "0 0 0"
    if heading.motto:
        ops.text(
            bold, 14, cx, PAGE_H - 30 * MM, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "center", black
        )
        w = ops.text(
            bold, 14, cx, PAGE_H - 36.5 * MM, "Độc lập - Tự do - Hạnh phúc", "center", black
        )
        ops.line(
            cx - w / 2, PAGE_H - 38.2 * MM, cx + w / 2, PAGE_H - 38.2 * MM, stroke=black, width=0.7
        )
    title = nfc(heading.issuer_title).upper()
    size = _fit_size(title, "B", 15, 250 * MM)
    ops.text(bold, size, cx, PAGE_H - 52 * MM, title, "center", black)
    award = FORM_KINDS[heading.form_kind]
    ops.text(bold, 34, cx, PAGE_H - 72 * MM, award, "center", accent)
    if heading.title_name:
        sub = nfc(heading.title_name).upper()
        ops.text(
            bold, _fit_size(sub, "B", 16, 250 * MM), cx, PAGE_H - 84 * MM, sub, "center", black
        )
    ops.line(
        cx - 35 * MM, PAGE_H - 77 * MM, cx + 35 * MM, PAGE_H - 77 * MM, stroke=inner, width=1.2
    )
    ops.polygon(_diamond(cx, PAGE_H - 77 * MM, 3 * MM, 3 * MM), fill=inner)
    # Labels that accompany the QR code.
    regular = load_font("R")
    ops.text(
        regular, 7.5, 40 * MM, PAGE_H - 173 * MM, "Quét mã để xác thực", "center", "0.3 0.3 0.3"
    )
    return ops.getvalue()


def grid_ops(layout: dict[str, dict]) -> str:
    """A light millimetre grid (every 5 mm, labelled every 10 mm) and a box per field."""
    ops = Ops()
    light, mid = "0.85 0.88 0.95", "0.6 0.7 0.9"
    regular = load_font("R")
    for mm in range(0, 298, 5):
        ops.line(mm * MM, 0, mm * MM, PAGE_H, stroke=mid if mm % 10 == 0 else light, width=0.25)
        if mm % 20 == 0:
            ops.text(regular, 6, mm * MM + 1, PAGE_H - 4 * MM, str(mm), "left", "0.4 0.5 0.8")
    for mm in range(0, 211, 5):
        y = PAGE_H - mm * MM
        ops.line(0, y, PAGE_W, y, stroke=mid if mm % 10 == 0 else light, width=0.25)
        if mm % 20 == 0 and mm:
            ops.text(regular, 6, 1.5 * MM, y + 1, str(mm), "left", "0.4 0.5 0.8")
    red = "0.85 0.2 0.2"
    for name, spec in layout.items():
        x, y = spec["x_mm"] * MM, PAGE_H - spec["y_mm"] * MM
        ops.circle(x, y, 0.8 * MM, fill=red)
        ops.text(regular, 6, x + 1.5 * MM, y + 1.5 * MM, FIELDS.get(name, name), "left", red)
        w = float(spec.get("max_width_mm") or 0) * MM
        if w and name != "qr":
            left = {"left": x, "center": x - w / 2, "right": x - w}[spec.get("align", "left")]
            ops.line(left, y - 1, left + w, y - 1, stroke=red, width=0.4, dash="2 2")
    return ops.getvalue()


def render(
    certs: Iterable[CertificateText], heading: Heading, options: RenderOptions | None = None
) -> bytes:
    """One PDF, one A4 landscape page per certificate."""
    options = options or RenderOptions()
    doc = PdfDocument(PAGE_W, PAGE_H, title=options.title)
    background = ""
    if options.scan_jpeg:
        data, w, h = options.scan_jpeg
        doc.add_jpeg("Scan", data, w, h)
        background += f"q {PAGE_W:.2f} 0 0 {PAGE_H:.2f} 0 0 cm /Scan Do Q\n"
    if options.design:
        doc.add_form("Bg", design_ops(heading))
        background += "/Bg Do\n"
    if options.grid:
        doc.add_form("Grid", grid_ops(options.layout))
        background += "/Grid Do\n"
    compiled = compile_layout(options.layout)
    for cert in certs:
        ops = Ops()
        ops.raw(background)
        _draw_fields(ops, cert, compiled)
        doc.add_page(ops.getvalue())
    return doc.to_bytes()


def certificate_kind(form_code: str) -> str | None:
    """The certificate the form gives, from the form itself: Giấy khen, Bằng khen, Cờ thi
    đua; a title's Bằng/Giấy chứng nhận; None when nothing is printed (Lao động tiên tiến:
    money only; a form thidua does not print, e.g. a Huân chương)."""
    for kind in ("giay_khen", "bang_khen", "co_thi_dua"):
        if form_code.startswith(kind):
            return kind
    return TITLE_CERTIFICATES.get(form_code)


def form_kind(form_code: str) -> str:
    """`certificate_kind`, refusing forms that have no certificate (no fallback)."""
    kind = certificate_kind(form_code)
    if kind is None:
        if form_code == "lao_dong_tien_tien":
            raise CertificateError(
                "Danh hiệu “Lao động tiên tiến” chỉ được thưởng tiền, không có giấy chứng nhận "
                "(Nghị định 152/2025/NĐ-CP, Điều 50 khoản 1)."
            )
        raise CertificateError(f"Hình thức “{form_code}” không in giấy chứng nhận tại đây.")
    return kind


def kinds_for(issuer) -> list[str]:
    """The certificate kinds `issuer` can grant, hence may have a print layout for."""
    province = getattr(issuer, "kind", "") == "province"
    return [k for k in FORM_KINDS if province or k not in PROVINCE_ONLY_KINDS]


def issuer_title(issuer) -> str:
    """The granting person's title as printed: 'CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN',
    'GIÁM ĐỐC SỞ NỘI VỤ TỈNH BẮC KẠN', 'TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO' — never 'THỦ
    TRƯỞNG …'. A unit whose name does not tell its head's title needs the layout's own
    title line."""
    title = head_title(issuer)
    if not title:
        raise CertificateError(
            f"Chưa xác định được chức danh người đứng đầu “{issuer.name}”: nhập dòng danh "
            "nghĩa người tặng trong mẫu in."
        )
    return nfc(title).upper()


def title_line(form_code: str, form_name: str) -> str:
    """'DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ' under BẰNG CHỨNG NHẬN (empty for Giấy/Bằng khen)."""
    if certificate_kind(form_code) in ("bang_chung_nhan", "giay_chung_nhan"):
        return f"Danh hiệu “{form_name}”".upper()
    return ""


def heading_for(issuer, form_code: str, title_override: str = "", form_name: str = "") -> Heading:
    return Heading(
        form_kind=form_kind(form_code),
        issuer_title=title_override or issuer_title(issuer),
        title_name=title_line(form_code, form_name) if form_name else "",
    )


def signer_lines(decision) -> str:
    issuer = decision.issuer
    title = nfc(decision.signer_title or head_word(issuer) or "Chủ tịch").upper()
    mode = (decision.sign_mode or "").strip().upper()
    if not is_committee(issuer):
        return title
    if mode == "KT.":
        return f"KT. CHỦ TỊCH\n{title}"
    if mode == "TM.":
        return f"TM. ỦY BAN NHÂN DÂN\n{title}"
    return title


def verify_url(site_url: str, code: str) -> str:
    return f"{site_url.rstrip('/')}/so-khen-thuong/xac-thuc/{code}/"


def display_code(code: str) -> str:
    """'ABCDE23456' → 'ABCDE-23456': easier to read aloud and to type back."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) >= 8 and len(code) % 2 == 0 else code


def texts_for(awards, decision, serials, site_url: str) -> list[CertificateText]:
    """Certificate texts for award rows (attribute access only: ORM rows or plain objects).
    Texts common to the decision are built once."""
    issuer = decision.issuer
    place = getattr(issuer, "place_name", "") or issuer.name
    decision_ref = f"Quyết định số {decision.number_display} ngày {decision.doc_date:%d/%m/%Y}"
    place_date = vn_date_words(decision.doc_date, place)
    signer_title = signer_lines(decision)
    signer_name = nfc(decision.signer_name)
    out = []
    for award, serial in zip(awards, serials, strict=True):
        name = nfc(award.awardee_name)
        person = getattr(award, "person", None)
        if award.subject_kind == "individual" and person is not None:
            from thidua.org.people import addressed

            name = addressed(person, name, decision.doc_date)  # "Em …" for a pupil of 16
        unit = nfc(award.awardee_unit_name)
        if (
            award.subject_kind == "individual"
            and person is not None
            and getattr(person, "position", "")
        ):
            unit = f"{person.position}, {unit}" if unit else person.position
        out.append(
            CertificateText(
                awardee_name=name,
                unit_line=unit if unit != nfc(award.awardee_name) else "",
                wording=nfc(award.wording),
                decision_ref=decision_ref,
                serial=f"Vào sổ số: {serial}",
                place_date=place_date,
                signer_title=signer_title,
                signer_name=signer_name,
                code=f"Mã xác thực: {display_code(award.verification_code)}",
                verify_url=verify_url(site_url, award.verification_code),
            )
        )
    return out


def sample_text(
    verify_base: str = "https://thidua.example.vn/so-khen-thuong/xac-thuc/",
) -> CertificateText:
    """Sample data for a test print."""
    return CertificateText(
        awardee_name="Ông Nguyễn Văn Hưng",
        unit_line="Chuyên viên Phòng Nội vụ thành phố Bắc Kạn",
        wording="Đã có thành tích xuất sắc trong phong trào thi đua đặc biệt chào mừng kỷ niệm "
        "10 năm Ngày thành lập thành phố Bắc Kạn (2015 - 2025)",
        decision_ref="Quyết định số 15/QĐ-UBND ngày 20/01/2025",
        serial="Số vào sổ: 0001/GK-2025",
        place_date=vn_date_words(date(2025, 1, 20), "Bắc Kạn"),
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Mẫu",
        code="ABCD-2345",
        verify_url=verify_base + "ABCD2345/",
    )
