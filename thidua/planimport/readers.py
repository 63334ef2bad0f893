"""Turn an uploaded plan (.docx, .pdf with a text layer, .txt/.md) into plain text.

The format is sniffed from the bytes; the extension is only a hint, so a renamed
binary is refused instead of being decoded into garbage.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

from thidua.core.text import fold

TEXT_EXTENSIONS = {"", ".txt", ".md", ".markdown", ".text"}


class PlanReadError(ValueError):
    """The upload cannot be read as a plan; the message is shown to the officer."""


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


#: Headings a plan's title (trích yếu) follows, folded (no diacritics, lower case).
_TITLE_HEADINGS = re.compile(
    r"^(?:ke hoach|chuong trinh(?: hanh dong)?|huong dan|thong bao|quyet dinh|cong van|de an)$"
)
#: Paragraphs that end a title: the preamble's cues and separator lines (no letters).
_AFTER_TITLE = re.compile(r"^(?:thuc hien|can cu|kinh gui|v/v)\b")


def _title_like(paragraph) -> bool:
    """Centred, or bold throughout: how Word plans set the title under ``KẾ HOẠCH``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    style = paragraph.style
    align = paragraph.alignment
    while align is None and style is not None:
        align = style.paragraph_format.alignment
        style = style.base_style
    if align == WD_ALIGN_PARAGRAPH.CENTER:
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs)


def _join_title(paragraphs: list[tuple[str, bool]]) -> list[str]:
    """A title set over several paragraphs becomes one block, so the importer keeps all of
    it: the run of title-like paragraphs right after a heading such as ``KẾ HOẠCH``."""
    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        text, _ = paragraphs[i]
        out.append(text)
        i += 1
        if not _TITLE_HEADINGS.match(fold(text).strip(" .:")):
            continue
        while i < len(paragraphs) and not paragraphs[i][0].strip():
            i += 1
        run: list[str] = []
        while i < len(paragraphs):
            text, title_like = paragraphs[i]
            folded = fold(text).strip()
            if (
                not title_like
                or not re.search(r"[a-z0-9]", folded)
                or _AFTER_TITLE.match(folded)
                or (run and not folded)
            ):
                break
            run.append(text.strip())
            i += 1
        if run:
            out.append("\n".join(run))
    return out


def _read_docx(data: bytes) -> str:
    """Paragraphs and table cells in document order, one block per paragraph (a title set
    over several paragraphs is one block)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    parts: list[tuple[str, bool]] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            parts.append((paragraph.text, _title_like(paragraph)))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen = []
                for cell in row.cells:
                    if cell.text.strip() and cell.text not in seen:
                        seen.append(cell.text)
                parts.extend((text, False) for text in seen)
    return "\n\n".join(p for p in _join_title(parts) if p.strip())


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise PlanReadError(f"Không đọc được tệp PDF: {exc}") from exc
    text = "\n\n".join(pages)
    if len("".join(text.split())) < 20:
        raise PlanReadError(
            "Tệp PDF không có lớp văn bản (có thể là bản scan). "
            "Vui lòng tải tệp .docx, PDF có lớp văn bản hoặc dán nội dung kế hoạch."
        )
    return text


def _looks_vietnamese(text: str) -> float:
    """Share of letters that are Vietnamese-specific; a sane decoding scores high."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    viet = sum(1 for c in letters if c in "ăâđêôơưĂÂĐÊÔƠƯ" or "\u0300" <= c <= "\u0323")
    odd = sum(1 for c in letters if c in "ÃÂÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßãäåæçèìíîïðñòóõöøùúûüýþÿ")
    return (viet - odd) / len(letters)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 by BOM, else the better of cp1258 and latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("cp1258", "latin-1"):
        try:
            candidates.append(data.decode(enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise PlanReadError("Không nhận dạng được bảng mã của tệp văn bản.")
    import unicodedata

    return unicodedata.normalize("NFC", max(candidates, key=_looks_vietnamese))


def read_text(filename: str, data: bytes) -> str:
    """Text of an uploaded plan, or ``PlanReadError`` with a Vietnamese message."""
    ext = os.path.splitext(filename or "")[1].lower()
    if not data:
        raise PlanReadError("Tệp rỗng, không có nội dung để nhập.")
    if _is_docx(data):
        return _read_docx(data)
    if data.startswith(b"%PDF"):
        return _read_pdf(data)
    binary = b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not binary and (ext in TEXT_EXTENSIONS or ext not in {".exe", ".doc", ".xls", ".zip"}):
        text = decode_text(data)
        printable = sum(1 for c in text[:4096] if c.isprintable() or c in "\n\r\t")
        if printable >= 0.95 * min(len(text), 4096):
            return text
    raise PlanReadError(
        "Định dạng tệp không được hỗ trợ. Vui lòng tải tệp .docx, .pdf (có lớp văn bản), "
        ".txt hoặc .md, hoặc dán nội dung kế hoạch."
    )
