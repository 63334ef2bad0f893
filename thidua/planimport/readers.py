"""Turn an uploaded plan (.docx, .pdf with a text layer, .txt/.md) into plain text.

The format is sniffed from the bytes; the extension is only a hint, so a renamed
binary is refused instead of being decoded into garbage.
"""

from __future__ import annotations

import io
import os
import zipfile

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


def _read_docx(data: bytes) -> str:
    """Paragraphs and table cells in document order, one block per paragraph."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen = []
                for cell in row.cells:
                    if cell.text.strip() and cell.text not in seen:
                        seen.append(cell.text)
                parts.extend(seen)
    return "\n\n".join(p for p in parts if p.strip())


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
