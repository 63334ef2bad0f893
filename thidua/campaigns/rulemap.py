"""From the importer's quota phrases to quota rules (`quotas.py` JSON). Pure, no database.

The extractor gives, per award form, quotas as ``{"who", "max", "text"}`` where ``who`` is
the phrase naming the proposers or the nominees. This module reads that phrase (folded,
without diacritics, so OCR-damaged text matches too) with the genre's vocabulary, not with
any plan's wording:

- unit nouns → ``org.UnitKind`` values (``phòng, ban, ngành`` → department, ``đoàn thể`` →
  mass organisations, ``xã``/``phường`` → commune/ward, ``huyện``/``thành phố``/``thị xã`` →
  city, ``thôn``/``tổ dân phố`` → village/residential group, ``doanh nghiệp`` → enterprise,
  ``hợp tác xã`` → coop, ``ngành dọc`` → vertical …) and unit tags (``công an``, ``quân sự``,
  ``y tế``, ``giáo dục``);
- nominee categories matched fuzzily against the category labels of the legal tables
  (``PERSON_CATEGORIES``, ``COLLECTIVE_CATEGORIES``);
- the proposer (``Mỗi <units> lựa chọn …``, ``<units>: Mỗi đơn vị …``) makes a per-proposer
  quota; nominees counted over the campaign (``Tặng <n> <unit noun>``) or the issuer itself
  (``UBND <issuer> lựa chọn <n> …``) make a total.

Criteria sentences add eligibility rules: ``dẫn đầu khối/cụm`` → ``block_leader``,
``được đánh giá hoàn thành … nhiệm vụ trở lên`` → ``prior_rating``; an exclusion phrase
found in a quota sentence → ``exclusion``. Each rule keeps the plan sentence in ``source``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from thidua.core.text import fold
from thidua.legal.vocab import COLLECTIVE_CATEGORIES, PERSON_CATEGORIES
from thidua.org.enums import UnitKind

#: Units that propose on their own behalf inside an issuer's organisation.
OFFICES = [
    UnitKind.DEPARTMENT.value,
    UnitKind.PARTY.value,
    UnitKind.MASS_ORG.value,
    UnitKind.PUBLIC_SERVICE.value,
    UnitKind.SCHOOL.value,
]
BUSINESSES = [UnitKind.ENTERPRISE.value, UnitKind.COOP.value, UnitKind.VERTICAL.value]
LOCALITIES = [UnitKind.COMMUNE.value, UnitKind.WARD.value]
VILLAGES = [UnitKind.VILLAGE.value, UnitKind.RESIDENTIAL_GROUP.value]
#: Unit tags named by the words of a phrase.
TAGS = {"cong an": "cong_an", "quan su": "quan_su", "y te": "y_te", "giao duc": "giao_duc"}
#: Nominee nouns → (unit kinds, label).
NOMINEE_NOUNS = [
    (r"xa hoac phuong|xa, phuong", LOCALITIES, "xã, phường"),
    (r"huyen|thi xa|thanh pho", [UnitKind.CITY.value], "huyện, thành phố, thị xã"),
    (r"xa|thi tran", [UnitKind.COMMUNE.value], "xã"),
    (r"phuong", [UnitKind.WARD.value], "phường"),
    (r"hop tac xa", [UnitKind.COOP.value], "hợp tác xã"),
    (r"doanh nghiep", [UnitKind.ENTERPRISE.value], "doanh nghiệp"),
    (r"thon|to dan pho|khu dan cu", VILLAGES, "thôn, tổ dân phố"),
]
UNITS_OF_THE_ISSUER = [
    UnitKind.PARTY.value,
    UnitKind.MASS_ORG.value,
    UnitKind.DEPARTMENT.value,
    UnitKind.PUBLIC_SERVICE.value,
    UnitKind.MILITARY.value,
    UnitKind.POLICE.value,
]
UPWARD_FORMS = {
    "co_thi_dua_tinh",
    "bang_khen_chu_tich_tinh",
    "tap_the_lao_dong_xuat_sac",
    "chien_si_thi_dua_tinh",
    "bang_khen_thu_tuong",
    "co_thi_dua_chinh_phu",
}
SUBJECTS = {
    "ca_nhan": "individual",
    "tap_the": "collective",
    "ho_gia_dinh": "household",
    "dia_phuong": "locality",
}
#: Categories a plan may count per proposing commune (households, model villages, people).
CATEGORY_LABELS = {
    code: fold(label)
    for code, label in {**PERSON_CATEGORIES, **COLLECTIVE_CATEGORIES}.items()
    if code not in {"co_quan_don_vi", "xa_phuong", "thon_to_dan_pho", "doanh_nghiep"}
    and code not in {"hop_tac_xa", "truong_hoc", "luc_luong_vu_trang", "tap_the_nho"}
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:40] or "quy_tac"


def _counted_noun(text: str) -> str:
    return "tập thể hoặc cá nhân" if "tap the hoac ca nhan" in fold(text) else "tập thể, cá nhân"


def category_of(phrase: str) -> str | None:
    """The legal category a nominee phrase names (its words cover the category label)."""
    words = re.sub(r"[^a-z ]+", " ", fold(phrase)).split()
    if not words:
        return None
    best, best_score = None, (0.0, 0)
    for code, label in CATEGORY_LABELS.items():
        label_words = re.sub(r"[^a-z ]+", " ", label).split()
        if len(label_words) < 2:
            continue
        head = " ".join(words[: len(label_words) + 1])
        score = fuzz.token_set_ratio(" ".join(label_words), head)
        covered = sum(1 for w in label_words if w in words) / len(label_words)
        rank = (score, len(label_words))
        if score >= 85 and covered >= 0.7 and rank > best_score:
            best, best_score = code, rank
    return best


def _object_phrase(quota: dict) -> str:
    """The counted noun phrase in the quota's sentence, with the words that follow it."""
    who, text = quota.get("who") or "", quota.get("text") or ""
    obj = who.split(":")[-1].strip()
    position = fold(text).find(fold(obj)) if obj else -1
    if position < 0:
        return obj
    tail = re.split(r"[;.]", text[position:])[0]
    return " ".join(tail.split()[:10])


def _nominee_kinds(who: str) -> tuple[list[str], str] | None:
    """Nominee unit kinds named by a 'Tặng 02 xã' style phrase, with their label."""
    w = fold(who).strip()
    w = re.sub(r"^cac\s+", "", w)
    if "ban dang" in w or "doan the" in w or "luc luong vu trang" in w or w.endswith("don vi"):
        return UNITS_OF_THE_ISSUER, "đơn vị"
    for pattern, kinds, label in NOMINEE_NOUNS:
        if re.match(rf"(?:{pattern})\b", w):
            return kinds, label
    return None


def _proposer_kinds(who: str) -> list[str]:
    """Kinds of the proposing units a phrase names (``Mỗi phòng, ban, ngành, đoàn thể, đơn vị``)."""
    w = fold(who)
    kinds: list[str] = []
    if re.search(r"\b(?:phong|(?<!dia )ban|nganh(?! doc)|doan the|mat tran)\b", w):
        kinds += OFFICES
        if re.search(r"\bdon vi\s*$", w.strip(" ,.:")) and "thuoc" not in w:
            kinds += BUSINESSES
    if re.search(r"\b(?:doanh nghiep|hop tac xa|nganh doc)\b", w):
        kinds += [k for k in BUSINESSES if k not in kinds]
    return kinds


def _rule(base: dict, scope: str, match: dict, label: str, description: str) -> dict:
    return {**base, "scope": scope, "match": match, "label": label, "description": description}


def quota_rule(form_code: str, quota: dict, index: int, issuer_names: tuple[str, ...] = ()) -> dict:
    """One quota phrase → one rule dict (validated later by ``quotas.validate_rule``)."""
    who, text, limit = quota.get("who") or "", quota.get("text") or "", int(quota["max"])
    w, t = fold(who), fold(text)
    base = {
        "id": f"{form_code[:20]}_{index + 1}_{_slug(who)}"[:60],
        "kind": "quota",
        "max": limit,
        "source": text,
    }
    match: dict = {"forms": [form_code]} if form_code else {}
    unit, _, counted = who.partition(":")
    per_locality = bool(re.search(r"\bxa, phuong\b", fold(unit))) and (
        "moi" in t or fold(unit).startswith("ubnd")
    )
    category = category_of(_object_phrase(quota))
    if category and (per_locality or not counted):
        match["categories"] = [category]
        if per_locality:
            match["proposer_kinds"] = LOCALITIES
        noun = _object_phrase(quota)
        tags = [tag for needle, tag in TAGS.items() if needle in t and needle in fold(text[:120])]
        if tags and not per_locality:
            match.update(proposer_kinds=[UnitKind.DEPARTMENT.value], proposer_tags=tags)
        label = {**PERSON_CATEGORIES, **COLLECTIVE_CATEGORIES}[category].lower()
        owner = "mỗi đơn vị đề nghị" if per_locality or tags else "mỗi đơn vị"
        description = f"{owner} không quá {limit:02d} {label} ({noun})"
        return _rule(base, "per_proposer", match, label, description)
    tags = [tag for needle, tag in TAGS.items() if needle in w and tag != "giao_duc"]
    if tags:
        match["proposer_tags"] = tags
        noun = _counted_noun(text)
        return _rule(
            base, "per_proposer", match, noun, f"{who}: mỗi đơn vị không quá {limit:02d} {noun}"
        )
    if per_locality and re.search(r"\b(?:thon|to dan pho)\b", fold(counted)):
        match.update(proposer_kinds=LOCALITIES, nominee_unit_kinds=VILLAGES)
        label = "thôn, tổ dân phố"
        return _rule(
            base, "per_proposer", match, label, f"mỗi xã, phường không quá {limit:02d} {label}"
        )
    if fold(unit).startswith("ubnd cac xa") or (per_locality and "khong qua" in t):
        match["proposer_kinds"] = LOCALITIES
        noun = _counted_noun(text)
        return _rule(
            base,
            "per_proposer",
            match,
            noun,
            f"{unit.strip()}: mỗi đơn vị không quá {limit:02d} {noun}",
        )
    chooses = bool(re.search(r"\b(?:khong qua|toi da|moi don vi|lua chon|chon)\b", t))
    proposers = _proposer_kinds(unit) if chooses and not t.startswith("tang") else []
    if proposers:
        match["proposer_kinds"] = proposers
        noun = _counted_noun(text)
        return _rule(
            base,
            "per_proposer",
            match,
            noun,
            f"{unit.strip()}: mỗi đơn vị không quá {limit:02d} {noun}",
        )
    if w.startswith("ubnd") or any(fold(n) and fold(n) in w for n in issuer_names):
        return _rule(base, "total", match, _counted_noun(text), text[:200])
    nominees = _nominee_kinds(who)
    if nominees:
        kinds, label = nominees
        match["nominee_unit_kinds"] = kinds
        return _rule(base, "total", match, label, f"không quá {limit:02d} {label}")
    return _rule(base, "total", match, who or _counted_noun(text), text[:200])


def _add_excludes(rules: list[dict]) -> None:
    """A general per-unit quota does not count lines that a more specific quota of the same
    form counts (a tagged unit's own quota, a category counted apart)."""
    for rule in rules:
        if rule["kind"] != "quota" or rule["scope"] != "per_proposer":
            continue
        m = rule["match"]
        if m.get("categories") or m.get("proposer_tags") or m.get("nominee_unit_kinds"):
            continue
        excludes = []
        for other in rules:
            om = other["match"]
            if other is rule or other["kind"] != "quota" or om.get("forms") != m.get("forms"):
                continue
            same_proposers = set(om.get("proposer_kinds", [])) & set(m.get("proposer_kinds", []))
            if om.get("proposer_tags") and "giao_duc" not in om["proposer_tags"]:
                if not set(m.get("proposer_kinds", [])) & set(OFFICES):
                    continue
                excludes.append({"proposer_tags": om["proposer_tags"]})
            elif om.get("categories") and same_proposers:
                excludes.append({k: om[k] for k in ("proposer_tags", "categories") if om.get(k)})
            elif om.get("nominee_unit_kinds") and same_proposers:
                excludes.append({"nominee_unit_kinds": om["nominee_unit_kinds"]})
        merged: list[dict] = []
        for ex in excludes:
            if ex not in merged:
                merged.append(ex)
        if merged:
            rule["exclude"] = merged


def eligibility_rules(form_code: str, criteria: list[str], index: int) -> list[dict]:
    rules = []
    for sentence in criteria or []:
        s = fold(sentence)
        leader = re.search(r"dan dau (?:khoi|cum)", s)
        if leader and not any(r["kind"] == "block_leader" for r in rules):
            rules.append(
                {
                    "id": f"{form_code[:20]}_{index + 1}_dan_dau_khoi",
                    "kind": "block_leader",
                    "match": {"forms": [form_code]},
                    "top_n": 1,
                    "label": "",
                    "source": sentence,
                }
            )
        if "danh gia" in s and "tro len" in s and "hoan thanh" in s:
            minimum = (
                "hoan_thanh_xuat_sac"
                if "xuat sac nhiem vu" in s
                else ("hoan_thanh_tot" if "hoan thanh tot" in s else "hoan_thanh")
            )
            if not any(r["kind"] == "prior_rating" for r in rules):
                rules.append(
                    {
                        "id": f"{form_code[:20]}_{index + 1}_xep_loai",
                        "kind": "prior_rating",
                        "match": {"forms": [form_code]},
                        "min": minimum,
                        "label": "",
                        "source": sentence,
                    }
                )
    return rules


def _pooled(extraction: dict) -> set[str]:
    """Forms whose proposals are pooled: the issuer chooses among the units' proposals for
    several forms at once, so a unit's cap counts its proposals for all of them."""
    return {code for pool in extraction.get("pooled_forms") or [] for code in pool}


def rules_from_extraction(
    extraction: dict, form_names: dict[str, str] | None = None, issuer_names: tuple[str, ...] = ()
) -> list[dict]:
    """All rules a plan's extraction implies, in plan order."""
    form_names = form_names or {}
    pooled = _pooled(extraction)
    rules: list[dict] = []
    forms = extraction.get("award_forms") or []
    for i, form in enumerate(forms):
        code = form.get("form_code") or ""
        label = form_names.get(code) or form.get("form") or code
        quota_rules = []
        for j, q in enumerate(form.get("quotas") or []):
            if q.get("max") is None:
                continue
            rule = quota_rule(code, q, j, issuer_names)
            if code in pooled and rule["scope"] == "per_proposer":
                rule["match"] = {k: v for k, v in rule["match"].items() if k != "forms"}
            quota_rules.append(rule)
            unit = (q.get("who") or "").partition(":")[0]
            if rule["match"].get("proposer_tags") and re.search(r"\bxa, phuong\b", fold(unit)):
                # "<tagged units> và UBND các xã, phường: mỗi đơn vị …": two proposer groups
                m = {k: v for k, v in rule["match"].items() if k != "proposer_tags"}
                quota_rules.append(
                    {
                        **rule,
                        "id": rule["id"][:50] + "_xa_phuong",
                        "match": {**m, "proposer_kinds": LOCALITIES},
                        "description": f"UBND mỗi xã, phường không quá {rule['max']:02d} "
                        f"{rule['label']}",
                    }
                )
        _add_excludes(quota_rules)
        for r in eligibility_rules(code, form.get("criteria") or [], i) if code else []:
            r["label"] = label
            rules.append(r)
        rules += quota_rules
    upward = [f.get("form_code") for f in forms if f.get("form_code") in UPWARD_FORMS]
    for k, phrase in enumerate(extraction.get("exclusions") or []):
        p = fold(phrase)
        for form in forms:
            code = form.get("form_code") or ""
            hits = [q for q in form.get("quotas") or [] if p and p in fold(q.get("text") or "")]
            if not code or code in UPWARD_FORMS or not hits:
                continue
            kinds: list[str] = []
            for q in hits:
                nk = _nominee_kinds(q.get("who") or "")
                if nk and nk[0] != VILLAGES:
                    kinds += [x for x in nk[0] if x not in kinds]
            match = {"forms": [code], **({"nominee_unit_kinds": kinds} if kinds else {})}
            rules.append(
                {
                    "id": f"{code[:20]}_loai_tru_{k + 1}",
                    "kind": "exclusion",
                    "match": match,
                    "excluded_by_forms": [u for u in upward if u != code],
                    "upward": True,
                    "label": form_names.get(code) or form.get("form") or code,
                    "description": phrase,
                    "source": hits[0].get("text", ""),
                }
            )
            break
    seen: set[str] = set()
    for r in rules:
        base, n = r["id"], 2
        while r["id"] in seen:
            r["id"], n = f"{base}_{n}", n + 1
        seen.add(r["id"])
    return rules


def _signature(rule: dict) -> tuple:
    m = rule.get("match", {})
    limits = rule.get("max_by_kind") or rule.get("max") or rule.get("min") or rule.get("top_n")
    return (
        rule["kind"],
        tuple(sorted(m.get("forms", []))),
        tuple(sorted(m.get("proposer_kinds", []))),
        tuple(sorted(m.get("proposer_tags", []))),
        tuple(sorted(m.get("categories", []))),
        tuple(sorted(m.get("nominee_unit_kinds", []))),
        str(limits),
    )


def _expand(rule: dict) -> list[dict]:
    """A per-nominee-kind quota is the same as one total quota per kind."""
    if rule.get("scope") != "per_nominee_kind":
        return [rule]
    out = []
    for kind, limit in rule["max_by_kind"].items():
        m = {**rule["match"], "nominee_unit_kinds": [kind]}
        out.append({**rule, "scope": "total", "match": m, "max": limit, "max_by_kind": None})
    return out


def missing(mapped: list[dict], reference: list[dict]) -> list[str]:
    """Ids of the reference rules (after expansion) without an equivalent mapped rule."""
    have = {_signature(r) for rule in mapped for r in _expand(rule)}
    return [
        rule["id"] for rule in reference if any(_signature(r) not in have for r in _expand(rule))
    ]


def coverage(mapped: list[dict], reference: list[dict]) -> tuple[int, int]:
    """How many reference rules (after expansion) have an equivalent mapped rule."""
    have = {_signature(r) for rule in mapped for r in _expand(rule)}
    want = [_signature(r) for rule in reference for r in _expand(rule)]
    return sum(1 for s in want if s in have), len(want)
