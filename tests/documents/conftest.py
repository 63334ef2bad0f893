"""Fixtures of the document tests: the seed 000 flow of tests/council/builders.py (a city
council, the campaign, appraised dossiers, a closed session, a signed decision), and
`first_page` that renders a .docx or PDF's first page to screenshots/documents/<name>.png."""

import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest

from tests.campaigns.conftest import import_seed  # noqa: F401  (seed plans imported)
from tests.council.seed000 import approved_session, campaign, council, dossiers  # noqa: F401

SHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "documents"


@pytest.fixture
def signed(approved_session, users):  # noqa: F811 — the imported fixture
    from thidua.awards import services as s

    draft = s.draft_from_session(approved_session, users["standing"], on=date(2025, 1, 20))
    s.sign(draft, users["chairman"])
    draft.refresh_from_db()
    return draft


def first_page(data: bytes, name: str) -> Path:
    """Write the first page of a .docx (through LibreOffice) or a PDF as a PNG."""
    from thidua.core.documents import docx_to_pdf

    pdf = data if data[:4] == b"%PDF" else docx_to_pdf(data)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                src,
                SHOTS / name,
            ],
            check=True,
        )
    return SHOTS / f"{name}.png"


def xlsx_first_page(data: bytes, name: str) -> Path:
    """The first printed page of a workbook (LibreOffice applies its page setup)."""
    from thidua.core.documents import soffice_path

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "book.xlsx"
        src.write_bytes(data)
        subprocess.run(
            [
                soffice_path(),
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                src,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return first_page((Path(tmp) / "book.pdf").read_bytes(), name)


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
