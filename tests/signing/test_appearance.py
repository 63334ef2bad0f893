"""The visible signatures (NĐ 30/2020, Phụ lục I): the signer's blue signature image between
title and name, the red seal over its left third, the organisation's name and the signing
time (ISO 8601, +07:00). Rendered with pdftoppm into screenshots/signature_block.png."""

import io
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from thidua.awards import services as s
from thidua.signing.placement import signer_block

from .conftest import CHAIRMAN_NAME, ISSUER_NAME

SCREENSHOT = Path(__file__).resolve().parents[2] / "screenshots" / "signature_block.png"
DPI = 150


def _annotations(pdf: bytes) -> dict[str, list[float]]:
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    return {
        a.get_object()["/T"]: [float(v) for v in a.get_object()["/Rect"]]
        for a in page.get("/Annots", [])
        if a.get_object().get("/FT") == "/Sig"
    }


def test_signature_block_rendered(draft, users, keys, tmp_path):
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    with draft.pdf.open("rb") as fh:
        pdf = fh.read()
    rects = _annotations(pdf)
    sig, seal = rects["ChuKyNguoiCoThamQuyen"], rects["ChuKyCoQuanToChuc"]
    # the seal covers about the left third of the signature image, horizontally
    seal_right_in_sig = (seal[0] + (36 * 72 / 25.4) - sig[0]) / (sig[2] - sig[0])
    assert 0.25 < seal_right_in_sig < 0.42
    # the signature sits between the title (above) and the name (below)
    page_text = PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()
    assert "CHỦ TỊCH" in page_text and CHAIRMAN_NAME in page_text
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-png",
            "-f",
            str(pages),
            "-l",
            str(pages),
            str(tmp_path / "d.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    scale = DPI / 72
    height = page.height
    left = int(80 * scale)  # from the left margin: "Nơi nhận" and the signature block
    top = int(height - (max(sig[3], seal[3]) + 40) * scale)
    right = int((max(sig[2], seal[2]) + 20) * scale)
    bottom = int(height - (seal[1] - 10) * scale)
    crop = page.crop((max(left, 0), max(top, 0), min(right, page.width), bottom))
    SCREENSHOT.parent.mkdir(exist_ok=True)
    crop.save(SCREENSHOT)
    pixels = list(crop.getdata())
    blue = sum(1 for r, g, b in pixels if b > 120 and r < 90 and g < 110)
    red = sum(1 for r, g, b in pixels if r > 160 and g < 90 and b < 90)
    assert blue > 500 and red > 500  # the signature image and the seal are both drawn


def test_signing_time_shown_in_iso_8601_with_the_vietnam_offset():
    from datetime import UTC, datetime

    from thidua.signing.pades import signing_time_text

    moment = datetime(2026, 12, 2, 16, 5, 9, 123456, tzinfo=UTC)
    assert signing_time_text(moment) == "2026-12-02T23:05:09+07:00"


def test_seal_appearance_draws_the_seal_and_the_two_text_lines():
    from datetime import UTC, datetime

    from thidua.signing import appearance

    look = appearance.Appearance(
        "seal", appearance.demo_seal_png(ISSUER_NAME), ISSUER_NAME, appearance.seal_size_points()
    )
    width = appearance.info_width(ISSUER_NAME)
    image = appearance.render(look, width, 140, datetime(2026, 12, 2, 16, 5, 9, tzinfo=UTC))
    seal_px = round(appearance.seal_size_points()[1] * appearance.SCALE)
    top = image.crop((0, 0, image.width, seal_px))
    text = image.crop((0, image.height - 24 * appearance.SCALE, image.width, image.height))
    assert any(p[0] > 150 and p[3] > 0 for p in top.getdata())  # red seal
    black = [p for p in text.getdata() if p[3] > 200 and p[0] < 60 and p[1] < 60]
    assert len(black) > 1000  # the name and time lines


def test_kt_deputy_block_is_found_under_two_title_lines(draft, users):
    """KT. CHỦ TỊCH / PHÓ CHỦ TỊCH: the signature goes under the last title line."""
    from thidua.awards.documents import decision_docx
    from thidua.core.documents import docx_to_pdf

    s.update_draft(draft, users["standing"], sign_mode="KT.", signer_title="PHÓ CHỦ TỊCH")
    draft.refresh_from_db()
    pdf = docx_to_pdf(decision_docx(draft))
    place = signer_block(pdf, draft.signer_name, ISSUER_NAME)
    page = PdfReader(io.BytesIO(pdf)).pages[place.page]
    positions = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            positions[" ".join(text.split())] = tm[5]

    page.extract_text(visitor_text=visit)
    assert positions["PHÓ CHỦ TỊCH"] < positions["KT. CHỦ TỊCH"]
    assert positions[draft.signer_name] < place.signer_box[1] < place.signer_box[3]
    assert place.signer_box[3] < positions["PHÓ CHỦ TỊCH"]
