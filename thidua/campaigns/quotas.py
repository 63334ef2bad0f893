"""The ONE quota and eligibility evaluator for campaigns (đợt thi đua).

Campaign pages, dossier submission and appraisal all call :func:`evaluate` (and
dashboards call :func:`usage`), so that a quota is checked the same way everywhere.
Rules are data: a list of JSON dicts stored on the campaign, checked by
:func:`validate_rule`. No Django here: callers turn dossier nominees into :class:`Line`
objects and pass the campaign's context (prior-year ratings, block ranks, upward
proposals) in a :class:`Context`.

Rule JSON schema
----------------
Common keys (every kind)::

    {"id": "000_giao_vien",          # unique inside the campaign
     "kind": "quota" | "exclusion" | "prior_rating" | "block_leader",
     "match": {...},                 # which lines the rule applies to (see below)
     "exclude": {...} | [{...}, ...],  # optional: lines matching ANY of these are skipped
     "label": "giáo viên",           # Vietnamese; for quotas the counted noun,
                                     # otherwise the award or criterion
     "description": "…",             # optional; quoted in parentheses in failure messages
     "source": "…"}                  # optional; the plan sentence the rule encodes

``match`` keys, each a list; an empty or missing list means "any"; all given lists must
match (AND); ``proposer_tags`` matches when the line has at least one of the tags::

    forms, proposer_kinds, proposer_tags, proposer_ids, subject_kinds, categories,
    nominee_unit_kinds

Kinds
-----
``quota`` — at most N lines. Keys: ``scope`` and ``max``.

- ``scope: "per_proposer"``: counted per proposing unit. Seed 000: "Phòng Giáo dục và Đào
  tạo thành phố xem xét, lựa chọn 05 giáo viên và 05 học sinh"; "Mỗi đơn vị lựa chọn không
  quá 03 tập thể hoặc cá nhân xuất sắc tiêu biểu".
- ``scope: "total"``: counted over the whole campaign. Seed 000: "UBND thành phố xem xét,
  lựa chọn 10 tập thể, cá nhân … để đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh".
- ``scope: "per_nominee_kind"``: counted per nominee unit kind (a household/person without
  a unit kind is counted under its category, then its subject kind), with
  ``max_by_kind`` ``{"commune": 2, "ward": 3}`` (kinds not listed use ``max`` if given, else
  are not limited) and optional ``label_by_kind`` ``{"commune": "xã"}``. Seed 004: "Tặng
  02 xã, 03 phường tiêu biểu"; "Tặng 02 Hợp tác xã, 03 doanh nghiệp".

``exclusion`` — a nominee proposed upward (``ctx.upward_keys``, unless ``"upward":
false``) or proposed for one of ``excluded_by_forms`` in the same campaign may not also
get a line matching ``match``. Seed 004: "Tặng 02 xã, 03 phường tiêu biểu (không là đơn vị
được đề nghị Tỉnh khen trong Đợt thi đua này)".

``prior_rating`` — matched nominees need ``ctx.prior_ratings[key]`` at least ``min`` (a
code of ``RATINGS``); a missing rating fails. Seed 004: "Năm 2020, tổ chức Đảng, chính
quyền được đánh giá hoàn thành tốt nhiệm vụ trở lên".

``block_leader`` — matched nominees must rank ≤ ``top_n`` (default 1; ties share a rank)
in their block (``ctx.block_ranks``), optionally only in ``blocks`` (block ids). Seed 004:
"Xét tặng cho các xã, phường tiêu biểu, xuất sắc dẫn đầu khối thi đua … có tỷ lệ hoàn
thành cao nhất các nội dung, chỉ tiêu đăng ký".

Counting
--------
``existing`` lines are already counted (submitted, appraised, decided); ``proposed`` lines
are being added. A proposed line identical to an existing one (same proposer, form,
subject kind and non-empty ``nominee_key``) is counted once, so resubmitting a dossier does
not double-count it. :func:`evaluate` reports only the groups and nominees that the
proposed lines touch; :func:`usage` reports every quota group of the existing lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from thidua.legal.read import (
    AWARD_FORM_CODES,
    AWARD_FORMS,
    COLLECTIVE_CATEGORIES,
    PERSON_CATEGORIES,
    RATING_LABELS,
    RATING_RANK,
    SUBJECT_KINDS,
)

RULE_KINDS = ("quota", "exclusion", "prior_rating", "block_leader")
QUOTA_SCOPES = ("per_proposer", "total", "per_nominee_kind")
MATCH_KEYS: dict[str, type] = {
    "forms": str,
    "proposer_kinds": str,
    "proposer_tags": str,
    "proposer_ids": int,
    "subject_kinds": str,
    "categories": str,
    "nominee_unit_kinds": str,
}
_COMMON_KEYS = {"id", "kind", "match", "exclude", "label", "description", "source"}
_KIND_KEYS = {
    "quota": {"scope", "max", "max_by_kind", "label_by_kind"},
    "exclusion": {"excluded_by_forms", "upward"},
    "prior_rating": {"min"},
    "block_leader": {"top_n", "blocks"},
}
_CATEGORIES = set(PERSON_CATEGORIES) | set(COLLECTIVE_CATEGORIES)


class RuleError(ValueError):
    """A campaign rule is malformed; ``errors`` holds the Vietnamese messages."""

    def __init__(self, errors: list[str]):
        super().__init__(" ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Line:
    """One nominee line, already counted or being proposed."""

    proposer_id: int
    proposer_name: str
    proposer_kind: str
    proposer_tags: frozenset[str] = frozenset()
    form: str = ""
    subject_kind: str = "individual"
    category: str | None = None
    nominee_key: str = ""
    nominee_unit_id: int | None = None
    nominee_unit_kind: str | None = None
    nominee_name: str = ""
    dossier_id: int | None = None
    # Lines counted in the database come grouped: one Line stands for `count` lines with the
    # same proposer, form, subject kind, category and unit kind (and no nominee_key).
    count: int = 1


@dataclass
class Context:
    """Campaign facts the eligibility rules need."""

    prior_ratings: dict[str, str] = field(default_factory=dict)
    block_ranks: dict[int, tuple[int, str, int]] = field(default_factory=dict)
    upward_keys: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class RuleResult:
    """Outcome of one rule for one group (quota) or one nominee (other kinds)."""

    rule_id: str
    ok: bool
    message: str
    used: int | None
    limit: int | None
    line_keys: tuple[str, ...]


# ---- validation ------------------------------------------------------------------------


def _validate_match(m: Any, where: str, errors: list[str]) -> None:
    if not isinstance(m, Mapping):
        errors.append(f"{where} phải là một đối tượng (dict).")
        return
    for key, values in m.items():
        if key not in MATCH_KEYS:
            errors.append(f"{where}: khóa “{key}” không hợp lệ.")
            continue
        if not isinstance(values, list | tuple):
            errors.append(f"{where}.{key} phải là một danh sách.")
            continue
        want = MATCH_KEYS[key]
        for v in values:
            if not isinstance(v, want) or isinstance(v, bool) or (want is str and not v):
                errors.append(f"{where}.{key}: giá trị “{v}” không hợp lệ.")
        if key == "forms":
            errors += [
                f"{where}.forms: không có hình thức khen thưởng mã “{v}”."
                for v in values
                if isinstance(v, str) and v and v not in AWARD_FORM_CODES
            ]
        if key == "subject_kinds":
            errors += [
                f"{where}.subject_kinds: loại đối tượng “{v}” không hợp lệ."
                for v in values
                if isinstance(v, str) and v and v not in SUBJECT_KINDS
            ]
        if key == "categories":
            errors += [
                f"{where}.categories: không có nhóm đối tượng “{v}”."
                for v in values
                if isinstance(v, str) and v and v not in _CATEGORIES
            ]


def _is_count(v: Any, minimum: int = 0) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= minimum


def validate_rule(rule: Any) -> list[str]:
    """Vietnamese error messages for a rule dict; an empty list means the rule is valid."""
    if not isinstance(rule, Mapping):
        return ["Quy tắc phải là một đối tượng (dict)."]
    errors: list[str] = []
    rid = rule.get("id")
    if not isinstance(rid, str) or not rid.strip():
        errors.append("Quy tắc thiếu mã (id).")
        rid = "?"
    kind = rule.get("kind")
    if kind not in RULE_KINDS:
        errors.append(f"Quy tắc “{rid}”: loại “{kind}” không hợp lệ.")
        return errors
    unknown = set(rule) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        errors.append(f"Quy tắc “{rid}”: khóa không hợp lệ: {', '.join(sorted(unknown))}.")
    if not isinstance(rule.get("label"), str) or not rule["label"].strip():
        errors.append(f"Quy tắc “{rid}”: thiếu nhãn (label).")
    for key in ("description", "source"):
        if key in rule and not isinstance(rule[key], str):
            errors.append(f"Quy tắc “{rid}”: {key} phải là chuỗi ký tự.")
    _validate_match(rule.get("match", {}), f"Quy tắc “{rid}”: match", errors)
    if "exclude" in rule:
        excl = rule["exclude"]
        excl = [excl] if isinstance(excl, Mapping) else excl
        if not isinstance(excl, list | tuple) or not excl:
            errors.append(f"Quy tắc “{rid}”: exclude phải là đối tượng hoặc danh sách đối tượng.")
        else:
            for i, m in enumerate(excl):
                _validate_match(m, f"Quy tắc “{rid}”: exclude[{i}]", errors)
                if isinstance(m, Mapping) and not any(m.values()):
                    errors.append(f"Quy tắc “{rid}”: exclude[{i}] rỗng sẽ loại trừ mọi dòng.")
    if kind == "quota":
        scope = rule.get("scope")
        if scope not in QUOTA_SCOPES:
            errors.append(f"Quy tắc “{rid}”: phạm vi (scope) “{scope}” không hợp lệ.")
        if "max" in rule and not _is_count(rule["max"]):
            errors.append(f"Quy tắc “{rid}”: giới hạn (max) phải là số nguyên không âm.")
        if scope == "per_nominee_kind":
            mbk = rule.get("max_by_kind")
            if not isinstance(mbk, Mapping) or not all(
                isinstance(k, str) and _is_count(v) for k, v in mbk.items()
            ):
                errors.append(
                    f"Quy tắc “{rid}”: max_by_kind phải ánh xạ loại đơn vị → số nguyên không âm."
                )
            lbk = rule.get("label_by_kind", {})
            if not isinstance(lbk, Mapping) or not all(
                isinstance(v, str) and v for v in lbk.values()
            ):
                errors.append(f"Quy tắc “{rid}”: label_by_kind phải ánh xạ loại đơn vị → nhãn.")
        elif "max" not in rule:
            errors.append(f"Quy tắc “{rid}”: thiếu giới hạn (max).")
        elif "max_by_kind" in rule or "label_by_kind" in rule:
            errors.append(f"Quy tắc “{rid}”: max_by_kind chỉ dùng với phạm vi “per_nominee_kind”.")
    elif kind == "exclusion":
        forms = rule.get("excluded_by_forms", [])
        if not isinstance(forms, list | tuple) or not all(
            isinstance(f, str) and f in AWARD_FORM_CODES for f in forms
        ):
            errors.append(
                f"Quy tắc “{rid}”: excluded_by_forms phải là danh sách mã hình thức khen thưởng."
            )
        if not isinstance(rule.get("upward", True), bool):
            errors.append(f"Quy tắc “{rid}”: upward phải là true/false.")
        if not forms and rule.get("upward", True) is False:
            errors.append(f"Quy tắc “{rid}”: không có căn cứ loại trừ nào.")
    elif kind == "prior_rating":
        if rule.get("min") not in RATING_RANK:
            errors.append(
                f"Quy tắc “{rid}”: mức xếp loại tối thiểu “{rule.get('min')}” không hợp lệ."
            )
    elif kind == "block_leader":
        if not _is_count(rule.get("top_n", 1), 1):
            errors.append(f"Quy tắc “{rid}”: top_n phải là số nguyên từ 1 trở lên.")
        blocks = rule.get("blocks", [])
        if not isinstance(blocks, list | tuple) or not all(_is_count(b) for b in blocks):
            errors.append(f"Quy tắc “{rid}”: blocks phải là danh sách mã khối.")
    return errors


def validate_rules(rules: Sequence[Any]) -> list[str]:
    """Errors of every rule plus duplicate ids."""
    errors = [e for r in rules for e in validate_rule(r)]
    seen: set[str] = set()
    for r in rules:
        rid = r.get("id") if isinstance(r, Mapping) else None
        if isinstance(rid, str) and rid in seen:
            errors.append(f"Mã quy tắc “{rid}” bị trùng.")
        seen.add(rid)
    return errors


# ---- matching ----------------------------------------------------------------------------


def _matches(line: Line, m: Mapping[str, Sequence]) -> bool:
    checks = (
        ("forms", line.form),
        ("proposer_kinds", line.proposer_kind),
        ("proposer_ids", line.proposer_id),
        ("subject_kinds", line.subject_kind),
        ("categories", line.category),
        ("nominee_unit_kinds", line.nominee_unit_kind),
    )
    for key, value in checks:
        wanted = m.get(key)
        if wanted and value not in wanted:
            return False
    tags = m.get("proposer_tags")
    return not (tags and not (set(tags) & set(line.proposer_tags)))


def _applies(rule: Mapping, line: Line) -> bool:
    if not _matches(line, rule.get("match", {})):
        return False
    excl = rule.get("exclude") or []
    excl = [excl] if isinstance(excl, Mapping) else excl
    return not any(_matches(line, m) for m in excl)


def _identity(line: Line) -> tuple:
    if not line.nominee_key:
        return ("anon", id(line))
    return (line.proposer_id, line.form, line.subject_kind, line.nominee_key)


def _merge(existing: Iterable[Line], proposed: Iterable[Line]) -> list[tuple[Line, bool]]:
    """Existing then proposed lines, de-duplicated, each with ``is_proposed``."""
    out: dict[tuple, tuple[Line, bool]] = {}
    for line in existing:
        out.setdefault(_identity(line), (line, False))
    for line in proposed:
        ident = _identity(line)
        if ident in out:
            out[ident] = (out[ident][0], True)
        else:
            out[ident] = (line, True)
    return list(out.values())


def _form_name(code: str) -> str:
    entries = [f for f in AWARD_FORMS if f["code"] == code]
    return max(entries, key=lambda f: f["valid_from"])["name"] if entries else code


def _desc(rule: Mapping) -> str:
    return f" ({rule['description']})" if rule.get("description") else ""


def _name(line: Line) -> str:
    return line.nominee_name or line.nominee_key or "Đối tượng"


# ---- quota ---------------------------------------------------------------------------------


def _group_key(rule: Mapping, line: Line) -> Any:
    scope = rule["scope"]
    if scope == "per_proposer":
        return line.proposer_id
    if scope == "per_nominee_kind":
        return line.nominee_unit_kind or line.category or line.subject_kind
    return None


def _applier(rule: Mapping):
    """`_applies(rule, ·)` remembered per combination of the fields the rule reads: the
    campaign page counts one line per proposing unit (hundreds on deadline day) and most
    share their form, kind, tags and category; the proposer id is part of the combination
    only when the rule names proposers."""
    excl = rule.get("exclude") or []
    excl = [excl] if isinstance(excl, Mapping) else excl
    by_id = any(m.get("proposer_ids") for m in (rule.get("match") or {}, *excl))
    seen: dict[tuple, bool] = {}

    def applies(line: Line) -> bool:
        key = (
            line.form,
            line.proposer_kind,
            line.proposer_tags,
            line.subject_kind,
            line.category,
            line.nominee_unit_kind,
            line.proposer_id if by_id else None,
        )
        found = seen.get(key)
        if found is None:
            found = seen[key] = _applies(rule, line)
        return found

    return applies


def _quota_results(
    rule: Mapping, lines: list[tuple[Line, bool]], only_touched: bool
) -> list[RuleResult]:
    applies = _applier(rule)
    groups: dict[Any, list[tuple[Line, bool]]] = {}
    for line, is_proposed in lines:
        if applies(line):
            groups.setdefault(_group_key(rule, line), []).append((line, is_proposed))
    results = []
    for key, members in groups.items():
        touched = [ln for ln, p in members if p]
        if only_touched and not touched:
            continue
        label = rule["label"]
        limit = rule.get("max")
        if rule["scope"] == "per_nominee_kind":
            limit = rule["max_by_kind"].get(key, limit)
            label = rule.get("label_by_kind", {}).get(key, label)
        if limit is None:
            continue
        used = sum(ln.count for ln, _ in members)
        who = members[0][0].proposer_name if rule["scope"] == "per_proposer" else None
        if used > limit:
            head = f"{who} đề nghị" if who else "Đã đề nghị"
            msg = f"{head} {used} {label}, vượt giới hạn {limit}{_desc(rule)}."
        else:
            head = f"{who} đã đề nghị" if who else "Đã đề nghị"
            msg = f"{head} {used}/{limit} {label}."
        shown = touched if only_touched else [ln for ln, _ in members]
        results.append(
            RuleResult(
                rule["id"], used <= limit, msg, used, limit, tuple(ln.nominee_key for ln in shown)
            )
        )
    return results


# ---- exclusion ---------------------------------------------------------------------------


def _exclusion_results(
    rule: Mapping, lines: list[tuple[Line, bool]], ctx: Context
) -> list[RuleResult]:
    excluded_forms = set(rule.get("excluded_by_forms", []))
    use_upward = rule.get("upward", True)
    higher: dict[str, list[tuple[Line, bool]]] = {}
    for line, is_proposed in lines:
        if line.form in excluded_forms and line.nominee_key:
            higher.setdefault(line.nominee_key, []).append((line, is_proposed))
    results, clean = [], []
    for line, is_proposed in lines:
        if not _applies(rule, line):
            continue
        conflicts = [(h, p) for h, p in higher.get(line.nominee_key, []) if h is not line]
        upward = use_upward and bool(line.nominee_key) and line.nominee_key in ctx.upward_keys
        touched = is_proposed or any(p for _, p in conflicts)
        if not touched:
            continue
        if conflicts or upward:
            names = list(dict.fromkeys(_form_name(h.form) for h, _ in conflicts))
            what = ", ".join(names) if names else "khen thưởng cấp trên"
            msg = (
                f"{_name(line)} đã được đề nghị {what} trong đợt thi đua này nên không được "
                f"đề nghị đồng thời {rule['label']}{_desc(rule)}."
            )
            results.append(RuleResult(rule["id"], False, msg, None, None, (line.nominee_key,)))
        else:
            clean.append(line.nominee_key)
    if clean and not results:
        msg = (
            f"{len(clean)} đối tượng đề nghị {rule['label']} không trùng với đề nghị khen thưởng "
            "cấp trên trong đợt thi đua này."
        )
        results.append(RuleResult(rule["id"], True, msg, None, None, tuple(clean)))
    return results


# ---- prior rating ------------------------------------------------------------------------


def _prior_rating_results(
    rule: Mapping, lines: list[tuple[Line, bool]], ctx: Context
) -> list[RuleResult]:
    minimum = rule["min"]
    min_label = RATING_LABELS[minimum]
    results = []
    for line, is_proposed in lines:
        if not is_proposed or not _applies(rule, line):
            continue
        name, keys = _name(line), (line.nominee_key,)
        rating = ctx.prior_ratings.get(line.nominee_key)
        if rating is None:
            msg = (
                f"Chưa có kết quả xếp loại năm trước của {name}: {rule['label']} yêu cầu "
                f"“{min_label}” trở lên."
            )
            results.append(RuleResult(rule["id"], False, msg, None, None, keys))
        elif rating not in RATING_RANK:
            msg = f"Kết quả xếp loại năm trước của {name} (“{rating}”) không hợp lệ."
            results.append(RuleResult(rule["id"], False, msg, None, None, keys))
        elif RATING_RANK[rating] < RATING_RANK[minimum]:
            msg = (
                f"{name} được xếp loại năm trước “{RATING_LABELS[rating]}”, chưa đạt mức "
                f"“{min_label}” trở lên theo yêu cầu của {rule['label']}."
            )
            results.append(RuleResult(rule["id"], False, msg, None, None, keys))
        else:
            msg = (
                f"{name} được xếp loại năm trước “{RATING_LABELS[rating]}”, đạt yêu cầu "
                f"“{min_label}” trở lên."
            )
            results.append(RuleResult(rule["id"], True, msg, None, None, keys))
    return results


# ---- block leader ------------------------------------------------------------------------


def _block_leader_results(
    rule: Mapping, lines: list[tuple[Line, bool]], ctx: Context
) -> list[RuleResult]:
    top_n = rule.get("top_n", 1)
    blocks = set(rule.get("blocks", []))
    label = rule["label"]
    results = []
    for line, is_proposed in lines:
        if not is_proposed or not _applies(rule, line):
            continue
        name, keys = _name(line), (line.nominee_key,)
        entry = ctx.block_ranks.get(line.nominee_unit_id) if line.nominee_unit_id else None
        if entry is None:
            msg = f"{name} chưa có thứ hạng trong khối thi đua nào: {label} chỉ xét đơn vị dẫn đầu khối."
            results.append(RuleResult(rule["id"], False, msg, None, top_n, keys))
            continue
        block_id, block_name, rank = entry
        if blocks and block_id not in blocks:
            msg = f"{name} thuộc {block_name}, không thuộc các khối được xét {label}."
            results.append(RuleResult(rule["id"], False, msg, rank, top_n, keys))
        elif rank > top_n:
            where = (
                "không phải đơn vị dẫn đầu khối"
                if top_n == 1
                else (f"ngoài {top_n} đơn vị dẫn đầu khối")
            )
            msg = (
                f"{name} xếp thứ {rank} trong {block_name}, {where} nên không được đề nghị {label}."
            )
            results.append(RuleResult(rule["id"], False, msg, rank, top_n, keys))
        else:
            msg = f"{name} xếp thứ {rank} trong {block_name}, đủ điều kiện đề nghị {label}."
            results.append(RuleResult(rule["id"], True, msg, rank, top_n, keys))
    return results


# ---- public API --------------------------------------------------------------------------


def _check(rules: Sequence[Mapping]) -> None:
    errors = validate_rules(rules)
    if errors:
        raise RuleError(errors)


def evaluate(
    rules: list[dict], existing: list[Line], proposed: list[Line], ctx: Context | None = None
) -> list[RuleResult]:
    """Check ``proposed`` lines against ``rules`` given the ``existing`` ones.

    Returns one result per quota group touched by a proposed line and one per proposed
    nominee for the eligibility rules, in rule order. Raises :class:`RuleError` if a rule
    is malformed. ``all(r.ok for r in results)`` means the proposal may go ahead.
    """
    _check(rules)
    ctx = ctx or Context()
    lines = _merge(existing, proposed)
    results: list[RuleResult] = []
    for rule in rules:
        kind = rule["kind"]
        if kind == "quota":
            results += _quota_results(rule, lines, only_touched=True)
        elif kind == "exclusion":
            results += _exclusion_results(rule, lines, ctx)
        elif kind == "prior_rating":
            results += _prior_rating_results(rule, lines, ctx)
        else:
            results += _block_leader_results(rule, lines, ctx)
    return results


def usage(rules: list[dict], existing: list[Line]) -> list[RuleResult]:
    """Quota use so far, one result per group ("… đã đề nghị 5/5 giáo viên.")."""
    _check(rules)
    lines = _merge(existing, [])
    return [
        r
        for rule in rules
        if rule["kind"] == "quota"
        for r in _quota_results(rule, lines, only_touched=False)
    ]


def applies(rule: Mapping, line: Line) -> bool:
    """Whether `rule` applies to `line` (its match and exclude)."""
    return _applies(rule, line)


def group_key(rule: Mapping, line: Line) -> Any:
    """The quota group of `line` under a quota `rule` (proposer, None, or nominee kind)."""
    return _group_key(rule, line)


def failures(results: Iterable[RuleResult]) -> list[RuleResult]:
    """The results that block a proposal."""
    return [r for r in results if not r.ok]
