"""Vietnam's 54 ethnic groups (Quyết định 121-TCTK/PPCĐ, 1979) and their common other names.

The list, with its citation, is `data/ethnic_groups.json`. A person's (or household's)
`ethnicity` is stored as the official name: "H'Mông", "Hmong", "Mèo" are stored "Mông";
"kinh", "Việt" are "Kinh"; a name the list does not know is refused in Vietnamese.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError

from thidua.core.text import fold

DATA = Path(__file__).parent / "data" / "ethnic_groups.json"
FOREIGNER = "Người nước ngoài"


def _key(text: str) -> str:
    key = fold(text or "")
    key = re.sub(r"^(dan toc|nguoi)\s+", "", key)
    return re.sub(r"[^0-9a-z]", "", key)


@cache
def groups() -> list[dict]:
    """[{"code": "08", "name": "Mông", "aliases": ["H'Mông", …]}, …] in the official order."""
    return json.loads(DATA.read_text(encoding="utf-8"))["groups"]


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for g in groups():  # other names first, so an official name always wins a clash
        for alias in g["aliases"]:
            index.setdefault(_key(alias), g["name"])
    for g in groups():
        index[_key(g["name"])] = g["name"]
    index[_key(FOREIGNER)] = FOREIGNER
    return index


def choices() -> list[tuple[str, str]]:
    return [(g["name"], g["name"]) for g in groups()] + [(FOREIGNER, FOREIGNER)]


def official_name(text: str) -> str | None:
    """The official name of the group `text` names (any case, with or without diacritics,
    "dân tộc …" or an other name), or None."""
    exact = {g["name"]: g["name"] for g in groups()}
    text = " ".join((text or "").split())
    if text in exact:
        return text
    return _index().get(_key(text))


def normalise_ethnicity(text: str) -> str:
    """The official name, or ValidationError naming what was typed."""
    name = official_name(text)
    if name is None:
        raise ValidationError(
            f"“{text}” không có trong Danh mục các dân tộc Việt Nam (54 dân tộc, Quyết định "
            "121-TCTK/PPCĐ); nhập tên dân tộc, ví dụ Tày, Mông, Dao.",
            code="ethnicity",
        )
    return name


def validate_ethnicity(value: str) -> None:
    normalise_ethnicity(value)
