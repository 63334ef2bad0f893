"""From the importer's quota phrases to quota rules (`quotas.py` JSON). Pure, no Django.

The extractor gives, per award form, quotas as ``{"who", "max", "text"}`` where ``who`` is
the phrase naming the proposers or the nominees. This module reads that phrase (folded,
without diacritics, so OCR-damaged text matches too) with a small vocabulary:

- proposers (counted per proposing unit): "phòng, ban, ngành, đoàn thể" → offices;
  "Công an", "quân sự", "y tế" → unit tags; "UBND các xã, phường" → communes and wards;
  "doanh nghiệp, hợp tác xã, ngành dọc" chosen by each unit; "Phòng Giáo dục" with
  "giáo viên" / "học sinh" → categories of the education office's nominees;
- per-commune categories: "thôn, tổ dân phố kiểu mẫu", "gia đình chính sách", "hộ …
  thoát nghèo", "hộ … sản xuất kinh doanh giỏi";
- nominees counted over the campaign ("Tặng 02 xã, 03 phường", "10 đơn vị", "02 Hợp tác
  xã", "01 xã hoặc phường", "02 huyện, thành phố"): ``nominee_unit_kinds``;
- the issuer itself ("UBND thành phố … lựa chọn 10 tập thể, cá nhân"): a campaign total.

Criteria sentences add eligibility rules: "dẫn đầu khối" → ``block_leader``, "được đánh
giá hoàn thành tốt nhiệm vụ trở lên" → ``prior_rating``; an exclusion phrase ("không là
đơn vị được đề nghị Tỉnh khen") found in a quota sentence → ``exclusion``.
Each rule keeps the plan sentence in ``source``; ``label`` is the counted noun used in the
Vietnamese explanations.
"""

from __future__ import annotations

import re

from thidua.core.text import fold

OFFICES = ["department", "party_org", "mass_org", "public_service", "school"]
ARMED_HEALTH = {"cong an": "cong_an", "quan su": "quan_su", "y te": "y_te"}
HOUSEHOLD_CATEGORIES = [
    ("kieu mau", "thon_kieu_mau", "thôn, tổ dân phố kiểu mẫu"),
    ("chinh sach", "gia_dinh_chinh_sach", "gia đình chính sách tiêu biểu"),
    ("thoat ngheo", "ho_thoat_ngheo", "hộ gia đình thoát nghèo bền vững"),
    ("san xuat kinh doanh gioi", "ho_san_xuat_gioi", "hộ nông dân sản xuất kinh doanh giỏi"),
    ("san xuat gioi", "ho_san_xuat_gioi", "hộ nông dân sản xuất kinh doanh giỏi"),
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

#: org.UnitKind value → the unit-kind vocabulary of quota rules (legal.tables.UNIT_KINDS).
ORG_TO_RULE_KIND = {
    "city": "district",
    "military": "armed_forces",
    "party": "party_org",
    "vertical": "vertical_agency",
    "residential_group": "village",
    "team": "team",
}


def rule_kind(org_kind: str) -> str:
    return ORG_TO_RULE_KIND.get(org_kind, org_kind)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:40] or "quy_tac"


def _counted_noun(text: str) -> str:
    t = fold(text)
    if "tap the hoac ca nhan" in t:
        return "tập thể hoặc cá nhân"
    return "tập thể, cá nhân"


def _nominee_kinds(who: str) -> tuple[list[str], str] | None:
    """Nominee unit kinds named by a 'Tặng 02 xã' style phrase, with their label."""
    w = fold(who)
    if "xa hoac phuong" in w or w in {"xa, phuong", "cac xa, phuong"}:
        return ["commune", "ward"], "xã, phường"
    if w.startswith("huyen") or "thi xa" in w:
        return ["district"], "huyện, thành phố, thị xã"
    if w in {"xa", "cac xa"}:
        return ["commune"], "xã"
    if w in {"phuong", "cac phuong"}:
        return ["ward"], "phường"
    if "hop tac xa" in w and "doanh nghiep" not in w:
        return ["coop"], "hợp tác xã"
    if "doanh nghiep" in w and "hop tac xa" not in w:
        return ["enterprise"], "doanh nghiệp"
    if "thon" in w or "to dan pho" in w:
        return ["village"], "thôn, tổ dân phố"
    if "ban dang" in w or "doan the" in w or "luc luong vu trang" in w or "don vi" in w:
        kinds = ["party_org", "mass_org", "department", "public_service", "armed_forces", "police"]
        return kinds, "đơn vị"
    return None


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
    forms = [form_code] if form_code else []
    match: dict = {"forms": forms} if forms else {}
    per_commune = "xa, phuong" in w and ("moi" in t or "ubnd cac xa" in w)
    for needle, category, label in HOUSEHOLD_CATEGORIES:
        village_model = needle == "kieu mau" and "thon" in w and needle in t
        if per_commune and (needle in w or village_model):
            match.update(proposer_kinds=["commune", "ward"], categories=[category])
            return {
                **base,
                "scope": "per_proposer",
                "match": match,
                "label": label,
                "description": f"mỗi xã, phường không quá {limit:02d} {label}",
            }
    for noun, category in (("giao vien", "giao_vien"), ("hoc sinh", "hoc_sinh")):
        if w == noun or w.endswith(noun):
            match.update(categories=[category])
            if "giao duc" in t:
                match.update(proposer_kinds=["department"], proposer_tags=["giao_duc"])
            return {
                **base,
                "scope": "per_proposer",
                "match": match,
                "label": "giáo viên" if category == "giao_vien" else "học sinh",
                "description": text[:200],
            }
    tags = [tag for needle, tag in ARMED_HEALTH.items() if needle in w]
    if tags:
        match.update(proposer_tags=tags)
        return {
            **base,
            "scope": "per_proposer",
            "match": match,
            "label": _counted_noun(text),
            "description": f"{who}: mỗi đơn vị không quá {limit:02d} {_counted_noun(text)}",
        }
    if per_commune and ("thon" in w or "to dan pho" in w):
        match.update(proposer_kinds=["commune", "ward"], nominee_unit_kinds=["village"])
        return {
            **base,
            "scope": "per_proposer",
            "match": match,
            "label": "thôn, tổ dân phố",
            "description": f"mỗi xã, phường lựa chọn {limit:02d} thôn, tổ dân phố",
        }
    if "ubnd cac xa" in w or (per_commune and "khong qua" in t):
        match.update(proposer_kinds=["commune", "ward"])
        return {
            **base,
            "scope": "per_proposer",
            "match": match,
            "label": _counted_noun(text),
            "description": f"UBND mỗi xã, phường không quá {limit:02d} {_counted_noun(text)}",
        }
    chooses = "khong qua" in t or "moi don vi" in t or "lua chon" in t
    if chooses and (
        "phong, ban" in w or "doan the" in w or "don vi thuoc" in w or "moi phong" in w
    ):
        match.update(proposer_kinds=OFFICES)
        return {
            **base,
            "scope": "per_proposer",
            "match": match,
            "label": _counted_noun(text),
            "description": f"mỗi phòng, ban, ngành, đoàn thể, đơn vị không quá {limit:02d} "
            f"{_counted_noun(text)}",
        }
    if chooses and ("doanh nghiep" in w or "nganh doc" in w) and not t.startswith("tang"):
        match.update(proposer_kinds=["enterprise", "coop", "vertical_agency"])
        return {
            **base,
            "scope": "per_proposer",
            "match": match,
            "label": _counted_noun(text),
            "description": f"mỗi doanh nghiệp, hợp tác xã, cơ quan ngành dọc không quá "
            f"{limit:02d} {_counted_noun(text)}",
        }
    if w.startswith("ubnd") or any(fold(n) and fold(n) in w for n in issuer_names):
        return {
            **base,
            "scope": "total",
            "match": match,
            "label": _counted_noun(text),
            "description": text[:200],
        }
    nominees = _nominee_kinds(who)
    if nominees:
        kinds, label = nominees
        match.update(nominee_unit_kinds=kinds)
        return {
            **base,
            "scope": "total",
            "match": match,
            "label": label,
            "description": f"không quá {limit:02d} {label}",
        }
    return {
        **base,
        "scope": "total",
        "match": match,
        "label": who or _counted_noun(text),
        "description": text[:200],
    }


def _add_excludes(rules: list[dict]) -> None:
    """A general per-unit quota does not count lines that a more specific quota of the same
    form counts (the armed forces' own quota, the education office's teachers, the
    per-commune household categories)."""
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
            if om.get("proposer_tags") and "giao_duc" not in om["proposer_tags"]:
                if not set(m.get("proposer_kinds", [])) & set(OFFICES):
                    continue
                excludes.append({"proposer_tags": om["proposer_tags"]})
            elif om.get("categories") and set(om.get("proposer_kinds", [])) & set(
                m.get("proposer_kinds", [])
            ):
                excludes.append({k: om[k] for k in ("proposer_tags", "categories") if om.get(k)})
            elif om.get("nominee_unit_kinds") and set(om.get("proposer_kinds", [])) & set(
                m.get("proposer_kinds", [])
            ):
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
        leader = "dan dau khoi" in s or "dan dau cum" in s
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


def rules_from_extraction(
    extraction: dict, form_names: dict[str, str] | None = None, issuer_names: tuple[str, ...] = ()
) -> list[dict]:
    """All rules a plan's extraction implies, in plan order."""
    form_names = form_names or {}
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
            quota_rules.append(rule)
            if rule["match"].get("proposer_tags") and "xa, phuong" in fold(q.get("who") or ""):
                # "Công an…; Ban CHQS…; Trung tâm Y tế và UBND các xã, phường: mỗi đơn vị…"
                m = {k: v for k, v in rule["match"].items() if k != "proposer_tags"}
                quota_rules.append(
                    {
                        **rule,
                        "id": rule["id"][:50] + "_xa_phuong",
                        "match": {**m, "proposer_kinds": ["commune", "ward"]},
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
                if nk and nk[0] != ["village"]:
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


def coverage(mapped: list[dict], reference: list[dict]) -> tuple[int, int]:
    """How many reference rules (after expansion) have an equivalent mapped rule."""
    have = {_signature(r) for rule in mapped for r in _expand(rule)}
    want = [_signature(r) for rule in reference for r in _expand(rule)]
    return sum(1 for s in want if s in have), len(want)
