"""A section tree from any numbering scheme, each section with a role from its cue words.

Schemes: roman ``I.``, ``1.``, ``1.1.``, ``a)``/``đ)``, ``(1)``, bullets (``-``, ``+``, ``•``),
bold-only headings. Levels follow the order in which schemes first appear, so a plan that
numbers ``1.`` under ``a)`` nests them that way. Roles are matched fuzzily (rapidfuzz) on
the heading's words, so ``Thoi gian thuc hien`` and ``THỜI GIAN THI ĐUA`` both read as time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz

from .normalise import fold

ROLE_CUES: dict[str, tuple[str, ...]] = {
    "time": ("thoi gian", "thoi gian thi dua", "thoi gian thuc hien", "thoi gian to chuc"),
    "content": ("noi dung", "noi dung thi dua", "chi tieu", "nhiem vu"),
    "subjects": ("doi tuong", "doi tuong thi dua", "pham vi doi tuong"),
    "criteria": ("tieu chuan", "tieu chi", "dieu kien"),
    "awards": (
        "khen thuong",
        "hinh thuc khen thuong",
        "danh hieu thi dua",
        "so luong khen thuong",
        "co cau so luong",
    ),
    "quotas": ("so luong", "chi tieu khen thuong", "ty le khen thuong"),
    "dossier": ("ho so", "ho so de nghi khen thuong", "thanh phan ho so", "ho so khen thuong"),
    "theme": ("chu de", "khau hieu", "chu de thi dua", "khau hieu thi dua"),
    "implementation": ("to chuc thuc hien", "trach nhiem", "phan cong"),
    "legal_basis": ("can cu", "can cu phap ly", "co so phap ly"),
    "purpose": ("muc dich", "yeu cau", "muc dich yeu cau"),
}

_SCHEMES = [
    ("roman", regex.compile(r"^(?P<n>[IVXL]{1,4})[.)]\s+\S")),
    ("decimal", regex.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s+\S")),
    ("arabic", regex.compile(r"^(?P<n>\d{1,2})[.)]\s+\S")),
    ("letter", regex.compile(r"^(?P<n>[a-zđ])\)\s+\S")),
    ("paren", regex.compile(r"^\((?P<n>\d{1,2})\)\s+\S")),
    ("bullet", regex.compile(r"^(?P<n>[-•▪●◦])\s*\S")),
    ("plus", regex.compile(r"^(?P<n>\+)\s*\S")),
]


@dataclass
class Section:
    start: int  # offset of the heading line in the normalised text
    head_end: int  # end of the heading line
    end: int = 0  # end of the section (next section of the same or higher level)
    level: int = 0
    scheme: str = ""
    heading: str = ""
    role: str | None = None
    role_score: float = 0.0
    parent: int | None = None
    children: list[int] = field(default_factory=list)


def role_of(heading: str) -> tuple[str | None, float]:
    """Best role for a heading's words (0–1 score); short headings only."""
    words = regex.sub(r"[^a-z ]", " ", fold(heading))
    words = regex.sub(r"\s+", " ", words).strip()
    if not words:
        return None, 0.0
    head = " ".join(words.split()[:6])
    best, score = None, 0.0
    for role, cues in ROLE_CUES.items():
        for cue in cues:
            s = (
                fuzz.partial_ratio(cue, head)
                if len(cue) >= 7
                else fuzz.ratio(cue, head[: len(cue)])
            )
            if head.startswith(cue.split()[0][:3]) or s >= 90:
                s = max(s, fuzz.ratio(cue, head[: len(cue) + 2]))
            if s > score:
                best, score = role, s
    return (best, score / 100) if score >= 80 else (None, score / 100)


def build(text: str) -> list[Section]:
    """Sections of the normalised text, in order, with levels, parents and roles."""
    order: list[str] = []
    sections: list[Section] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        scheme = next((name for name, rx in _SCHEMES if rx.match(stripped)), None)
        if scheme is None:
            continue
        if scheme not in order:
            order.append(scheme)
        body = regex.sub(r"^\S+\s*", "", stripped)
        heading = regex.split(r"[:.]\s", body, maxsplit=1)[0]
        role, score = role_of(heading) if len(heading) <= 90 else (None, 0.0)
        sections.append(
            Section(
                start=start,
                head_end=end,
                level=order.index(scheme) + 1,
                scheme=scheme,
                heading=heading,
                role=role,
                role_score=score,
            )
        )
    stack: list[int] = []
    for i, section in enumerate(sections):
        while stack and sections[stack[-1]].level >= section.level:
            sections[stack.pop()].end = section.start
        if stack:
            section.parent = stack[-1]
            sections[stack[-1]].children.append(i)
        stack.append(i)
    for i in stack:
        sections[i].end = len(text)
    return sections


def roles_at(sections: list[Section], pos: int) -> list[str]:
    """Roles of the sections enclosing ``pos``, innermost first."""
    out = []
    for section in reversed(sections):
        if section.start <= pos < section.end and section.role:
            out.append(section.role)
    return out
