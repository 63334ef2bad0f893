"""`thidua bench certificates`: 1,000 certificates drawn by thidua vs. LibreOffice converting
the same 1,000 certificates mail-merged into one .docx (the way offices do it today).

Both sides get the same texts for the same 1,000 synthetic awardees. thidua's time covers
turning award rows into certificate texts and writing the whole PDF (fonts from their
cache, as in a running server); LibreOffice's time is `soffice --convert-to pdf` on the
ready .docx, with a warmed-up user profile (a first conversion is done before timing), so
the comparison favours LibreOffice. Options: `--n=1000`, `--keep` (keep the files).
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
WORDING = (
    "Đã có thành tích xuất sắc trong phong trào thi đua đặc biệt chào mừng kỷ niệm 10 năm "
    "Ngày thành lập thành phố Bắc Kạn (2015 - 2025)"
)


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
                awardee_unit_name=rnd.choice(UNITS),
                subject_kind="individual",
                person=SimpleNamespace(gender="nu" if female else "nam", position="Công chức"),
                wording=WORDING,
                form_code="giay_khen_chu_tich_huyen",
                verification_code=f"{i:04d}{rnd.randrange(16**4):04X}",
            )
        )
    return awards, decision


def build_docx(texts, heading) -> bytes:
    """The mail-merged .docx: one landscape A4 page per certificate with the same texts."""
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
        setattr(sec, side, Mm(18))
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(2)

    def para(text, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, red=False):
        p = doc.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
        if red:
            run.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
        return p

    for i, t in enumerate(texts):
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
        para("Độc lập - Tự do - Hạnh phúc", bold=True)
        para(heading.issuer_title.upper(), size=15, bold=True)
        para(FORM_KINDS[heading.form_kind], size=34, bold=True, red=True)
        para(t.awardee_name, size=26, bold=True, red=True)
        para(t.unit_line, size=15, italic=True)
        para(t.wording, size=15, italic=True)
        para(t.place_date, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        for line in t.signer_title.split("\n"):
            para(line, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        para(t.serial, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        para(t.decision_ref, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        para(f"Mã xác thực: {t.code}", size=9, align=WD_ALIGN_PARAGRAPH.LEFT)
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


def run(stdout, args) -> None:
    from pypdf import PdfReader

    from thidua.registry.certificates import (
        RenderOptions,
        heading_for,
        render,
        texts_for,
        verify_url,
    )
    from thidua.registry.pdfdoc import load_font
    from thidua.registry.qrfast import template_for

    opts = dict(a.lstrip("-").split("=", 1) if "=" in a else (a.lstrip("-"), "1") for a in args)
    n = int(opts.get("n", 1000))
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
    t0 = time.perf_counter()
    serials = [f"{i + 1}/{decision.year}" for i in range(n)]
    texts = texts_for(awards, decision, serials, site)
    pdf = render(texts, heading, RenderOptions(title="Giấy khen"))
    thidua_s = time.perf_counter() - t0

    work = Path(tempfile.mkdtemp(prefix="thidua-bench-cert-"))
    try:
        (work / "thidua.pdf").write_bytes(pdf)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        docx = build_docx(texts, heading)
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
        stdout.write(
            f"thidua one-time preparation per process (fonts, QR tables): {prep_s:.3f} s (not timed below)\n"
        )
        stdout.write(
            f"thidua: {n} certificates, {pages} pages, {len(pdf) / 1e6:.1f} MB in {thidua_s:.3f} s "
            f"({n / thidua_s:,.0f} certificates/s)\n"
        )
        stdout.write(
            f"LibreOffice: mail-merged .docx ({len(docx) / 1e6:.1f} MB) -> {lo_pages} pages in {lo_s:.3f} s "
            f"({n / lo_s:,.0f} certificates/s)\n"
        )
        if "keep" in opts:
            stdout.write(f"files kept in {work}\n")
        stdout.write(f"ratio_vs_libreoffice={lo_s / thidua_s:.1f}\n")
    finally:
        if "keep" not in opts:
            shutil.rmtree(work, ignore_errors=True)
