"""Administrative documents in the state format (NĐ 30/2020/NĐ-CP, Phụ lục I).

One builder for every .docx thidua drafts (plans, Tờ trình, minutes, decisions, reports):
A4 portrait, margins 20/20/30/15 mm, Times New Roman (Liberation Serif is the free
metric-compatible font used when rendering), the two-column header with the issuing body
and the national motto, "Số: 05/QĐ-UBND" with the place/date line, the type name and
summary, the body, the signature block (TM./KT.) and "Nơi nhận".

PDFs of these documents come from LibreOffice (`docx_to_pdf`), so the PDF is the .docx.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def vn_date_line(place: str, d: date | None, year: int | None = None) -> str:
    """'Bắc Kạn, ngày 03 tháng 02 năm 2025' (day < 10 and months 1–2 take a leading 0);
    without a date, blanks and `year` (the year of the matter, else this year)."""
    if d is None:
        return f"{place}, ngày      tháng      năm {year or date.today().year}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def number_line(
    number: int | None, symbol: str, year_in_number: bool = False, year: int | None = None
) -> str:
    if number is None:
        return f"Số:      /{symbol}"
    num = f"{number:02d}"
    return f"Số: {num}/{year}/{symbol}" if year_in_number and year else f"Số: {num}/{symbol}"


NBSP = "\u00a0"


def header_lines(name: str) -> str:
    """A body's name for the header, upper case, broken only where a clerk would break it:
    'ỦY BAN NHÂN DÂN' on its own line, and the last two words kept together ('BẮC KẠN',
    'KHEN THƯỞNG') — never a name broken inside a word or a lone last word."""
    text = " ".join(name.upper().split())
    head = "ỦY BAN NHÂN DÂN "
    if text.startswith(head) and len(text) > len(head) + 12:
        return head.strip() + "\n" + _keep_tail(text[len(head) :])
    return _keep_tail(text)


def _keep_tail(text: str) -> str:
    words = text.split(" ")
    if len(words) < 3:
        return NBSP.join(words)
    return " ".join(words[:-2]) + " " + NBSP.join(words[-2:])


@dataclass
class Signature:
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" or ""
    title: str = "CHỦ TỊCH"
    name: str = ""


@dataclass
class StateDocument:
    parent_body: str  # e.g. "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" (may be empty)
    issuer: str  # e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN"
    number: str  # e.g. "Số: 05/QĐ-UBND"
    place_date: str  # from vn_date_line
    type_name: str  # "QUYẾT ĐỊNH", "KẾ HOẠCH", "TỜ TRÌNH", "BIÊN BẢN", "BÁO CÁO"
    summary: str = ""  # trích yếu
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"
    addressee: str = ""  # "Kính gửi: …" for Tờ trình / Báo cáo
    signature: Signature = field(default_factory=Signature)
    landscape: bool = False
    doc: Document = field(init=False)

    def __post_init__(self):
        self.doc = Document()
        self._setup()
        self._header()

    # ---- page and styles -------------------------------------------------------------
    def _setup(self):
        section = self.doc.sections[0]
        section.page_height, section.page_width = Mm(297), Mm(210)
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_height, section.page_width = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        pf = style.paragraph_format
        pf.space_after = Pt(6)
        pf.line_spacing = 1.15
        self._page_numbers(section)

    def _page_numbers(self, section):
        """Page numbers centred in the top margin, from page 2 (Phụ lục I, Part I)."""
        section.different_first_page_header_footer = True
        section.header_distance = Mm(10)
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        run.font.size = Pt(13)
        run.font.name = FONT
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)

    def _para(
        self,
        container,
        text="",
        *,
        bold=False,
        italic=False,
        size=14,
        align=None,
        upper=False,
        underline=False,
        space_after=0,
        indent=False,
    ):
        p = container.add_paragraph()
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(space_after)
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.27)
        if text:
            run = p.add_run(text.upper() if upper else text)
            run.bold, run.italic, run.underline = bold, italic, underline
            run.font.size = Pt(size)
            run.font.name = FONT
        return p

    def _rule(self, container, width_pct: int, total_cm: float):
        """A short centred rule under a header line: an empty paragraph with a bottom border,
        indented so the line is `width_pct` of the container."""
        p = container.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = Pt(2)
        p_pr = p._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
            bottom.set(qn(k), v)
        border.append(bottom)
        p_pr.append(border)
        side = Cm(total_cm * (100 - width_pct) / 200)
        p.paragraph_format.left_indent = side
        p.paragraph_format.right_indent = side
        return p

    def _header(self):
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Cm(7.2), Cm(9.3)) if not self.landscape else (Cm(10), Cm(14))
        _set_widths(table, widths)
        left, right = table.rows[0].cells
        C = WD_ALIGN_PARAGRAPH.CENTER
        left.paragraphs[0].text = ""
        if not self.issuer:
            pass  # an individual's own report: the motto only
        elif self.parent_body:
            first = left.paragraphs[0]
            first.alignment = C
            r = first.add_run(header_lines(self.parent_body))
            r.font.size = Pt(13)
            p = self._para(left, header_lines(self.issuer), bold=True, size=13, align=C)
        else:
            p = left.paragraphs[0]
            p.alignment = C
            r = p.add_run(header_lines(self.issuer))
            r.bold, r.font.size = True, Pt(13)
        if self.issuer:
            self._rule(left, 40, widths[0].cm)
        if self.number:
            self._para(
                left, self.number, size=13, align=C, space_after=0
            ).paragraph_format.space_before = Pt(6)
        rp = right.paragraphs[0]
        rp.alignment = C
        r = rp.add_run(MOTTO_1)
        r.bold, r.font.size = True, Pt(12)
        self._para(right, MOTTO_2, bold=True, size=14, align=C)
        self._rule(right, 65, widths[1].cm)
        self._para(
            right, self.place_date, italic=True, size=14, align=C
        ).paragraph_format.space_before = Pt(6)
        self._para(self.doc, "", space_after=6)
        self._para(self.doc, self.type_name, bold=True, size=14, align=C, upper=True)
        if self.summary:
            self._para(self.doc, self.summary, bold=True, size=14, align=C)
            self._rule(self.doc, 25, 16.5 if not self.landscape else 25.2)
        if self.addressee:
            self._para(
                self.doc, f"Kính gửi: {self.addressee}", size=14, align=C, space_after=6
            ).paragraph_format.space_before = Pt(6)
        self._para(self.doc, "", space_after=0)

    # ---- body ------------------------------------------------------------------------
    def grounds(self, lines: list[str]):
        """Căn cứ lines: italic, each ending ';' and the last '.'."""
        for i, line in enumerate(lines):
            line = line.rstrip(" ;.")
            end = "." if i == len(lines) - 1 else ";"
            self._para(
                self.doc,
                line + end,
                italic=True,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                indent=True,
                space_after=3,
            )

    def heading(self, text: str, *, center: bool = False):
        return self._para(
            self.doc,
            text,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER if center else None,
            space_after=6,
        )

    def paragraph(self, text: str, *, bold=False, italic=False):
        return self._para(
            self.doc,
            text,
            bold=bold,
            italic=italic,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=True,
            space_after=6,
        )

    def article(self, number: int, text: str):
        """'Điều 1. …' with 'Điều 1.' in bold (the rest regular)."""
        p = self._para(self.doc, "", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, space_after=6)
        head = p.add_run(f"Điều {number}.")
        head.bold, head.font.size, head.font.name = True, Pt(14), FONT
        body = p.add_run(f" {text}")
        body.font.size, body.font.name = Pt(14), FONT
        return p

    def bullet(self, text: str):
        return self._para(
            self.doc, f"- {text}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, space_after=3
        )

    def table(
        self,
        headers: list[str],
        rows: list[list],
        widths_cm: list[float] | None = None,
        size: int = 12,
    ):
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, h in enumerate(headers):
            cell = t.rows[0].cells[i]
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = cell.paragraphs[0].add_run(h)
            run.bold, run.font.size = True, Pt(size)
        for row in rows:
            cells = t.add_row().cells
            for i, v in enumerate(row):
                run = cells[i].paragraphs[0].add_run("" if v is None else str(v))
                run.font.size = Pt(size)
        if widths_cm:
            _set_widths(t, [Cm(w) for w in widths_cm])
        self._para(self.doc, "", space_after=6)
        return t

    def page_break(self):
        self.doc.add_page_break()

    def next_document(self, **changes):
        """A further complete document in the same file (one report per nominee): a page
        break, then the header with `changes` applied (issuer, number, summary…)."""
        self.page_break()
        for key, value in changes.items():
            setattr(self, key, value)
        self._header()

    # ---- closing ---------------------------------------------------------------------
    def close(self):
        """Signature block on the right, 'Nơi nhận' on the left."""
        table = self.doc.add_table(rows=1, cols=2)
        _set_widths(table, (Cm(8), Cm(8.5)))
        left, right = table.rows[0].cells
        lp = left.paragraphs[0]
        if self.recipients:
            r = lp.add_run("Nơi nhận:")
            r.bold, r.italic, r.font.size = True, True, Pt(12)
            for i, rec in enumerate(self.recipients):
                rec = rec.strip().rstrip(";.")
                end = "." if i == len(self.recipients) - 1 else ";"
                self._para(left, f"- {rec}{end}", size=11)
        C = WD_ALIGN_PARAGRAPH.CENTER
        rp = right.paragraphs[0]
        rp.alignment = C
        sig = self.signature
        if sig.authority:
            r = rp.add_run(sig.authority.upper())
            r.bold, r.font.size = True, Pt(14)
            self._para(right, sig.title, bold=True, size=14, align=C, upper=True)
        else:
            r = rp.add_run(sig.title.upper())
            r.bold, r.font.size = True, Pt(14)
        for _ in range(4):
            self._para(right, "", size=14)
        if sig.name:
            self._para(right, sig.name, bold=True, size=14, align=C)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _set_widths(table, widths) -> None:
    """Fixed column widths that Word and LibreOffice both respect (grid + every cell)."""
    table.autofit = False
    for i, col in enumerate(table.columns):
        col.width = widths[i]
        for cell in col.cells:
            cell.width = widths[i]


class ConversionError(RuntimeError):
    pass


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: int = 120) -> bytes:
    """Convert with LibreOffice headless; raises ConversionError if it is not installed."""
    binary = soffice_path()
    if not binary:
        raise ConversionError("Không tìm thấy LibreOffice (soffice) để chuyển sang PDF.")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "profile"
        cmd = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ConversionError(f"LibreOffice không chuyển được tài liệu: {exc}") from exc
        return (Path(tmp) / "document.pdf").read_bytes()


def docx_text(docx: bytes) -> str:
    """All text of a .docx (paragraphs and table cells), for tests and previews; a line
    break inside a paragraph reads as a space ('ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN')."""
    d = Document(io.BytesIO(docx))
    parts = [p.text.replace("\n", " ") for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append("\n".join(p.text.replace("\n", " ") for p in cell.paragraphs))
    return "\n".join(parts).replace(NBSP, " ")


# ---- names of the issuer (NĐ 30/2020 Phụ lục I: official names, never abbreviations) ----

#: Unit kinds whose People's Committee is the body (UBND of a province, city, commune, ward).
COMMITTEE_KINDS = frozenset({"province", "city", "commune", "ward"})

#: Prefixes of an administrative unit's name, dropped in the place line ("Bắc Kạn, ngày …").
_PLACE_PREFIXES = (
    "thành phố ",
    "tp. ",
    "tp ",
    "tx. ",
    "thị xã ",
    "tỉnh ",
    "huyện ",
    "quận ",
    "phường ",
    "p. ",
    "xã ",
    "x. ",
    "thị trấn ",
    "đặc khu ",
)

#: The head of a unit by the first words of its name: "GIÁM ĐỐC SỞ NỘI VỤ", "TRƯỞNG PHÒNG …".
#: (prefix, title before the name, words of the name the title absorbs)
_HEADS = (
    ("phòng ", "Trưởng phòng", "Phòng "),
    ("sở ", "Giám đốc", ""),
    ("trung tâm ", "Giám đốc", ""),
    ("bệnh viện ", "Giám đốc", ""),
    ("công ty ", "Giám đốc", ""),
    ("hợp tác xã ", "Giám đốc", ""),
    ("ngân hàng ", "Giám đốc", ""),
    ("trường ", "Hiệu trưởng", ""),
    ("ban chỉ huy quân sự ", "Chỉ huy trưởng", ""),
    ("bộ chỉ huy quân sự ", "Chỉ huy trưởng", ""),
    ("ban ", "Trưởng ban", "Ban "),
    ("văn phòng ", "Chánh Văn phòng", "Văn phòng "),
    ("công an ", "Trưởng", ""),
    ("chi cục ", "Chi cục trưởng", "Chi cục "),
    ("cục ", "Cục trưởng", "Cục "),
    ("thanh tra ", "Chánh Thanh tra", "Thanh tra "),
    ("ủy ban mttq ", "Chủ tịch", ""),
    ("ủy ban mặt trận ", "Chủ tịch", ""),
    ("hội ", "Chủ tịch", ""),
    ("liên đoàn lao động ", "Chủ tịch", ""),
    ("thành đoàn ", "Bí thư", ""),
    ("tổ dân phố ", "Tổ trưởng", ""),
    ("thôn ", "Trưởng thôn", ""),
    ("bản ", "Trưởng bản", ""),
    ("đoàn thanh niên ", "Bí thư", ""),
)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def is_committee(unit) -> bool:
    """A unit whose body is its People's Committee (UBND tỉnh, thành phố, xã, phường)."""
    return getattr(unit, "kind", "") in COMMITTEE_KINDS or bool(
        getattr(unit, "is_authority", False)
    )


def committee_name(unit) -> str:
    """'Ủy ban nhân dân thành phố Bắc Kạn'."""
    return f"Ủy ban nhân dân {lower_first(unit.name)}"


def body_name(unit) -> str:
    """The issuing body: the UBND of an administrative unit, else the unit itself."""
    return committee_name(unit) if is_committee(unit) else unit.name


def admin_place(unit) -> str:
    """The administrative unit's name for the place line: 'Bắc Kạn', 'Đức Xuân' — the unit's
    own place name, else that of the nearest administrative unit above it; never 'TP.'."""
    node = unit
    while node is not None:
        if getattr(node, "place_name", ""):
            return _strip_place(node.place_name)
        if is_committee(node):
            return _strip_place(node.name)
        node = getattr(node, "parent", None)
    return _strip_place(unit.name)


def _strip_place(name: str) -> str:
    name = " ".join(name.split())
    low = name.lower()
    for prefix in _PLACE_PREFIXES:
        if low.startswith(prefix) and len(name) > len(prefix):
            return upper_first(name[len(prefix) :].strip())
    return name


def header_bodies(unit) -> tuple[str, str]:
    """(parent body, issuing body) for the header. A People's Committee never carries a
    parent line; a specialised office or a unit under one does ('ỦY BAN NHÂN DÂN THÀNH PHỐ
    BẮC KẠN' / 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO')."""
    if is_committee(unit):
        return "", committee_name(unit).upper()
    parent = getattr(unit, "parent", None)
    if parent is None:
        return "", unit.name.upper()
    return body_name(parent).upper(), unit.name.upper()


def head_title(unit) -> str:
    """The title of the person who heads `unit`, in sentence case: 'Chủ tịch Ủy ban nhân dân
    thành phố Bắc Kạn', 'Giám đốc Sở Nội vụ tỉnh Bắc Kạn', 'Trưởng phòng Giáo dục và Đào tạo',
    'Hiệu trưởng Trường …'. None when the name does not say (the caller asks for it)."""
    if is_committee(unit):
        return f"Chủ tịch {committee_name(unit)}"
    name = " ".join(unit.name.split())
    low = name.lower()
    for prefix, title, absorbed in _HEADS:
        if low.startswith(prefix):
            rest = name[len(absorbed) :] if absorbed else name
            return f"{title} {rest}"
    return None


def head_word(unit) -> str | None:
    """The head's title alone: 'Chủ tịch', 'Giám đốc', 'Trưởng phòng', 'Hiệu trưởng'."""
    if is_committee(unit):
        return "Chủ tịch"
    low = " ".join(unit.name.split()).lower()
    return next((title for prefix, title, _ in _HEADS if low.startswith(prefix)), None)


def short_committee(unit) -> str:
    """'UBND thành phố Bắc Kạn' (the abbreviation the award names use)."""
    return f"UBND {lower_first(unit.name)}"


def award_display_name(form_code: str, form_name: str, issuer) -> str:
    """The award as the issuer grants it: 'Giấy khen của Chủ tịch UBND thành phố Bắc Kạn',
    'Bằng khen của Chủ tịch UBND tỉnh Bắc Kạn', 'Giấy khen của Giám đốc Sở Nội vụ tỉnh Bắc
    Kạn' — not the catalogue category ('… cấp huyện'). Titles ('Chiến sĩ thi đua cơ sở') and
    forms of other bodies keep their own names. The one function every document, certificate,
    registry row and payment list uses."""
    if issuer is None:
        return form_name
    code = form_code or ""
    province = getattr(issuer, "kind", "") == "province"
    if code.startswith("giay_khen_chu_tich") and is_committee(issuer):
        return f"Giấy khen của Chủ tịch {short_committee(issuer)}"
    if code.startswith("bang_khen_chu_tich") and province:
        return f"Bằng khen của Chủ tịch {short_committee(issuer)}"
    if code == "giay_khen_thu_truong":
        head = head_title(issuer) if not is_committee(issuer) else None
        if is_committee(issuer):
            return f"Giấy khen của Chủ tịch {short_committee(issuer)}"
        return f"Giấy khen của {head}" if head else f"Giấy khen của Thủ trưởng {issuer.name}"
    if code.startswith("co_thi_dua_") and code != "co_thi_dua_chinh_phu" and province:
        return f"Cờ thi đua của {short_committee(issuer)}"
    return form_name


def storage_line(drafting_unit: str) -> str:
    """'Lưu: VT, NV' — the archive copy and the drafting unit's copy."""
    return f"Lưu: VT, {drafting_unit}" if drafting_unit else "Lưu: VT"


def drafting_abbreviation(unit) -> str:
    """Initials of the drafting unit for 'Lưu: VT, …': 'Phòng Nội vụ' → 'NV',
    'Phòng Giáo dục và Đào tạo' → 'GDĐT'."""
    name = " ".join(unit.name.split())
    for prefix in ("Phòng ", "Sở ", "Ban ", "Văn phòng ", "Trung tâm "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    name = name.split(" thành phố ")[0].split(" tỉnh ")[0]
    return "".join(w[0].upper() for w in name.split() if w.lower() not in {"và", "-"})


# ---- money in words --------------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")


def _three(n: int, full: bool) -> str:
    """Words of 0 < n < 1000; `full` when a higher group precedes (keeps 'không trăm')."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    out = []
    if h or full:
        out += [_DIGITS[h], "trăm"]
    if t == 0:
        if u and (h or full):
            out.append("lẻ")
    elif t == 1:
        out.append("mười")
    else:
        out += [_DIGITS[t], "mươi"]
    if u:
        if u == 1 and t > 1:
            out.append("mốt")
        elif u == 5 and t > 0:
            out.append("lăm")
        elif u == 4 and t > 1:
            out.append("tư")
        else:
            out.append(_DIGITS[u])
    return " ".join(out)


def number_in_words(n: int) -> str:
    """Vietnamese words of a non-negative integer: 2340000 → 'hai triệu ba trăm bốn mươi
    nghìn'."""
    if n == 0:
        return "không"
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        level = i % 3
        if g:
            words.append(_three(g, full=i < len(groups) - 1))
            if _GROUPS[level]:
                words.append(_GROUPS[level])
        if i and i % 3 == 0 and (any(groups[i : i + 3]) or i == 3):
            words.append("tỷ")
    return " ".join(w for w in words if w)


def dong(amount: int) -> str:
    """'3.900.000 đồng' (an amount written out in a document)."""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


def money_in_words(amount: int) -> str:
    """'Hai triệu ba trăm bốn mươi nghìn đồng' (the total of a decision or a list)."""
    return upper_first(number_in_words(int(amount))) + " đồng"


# ---- text a clerk would not sign -----------------------------------------------------------

import re as _re  # noqa: E402

_FOREIGN = _re.compile(r"[fjwzFJWZ€¢§¥£©®™ﬁﬂ|\\{}<>~^_]")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def looks_garbled(text: str) -> bool:
    """Whether a text is unreadable OCR output rather than Vietnamese: letters Vietnamese
    does not use (f, j, w, z) or stray symbols, or too few words with a diacritic
    (real Vietnamese marks most syllables; OCR without a Vietnamese model drops them)."""
    words = [w for w in _re.findall(r"[^\W\d_]+", text) if len(w) > 1]
    if len(words) < 4:
        return bool(_FOREIGN.search(text)) and len(words) > 1
    odd = sum(1 for w in words if _FOREIGN.search(w))
    marked = sum(1 for w in words if any(ord(ch) > 127 for ch in w))
    return odd / len(words) > 0.05 or marked / len(words) < 0.45


def clean(text: str | None) -> str:
    """`text` when it reads as Vietnamese, else '' (the caller leaves it out)."""
    text = (text or "").strip()
    return "" if not text or looks_garbled(text) else text
