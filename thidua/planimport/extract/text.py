"""Text model: a diacritic-folded copy with 1:1 offsets, lines, blocks and sentences.

Folding keeps exactly one character per input character so every offset found in the
folded text is also an offset in the original; source spans then quote the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

_MARKDOWN = set("*#\\")
_PUNCT = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "}


def fold_char(ch: str) -> str:
    """Fold one character to a lowercase ASCII-ish letter without changing length."""
    if ch in _MARKDOWN:
        return " "
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    low = (base or ch).lower()
    return low[0] if low else " "


_FOLDED: dict[str, str] = {}


def fold(text: str) -> str:
    """Diacritic-free, lowercase, markdown-blanked copy of ``text`` of the same length."""
    out = []
    for ch in text:
        folded = _FOLDED.get(ch)
        if folded is None:
            folded = _FOLDED[ch] = fold_char(ch)
        out.append(folded)
    return "".join(out)


def clean(text: str) -> str:
    """Readable original text: markdown emphasis removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    if "\n" in text:
        text = "\n".join(ln for ln in text.split("\n") if not (ln.strip() and _is_noise(ln)))
    text = text.replace("\\*", "").replace("**", "").replace("*", "")
    text = re.sub(r"(^|\n)\s*#+\s*", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def clean_item(text: str) -> str:
    """``clean`` plus dropping bullet markers and trailing separators of a list item."""
    text = clean(text)
    text = re.sub(r"^(?:[-+•]\s*)+", "", text)
    text = re.sub(r"^(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.)\s+", "", text)
    return text.rstrip(" .;:,").strip()


_ROMAN = re.compile(r"^([ivxl]{1,4})\.\s+\S")
_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+\S|^(\d{1,2})\.\s+\S")
_LETTER = re.compile(r"^([a-zđ])\)\s+\S")
_ABBREV = {"tp", "tt", "tm", "kt", "ths", "ts", "gs", "pgs", "st", "tx", "p", "q", "v/v", "ttg"}

# Levels: roman 1, "1." 2, "1.1." 3, "a)" 5, "-"/"•"/"*" 6, "+" 7, plain text 8.
BODY = 8


@dataclass
class Block:
    """A heading, list item or paragraph; continuation lines and page-break splits joined."""

    start: int
    end: int
    level: int
    marker: str
    raw: str = field(repr=False)

    @cached_property
    def text(self) -> str:
        return clean(self.raw)

    @property
    def is_heading(self) -> bool:
        return 1 <= self.level <= 5


def _marker(line: str) -> tuple[int, str, int]:
    """Return (level, marker, offset of content) for one original line."""
    m = re.match(r"^[\s#>]*", line)
    pos = m.end()
    while pos < len(line) and line[pos] in "*_ ":
        pos += 1
    rest = line[pos:]
    if rest.startswith("\\*"):
        return 6, "*", pos + 2
    if rest[:1] in "-+•" and rest[1:2] in (" ", "\t", "-"):
        return (7 if rest[0] == "+" else 6), rest[0], pos + 1
    low = fold(rest)
    if re.match(r"(?:noi nhan|n[o0]i nh[a-z]n|tm\.|kt\.)", low):
        return 0, "end", pos
    if m2 := _ROMAN.match(low):
        letters = [c for c in rest[m2.end(1) :] if c.isalpha()]
        if letters and letters[0].isupper():
            return 1, m2.group(1), pos
    if m2 := _ARABIC.match(low):
        num = m2.group(1) or m2.group(2)
        return 1 + num.count(".") + 1, num, pos
    if m2 := _LETTER.match(low):
        return 5, m2.group(1), pos
    return BODY, "", pos


def _is_noise(line: str) -> bool:
    """OCR debris such as ``v,`` or ``A L]``: no word of three letters."""
    return not re.search(r"[^\W\d_]{3}|\d{2}", line)


class Doc:
    """Original text, folded copy and structural blocks."""

    def __init__(self, text: str):
        self.orig = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        self.fold = fold(self.orig)
        self.blocks = self._blocks()

    def _blocks(self) -> list[Block]:
        blocks: list[Block] = []
        pos = 0
        gap = False
        for line in self.orig.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip() or _is_noise(line):
                gap = True
                continue
            level, marker, off = _marker(line)
            first = line[off:].lstrip(" *_")
            if blocks and level == BODY and self._absorbs(blocks[-1], first, gap):
                prev = blocks[-1]
                blocks[-1] = Block(
                    prev.start, end, prev.level, prev.marker, self.orig[prev.start : end]
                )
            else:
                blocks.append(Block(start + off, end, level, marker, self.orig[start + off : end]))
            gap = False
        return blocks

    @staticmethod
    def _absorbs(prev: Block, first: str, gap: bool) -> bool:
        """Join an unmarked line to the previous block (wrapped line or page break)."""
        lower = first[:1].islower()
        if gap:
            return lower
        if prev.is_heading:
            tail = prev.raw.rstrip(" *_")
            last = tail.split("\n")[-1]
            return lower or len(last) >= 60 or tail.endswith(("-", ",", "(", "và"))
        return True

    def ftext(self, start: int, end: int) -> str:
        return self.fold[start:end]

    def span(self, start: int, end: int) -> dict:
        return {"text": clean(self.orig[start:end]), "start": start, "end": end}

    def section(self, idx: int) -> list[int]:
        """Indices of blocks under block ``idx`` (until a block of the same or higher level)."""
        level = self.blocks[idx].level
        out = []
        for j in range(idx + 1, len(self.blocks)):
            if self.blocks[j].level <= level:
                break
            out.append(j)
        return out

    def sentences(self, block: Block) -> list[tuple[int, int]]:
        """Sentence offsets inside a block; abbreviations such as ``TP.`` do not split."""
        out = []
        f = self.fold
        s = block.start
        for m in re.finditer(r"[.!?]\s+[\"'(\[“]?(.)", self.orig[block.start : block.end]):
            if not (m.group(1).isupper() or m.group(1).isdigit()):
                continue
            e = block.start + m.start()
            word = re.search(r"([\w/]+)$", f[s:e])
            if word and word.group(1) in _ABBREV:
                continue
            if re.fullmatch(r"[\s\divxl.]*", f[s:e]):
                continue
            out.append((s, e + 1))
            s = e + 1
        out.append((s, block.end))
        return [(a, b) for a, b in out if self.orig[a:b].strip()]

    def block_at(self, pos: int) -> int:
        for i, b in enumerate(self.blocks):
            if b.start <= pos < b.end:
                return i
        return -1

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = self.block_at(pos)
        if i < 0:
            return pos, pos
        for a, b in self.sentences(self.blocks[i]):
            if a <= pos < b:
                return a, b
        return self.blocks[i].start, self.blocks[i].end
