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


# ---- hand-written passages -------------------------------------------------------------------

PASSAGES_DIR = Path(__file__).resolve().parents[2] / "tests" / "planimport" / "passages"
PASSAGE_SETS = ("issue", "dev", "heldout")


def load_passages(name: str) -> list[dict]:
    return json.loads((PASSAGES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    from .extract.normalise import fold

    return re.sub(r"\s+", " ", fold(normalise(text or ""))).strip(" \"'")


def passage_values(result: dict) -> dict:
    """The scored fields of an extraction, in the passages' vocabulary."""
    from .extract.fields import form_head

    heads = []
    for form in result.get("award_forms") or []:
        head = form_head(form.get("form") or "")
        if head and head not in heads:
            heads.append(head)
    return {
        "issue_date": result.get("issue_date"),
        "start": result.get("start_date"),
        "end": result.get("end_date"),
        "deadlines": sorted({d["date"] for d in result.get("deadlines") or []}),
        "slogan": result.get("slogan"),
        "award_forms": heads,
        "quotas": [
            {"who": q["who"], "max": q["max"], "unit": q["unit"]}
            for q in result.get("quotas") or []
        ],
        "dossier": list(result.get("dossier_documents") or []),
    }


def _same(key: str, expected, actual) -> bool:
    if key == "slogan":
        return (expected is None and actual is None) or (
            expected is not None and actual is not None and _fold(expected) == _fold(actual)
        )
    if key == "award_forms":
        return sorted(_fold(x) for x in expected) == sorted(_fold(x) for x in actual)
    if key == "quotas":
        as_keys = sorted((q["who"], q["max"], q["unit"]) for q in expected)
        return as_keys == sorted((q["who"], q["max"], q["unit"]) for q in actual)
    if key == "dossier":
        return len(expected) == len(actual) and all(
            _fold(a).startswith(_fold(e)) for e, a in zip(expected, actual, strict=True)
        )
    if key == "deadlines":
        return sorted(expected) == sorted(actual)
    return expected == actual


def passage_results(name: str) -> list[tuple[str, str, bool, object, object]]:
    """(passage id, field, right, expected, extracted) for every scored field of a set."""
    out = []
    for passage in load_passages(name):
        values = passage_values(extract_plan(passage["text"]))
        for key, expected in passage["expected"].items():
            actual = values[key]
            out.append((passage["id"], key, _same(key, expected, actual), expected, actual))
    return out


def passage_accuracy(name: str) -> tuple[int, int, int]:
    """(fields right, fields compared, passages) of a passage set."""
    results = passage_results(name)
    return sum(1 for r in results if r[2]), len(results), len(load_passages(name))


def seed_timings(repeat: int = 3) -> list[tuple[str, float, int]]:
    """(seed, best seconds of ``repeat`` imports, characters) for every bundled seed."""
    import time

    out = []
    for name, text_path, _ in seed_files():
        text = text_path.read_text(encoding="utf-8")
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            extract_plan(text)
            best = min(best, time.perf_counter() - started)
        out.append((name, best, len(text)))
    return out
