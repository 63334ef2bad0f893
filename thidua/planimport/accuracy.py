"""Field-by-field comparison of an extraction with a hand-written expectation."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from .extract import extract_plan

SEEDS_DIR = Path(__file__).resolve().parent.parent / "demo_data" / "seeds"
EXPECTED_DIR = Path(__file__).resolve().parents[2] / "tests" / "planimport" / "expected"


def normalise(value):
    """Strings compare after markdown/whitespace normalisation; other values as they are."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value).replace("**", "").replace("*", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .;:,")


def compare(
    expected: dict, actual: dict, prefix: str = ""
) -> list[tuple[str, bool, object, object]]:
    """Leaf fields of ``expected`` (lists item by item) against ``actual``.

    Extra items in an actual list count as wrong fields; ``source_spans`` is skipped.
    """
    out: list[tuple[str, bool, object, object]] = []
    actual = actual if isinstance(actual, dict) else {}
    for key, exp in expected.items():
        if key == "source_spans":
            continue
        _compare_value(f"{prefix}{key}", exp, actual.get(key), out)
    return out


def _compare_value(path: str, exp, act, out: list) -> None:
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            act = {}
        out.extend(compare(exp, act, prefix=f"{path}."))
    elif isinstance(exp, list):
        act = act if isinstance(act, list) else []
        if not exp and not act:
            out.append((path, True, [], []))
        for i in range(max(len(exp), len(act))):
            e = exp[i] if i < len(exp) else None
            a = act[i] if i < len(act) else None
            if isinstance(e, dict):
                _compare_value(f"{path}[{i}]", e, a, out)
            else:
                out.append((f"{path}[{i}]", e is not None and normalise(e) == normalise(a), e, a))
    else:
        out.append((path, normalise(exp) == normalise(act), exp, act))


def seed_files() -> list[tuple[str, Path, Path]]:
    """(seed name, seed text, expected json) for the bundled seeds."""
    out = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        name = path.name.split("_")[0]
        out.append((name, path, EXPECTED_DIR / f"{name}.json"))
    return out


def seed_results(name: str) -> list[tuple[str, bool, object, object]]:
    for seed, text_path, exp_path in seed_files():
        if seed == name:
            expected = json.loads(exp_path.read_text(encoding="utf-8"))
            return compare(expected, extract_plan(text_path.read_text(encoding="utf-8")))
    raise KeyError(name)


def seed_accuracy() -> list[tuple[str, int, int]]:
    """(seed, fields right, fields compared) for every seed with an expectation."""
    out = []
    for name, _, exp_path in seed_files():
        if not exp_path.exists():
            continue
        results = seed_results(name)
        out.append((name, sum(1 for r in results if r[1]), len(results)))
    return out
