"""Award forms, their quotas and criteria; dossier documents; exclusions."""

from __future__ import annotations

import re

from .dates import DATE_RE
from .text import BODY, Doc, clean, clean_item, fold

DEADLINE_CUE_RE = re.compile(
    r"(?:truoc|cham nhat(?:\s+la)?|han\s+(?:chot|cuoi|nop)?|khong muon hon)"
    rf"\s*(?:ngay\s*)?:?\s*\(?\s*(?:{DATE_RE.pattern}|\d{{1,2}}\s*/\s*\d{{1,2}}\b)"
)

_FORM_RE = re.compile(
    r"^(?:doi voi\s+)?(giay khen|bang khen|co thi dua|lao dong tien tien|"
    r"danh hieu\s+(?:lao dong|chien si|tap the|thon|to dan pho|gia dinh|khu dan cu|co quan)|"
    r"chien si thi dua|tap the lao dong)\b"
)
_FORM_END_RE = re.compile(r":|\.\s*$|\.\s|\s+(?:tang|cho|doi voi|xet tang)\s|\(")

FORM_CODES = [
    (r"co thi dua.*chinh phu", "co_thi_dua_chinh_phu"),
    (r"co thi dua", "co_thi_dua_tinh"),
    (r"bang khen.*thu tuong", "bang_khen_thu_tuong"),
    (r"bang khen", "bang_khen_chu_tich_tinh"),
    (r"giay khen.*cua\s+(?:thu truong|giam doc|truong|hieu truong|chanh)", "giay_khen_thu_truong"),
    (r"giay khen.*chu tich.*(?:huyen|thanh pho|thi xa|quan)", "giay_khen_chu_tich_huyen"),
    (r"giay khen.*chu tich.*(?:xa|phuong|thi tran)", "giay_khen_chu_tich_xa"),
    (r"tap the lao dong xuat sac", "tap_the_lao_dong_xuat_sac"),
    (r"tap the lao dong tien tien", "tap_the_lao_dong_tien_tien"),
    (r"lao dong tien tien", "lao_dong_tien_tien"),
    (r"chien si thi dua co so", "chien_si_thi_dua_co_so"),
    (r"chien si thi dua(?: cap)? tinh", "chien_si_thi_dua_tinh"),
    (r"(?:thon|to dan pho|khu dan cu).*van hoa", "thon_to_dan_pho_van_hoa"),
    (r"gia dinh van hoa", "gia_dinh_van_hoa"),
    (r"(?:xa|phuong).*tieu bieu", "xa_phuong_tieu_bieu"),
]


def form_code(form: str) -> str | None:
    f = fold(form)
    if f.startswith("giay khen"):
        # The first authority named decides: a unit head comes before a chairman.
        head = re.search(r"cua\s+(?:thu truong|giam doc|hieu truong|truong)", f)
        chair = re.search(r"chu tich", f)
        if head and (not chair or head.start() < chair.start()):
            return "giay_khen_thu_truong"
    for pat, code in FORM_CODES:
        if re.search(pat, f):
            return code
    return None


def _form_key(form: str) -> str:
    f = re.sub(r"\b(?:cac|ubnd|uy ban nhan dan)\b", " ", fold(form))
    return re.sub(r"\W+", " ", f).strip()


# A count: ``không quá 01``, ``05``, ``10`` followed by a countable noun.
_NOUNS = (
    r"tap the|ca nhan|don vi|xa|phuong|thi tran|huyen|thanh pho|thi xa|thon|to dan pho|"
    r"gia dinh|ho|giao vien|hoc sinh|doanh nghiep|hop tac xa|co quan|to chuc|nguoi|"
    r"chien si|cong nhan|nong dan|dang vien|doan vien|hoi vien|tac gia|truong|khu dan cu|"
    r"cum|khoi|tap the, ca nhan"
)
COUNT_RE = re.compile(rf"\b(\d{{1,3}})\s+((?:{_NOUNS})\b)")
_OBJECT_END_RE = re.compile(
    r";|\s+va\s+\d|,\s*\d|\s+co\s|\s+tieu bieu|\s+xuat sac|\s+kieu mau|\s+de\s|\s+trong\s|"
    r"\s+tren\s|\s*\(|\s+cua\s|\s+la\s|\s*:|\.\s|\.$|\s+lap\s|\s+duoc\s"
)
_GENERIC = {
    "tap the",
    "ca nhan",
    "tap the hoac ca nhan",
    "tap the, ca nhan",
    "don vi",
    "tap the va ca nhan",
}
_VERB_RE = re.compile(
    r"\b(?:lua chon|xem xet|chon|de nghi|xet tang|tang cho|tang|duoc de nghi|co)\b"
)


def _unit_before(text: str, ftext: str) -> str:
    """Proposing unit: the words before the selecting verb, minus ``Trên cơ sở …,``."""
    lead = re.match(r"^\s*tren co so[^,]*,\s*", ftext)
    off = lead.end() if lead else 0
    m = _VERB_RE.search(ftext, off)
    if not m:
        return ""
    return text[off : m.start()].strip(" ,;:-+")


def quotas(doc: Doc, s: int, e: int, group: str) -> list[dict]:
    """Count phrases of one sentence; ``who`` is the unit, or the object if it is specific."""
    text = doc.orig[s:e]
    ftext = doc.fold[s:e]
    label = ""
    lm = re.match(r"^\s*(?:[-+•]\s*)?([^:]{3,250}):\s", ftext)
    body_off = 0
    bare = (
        re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\))\s*", "", lm.group(1).strip()) if lm else ""
    )
    if lm and not re.search(r"\d", bare):
        if not _FORM_RE.match(bare):
            label = text[lm.start(1) : lm.end(1)]
            label = re.sub(
                r"^\s*(?:Đối với|đối với)\s+(?:(?:các|mỗi)\s+đơn vị\s+)?", "", clean(label)
            )
        body_off = lm.end()
    out = []
    clause_start = body_off
    sentence_unit = ""
    distributive = False
    for clause in re.split(r"(;)", ftext[body_off:]):
        if clause == ";":
            clause_start += 1
            continue
        cs = clause_start
        clause_start += len(clause)
        for m in COUNT_RE.finditer(ftext, cs, cs + len(clause)):
            n = int(m.group(1))
            if n == 0 or n > 500:
                continue
            pre = ftext[cs : m.start()]
            if re.search(r"(?:nam|ngay|thang|%|/)\s*$", pre) or re.search(r"\d[/.,]$", pre):
                continue
            obj_start = m.start(2)
            end = _OBJECT_END_RE.search(ftext, obj_start)
            obj_end = end.start() if end else len(ftext)
            obj = clean(text[obj_start:obj_end]).strip(" ,")
            unit = clean(_unit_before(text[cs : m.start()], pre))
            if unit:
                sentence_unit = sentence_unit or unit
            if "moi" in fold(unit) or "moi" in fold(label):
                distributive = True
            base = label or unit or sentence_unit or group
            if fold(obj) in _GENERIC or fold(obj).startswith(("tap the", "ca nhan")):
                who = base or obj
            elif distributive and base:
                who = f"{base}: {obj}"
            else:
                who = obj
            out.append({"who": who, "max": n, "text": clean_item(text), "pos": m.start(1) + s})
    return out


def _subject_codes(text: str) -> list[str]:
    f = fold(text)
    out = []
    if re.search(r"\btap the\b|\bco thi dua\b", f):
        out.append("tap_the")
    if re.search(r"\bca nhan\b", f):
        out.append("ca_nhan")
    if re.search(r"\bgia dinh\b", f):
        out.append("ho_gia_dinh")
    return out


def award_forms(doc: Doc) -> list[dict]:
    """Forms named at the start of headings/items; ``Đối với <form>:`` items add quotas."""
    forms: dict[str, dict] = {}
    for i, b in enumerate(doc.blocks):
        f = doc.fold[b.start : b.end].lstrip(" -+•")
        f = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\))\s*", "", f)
        m = _FORM_RE.match(f)
        if not m or b.level == BODY:
            continue
        off = b.end - len(f)
        head = m.group(0).startswith("doi voi")
        fs = off + re.match(r"^(?:doi voi\s+)?", f).end()
        end = _FORM_END_RE.search(doc.fold, fs, b.end)
        fe = end.start() if end else b.end
        form = clean(doc.orig[fs:fe]).strip(" .,")
        key = _form_key(form)
        entry = forms.get(key)
        if entry is None:
            if head:
                match = [k for k in forms if k.startswith(key) or key.startswith(k)]
                if not match:
                    continue
                entry = forms[match[0]]
            else:
                entry = forms[key] = {
                    "form": form,
                    "form_code": form_code(form),
                    "subjects": [],
                    "quotas": [],
                    "criteria": [],
                    "span": (b.start, b.end),
                    "scope": [],
                }
        entry["scope"].append((i, head))
    results = []
    for entry in forms.values():
        seen = set()
        text_all = []
        for i, head in entry["scope"]:
            b = doc.blocks[i]
            text_all.append(doc.fold[b.start : b.end])
            rest = re.search(r":\s*(\S.*)$", doc.orig[b.start : b.end], re.S)
            if rest and not head:
                rs = b.start + rest.start(1)
                if not any(quotas(doc, s, e, "") for s, e in doc.sentences(b) if e > rs):
                    entry["criteria"].append(clean_item(rest.group(1)))
            group = ""
            blocks = [i, *doc.section(i)]
            for j in blocks:
                if j in seen:
                    continue
                seen.add(j)
                bj = doc.blocks[j]
                fj = doc.fold[bj.start : bj.end]
                text_all.append(fj)
                gm = re.match(r"^\s*doi voi\s+([^:]{3,200}?)\s*:?\s*$", fj)
                if gm and j != i:
                    group = clean(doc.orig[bj.start + gm.start(1) : bj.start + gm.end(1)])
                    continue
                for s, e in doc.sentences(bj):
                    found = quotas(doc, s, e, group)
                    for q in found:
                        q["span"] = (s, e)
                    entry["quotas"].extend(found)
                    if (
                        not found
                        and j != i
                        and bj.level in (6, 7)
                        and not head
                        and not re.match(r"^\s*doi voi", fj)
                        and not DEADLINE_CUE_RE.search(doc.fold, s, e)
                    ):
                        entry["criteria"].append(clean_item(doc.orig[s:e]))
        # Sentences elsewhere that propose the form ("… để đề nghị tặng <form>") name subjects too.
        key = re.escape(fold(entry["form"])[:40])
        for m in re.finditer(rf"\btang\s+{key}", doc.fold):
            s, e = doc.sentence_at(m.start())
            text_all.append(doc.fold[s : m.start()])
        entry["subjects"] = _subject_codes(" ".join(text_all))
        results.append(entry)
    return results


_DOC_NOUN_RE = re.compile(
    r"^(?:to trinh|bien ban|bao cao|danh sach|ban sao|ban tom tat|quyet dinh|giay|van ban|"
    r"trich ngang|don|tom tat|phieu|ho so|ban|cac van ban|xac nhan)\b"
)


def dossier_documents(doc: Doc) -> list[tuple[str, int, int]]:
    """Items listed after ``Hồ sơ … gồm:`` / ``Thành phần hồ sơ``."""
    out = []
    for i, b in enumerate(doc.blocks):
        f = doc.fold[b.start : b.end]
        if not (
            re.search(r"ho so", f)
            and re.search(r"(?:gom|bao gom|thanh phan[^:]*)\s*:?\s*$", f.strip(" *"))
        ):
            continue
        for j in range(i + 1, len(doc.blocks)):
            bj = doc.blocks[j]
            fj = doc.fold[bj.start : bj.end].lstrip(" -+•")
            if bj.level == BODY or not _DOC_NOUN_RE.match(fj) or bj.level <= 5:
                break
            out.append((clean_item(doc.orig[bj.start : bj.end]), bj.start, bj.end))
        if out:
            return out
    return out


_EXCL_RE = re.compile(
    r"\bkhong\s+(?:la\s+don vi|de nghi|xet|khen thuong|ap dung|duoc de nghi|duoc xet|"
    r"tinh|trung|dong thoi de nghi)\b|\bchua\s+(?:duoc\s+)?(?:xet|de nghi)\b"
)


def exclusions(doc: Doc) -> list[tuple[str, int, int]]:
    """Sentences (or parenthetical asides) that rule candidates out."""
    out = []
    for m in _EXCL_RE.finditer(doc.fold):
        s, e = doc.sentence_at(m.start())
        paren_open = doc.fold.rfind("(", s, m.start())
        if paren_open >= 0 and doc.fold.find(")", paren_open, m.start()) < 0:
            close = doc.fold.find(")", m.start(), e)
            if close > 0:
                s, e = paren_open + 1, close
        text = clean_item(doc.orig[s:e])
        if text and all(text != t for t, _, _ in out):
            out.append((text, s, e))
    return out
