"""A small PDF writer for certificates: Unicode TrueType text, vector shapes, page templates.

Why not reportlab here: reportlab spends about 1 ms per page in Python for the handful of
strings a certificate has; a 1,000-page batch must take a few hundred milliseconds. This
writer embeds each font once per file (subset to the Vietnamese character set, glyph ids
kept, so a text is encoded by a dictionary lookup per character), draws the static design
once as a Form XObject that every page reuses, and writes each page's content stream as
plain operators. Text stays extractable (ToUnicode maps), so tests read it back with pypdf.
No Django imports.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import re
import tempfile
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "core" / "fonts"
FONT_FILES = {
    "R": "LiberationSerif-Regular.ttf",
    "B": "LiberationSerif-Bold.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "BI": "LiberationSerif-BoldItalic.ttf",
}
MM = 72 / 25.4
CACHE_VERSION = 2

# Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Vietnamese (Latin Extended
# Additional), general punctuation, the đồng sign and a few symbols used on certificates.
CHARSET = (
    [*range(0x20, 0x7F)]
    + [*range(0xA0, 0x250)]
    + [*range(0x300, 0x324)]
    + [*range(0x1E00, 0x1F00)]
    + [*range(0x2010, 0x2027)]
    + [0x20AB, 0x2116, 0x2122, 0x2030, 0x2032, 0x2033]
)


@dataclass
class Font:
    key: str
    base_name: str
    widths: dict[str, float]  # char -> advance in 1/1000 em
    hexcodes: dict[str, str]  # char -> 4 hex digits (glyph id)
    gid_widths: dict[int, int]
    gid_unicode: dict[int, int]
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]
    italic_angle: float
    flags: int
    file_data: bytes  # zlib-compressed TrueType subset
    file_length: int

    def __post_init__(self):
        self._table = {ord(ch): h for ch, h in self.hexcodes.items()}

    def width(self, text: str, size: float) -> float:
        return sum(map(self.widths.get, text, repeat(500.0))) * size / 1000.0

    def encode(self, text: str) -> str:
        """Glyph ids as hex; characters outside the subset become .notdef (0000)."""
        out = text.translate(self._table)
        if len(out) != 4 * len(text):  # a character without a glyph
            return "".join(self.hexcodes.get(ch, "0000") for ch in text)
        return out


def _cache_dir() -> Path:
    base = os.environ.get("THIDUA_CACHE_DIR") or os.path.join(
        tempfile.gettempdir(), f"thidua-cache-{os.getuid()}"
    )
    return Path(base)


@cache
def load_font(key: str) -> Font:
    """The subset font and its metrics: built once (about 0.4 s per face with fontTools),
    then kept as JSON in a private cache directory, keyed by the font file's size and
    modification time, so a new process loads it in milliseconds."""
    path = FONT_DIR / FONT_FILES[key]
    stat = path.stat()
    cache = _cache_dir() / f"font-{CACHE_VERSION}-{key}-{stat.st_size}-{int(stat.st_mtime)}.json"
    try:
        return _font_from_json(json.loads(cache.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    font = _build_font(key, path)
    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_font_to_json(font)), "utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass
    return font


def _font_to_json(f: Font) -> dict:
    return {
        "key": f.key,
        "base_name": f.base_name,
        "widths": f.widths,
        "hexcodes": f.hexcodes,
        "gid_widths": {str(k): v for k, v in f.gid_widths.items()},
        "gid_unicode": {str(k): v for k, v in f.gid_unicode.items()},
        "ascent": f.ascent,
        "descent": f.descent,
        "cap_height": f.cap_height,
        "bbox": list(f.bbox),
        "italic_angle": f.italic_angle,
        "flags": f.flags,
        "file_data": base64.b64encode(f.file_data).decode(),
        "file_length": f.file_length,
    }


def _font_from_json(d: dict) -> Font:
    return Font(
        key=d["key"],
        base_name=d["base_name"],
        widths=d["widths"],
        hexcodes=d["hexcodes"],
        gid_widths={int(k): v for k, v in d["gid_widths"].items()},
        gid_unicode={int(k): v for k, v in d["gid_unicode"].items()},
        ascent=d["ascent"],
        descent=d["descent"],
        cap_height=d["cap_height"],
        bbox=tuple(d["bbox"]),
        italic_angle=d["italic_angle"],
        flags=d["flags"],
        file_data=base64.b64decode(d["file_data"]),
        file_length=d["file_length"],
    )


def _build_font(key: str, path: Path) -> Font:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.retain_gids = True
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [1, 2, 4, 6]
    options.notdef_outline = True
    font = TTFont(str(path))
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=CHARSET)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    raw = buf.getvalue()

    scale = 1000.0 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths, hexcodes, gid_widths, gid_unicode = {}, {}, {}, {}
    for code, glyph in sorted(cmap.items()):
        gid = font.getGlyphID(glyph)
        ch = chr(code)
        w = round(hmtx[glyph][0] * scale)
        widths[ch] = float(w)
        hexcodes[ch] = f"{gid:04X}"
        gid_widths[gid] = w
        gid_unicode.setdefault(gid, code)
    head, os2, post = font["head"], font["OS/2"], font["post"]
    name = font["name"].getDebugName(6) or path.stem
    italic = post.italicAngle != 0
    return Font(
        key=key,
        base_name=f"THIDUA+{name}",
        widths=widths,
        hexcodes=hexcodes,
        gid_widths=gid_widths,
        gid_unicode=gid_unicode,
        ascent=round(os2.sTypoAscender * scale),
        descent=round(os2.sTypoDescender * scale),
        cap_height=round(getattr(os2, "sCapHeight", 0) * scale) or 662,
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        italic_angle=float(post.italicAngle),
        flags=2 | 32 | (64 if italic else 0),
        file_data=zlib.compress(raw, 6),
        file_length=len(raw),
    )


@lru_cache(maxsize=8192)
def _measure(key: str, text: str) -> tuple[float, str]:
    """Width (1/1000 em) and glyph hex of a string; repeated lines cost one lookup."""
    font = load_font(key)
    return font.width(text, 1000.0), font.encode(text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def esc_color(hex_color: str) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return f"{r:.3f} {g:.3f} {b:.3f}"


class Ops:
    """Content-stream builder. Coordinates in points, origin at the bottom-left."""

    def __init__(self):
        self.parts: list[str] = []

    def text(
        self,
        font: Font,
        size: float,
        x: float,
        y: float,
        s: str,
        align: str = "left",
        rgb: str = "0 0 0",
    ) -> float:
        units, hexed = _measure(font.key, s)
        width = units * size / 1000.0
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        self.parts.append(
            f"BT {rgb} rg /F{font.key} {size:.2f} Tf {x:.2f} {y:.2f} Td <{hexed}> Tj ET\n"
        )
        return width

    def raw(self, ops: str) -> None:
        self.parts.append(ops)

    def rect(
        self, x, y, w, h, stroke: str | None = None, fill: str | None = None, width: float = 1.0
    ):
        paint = "B" if stroke and fill else ("f" if fill else "S")
        s = f"q {width:.2f} w "
        if stroke:
            s += f"{stroke} RG "
        if fill:
            s += f"{fill} rg "
        self.parts.append(s + f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re {paint} Q\n")

    def line(self, x1, y1, x2, y2, stroke: str = "0 0 0", width: float = 1.0, dash: str = ""):
        d = f"[{dash}] 0 d " if dash else ""
        self.parts.append(
            f"q {d}{width:.2f} w {stroke} RG {x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S Q\n"
        )

    def polygon(
        self, points, fill: str | None = None, stroke: str | None = None, width: float = 0.8
    ):
        path = (
            f"{points[0][0]:.2f} {points[0][1]:.2f} m "
            + " ".join(f"{x:.2f} {y:.2f} l" for x, y in points[1:])
            + " h"
        )
        paint = "B" if stroke and fill else ("f" if fill else "S")
        s = f"q {width:.2f} w "
        if stroke:
            s += f"{stroke} RG "
        if fill:
            s += f"{fill} rg "
        self.parts.append(s + path + f" {paint} Q\n")

    def circle(
        self, cx, cy, r, fill: str | None = None, stroke: str | None = None, width: float = 0.8
    ):
        k = 0.5523 * r
        path = (
            f"{cx + r:.2f} {cy:.2f} m {cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
            f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
            f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
            f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c h"
        )
        paint = "B" if stroke and fill else ("f" if fill else "S")
        s = f"q {width:.2f} w "
        if stroke:
            s += f"{stroke} RG "
        if fill:
            s += f"{fill} rg "
        self.parts.append(s + path + f" {paint} Q\n")

    def getvalue(self) -> str:
        return "".join(self.parts)


class PdfDocument:
    """Objects are appended as bytes; fonts and the shared resources are written last."""

    def __init__(self, width: float, height: float, title: str = ""):
        self.width, self.height, self.title = width, height, title
        self.objects: list[bytes | None] = [None, None, None]  # catalog, pages, resources
        self.pages: list[int] = []
        self.xobjects: dict[str, int] = {}
        self.font_keys = list(FONT_FILES)
        self.font_objs = {k: self._reserve() for k in self.font_keys}

    def _reserve(self) -> int:
        self.objects.append(None)
        return len(self.objects)

    def _add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def _stream(self, data: bytes, extra: str = "", compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 1)
            extra += " /Filter /FlateDecode"
        return self._add(
            b"<< /Length %d%s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"
        )

    def font(self, key: str) -> Font:
        return load_font(key)

    def add_form(self, name: str, ops: str) -> str:
        """A reusable page template (Form XObject) drawn with `/name Do`."""
        num = self._stream(
            ops.encode("latin-1"),
            f" /Type /XObject /Subtype /Form /BBox [0 0 {self.width:.2f} {self.height:.2f}] /Resources 3 0 R",
        )
        self.xobjects[name] = num
        return name

    def add_jpeg(self, name: str, data: bytes, px_w: int, px_h: int, gray: bool = False) -> str:
        cs = "/DeviceGray" if gray else "/DeviceRGB"
        num = self._stream(
            data,
            f" /Type /XObject /Subtype /Image /Width {px_w} /Height {px_h} /ColorSpace {cs} "
            "/BitsPerComponent 8 /Filter /DCTDecode",
            compress=False,
        )
        self.xobjects[name] = num
        return name

    def add_page(self, ops: str) -> None:
        # Page streams are small and mostly glyph ids: compressing each costs more time
        # (zlib set-up per stream) than the bytes it saves.
        content = self._stream(ops.encode("latin-1"), compress=False)
        self.pages.append(
            self._add(
                b"<< /Type /Page /Parent 2 0 R /Resources 3 0 R /Contents %d 0 R >>" % content
            )
        )

    def _write_fonts(self) -> None:
        for key, type0 in self.font_objs.items():
            f = load_font(key)
            ff = self._add(
                b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n"
                % (len(f.file_data), f.file_length)
                + f.file_data
                + b"\nendstream"
            )
            fd = self._add(
                (
                    f"<< /Type /FontDescriptor /FontName /{f.base_name} /Flags {f.flags} "
                    f"/FontBBox [{' '.join(map(str, f.bbox))}] /ItalicAngle {f.italic_angle:g} "
                    f"/Ascent {f.ascent} /Descent {f.descent} /CapHeight {f.cap_height} /StemV 80 "
                    f"/FontFile2 {ff} 0 R >>"
                ).encode()
            )
            w = " ".join(f"{gid} [{width}]" for gid, width in sorted(f.gid_widths.items()))
            cid = self._add(
                (
                    f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{f.base_name} "
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                    f"/FontDescriptor {fd} 0 R /DW 1000 /W [{w}] /CIDToGIDMap /Identity >>"
                ).encode()
            )
            tu = self._stream(_to_unicode(f.gid_unicode).encode())
            self.objects[type0 - 1] = (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{f.base_name} /Encoding /Identity-H "
                f"/DescendantFonts [{cid} 0 R] /ToUnicode {tu} 0 R >>"
            ).encode()

    def to_bytes(self) -> bytes:
        self._write_fonts()
        fonts = " ".join(f"/F{k} {n} 0 R" for k, n in self.font_objs.items())
        xobj = " ".join(f"/{k} {n} 0 R" for k, n in self.xobjects.items())
        self.objects[2] = (
            f"<< /Font << {fonts} >> /XObject << {xobj} >> /ProcSet [/PDF /Text /ImageC] >>".encode()
        )
        kids = " ".join(f"{n} 0 R" for n in self.pages)
        self.objects[1] = (
            f"<< /Type /Pages /Count {len(self.pages)} /Kids [{kids}] "
            f"/MediaBox [0 0 {self.width:.2f} {self.height:.2f}] >>"
        ).encode()
        self.objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        info = ""
        if self.title:
            title = "".join(f"{ord(c):04X}" for c in self.title if ord(c) < 0x10000)
            info = (
                f" /Info {self._add(f'<< /Title <FEFF{title}> /Producer (thidua) >>'.encode())} 0 R"
            )
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i
            out += body
            out += b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += (
            f"trailer\n<< /Size {len(self.objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n"
        ).encode()
        return bytes(out)


def _to_unicode(gid_unicode: dict[int, int]) -> str:
    items = sorted(gid_unicode.items())
    chunks = []
    for i in range(0, len(items), 100):
        part = items[i : i + 100]
        lines = "\n".join(f"<{g:04X}> <{u:04X}>" for g, u in part)
        chunks.append(f"{len(part)} beginbfchar\n{lines}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(chunks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )


# ---- merging the parts of a batch ------------------------------------------------------

_REF = re.compile(rb"(\d+) 0 R\b")


class ForeignPdf(ValueError):
    """A file this module did not write (or not in the shape it writes)."""


def _read_own(data: bytes) -> tuple[dict[int, bytes], dict[int, bytes], bytes]:
    """The objects of a file written by `PdfDocument.to_bytes`: number -> header (the
    dictionary, where every reference is) and number -> stream part (copied as bytes),
    plus the trailer dictionary."""
    tail = data[-64:]
    m = re.search(rb"startxref\n(\d+)\n%%EOF", tail)
    if not data.startswith(b"%PDF-") or not m:
        raise ForeignPdf("no classic trailer")
    xref = int(m.group(1))
    head = re.match(rb"xref\n0 (\d+)\n", data[xref : xref + 32])
    if not head:
        raise ForeignPdf("no classic xref table")
    size = int(head.group(1))
    table = xref + head.end()
    offsets = [int(data[table + 20 * i : table + 20 * i + 10]) for i in range(1, size)]
    headers: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    ends = [*offsets[1:], xref]
    for num, (start, end) in enumerate(zip(offsets, ends, strict=True), start=1):
        prefix = b"%d 0 obj\n" % num
        if data[start : start + len(prefix)] != prefix:
            raise ForeignPdf(f"object {num} not at its offset")
        body = data[start + len(prefix) : end]
        if not body.endswith(b"\nendobj\n"):
            raise ForeignPdf(f"object {num} not closed")
        body = body[: -len(b"\nendobj\n")]
        cut = body.find(b">>\nstream\n")
        if cut >= 0:
            headers[num], streams[num] = body[: cut + 2], body[cut + 2 :]
        else:
            headers[num] = body
    trailer = data[xref + head.end() + 20 * (size - 1) :]
    return headers, streams, trailer


def _closure(root: int, headers: dict[int, bytes]) -> list[int]:
    """Objects reachable from `root`, in first-visit order."""
    seen, order, todo = set(), [], [root]
    while todo:
        num = todo.pop()
        if num in seen:
            continue
        seen.add(num)
        order.append(num)
        todo.extend(int(r) for r in reversed(_REF.findall(headers[num])))
    return order


def merge_files(paths: list[Path], final: Path) -> int:
    """Merge the parts of a certificate batch into `final` (written atomically, fsynced);
    returns the number of pages.

    Parts written by `PdfDocument` are merged here, copying page contents as bytes and
    writing the shared resources (the fonts, the design template) once when parts share
    them: about 50 times faster than pypdf's generic merge, which parses and clones every
    object. Any other file (e.g. a part pypdf already merged from several kinds) makes the
    whole merge fall back to pypdf."""
    try:
        data, pages = _merge_own([p.read_bytes() for p in paths])
    except ForeignPdf:
        data, pages = _merge_pypdf(paths)
    tmp = final.with_name(final.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    return pages


def _merge_pypdf(paths: list[Path]) -> tuple[bytes, int]:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for path in paths:
        writer.append(PdfReader(path))
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    return data, len(PdfReader(io.BytesIO(data)).pages)


def _merge_own(parts: list[bytes]) -> tuple[bytes, int]:
    out_objects: list[bytes] = [b"", b""]  # 1 catalog, 2 pages: filled last
    kids: list[int] = []
    shared: dict[bytes, int] = {}  # canonical form of a resources closure -> its number
    info = b""
    media_box = b""
    for index, data in enumerate(parts):
        headers, streams, trailer = _read_own(data)
        catalog = headers.get(1, b"")
        pages_m = re.match(rb"<< /Type /Catalog /Pages (\d+) 0 R >>", catalog)
        if not pages_m:
            raise ForeignPdf("unexpected catalog")
        pages_dict = headers[int(pages_m.group(1))]
        kids_m = re.search(rb"/Kids \[([^\]]*)\]", pages_dict)
        box_m = re.search(rb"/MediaBox \[[^\]]*\]", pages_dict)
        if not kids_m or not box_m:
            raise ForeignPdf("unexpected page tree")
        media_box = media_box or box_m.group(0)
        page_nums = [int(r) for r in _REF.findall(kids_m.group(1))]
        mapping: dict[int, int] = {int(pages_m.group(1)): 2}
        # Resources shared by every page of a part: written once for all parts alike.
        res_roots = sorted(
            {int(m) for p in page_nums for m in re.findall(rb"/Resources (\d+) 0 R", headers[p])}
        )
        for root in res_roots:
            order = _closure(root, headers)
            local = {num: i for i, num in enumerate(order)}
            canon = b"\0".join(
                _REF.sub(lambda m, local=local: b"#%d" % local[int(m.group(1))], headers[num])
                + streams.get(num, b"")
                for num in order
            )
            if canon in shared:
                base = shared[canon]
                for num in order:
                    mapping[num] = base + local[num]
                continue
            base = len(out_objects) + 1
            shared[canon] = base
            for num in order:
                mapping[num] = base + local[num]
            out_objects.extend([b""] * len(order))
            for num in order:
                out_objects[mapping[num] - 1] = _renumber(headers[num], mapping) + streams.get(
                    num, b""
                )
        for page in page_nums:
            for ref in _REF.findall(headers[page]):
                num = int(ref)
                if num not in mapping:
                    out_objects.append(b"")
                    mapping[num] = len(out_objects)
                    if _REF.search(headers[num]):
                        raise ForeignPdf("nested page object")
                    out_objects[-1] = headers[num] + streams.get(num, b"")
            page_header = headers[page]
            if b"/MediaBox" not in page_header:
                page_header = page_header[:-2].rstrip() + b" " + box_m.group(0) + b" >>"
            out_objects.append(_renumber(page_header, mapping))
            kids.append(len(out_objects))
        if index == 0:
            info_m = re.search(rb"/Info (\d+) 0 R", trailer)
            if info_m:
                out_objects.append(headers[int(info_m.group(1))])
                info = b" /Info %d 0 R" % len(out_objects)
    out_objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    out_objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] %s >>" % (
        len(kids),
        b" ".join(b"%d 0 R" % k for k in kids),
        media_box,
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(out_objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i
        out += body
        out += b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(out_objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(out_objects) + 1,
        info,
        xref,
    )
    return bytes(out), len(kids)


def _renumber(header: bytes, mapping: dict[int, int]) -> bytes:
    return _REF.sub(lambda m: b"%d 0 R" % mapping[int(m.group(1))], header)
