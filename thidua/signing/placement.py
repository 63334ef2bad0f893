"""Where the visible signatures go on a rendered document: the signer's signature image
between the signer's title and name (ô số 7c), the seal covering about the left third of it
(ô số 8), the organisation's name and signing time under the signer's name."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

from .appearance import _font, info_width, seal_size_points
from .errors import SigningRefused

SIGNATURE_W = 160.0
NAME_PT = 14


@dataclass(frozen=True)
class Placement:
    page: int
    signer_box: tuple[float, float, float, float]
    seal_box: tuple[float, float, float, float]  # the seal and the text under it


def _chunks(page) -> list[tuple[str, float, float, float]]:
    out: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((" ".join(text.split()), x, y, float(font_size or NAME_PT)))

    page.extract_text(visitor_text=visit)
    return out


def signer_block(pdf: bytes, signer_name: str, organisation: str) -> Placement:
    """Find the signer's name on the last page where it is printed; the nearest line above it
    in the same column is the title."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = " ".join(signer_name.split())
    if not wanted:
        raise SigningRefused("Quyết định chưa ghi họ tên người ký: không đặt được chữ ký số.")
    for index in range(len(reader.pages) - 1, -1, -1):
        page = reader.pages[index]
        chunks = _chunks(page)
        names = [c for c in chunks if c[0] == wanted]
        if not names:
            continue
        _, nx, ny, size = names[-1]
        width = _font(round(size * 4), bold=True).getlength(wanted) / 4
        centre = nx + width / 2
        above = [c for c in chunks if c[2] > ny + size and abs(c[1] - nx) < 120]
        title_y = min((c[2] for c in above), default=ny + 98)
        top = title_y - 4
        bottom = ny + size + 2
        page_w = float(page.mediabox.width)
        left = max(centre - SIGNATURE_W / 2, 10)
        right = min(left + SIGNATURE_W, page_w - 10)
        signer_box = (left, bottom, right, top)
        seal_w, seal_h = seal_size_points()
        seal_right = left + (right - left) / 3
        seal_left = seal_right - seal_w
        mid = (bottom + top) / 2
        seal_top = mid + seal_h / 2
        text_bottom = ny - 6 - 2 * 12
        return Placement(
            page=index,
            signer_box=signer_box,
            seal_box=(seal_left, text_bottom, seal_left + _info_w(organisation), seal_top),
        )
    raise SigningRefused(
        f"Không tìm thấy họ tên người ký “{wanted}” trên văn bản: không đặt được chữ ký số."
    )


def _info_w(organisation: str) -> float:
    return max(seal_size_points()[0], info_width(organisation))
