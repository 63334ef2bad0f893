"""Normalised plan text with an offset map back into the original.

Steps, each keeping for every output character the offset of the input character it came
from: mojibake repaired (``ftfy``, line by line), NFC, markdown and scrape noise removed
(``**``, ``#``, table pipes, links, site boilerplate), curly quotes and dashes unified, and
hard-wrapped lines rejoined: a single line break inside a paragraph is a wrap unless the
next line starts a number or a bullet, or one of the two lines is an upper-case header line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ftfy
import regex
from ftfy.badness import is_bad

_QUOTES = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"', "‘": "'", "’": "'"}
_DASHES = {"–": "-", "—": "-", "‒": "-", "−": "-", "\u2010": "-", "\u2011": "-"}
_SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\u200b": ""}

#: Lines a web page adds around the plan (menus, share buttons, related news).
_BOILERPLATE_RE = regex.compile(
    r"^\s*(?:trang chủ|chia sẻ|in bài|bản in|gửi email|đăng nhập|tin liên quan|xem thêm|"
    r"bình luận|lượt xem|tags?|từ khóa|share|facebook|zalo|twitter|in trang|quay lại|"
    r"tải về|file đính kèm|văn bản liên quan)\s*:?\s*$",
    regex.IGNORECASE,
)
#: A line that starts a new item: a number, a roman or letter marker, a bullet.
_ITEM_START_RE = regex.compile(
    r"^\s*(?:[-+•*▪●◦]\s|\(?\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2})+\.?\s|[IVXL]{1,4}\.\s|"
    r"\(?[a-zđ]\)\s|Số\s*:|Số\s+\d|Kính gửi|Nơi nhận|TM\.|KT\.|Căn cứ|Thực hiện\s)",
)


@dataclass
class Normalised:
    """``text`` with ``offsets[i]`` = offset in the original of ``text[i]``."""

    text: str
    offsets: list[int]
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


class _Builder:
    def __init__(self, text: str, offsets: list[int]):
        self.text = text
        self.offsets = offsets

    def sub(self, pattern, replace: Callable[[regex.Match], str] | str, flags=0) -> None:
        """Regex substitution that carries offsets: replaced text takes the match's offsets."""
        compiled = regex.compile(pattern, flags) if isinstance(pattern, str) else pattern
        parts: list[str] = []
        offsets: list[int] = []
        pos = 0
        for m in compiled.finditer(self.text):
            parts.append(self.text[pos : m.start()])
            offsets.extend(self.offsets[pos : m.start()])
            new = replace(m) if callable(replace) else m.expand(replace)
            source = self.offsets[m.start() : m.end()] or [
                self.offsets[m.start() - 1] if m.start() else 0
            ]
            parts.append(new)
            offsets.extend(source[min(i, len(source) - 1)] for i in range(len(new)))
            pos = m.end()
        parts.append(self.text[pos:])
        offsets.extend(self.offsets[pos:])
        self.text = "".join(parts)
        self.offsets = offsets


def _repair_lines(text: str) -> tuple[str, list[int]]:
    """ftfy per line; a repaired line maps its characters proportionally onto the original."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for line in text.split("\n"):
        suspect = line and not line.isascii() and is_bad(line)
        fixed = ftfy.fix_text(line, normalization="NFC") if suspect else line
        if fixed == line:
            offsets.extend(range(pos, pos + len(line)))
        else:
            scale = len(line) / max(len(fixed), 1)
            offsets.extend(
                pos + min(int(i * scale), max(len(line) - 1, 0)) for i in range(len(fixed))
            )
        out.append(fixed)
        pos += len(line)
        out.append("\n")
        offsets.append(pos)
        pos += 1
    out.pop()
    offsets.pop()
    return "".join(out), offsets


def _is_header_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _rejoin_wraps(builder: _Builder) -> None:
    lines = builder.text.split("\n")
    joins: set[int] = set()
    pos = 0
    for i in range(len(lines) - 1):
        pos += len(lines[i]) + 1
        prev, nxt = lines[i].rstrip(), lines[i + 1].strip()
        if not prev.strip() or not nxt:
            continue
        if _ITEM_START_RE.match(lines[i + 1]) or _is_header_line(nxt) or _is_header_line(prev):
            continue
        starts_lower = nxt[:1].islower()
        ends_open = not regex.search(r"[.:;!?\"]$", prev)
        short_heading = regex.match(r"^\s*(?:[IVXL]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.)", prev) and (
            len(prev) < 60
        )
        if starts_lower or (ends_open and not short_heading):
            joins.add(pos - 1)
    if joins:
        chars = list(builder.text)
        for index in joins:
            chars[index] = " "
        builder.text = "".join(chars)


def normalise(text: str) -> Normalised:
    """The normalised text of a plan and the offset of each of its characters."""
    original = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    repaired, offsets = _repair_lines(original)
    builder = _Builder(repaired, offsets)
    if not unicodedata.is_normalized("NFC", builder.text):
        builder.sub(r"\X", lambda m: unicodedata.normalize("NFC", m.group(0)))
    mapping = {**_QUOTES, **_DASHES, **_SPACES}
    builder.sub("[" + regex.escape("".join(mapping)) + "]", lambda m: mapping[m.group(0)])
    builder.sub(r"!\[[^\]]*\]\([^)]*\)", "")
    builder.sub(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)", lambda m: m.group(1))
    builder.sub(r"<(https?://[^>]+)>", lambda m: m.group(1))
    builder.sub(r"</?[a-zA-Z][^>\n]{0,80}>", " ")
    builder.sub(r"\\([*_#|\\.\-])", lambda m: m.group(1))
    builder.sub(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "")
    builder.sub(r"(?m)^[ \t]*#{1,6}[ \t]*", "")
    builder.sub(r"(?m)^[ \t]*>[ \t]?", "")
    builder.sub(r"(?m)^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$", "")
    builder.sub(r"(?m)^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$", "")
    builder.sub(r"[ \t]*\|[ \t]*", ": ")
    builder.sub(r"(?m)^[^\n]*$", lambda m: "" if _BOILERPLATE_RE.match(m.group(0)) else m.group(0))
    builder.sub(r"[ ]{2,}", " ")
    builder.sub(r"(?m)^ | $", "")
    _rejoin_wraps(builder)
    return Normalised(builder.text, builder.offsets, original)


_FOLDED: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    low = (base or ch).lower()
    return low[0] if low else " "


def fold(text: str) -> str:
    """Lowercase, diacritics removed, ``đ`` → ``d``; one character per character."""
    out = []
    for ch in text:
        folded = _FOLDED.get(ch)
        if folded is None:
            folded = _FOLDED[ch] = _fold_char(ch)
        out.append(folded)
    return "".join(out)
