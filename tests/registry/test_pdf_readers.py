"""The hand-written PDF writer and QR encoder (pdfdoc, qrfast) checked by other readers:
qpdf finds no error, poppler extracts the Vietnamese text, LibreOffice opens the file, and
every QR code on every page decodes (zxing-cpp) to the verification address under SITE_URL.
The batch file checked is the one the real batch job writes: parts, then merged."""

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings
from PIL import Image

from thidua.registry import certificates as cert
from thidua.registry import services
from thidua.registry.bench_certificates import synthetic_awards
from thidua.registry.models import BatchStatus, CertificateBatch

from .conftest import make_award, make_decision

SITE = "https://thidua.example.gov.vn"
NAMES = [
    "Hoàng Thị Lan",
    "Nguyễn Văn Hùng",
    "Đặng Thị Thảo",
    "Bế Văn Cường",
    "Triệu Thị Yến",
    "Lục Đức Sơn",
    "Ma Thị Nhung",
]


def qpdf_check(path: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def poppler_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def qr_per_page(path: Path, tmp_path: Path) -> list[list[str]]:
    """Render every page with poppler at 100 dpi and decode the QR codes on it."""
    prefix = tmp_path / f"{path.stem}-page"
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(prefix)], check=True)
    pages = sorted(tmp_path.glob(f"{prefix.name}-*.png"))
    return [
        [b.text for b in zxingcpp.read_barcodes(Image.open(png)) if b.format.name == "QRCode"]
        for png in pages
    ]


def libreoffice_png(path: Path, tmp_path: Path) -> Image.Image:
    """LibreOffice (Draw's PDF import) opens the file and exports its first page."""
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "png",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return Image.open(out / f"{path.stem}.png").convert("L")


@pytest.fixture
def batch_of_seven(org, users, settings):
    settings.SITE_URL = SITE
    d = make_decision(org["city"], number=31)
    awards = [
        make_award(d, name, org["ward_a"] if i % 2 else org["ward_b"], person=org["person_a"])
        for i, name in enumerate(NAMES)
    ]
    batch = CertificateBatch.objects.create(
        decision=d, total=len(awards), part_size=3, created_by=users["standing"]
    )
    services.run_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    return batch, awards


def test_merged_batch_passes_qpdf_and_poppler_extracts_every_vietnamese_name(
    batch_of_seven, tmp_path
):
    batch, awards = batch_of_seven
    final = Path(settings.MEDIA_ROOT) / batch.file
    folder = final.parent
    assert len(list(folder.glob("part-*.pdf"))) == 3  # 3 + 3 + 1, merged
    for part in sorted(folder.glob("part-*.pdf")):
        qpdf_check(part)
    qpdf_check(final)
    text = poppler_text(final)
    for name in NAMES:
        assert name in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Phường Đức Xuân" in text or "Phường" in text
    assert text.count("TẶNG GIẤY KHEN") == len(NAMES)


def test_every_qr_of_the_merged_batch_decodes_to_its_award_under_site_url(batch_of_seven, tmp_path):
    batch, awards = batch_of_seven
    final = Path(settings.MEDIA_ROOT) / batch.file
    decoded = qr_per_page(final, tmp_path)
    assert len(decoded) == len(awards)
    # Pages follow the certificate serials, i.e. the order the awards were numbered.
    by_serial = sorted(awards, key=lambda a: a.certificate.serial)
    assert decoded == [
        [f"{SITE}/so-khen-thuong/xac-thuc/{a.verification_code}/"] for a in by_serial
    ]


def test_libreoffice_opens_the_merged_batch(batch_of_seven, tmp_path):
    batch, _ = batch_of_seven
    final = Path(settings.MEDIA_ROOT) / batch.file
    page = libreoffice_png(final, tmp_path)
    assert page.width > page.height  # A4 landscape
    dark = sum(page.histogram()[:128])
    assert dark > 0.002 * page.width * page.height  # drawn: frame, texts, QR


def test_blank_layout_and_several_kinds_pass_qpdf_and_decode(tmp_path):
    """Printing onto a blank (no design form) and a three-kind file, both with 12 awardees."""
    awards, decision = synthetic_awards(12, seed=11)
    serials = [f"{i + 1}/2025" for i in range(12)]
    texts = cert.texts_for(awards, decision, serials, SITE)
    files = {
        "blank.pdf": cert.render(
            texts, cert.heading_for(decision.issuer, "giay_khen"), cert.RenderOptions(design=False)
        ),
        "bang.pdf": cert.render(texts, cert.heading_for(decision.issuer, "bang_khen_tinh")),
        "co.pdf": cert.render(texts, cert.heading_for(decision.issuer, "co_thi_dua_tinh")),
    }
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        qpdf_check(path)
        text = poppler_text(path)
        assert all(t.awardee_name in text for t in texts)
        assert qr_per_page(path, tmp_path) == [[t.verify_url] for t in texts]
        assert all(t.verify_url.startswith(f"{SITE}/so-khen-thuong/xac-thuc/") for t in texts)


def test_merge_writes_shared_resources_once_and_falls_back_to_pypdf_for_other_files(tmp_path):
    from pypdf import PdfReader, PdfWriter

    from thidua.registry.pdfdoc import merge_files

    awards, decision = synthetic_awards(9, seed=5)
    texts = cert.texts_for(awards, decision, [str(i) for i in range(9)], SITE)
    giay = cert.heading_for(decision.issuer, "giay_khen")
    bang = cert.heading_for(decision.issuer, "bang_khen")
    parts = []
    for i, (chunk, heading) in enumerate(
        [(texts[:3], giay), (texts[3:6], giay), (texts[6:], bang)]
    ):
        parts.append(tmp_path / f"part-{i}.pdf")
        parts[-1].write_bytes(cert.render(chunk, heading))
    final = tmp_path / "merged.pdf"
    assert merge_files(parts, final) == 9
    qpdf_check(final)
    data = final.read_bytes()
    assert (
        data.count(b"/FontFile2") == 4 * 2
    )  # one font set for the two giấy khen parts, one for bằng khen
    text = poppler_text(final)
    assert text.count("TẶNG GIẤY KHEN") == 6 and text.count("TẶNG BẰNG KHEN") == 3
    assert qr_per_page(final, tmp_path) == [[t.verify_url] for t in texts]
    # A part that pypdf wrote (several kinds merged in one part): the whole merge uses pypdf.
    writer = PdfWriter()
    writer.append(PdfReader(parts[2]))
    writer.write(tmp_path / "foreign.pdf")
    assert merge_files([parts[0], tmp_path / "foreign.pdf"], tmp_path / "mixed.pdf") == 6
    qpdf_check(tmp_path / "mixed.pdf")
    assert poppler_text(tmp_path / "mixed.pdf").count("TẶNG BẰNG KHEN") == 3
