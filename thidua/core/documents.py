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


def vn_date_line(place: str, d: date | None) -> str:
    """'Bắc Kạn, ngày 03 tháng 02 năm 2025' (day < 10 and months 1–2 take a leading 0)."""
    if d is None:
        return f"{place}, ngày      tháng      năm {date.today().year}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def number_line(
    number: int | None, symbol: str, year_in_number: bool = False, year: int | None = None
) -> str:
    if number is None:
        return f"Số:      /{symbol}"
    num = f"{number:02d}"
    return f"Số: {num}/{year}/{symbol}" if year_in_number and year else f"Số: {num}/{symbol}"


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
        widths = (Cm(6.6), Cm(9.9)) if not self.landscape else (Cm(10), Cm(14))
        _set_widths(table, widths)
        left, right = table.rows[0].cells
        C = WD_ALIGN_PARAGRAPH.CENTER
        left.paragraphs[0].text = ""
        if self.parent_body:
            first = left.paragraphs[0]
            first.alignment = C
            r = first.add_run(self.parent_body.upper())
            r.font.size = Pt(13)
            p = self._para(left, self.issuer, bold=True, size=13, align=C, upper=True)
        else:
            p = left.paragraphs[0]
            p.alignment = C
            r = p.add_run(self.issuer.upper())
            r.bold, r.font.size = True, Pt(13)
        self._rule(left, 40, widths[0].cm)
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
    """All text of a .docx (paragraphs and table cells), for tests and previews."""
    d = Document(io.BytesIO(docx))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)
