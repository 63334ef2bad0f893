"""`thidua bench certificates`: 1,000 certificates through thidua's real batch path vs.
LibreOffice converting the same 1,000 certificates mail-merged into one .docx (the way
offices do it today).

Both sides get the same texts for the same 1,000 synthetic awardees (a different name, unit
and award text on each certificate). thidua's time is the batch job's: texts from award rows,
one PDF part per `part_size` certificates written to disk (fsync, atomic rename), then the
parts merged into the final file (`registry.services._merge`, as `run_batch` does); fonts
come from their cache, as in a running server. LibreOffice's time is `soffice --convert-to
pdf` on the ready .docx, which has the same texts, a page border as the frame and each
certificate's QR code as a PNG image; its user profile is warmed up first, so the
comparison favours LibreOffice. The first page of both outputs is rendered to PNG (kept
with `--keep`) for looking at. Options: `--n=1000`, `--part-size=100`, `--keep`.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hà", "Bế", "Ma", "Nông", "Lục", "Triệu", "Đặng"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Mai"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Đức", "Long", "Sơn", "Thắng", "Cường"]
GIVEN_F = ["Lan", "Hoa", "Hương", "Thảo", "Nhung", "Huyền", "Trang", "Yến"]
UNITS = [
    "Phường Đức Xuân",
    "Phường Sông Cầu",
    "Phường Nguyễn Thị Minh Khai",
    "Xã Dương Quang",
    "Phòng Giáo dục và Đào tạo",
    "Công an thành phố",
    "Trung tâm Y tế thành phố",
]
ACHIEVEMENTS = [
    "Đã có thành tích xuất sắc",
    "Đã có thành tích tiêu biểu",
    "Đã hoàn thành xuất sắc nhiệm vụ",
    "Đã có nhiều đóng góp tích cực",
    "Đã có thành tích nổi bật",
    "Đã có sáng kiến hiệu quả",
    "Đã tích cực tham gia và có thành tích",
    "Đã có thành tích đột xuất",
    "Đã có thành tích xuất sắc tiêu biểu",
    "Đã gương mẫu, có thành tích",
]
MOVEMENTS = [
    "phong trào thi đua đặc biệt chào mừng kỷ niệm 10 năm Ngày thành lập thành phố Bắc Kạn",
    "phong trào thi đua “Chung tay xây dựng nông thôn mới”",
    "phong trào thi đua “Bắc Kạn chung sức vì người nghèo”",
    "công tác cải cách hành chính, chuyển đổi số",
    "phong trào “Toàn dân bảo vệ an ninh Tổ quốc”",
    "phong trào thi đua “Dạy tốt, học tốt”",
    "công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
    "công tác dân số, chăm sóc sức khỏe nhân dân",
    "phong trào thi đua lao động giỏi, lao động sáng tạo",
]
PERIODS = [
    "năm 2024",
    "năm học 2023 - 2024",
    "giai đoạn 2020 - 2025",
    "6 tháng đầu năm 2025",
    "năm 2023 và năm 2024",
    "(2015 - 2025)",
    "đợt cao điểm năm 2024",
    "nhiệm kỳ 2020 - 2025",
    "quý IV năm 2024",
    "giai đoạn 2021 - 2024",
]


def wording_for(i: int) -> str:
    """A different award text for each of the first 1,000 certificates."""
    return f"{ACHIEVEMENTS[i % 10]} trong {MOVEMENTS[(i // 10) % 10]} {PERIODS[(i // 100) % 10]}"


def synthetic_awards(n: int, seed: int = 6) -> tuple[list, SimpleNamespace]:
    """Award-like objects in memory (no database) and their decision."""
    rnd = random.Random(seed)
    issuer = SimpleNamespace(name="Thành phố Bắc Kạn", place_name="Bắc Kạn", is_authority=True)
    decision = SimpleNamespace(
        number_display="15/QĐ-UBND",
        doc_date=date(2025, 1, 20),
        year=2025,
        issuer=issuer,
        signer_name="Nguyễn Văn Mẫu",
        signer_title="Phó Chủ tịch",
        sign_mode="KT.",
    )
    awards = []
    for i in range(n):
        female = rnd.random() < 0.5
        name = " ".join(
            (
                rnd.choice(FAMILY),
                rnd.choice(MIDDLE_F if female else MIDDLE_M),
                rnd.choice(GIVEN_F if female else GIVEN_M),
            )
        )
        awards.append(
            SimpleNamespace(
                awardee_name=name,
                awardee_unit_name=f"Tổ dân phố {rnd.randrange(1, 30)}, {rnd.choice(UNITS)}",
                subject_kind="individual",
                person=SimpleNamespace(gender="nu" if female else "nam", position="Công chức"),
                wording=wording_for(i),
                form_code="giay_khen_chu_tich_huyen",
                verification_code=f"{i:04d}{rnd.randrange(16**4):04X}",
            )
        )
    return awards, decision


def qr_png(url: str) -> bytes:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=4, border=2)
    q.add_data(url)
    out = io.BytesIO()
    q.make_image().save(out)
    return out.getvalue()


def _page_border(section, color: str = "B71C1C") -> None:
    """The frame: a thick double page border, as offices draw it in Word."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "thinThickSmallGap")
        el.set(qn("w:sz"), "24")
        el.set(qn("w:space"), "20")
        el.set(qn("w:color"), color)
        borders.append(el)
    section._sectPr.append(borders)


def build_docx(texts, heading) -> bytes:
    """The mail-merged .docx: one landscape A4 page per certificate with the same texts, a
    page border as the frame and the certificate's QR code as an image."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt, RGBColor

    from thidua.registry.certificates import FORM_KINDS

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(16))
    _page_border(sec)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(1)

    def para(text, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, red=False):
        p = doc.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
        if red:
            run.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
        return p

    for i, t in enumerate(texts):
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
        para("Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
        para(heading.issuer_title.upper(), size=14, bold=True)
        para(FORM_KINDS[heading.form_kind], size=30, bold=True, red=True)
        para(t.awardee_name, size=24, bold=True, red=True)
        para(t.unit_line, size=14, italic=True)
        para(t.wording, size=14, italic=True)
        para(t.place_date, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        para(
            t.signer_title.replace("\n", " - "), size=12, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT
        )
        qr = doc.add_paragraph()
        qr.add_run().add_picture(io.BytesIO(qr_png(t.verify_url)), width=Mm(22))
        para(f"{t.serial} - {t.decision_ref}", size=10, align=WD_ALIGN_PARAGRAPH.LEFT)
        para(t.code, size=9, align=WD_ALIGN_PARAGRAPH.LEFT)
        last = para(t.signer_name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if i < len(texts) - 1:
            last.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _soffice(binary: str, profile: Path, src: Path, outdir: Path) -> None:
    cmd = [
        binary,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(src),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=900)


def _first_page_png(pdf: Path, out_prefix: Path) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(out_prefix),
        ],
        check=True,
    )
    return out_prefix.with_suffix(".png")


def batch_path(texts, heading, folder: Path, part_size: int) -> Path:
    """What `registry.services.run_batch` does once the texts are read: one part per
    `part_size` certificates, each written atomically, then the parts merged."""
    from thidua.registry.certificates import RenderOptions, render
    from thidua.registry.services import _merge, _write_atomic

    parts = [texts[i : i + part_size] for i in range(0, len(texts), part_size)]
    for index, chunk in enumerate(parts):
        pdf = render(chunk, heading, RenderOptions(title="Giấy khen"))
        _write_atomic(folder / f"part-{index:05d}.pdf", pdf)
    final = folder / "giay-khen.pdf"
    pages = _merge(folder, len(parts), final)
    if pages != len(texts):
        raise RuntimeError(f"merged file has {pages} pages, expected {len(texts)}")
    return final


def run(stdout, args) -> None:
    from pypdf import PdfReader

    from thidua.registry.certificates import heading_for, texts_for, verify_url
    from thidua.registry.pdfdoc import load_font
    from thidua.registry.qrfast import template_for

    opts = dict(a.lstrip("-").split("=", 1) if "=" in a else (a.lstrip("-"), "1") for a in args)
    n = int(opts.get("n", 1000))
    part_size = int(opts.get("part-size", 100))
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary:
        stdout.write(
            "LibreOffice (soffice) không có trên máy này: không thể so sánh. Cài gói libreoffice-writer.\n"
        )
        sys.exit(2)
    site = "https://thidua.example.vn"
    awards, decision = synthetic_awards(n)
    # One-time preparation per process (a running server has done it already): the fonts
    # (from their on-disk cache) and the QR tables of the QR version the links need.
    t_prep = time.perf_counter()
    for key in ("R", "B", "I", "BI"):
        load_font(key)
    template_for(verify_url(site, awards[0].verification_code).encode())
    prep_s = time.perf_counter() - t_prep

    heading = heading_for(decision.issuer, "giay_khen_chu_tich_huyen")
    work = Path(tempfile.mkdtemp(prefix="thidua-bench-cert-"))
    try:
        batch = work / "batch"
        batch.mkdir()
        t0 = time.perf_counter()
        serials = [f"{i + 1}/{decision.year}" for i in range(n)]
        texts = texts_for(awards, decision, serials, site)
        t_texts = time.perf_counter()
        final = batch_path(texts, heading, batch, part_size)
        thidua_s = time.perf_counter() - t0
        pages = len(PdfReader(final).pages)
        size = final.stat().st_size
        n_parts = len(list(batch.glob("part-*.pdf")))

        t_docx = time.perf_counter()
        docx = build_docx(texts, heading)
        docx_s = time.perf_counter() - t_docx
        src = work / "certificates.docx"
        src.write_bytes(docx)
        profile = work / "lo-profile"
        warm = work / "warm.docx"
        warm.write_bytes(build_docx(texts[:1], heading))
        _soffice(binary, profile, warm, work)
        t1 = time.perf_counter()
        _soffice(binary, profile, src, work)
        lo_s = time.perf_counter() - t1
        lo_pages = len(PdfReader(work / "certificates.pdf").pages)
        look = [
            _first_page_png(final, work / "look-thidua"),
            _first_page_png(work / "certificates.pdf", work / "look-libreoffice"),
        ]
        stdout.write(
            f"thidua one-time preparation per process (fonts, QR tables): {prep_s:.3f} s (not timed below)\n"
        )
        stdout.write(
            f"thidua batch path: {n} certificates ({n_parts} parts of {part_size}, written, "
            f"merged) -> {pages} pages, {size / 1e6:.1f} MB in {thidua_s:.3f} s "
            f"(texts {t_texts - t0:.3f} s; {n / thidua_s:,.0f} certificates/s)\n"
        )
        stdout.write(
            f"LibreOffice: mail-merged .docx with frame and QR images ({len(docx) / 1e6:.1f} MB, "
            f"built in {docx_s:.1f} s, not timed) -> {lo_pages} pages in {lo_s:.3f} s "
            f"({n / lo_s:,.0f} certificates/s)\n"
        )
        if "keep" in opts:
            stdout.write(f"files kept in {work}; first pages: {look[0]} {look[1]}\n")
        stdout.write(f"ratio_vs_libreoffice={lo_s / thidua_s:.1f}\n")
    finally:
        if "keep" not in opts:
            shutil.rmtree(work, ignore_errors=True)
