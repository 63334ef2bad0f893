"""The legal facts at run time: the one way every app reads them.

The dated tables of `thidua.legal.models` (award forms and their coefficients, base
salaries, voting thresholds, other settings) are the single source: the migrations seed
them from `thidua.legal.tables`, the system administrator edits them in the admin, and an
edit reaches money, voting, quotas and the forms at once. Nothing else reads the models or
the seed at run time.

Every rule is chosen by its own date (`on`): a row applies when
`valid_from <= on <= valid_to` (`valid_to` empty = still in force); without a date the
latest version of a form is meant (its current name).

Queries: each table is read once per request (`thidua.legal.middleware`) or per
`with cached():` block, and once per call elsewhere. With `settings.LEGAL_TABLES_CACHE`
(on unless turned off) the tables are kept across requests: in the shared cache (Redis when
`REDIS_URL` is set) under a version key, and in each process for the version it last saw, so
a request costs one cache read of the version and no query of the legal tables. Every write
of a legal row (admin, `services.sync_from_tables`, any save or delete: signals connected in
`LegalConfig.ready()`) empties the request's tables and moves the version at once and again
when its transaction commits (a process that read the old rows between the two stores them
under a version nobody asks for); until then the writer reads its own rows from the database.

The fixed vocabularies and milestone dates (`thidua.legal.vocab`) are re-exported here so
consumers import legal facts from one module.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Sequence, Set
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings

from thidua.core.cacheversion import CacheVersion

from .models import AwardForm, BaseSalary, LegalGround, LegalSetting, VotingThreshold
from .vocab import (
    COLLECTIVE_CATEGORIES,
    LAST_DAY_BEFORE_REFORM,
    LAW_2022_IN_FORCE,
    PERSON_CATEGORIES,
    RATING_LABELS,
    RATING_RANK,
    RATINGS,
    REFORM_2025,
    SUBJECT_KINDS,
    UNIT_KINDS,
)

__all__ = [
    "AWARD_FORMS",
    "AWARD_FORM_CODES",
    "AwardFormMissing",
    "COLLECTIVE_CATEGORIES",
    "LAST_DAY_BEFORE_REFORM",
    "LAW_2022_IN_FORCE",
    "PERSON_CATEGORIES",
    "RATINGS",
    "RATING_LABELS",
    "RATING_RANK",
    "REFORM_2025",
    "SUBJECT_KINDS",
    "UNIT_KINDS",
    "award_form",
    "award_form_codes",
    "award_form_name",
    "award_form_or_none",
    "award_form_rows",
    "award_forms",
    "Ground",
    "VoteRule",
    "ground_lines",
    "grounds_for",
    "vote_rule",
    "base_salaries",
    "first_award_form",
    "base_salary",
    "cached",
    "forget",
    "household_multiplier",
    "in_force",
    "quorum_share",
    "ratings",
    "rounding_step",
    "setting",
    "voting_threshold",
    "voting_thresholds",
]

_tables: ContextVar[dict | None] = ContextVar("thidua_legal_tables", default=None)

_MODELS = (AwardForm, BaseSalary, LegalSetting, VotingThreshold, LegalGround)
# The shape of the cached rows: a deploy that changes a legal model reads under a new key.
_SCHEMA = hashlib.sha256(
    repr(
        [(m._meta.label_lower, [f.attname for f in m._meta.concrete_fields]) for m in _MODELS]
    ).encode()
).hexdigest()[:10]
_VERSION_KEY = f"thidua:legal:version:{_SCHEMA}"
TABLES = CacheVersion("legal", _VERSION_KEY)
_VERSION = "version"  # the request's version, kept in its store
_TIMEOUT = 24 * 3600
# Process memo: {version: {model label: rows}} for the version last seen.
_local: dict[str, dict[str, list]] = {}


@contextmanager
def cached():
    """Read each legal table at most once inside the block (a request, a batch)."""
    token = _tables.set({})
    try:
        yield
    finally:
        _tables.reset(token)


def forget(**kwargs) -> None:
    """Drop the cached tables (a legal row was edited); connected to the legal models'
    post_save and post_delete signals, called by every other write path."""
    store = _tables.get()
    if store is not None:
        store.clear()
    if _shared():
        TABLES.written()


def _shared() -> bool:
    return bool(getattr(settings, "LEGAL_TABLES_CACHE", False))


def _current_version(store: dict) -> str:
    version = store.get(_VERSION)
    if version is None:
        version = store[_VERSION] = TABLES.current()[0]
    return version


def _shared_rows(model, store: dict) -> list:
    from django.core.cache import cache

    version = _current_version(store)
    memo = _local.get(version)
    if memo is None:
        _local.clear()
        memo = _local[version] = {}
    label = model._meta.label_lower
    rows = memo.get(label)
    if rows is None:
        key = f"thidua:legal:{_SCHEMA}:{version}:{label}"
        rows = cache.get(key)
        if rows is None:
            rows = list(model.objects.all())
            cache.set(key, rows, _TIMEOUT)
        memo[label] = rows
    return rows


def _rows(model) -> list:
    store = _tables.get()
    if store is None:
        return list(model.objects.all())
    if model not in store:
        if _shared() and not TABLES.writing():
            store[model] = _shared_rows(model, store)
        else:
            store[model] = list(model.objects.all())
    return store[model]


def in_force(rows: Sequence, on: date) -> list:
    """The rows (models or dicts with `valid_from` / `valid_to`) in force on `on`."""
    return [
        row
        for row in rows
        if _field(row, "valid_from") <= on
        and (_field(row, "valid_to") is None or on <= _field(row, "valid_to"))
    ]


def _field(row, name: str):
    return row[name] if isinstance(row, dict) else getattr(row, name)


# ---- award forms -------------------------------------------------------------------------


def award_forms(on: date | None = None) -> list[AwardForm]:
    """The award forms in force on `on`, one row per code; every code's latest row
    without a date."""
    rows = _rows(AwardForm) if on is None else in_force(_rows(AwardForm), on)
    latest: dict[str, AwardForm] = {}
    for row in rows:
        kept = latest.get(row.code)
        if kept is None or row.valid_from > kept.valid_from:
            latest[row.code] = row
    return list(latest.values())


def award_form_or_none(code: str, on: date | None = None) -> AwardForm | None:
    """The row of `code` in force on `on` (the latest row without a date), or None."""
    rows = [row for row in _rows(AwardForm) if row.code == code]
    if on is not None:
        rows = in_force(rows, on)
    return max(rows, key=lambda row: row.valid_from) if rows else None


#: Raised by `award_form` when the form did not exist on the date asked.
AwardFormMissing = AwardForm.DoesNotExist


def first_award_form(code: str) -> AwardForm | None:
    """The earliest row of `code` (the form as first enacted), or None."""
    rows = [row for row in _rows(AwardForm) if row.code == code]
    return min(rows, key=lambda row: row.valid_from) if rows else None


def award_form(code: str, on: date | None = None) -> AwardForm:
    """The row of `code` in force on `on`; `AwardForm.DoesNotExist` (Vietnamese message)
    when the form did not exist that day."""
    form = award_form_or_none(code, on)
    if form is None:
        when = f" có hiệu lực ngày {on:%d/%m/%Y}" if on else ""
        raise AwardForm.DoesNotExist(
            f"Không có hình thức khen thưởng “{award_form_name(code)}”{when}."
        )
    return form


def award_form_name(code: str, on: date | None = None, short: bool = False) -> str:
    """The (short) name of `code` on `on`, else its latest name; a code the catalogue never
    had is shown as words ("co_thi_dua_tinh" → "co thi dua tinh"), never as a code."""
    form = award_form_or_none(code, on) or award_form_or_none(code)
    if form is None:
        return code.replace("_", " ")
    return form.short_name if short else form.name


def award_form_codes() -> frozenset[str]:
    return frozenset(row.code for row in _rows(AwardForm))


def award_form_rows() -> list[dict]:
    """Every dated award-form row as a dict shaped like the seed (`tables.AWARD_FORMS`)."""
    return [
        {
            "code": row.code,
            "name": row.name,
            "short_name": row.short_name,
            "kind": row.kind,
            "level": row.level,
            "grantor": row.grantor,
            "subjects": tuple(row.subjects),
            "coefficient_individual": row.coefficient_individual,
            "coefficient_collective": row.coefficient_collective,
            "coefficient_household": row.coefficient_household,
            "council_vote": row.council_vote or None,
            "requires_initiative": row.requires_initiative,
            "proposal_only": row.proposal_only,
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "citation": row.citation,
            "confirmed": row.confirmed,
            "note": row.note,
        }
        for row in _rows(AwardForm)
    ]


class _LiveAwardForms(Sequence):
    """`AWARD_FORMS`: the database rows as seed-shaped dicts, read when iterated."""

    def __getitem__(self, index):
        return award_form_rows()[index]

    def __len__(self) -> int:
        return len(award_form_rows())

    def __iter__(self) -> Iterator[dict]:
        return iter(award_form_rows())


class _LiveAwardFormCodes(Set):
    """`AWARD_FORM_CODES`: the codes in the database, read at each use."""

    def __contains__(self, code: Any) -> bool:
        return code in award_form_codes()

    def __iter__(self) -> Iterator[str]:
        return iter(award_form_codes())

    def __len__(self) -> int:
        return len(award_form_codes())


#: Names kept for the pure rule modules that iterate the forms (`campaigns.quotas`): live
#: views of the database, not copies.
AWARD_FORMS: Sequence[dict] = _LiveAwardForms()
AWARD_FORM_CODES: Set[str] = _LiveAwardFormCodes()


# ---- base salary ------------------------------------------------------------------------


def base_salaries() -> list[dict]:
    """Every base salary row: `amount`, `valid_from`, `valid_to`, `citation`."""
    return [
        {
            "amount": row.amount,
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "citation": row.citation,
            "confirmed": row.confirmed,
        }
        for row in _rows(BaseSalary)
    ]


def base_salary(on: date) -> BaseSalary | None:
    """The base salary row in force on `on` (the decision date), or None."""
    rows = in_force(_rows(BaseSalary), on)
    return max(rows, key=lambda row: row.valid_from) if rows else None


# ---- council voting ---------------------------------------------------------------------


def voting_thresholds() -> list[dict]:
    """Every threshold row: `forms`, `threshold` (share of all members), dates, citation."""
    return [
        {
            "forms": tuple(row.forms),
            "threshold": row.share,
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "citation": row.citation,
            "confirmed": row.confirmed,
        }
        for row in _rows(VotingThreshold)
    ]


def voting_threshold(code: str, on: date) -> tuple[Fraction | None, str]:
    """(share of the council's total membership, citation) for `code` on `on`; None when
    the title has no threshold of its own (then `vote_rule` gives the simple majority of
    the total membership)."""
    rows = [row for row in in_force(_rows(VotingThreshold), on) if code in row.forms]
    if not rows:
        return None, ""
    strictest = max(rows, key=lambda row: row.share)
    return strictest.share, strictest.citation


@dataclass(frozen=True)
class VoteRule:
    """How many "đồng ý" a line needs, as a share of the council's TOTAL membership.

    ``strict``: more than the share (simple majority, "quá nửa"); else at least the share
    (the 80 % / 90 % title thresholds)."""

    share: Fraction
    strict: bool
    citation: str
    confirmed: bool

    def required(self, total_members: int) -> int:
        if self.strict:
            return math.floor(self.share * total_members) + 1
        return math.ceil(self.share * total_members)

    @property
    def label(self) -> str:
        if self.strict:
            return "quá nửa tổng số thành viên"
        value = Decimal(self.share.numerator) / Decimal(self.share.denominator) * 100
        return f"từ {value.normalize():f}".replace(".", ",") + "% tổng số thành viên trở lên"


def vote_rule(code: str, on: date) -> VoteRule:
    """The vote a line of `code` needs on `on`: the title's own threshold (80 % / 90 % of
    all members) where the law sets one, else a simple majority of all members (the dated
    setting ``council_simple_majority``)."""
    rows = [row for row in in_force(_rows(VotingThreshold), on) if code in row.forms]
    if rows:
        strictest = max(rows, key=lambda row: row.share)
        return VoteRule(strictest.share, False, strictest.citation, strictest.confirmed)
    return simple_majority(on)


def simple_majority(on: date | None = None) -> VoteRule:
    rows = sorted(
        (row for row in _rows(LegalSetting) if row.key == "council_simple_majority"),
        key=_valid_from,
    )
    current = in_force(rows, on) if on is not None else rows[-1:]
    row = current[-1] if current else (rows[0] if rows else None)
    if row is None:
        return VoteRule(Fraction(1, 2), True, "", False)
    value = row.value
    share = Fraction(int(value["numerator"]), int(value["denominator"]))
    return VoteRule(share, True, row.citation, row.confirmed)


def quorum_share(on: date | None = None) -> Fraction:
    """Share of all members present for a council session that considers awards."""
    value = _setting_in_force_or_first("council_quorum_award_session", on)
    return Fraction(int(value["numerator"]), int(value["denominator"]))


# ---- settings -----------------------------------------------------------------------------


def setting(key: str, on: date, default=None):
    """The value of the setting `key` in force on `on`, else `default`."""
    rows = [row for row in in_force(_rows(LegalSetting), on) if row.key == key]
    return max(rows, key=lambda row: row.valid_from).value if rows else default


def _setting_in_force_or_first(key: str, on: date | None):
    """The value in force on `on`; before the first row, the first row's value (the rule
    as first recorded applies to earlier dates too, as the seed's constants did)."""
    rows = sorted((row for row in _rows(LegalSetting) if row.key == key), key=_valid_from)
    if not rows:
        raise LegalSetting.DoesNotExist(f"Chưa có tham số pháp lý “{key}”.")
    if on is not None:
        current = in_force(rows, on)
        if current:
            return current[-1].value
    return rows[0].value if on is not None and on < rows[0].valid_from else rows[-1].value


def _valid_from(row) -> date:
    return row.valid_from


def household_multiplier(on: date | None = None) -> Decimal:
    """Households get this × the individual amount of the same form (NĐ 152/2025 Chương VII)."""
    return Decimal(str(_setting_in_force_or_first("household_multiplier", on)))


def rounding_step(on: date | None = None) -> int:
    """Reward money is rounded up to this many đồng (NĐ 152/2025 Điều 49: 10,000)."""
    return int(_setting_in_force_or_first("reward_rounding_step", on))


# ---- căn cứ pháp lý ------------------------------------------------------------------------


@dataclass(frozen=True)
class Ground:
    """One căn cứ line: the document named fully (loại, tên, số, ngày, cơ quan, trích yếu)."""

    key: str
    text: str
    number: str
    confirmed: bool
    citation: str
    order: int = 0


def _vn_long_date(d: date) -> str:
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def _ground_text(row: LegalGround) -> str:
    when = _vn_long_date(row.issued_on)
    if row.name:
        text = f"{row.doc_type} {row.name} số {row.number} {when} của {row.issuing_body}"
    else:
        text = f"{row.doc_type} số {row.number} {when} của {row.issuing_body}"
    if row.summary:
        text += f" {row.summary}"
    return "Căn cứ " + text


def grounds_for(on: date, issuer_kind: str = "", **_context) -> list[Ground]:
    """The legal documents an award decision dated `on` cites, in order: the law on local
    government in force that day (2015 law until 28/02/2025, Luật 65/2025/QH15, then Luật
    72/2025/QH15), the Law on Emulation and Commendation (2003 with its amendments, 2022,
    the 2026 amendment from 01/10/2026), the decree detailing it and its circular; rows
    limited to some issuer kinds (NĐ 129/2025 for communes and wards) only for those."""
    rows = [
        row
        for row in in_force(_rows(LegalGround), on)
        if not row.issuer_kinds or issuer_kind in row.issuer_kinds
    ]
    rows.sort(key=lambda row: (row.order, row.issued_on))
    return [
        Ground(row.key, _ground_text(row), row.number, row.confirmed, row.citation, row.order)
        for row in rows
    ]


#: The documents a thi đua plan (kế hoạch phát động) cites: the Law on Emulation and
#: Commendation with its amendments (orders 20–29 of the grounds table) and the decrees
#: detailing it (30–39). The law on local government (10–19) grounds the authority of a
#: decision, and a plan does not cite the circular.
PLAN_GROUND_ORDERS = range(20, 40)


def plan_grounds(on: date, issuer_kind: str = "") -> list[Ground]:
    """The căn cứ of a thi đua plan dated `on`: `grounds_for` limited to the law and its
    decrees (`PLAN_GROUND_ORDERS`)."""
    return [g for g in grounds_for(on, issuer_kind) if g.order in PLAN_GROUND_ORDERS]


def ground_lines(on: date, issuer_kind: str = "") -> list[str]:
    """The căn cứ lines (without the final ";") of `grounds_for`."""
    return [ground.text for ground in grounds_for(on, issuer_kind)]


# ---- vocabularies -------------------------------------------------------------------------


def ratings() -> list[dict]:
    """The task-completion ratings, lowest first (`code`, `label`, `rank`)."""
    return [dict(rating) for rating in RATINGS]


# ---- who an individual emulation title is for ------------------------------------------------
# Luật TĐKT 06/2022/QH15 Điều 23–26: the titles of individuals (Lao động tiên tiến, Chiến sĩ
# tiên tiến, Chiến sĩ thi đua cơ sở / cấp tỉnh / toàn quốc) are for cán bộ, công chức, viên
# chức, workers and the armed forces in their work; a pupil is commended (giấy khen, bằng
# khen), never given an emulation title.
TITLE_EXCLUDED_CATEGORIES: dict[str, str] = {"hoc_sinh": "học sinh"}


def title_refused_for(form, category: str) -> str | None:
    """Why `form` cannot go to a person of `category` (Vietnamese), or None."""
    kind = getattr(form, "kind", None) or (form.get("kind") if isinstance(form, dict) else None)
    subjects = getattr(form, "subjects", None) or ()
    if kind != "danh_hieu" or "individual" not in subjects:
        return None
    who = TITLE_EXCLUDED_CATEGORIES.get(category or "")
    if who is None:
        return None
    name = getattr(form, "name", "") or "Danh hiệu thi đua"
    return (
        f"{name} là danh hiệu thi đua của cán bộ, công chức, viên chức, người lao động, "
        f"chiến sĩ; không xét cho {who} (Luật Thi đua, khen thưởng 2022, Điều 23–24) — đề "
        "nghị giấy khen hoặc bằng khen."
    )
