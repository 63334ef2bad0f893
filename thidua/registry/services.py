"""The awards registry: public search, histories, the checks dossiers use, certificate
serials and resumable bulk certificate generation.

Every write follows guard → atomic change → audit → notify. Bulk generation writes
numbered part files with an atomic rename and records progress in the database, so a
run killed half-way resumes without duplicate pages or broken files.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import socket
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.awards.models import Award, Decision, DecisionStatus, number_display
from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.permissions import can, scope_for
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.org.identity import parse_nominee_key

from . import certificates as cert
from .models import (
    BatchStatus,
    Certificate,
    CertificateBatch,
    CertificateBatchPart,
    CertificateLayout,
    SerialCounter,
    lease_cutoff,
)
from .states import CERTIFICATE_BATCH

log = logging.getLogger(__name__)
PRINT_ROLES = (Role.STANDING_BODY, Role.ADMIN)
PUBLIC_LIMIT = 50


class RegistryError(Exception):
    """A rule of the registry was broken; the message is for the user (Vietnamese)."""


# ---- queries -------------------------------------------------------------------------


def public_awards() -> QuerySet:
    """What the public may see: awards of signed (not revoked) decisions, not withdrawn.

    Written as "not one of the few unsigned decisions" rather than a join on the decision's
    status, so that PostgreSQL can walk an ordered index of the awards and stop at the page."""
    return Award.objects.filter(decision__isnull=False, revoked=False).exclude(
        decision_id__in=_unsigned_decision_ids()
    )


def _unsigned_decision_ids() -> list[int]:
    return list(Decision.objects.exclude(status=DecisionStatus.SIGNED).values_list("pk", flat=True))


# ---- public search ---------------------------------------------------------------------

COUNT_BOUND = 1000  # the page counts results exactly up to this, then says "hơn 1.000"
# A name whose keys (after the filters) are at most `key_path_bound()` is answered from the
# keys' covering index (all candidates, sorted); a commoner name is answered by walking the
# awards newest first and checking the name on each row of an ordered index.
KEY_PATH_BOUND: int | None = None  # None: `key_path_bound()` from the table's size
CURSOR_SALT = "thidua.registry.search.cursor"
BAD_CURSOR = "Đường dẫn trang kết quả không hợp lệ hoặc đã cũ; đang hiển thị trang đầu."


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the award (award_date, pk), newest first; with
    what page 1 learnt for the same search (`query`): the count, and whether the name was
    answered by walking the awards ("w") or from the search keys ("k")."""

    award_date: date
    pk: int
    page: int = 2
    query: str = ""
    path: str = ""
    count: int = 0
    more: bool = False

    def encode(self) -> str:
        payload = (
            f"{self.award_date:%Y%m%d}.{self.pk}.{self.page}.{self.query}.{self.path}"
            f".{self.count}.{int(self.more)}"
        )
        return signing.Signer(salt=CURSOR_SALT).sign(payload).replace(":", "~")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Raises ValueError for anything that is not a cursor this site issued."""
        try:
            payload = signing.Signer(salt=CURSOR_SALT).unsign(text.replace("~", ":"))
            day, pk, page, query, path, count, more = payload.split(".")
            return cls(
                datetime.strptime(day, "%Y%m%d").date(),
                int(pk),
                int(page),
                query,
                path,
                int(count),
                more == "1",
            )
        except (signing.BadSignature, ValueError) as exc:
            raise ValueError(BAD_CURSOR) from exc


def _query_tag(folded: str, unit_ids, form: str, year) -> str:
    text = f"{folded}|{unit_ids}|{form}|{year}"
    return hashlib.blake2s(text.encode(), digest_size=6).hexdigest()


@dataclass(frozen=True, slots=True)
class AwardRow:
    """One line of a registry table (search, person and unit histories): the columns the
    page prints, read with one `values_list` query instead of building Award, Decision,
    Unit and Campaign objects for each line."""

    pk: int
    award_date: date
    awardee_name: str
    awardee_unit_name: str
    form_name: str
    revoked: bool
    verification_code: str
    decision_id: int | None
    decision_number: int | None
    decision_symbol: str | None
    decision_date: date | None
    decision_status: str | None
    issuer_name: str | None
    campaign_title: str | None

    @property
    def decision_number_display(self) -> str:
        return number_display(self.decision_number, self.decision_symbol or "")

    @property
    def shown_revoked(self) -> bool:
        """Revoked on its own or with its whole decision."""
        return self.revoked or self.decision_status == DecisionStatus.REVOKED

    @property
    def verifiable(self) -> bool:
        return self.decision_status == DecisionStatus.SIGNED


ROW_FIELDS = (
    "pk",
    "award_date",
    "awardee_name",
    "awardee_unit_name",
    "form_name",
    "revoked",
    "verification_code",
    "decision_id",
    "decision__number",
    "decision__symbol",
    "decision__doc_date",
    "decision__status",
    "decision__issuer__name",
    "campaign__title",
)


def award_rows(qs: QuerySet) -> list[AwardRow]:
    """The rows of `qs` (in its order) as AwardRow, in one query."""
    return [AwardRow(*values) for values in qs.values_list(*ROW_FIELDS)]


@dataclass
class SearchPage:
    awards: list[AwardRow]
    count: int  # exact if not `count_more`, else "more than COUNT_BOUND"
    count_more: bool
    next_cursor: str | None
    page: int


def _word_start(field: str, folded: str) -> Q:
    return Q(**{f"{field}__startswith": folded}) | Q(**{f"{field}__contains": " " + folded})


def unit_ids_matching(text: str) -> list[int] | None:
    """Units whose name (or short name, code) has a word starting with `text`, including
    units that no longer exist, with every unit merged into them (recursively) and every
    unit inside any of these: the awards "in" that unit, whatever it was called then.
    None when `text` is blank (no unit filter)."""
    from thidua.org.models import Unit

    folded = fold(text)[:120]
    if not folded:
        return None
    units = Unit.objects.order_by()
    found = dict(units.filter(_word_start("search_text", folded)).values_list("pk", "path"))
    frontier = list(found)
    while frontier:  # predecessors, then theirs (a merge of merged units)
        rows = dict(
            units.filter(successor_id__in=frontier)
            .exclude(pk__in=list(found))
            .values_list("pk", "path")
        )
        found.update(rows)
        frontier = list(rows)
    if not found:
        return []
    roots = sorted(set(found.values()))
    tops = [p for p in roots if not any(p != r and p.startswith(r) for r in roots)]
    inside = Q()
    for path in tops:
        inside |= Q(path__startswith=path)
    return sorted(set(units.filter(inside).values_list("pk", flat=True)) | set(found))


def _filters(prefix: str, unit_ids, form: str, year: int | None) -> Q:
    q = Q()
    if unit_ids is not None:
        q &= Q(**{f"{prefix}unit_id__in": unit_ids})
    if form:
        q &= Q(form_code=form)
    if year:
        q &= Q(year=year)
    return q


def search_awards(
    q: str = "", unit: str = "", form: str = "", year: int | None = None, qs=None
) -> QuerySet:
    """Every public award matching the search, newest first then by id, as one queryset
    (every filter in the database; page it with `search_page` or slice it).

    The name `q` is diacritic- and case-insensitive and must start at a word of the award's
    name or unit at the time ("thi lan" finds "Trần Thị Lan", "duc xuan" every award in
    Đức Xuân); `unit` finds awards in units whose name has a word starting with it,
    including units merged away (`unit_ids_matching`)."""
    qs = public_awards() if qs is None else qs
    folded = fold(q)[:120]
    qs = qs.filter(_filters("awardee_", unit_ids_matching(unit), form, year))
    if folded:
        from .models import AwardSearchKey

        keys = AwardSearchKey.objects.filter(key__startswith=folded).values("award_id")
        qs = qs.filter(pk__in=keys)
    return qs.order_by("-award_date", "-id")


def search_page(
    q: str = "",
    unit: str = "",
    form: str = "",
    year: int | None = None,
    cursor: Cursor | None = None,
    size: int = PUBLIC_LIMIT,
) -> SearchPage:
    """One page of `search_awards`, after `cursor` (keyset: newest first, then id), with
    the number of results (exact up to COUNT_BOUND), read in one transaction of the
    database the registry is read from (the count and the page see the same awards).

    On PostgreSQL the transaction plans without parallel workers: a page reads a few
    thousand index entries at most, and starting workers (≈ 25 ms, measured at ten million
    awards) cost more than the scan they would share."""
    alias = Award.objects.all().db
    with transaction.atomic(using=alias, savepoint=False):
        if connections[alias].vendor == "postgresql":
            with connections[alias].cursor() as cur:
                cur.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        return _search_page(q, unit, form, year, cursor, size)


def _search_page(q, unit, form, year, cursor, size) -> SearchPage:
    """`search_page` inside its transaction.

    A name search first reads the matching search keys with the filters applied, at most
    `key_path_bound()` + 1 of them, from the keys' covering indexes; if that is all of them the
    page and the exact count come from those keys. Otherwise the name is common, and the
    page comes from walking the awards newest first (ordered covering indexes), checking
    the name in the index; the count is then "more than COUNT_BOUND". The next page's
    cursor carries the count and the path, so later pages of a common name only walk on."""
    folded = fold(q)[:120]
    unit_ids = unit_ids_matching(unit)
    if unit_ids == []:
        return SearchPage([], 0, False, None, 1)
    unsigned = _unsigned_decision_ids()
    page_no = cursor.page if cursor else 1
    tag = _query_tag(folded, unit_ids, form, year)
    count, more, ids, path = None, False, None, "w"
    if cursor and cursor.query == tag and cursor.path == "w":
        count, more = cursor.count, cursor.more  # page 1 found the name common: walk on
    elif folded:
        count, more, ids = _key_path(folded, unit_ids, form, year, unsigned, cursor, size)
        path = "k" if ids is not None else "w"
    if ids is None:
        ids = _walk_ids(folded, unit_ids, form, year, unsigned, cursor, size)
        if count is None:
            count, more = (
                (len(ids), False) if cursor is None and len(ids) <= size else (None, False)
            )
    if count is None:
        count, more = _bounded_count(
            public_awards_excluding(unsigned)
            .filter(_filters("awardee_", unit_ids, form, year))
            .filter(_word_start("search_text", folded) if folded else Q())
        )
    page_pks = [pk for pk, _ in ids[:size]]
    rows = award_rows(Award.objects.filter(pk__in=page_pks).order_by()) if page_pks else []
    by_pk = {row.pk: row for row in rows}
    awards = [by_pk[pk] for pk in page_pks if pk in by_pk]
    has_next = len(ids) > size
    next_cursor = None
    if has_next:
        last_pk, last_day = ids[size - 1]
        next_cursor = Cursor(last_day, last_pk, page_no + 1, tag, path, count, more).encode()
    return SearchPage(awards, count, more, next_cursor, page_no)


def _walk_ids(folded, unit_ids, form, year, unsigned, cursor, size) -> list[tuple[int, date]]:
    """(pk, date) of the page + 1 by walking the public awards newest first. Only the
    ids: every column the filters read is in the ordered indexes (the name too, in the
    unfiltered one), so PostgreSQL reads the index alone and visits no award row it skips."""
    qs = public_awards_excluding(unsigned).filter(_filters("awardee_", unit_ids, form, year))
    if folded:
        qs = qs.filter(_word_start("search_text", folded))
    if cursor:
        qs = qs.filter(award_date__lte=cursor.award_date).filter(
            Q(award_date__lt=cursor.award_date) | Q(pk__lt=cursor.pk)
        )
    return list(qs.order_by("-award_date", "-id").values_list("pk", "award_date")[: size + 1])


def public_awards_excluding(unsigned: list[int]) -> QuerySet:
    return Award.objects.filter(decision__isnull=False, revoked=False).exclude(
        decision_id__in=unsigned
    )


def _bounded_count(qs: QuerySet) -> tuple[int, bool]:
    n = qs.order_by()[: COUNT_BOUND + 1].count()
    return min(n, COUNT_BOUND), n > COUNT_BOUND


def key_path_bound() -> int:
    """How many matching keys the key path takes on: about sqrt(51 × public awards), where
    sorting the candidates costs what walking the awards for a page costs (≈ 7,000 keys on
    a million awards, ≈ 23,000 on ten million). Read from PostgreSQL's statistics, at most
    once every ten minutes per process."""
    if KEY_PATH_BOUND is not None:
        return KEY_PATH_BOUND
    now = time.monotonic()
    if _TOTAL["at"] is None or now - _TOTAL["at"] > 600:
        total = 0
        reader = connections[Award.objects.all().db]
        if reader.vendor == "postgresql":
            with reader.cursor() as cur:
                cur.execute("SELECT reltuples FROM pg_class WHERE oid = 'awards_award'::regclass")
                total = max(0, int(cur.fetchone()[0]))
        _TOTAL.update(at=now, value=total)
    return max(2000, int(math.sqrt((PUBLIC_LIMIT + 1) * _TOTAL["value"])))


_TOTAL: dict = {"at": None, "value": 0}
# A name whose keys the planner expects to be this many times `key_path_bound()` reads only
# the keys that prove "more than COUNT_BOUND" (`_key_path`).
PLANNED_SKIP = 3


def _planned_rows(keys: QuerySet) -> float:
    """How many keys PostgreSQL's planner expects `keys` (without its limit) to read: its
    column statistics (most common values, histogram) for the prefix and the filters. 0 on
    other databases."""
    reader = connections[keys.db]
    if reader.vendor != "postgresql":
        return 0
    sql, params = keys.query.sql_with_params()
    with reader.cursor() as cur:
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cur.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    return float(plan["Plan"]["Plan Rows"])


def _key_path(folded, unit_ids, form, year, unsigned, cursor, size, exhaustive=False):
    """(count, more, [(pk, date)…] of the page + 1) from the keys, or (count, more, None)
    when the name has more than `key_path_bound()` keys (the caller walks the awards)."""
    from .models import AwardSearchKey

    bound = key_path_bound()
    matching = (
        AwardSearchKey.objects.filter(key__startswith=folded, decision__isnull=False)
        .filter(_filters("", unit_ids, form, year))
        .exclude(decision_id__in=unsigned)
        .exclude(award_id__in=Award.objects.filter(revoked=True).values("pk"))
        .order_by()
        .values_list("award_id", "award_date")
    )
    # The keys whose distinct awards are counted to prove "more than COUNT_BOUND" (below).
    proof = 4 * (COUNT_BOUND + 1)
    if not exhaustive and bound > proof and _planned_rows(matching) > PLANNED_SKIP * bound:
        # PostgreSQL's statistics say the name is common ("Nguyễn", "thanh hun", a middle
        # name in a year): read only enough keys to prove "more than COUNT_BOUND" results
        # (distinct awards among them) and let the caller walk the awards for the page,
        # instead of reading `bound` keys to learn the same.
        bound = proof
    keys = matching[: bound + 1]
    sql, params = keys.query.sql_with_params()
    after, after_params = "", []
    if cursor:
        after = "WHERE award_date < %s OR (award_date = %s AND award_id < %s)"
        after_params = [cursor.award_date, cursor.award_date, cursor.pk]
    # An award has a key per word of its name and unit, so a prefix can match it more than
    # once: the distinct count reads the first `distinct_of` keys, the page `page_of` rows
    # (duplicates are adjacent in the page's order and dropped below).
    distinct_of = bound + 1 if exhaustive else proof
    page_of = bound + 1 if exhaustive else 4 * (size + 1)
    # `sql` is the ORM's own compiled query; every value stays a parameter.
    wrapped = (
        f"WITH c (award_id, award_date) AS ({sql}) "  # noqa: S608
        "SELECT s.nk, s.nd, p.award_id, p.award_date FROM (SELECT COUNT(*) AS nk, "
        "(SELECT COUNT(DISTINCT d.award_id) FROM (SELECT award_id FROM c LIMIT %s) d) AS nd "
        "FROM c) s LEFT JOIN "
        f"(SELECT award_id, award_date FROM c {after} "
        "ORDER BY award_date DESC, award_id DESC LIMIT %s) p ON 1 = 1"
    )
    # The database the ORM would read these keys from (the replica for lag-tolerant reads).
    with connections[keys.db].cursor() as cur:
        cur.execute(wrapped, [*params, distinct_of, *after_params, page_of])
        rows = cur.fetchall()
    n_keys, n_awards = rows[0][0], rows[0][1]
    if n_keys > bound:
        more = n_awards > COUNT_BOUND
        return (COUNT_BOUND, True, None) if more else (None, False, None)
    exact = n_keys <= distinct_of
    if not exact and n_awards <= COUNT_BOUND and not exhaustive:
        return _key_path(folded, unit_ids, form, year, unsigned, cursor, size, exhaustive=True)
    page = list(dict.fromkeys((pk, _as_date(day)) for _, _, pk, day in rows if pk is not None))
    if len(page) <= size and len(rows) >= page_of and not exhaustive:
        return _key_path(folded, unit_ids, form, year, unsigned, cursor, size, exhaustive=True)
    page.sort(key=lambda r: (r[1], r[0]), reverse=True)
    return min(n_awards, COUNT_BOUND), n_awards > COUNT_BOUND, page[: size + 1]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def lineage_unit_ids(unit) -> list[int]:
    """The unit and every unit merged into it (recursively)."""
    from thidua.org.models import Unit

    paths = unit.lineage_paths()
    return list(Unit.objects.filter(path__in=paths).values_list("pk", flat=True))


def successor_ids(unit) -> set[int]:
    """The units that took over `unit` or any unit above it in a merge, transitively."""
    from thidua.org.models import Unit

    ids = {int(p) for p in unit.path.strip(".").split(".") if p} | {unit.pk}
    found: set[int] = set()
    frontier = set(
        Unit.objects.filter(pk__in=ids, successor__isnull=False).values_list(
            "successor_id", flat=True
        )
    )
    while frontier - found:
        found |= frontier
        frontier = set(
            Unit.objects.filter(pk__in=frontier, successor__isnull=False).values_list(
                "successor_id", flat=True
            )
        )
    return found


def successor_visible(unit, user) -> bool:
    """Whether `user` may see a unit that took over `unit` (or a unit above it)."""
    from thidua.org.models import Unit

    ids = successor_ids(unit)
    return bool(ids) and Unit.objects.for_user(user).filter(pk__in=ids).exists()


def unit_history(unit, qs=None) -> tuple[QuerySet, QuerySet]:
    """(awards to the unit and its predecessors as a collective,
    awards to people and collectives inside it or inside its predecessors)."""
    qs = Award.objects.all() if qs is None else qs
    qs = qs.select_related("decision", "decision__issuer", "campaign", "awardee_unit")
    own_ids = lineage_unit_ids(unit)
    own = qs.filter(unit_id__in=own_ids).order_by("-award_date", "-id")
    inside = Q()
    for path in unit.lineage_paths():
        inside |= Q(awardee_unit__path__startswith=path)
    members = qs.filter(inside).exclude(unit_id__in=own_ids).order_by("-award_date", "-id")
    return own, members


def person_history(person, qs=None) -> QuerySet:
    qs = Award.objects.all() if qs is None else qs
    return (
        qs.filter(person=person)
        .select_related("decision", "decision__issuer", "campaign", "awardee_unit")
        .order_by("-award_date", "-id")
    )


def _nominee_filter(nominee_key: str) -> Q:
    kind, value = parse_nominee_key(nominee_key)
    if kind == "person" and value.isdigit():
        return Q(person_id=int(value))
    if kind == "household" and value.isdigit():
        return Q(household_id=int(value))
    if kind == "unit" and value.isdigit():
        from thidua.org.models import Unit

        unit = Unit.objects.filter(pk=int(value)).first()
        return Q(unit_id__in=lineage_unit_ids(unit)) if unit else Q(unit_id=int(value))
    if kind == "name" and value.strip():
        return Q(awardee_name__iexact=value.strip())
    raise ValueError(f"Khóa đối tượng không hợp lệ: {nominee_key!r}")


def already_awarded(nominee_key: str, campaign_id: int, form_code: str) -> Award | None:
    """The registry's award of this form to this nominee for this campaign, if any
    (a unit's key also finds awards to the units merged into it)."""
    return (
        public_awards()
        .filter(_nominee_filter(nominee_key), campaign_id=campaign_id, form_code=form_code)
        .select_related("decision")
        .order_by("-award_date", "-id")
        .first()
    )


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 → 28/02
        return d.replace(year=d.year + years, day=28)


def award_interval_ok(
    nominee_key: str, form_code: str, on_date: date, years: int
) -> tuple[bool, str]:
    """Whether `years` full years have passed since the nominee's last award of this form."""
    last = (
        public_awards()
        .filter(_nominee_filter(nominee_key), form_code=form_code, award_date__lte=on_date)
        .select_related("decision")
        .order_by("-award_date", "-id")
        .first()
    )
    if last is None or years <= 0:
        return True, ""
    due = add_years(last.award_date, years)
    if on_date >= due:
        return True, ""
    ref = f" theo Quyết định số {last.decision.number_display}" if last.decision_id else ""
    return False, (
        f"{last.awardee_name} đã được tặng {last.form_name}{ref} ngày {last.award_date:%d/%m/%Y}; "
        f"chưa đủ {years} năm (đến ngày {due:%d/%m/%Y} mới đủ)."
    )


# ---- serials and single certificates ---------------------------------------------------


def take_serials(issuer, year: int, count: int) -> list[int]:
    """Reserve `count` consecutive serials; call inside the transaction that uses them."""
    if count <= 0:
        return []
    SerialCounter.objects.get_or_create(issuer=issuer, year=year)
    counter = SerialCounter.objects.select_for_update().get(issuer=issuer, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return list(range(first, first + count))


def _decision_awards(decision) -> QuerySet:
    """The awards of a decision that get a printed certificate (not the money-only titles
    such as Lao động tiên tiến, NĐ 152 Art 50.1)."""
    return (
        decision.awards.filter(revoked=False)
        .exclude(form_code__in=cert.NO_CERTIFICATE)
        .exclude(form_code__startswith="huan_chuong")
        .order_by("form_code", "id")
    )


def ensure_certificates(decision, actor=None) -> int:
    """Give every award of a signed decision its certificate serial (idempotent)."""
    if decision.status != DecisionStatus.SIGNED:
        raise RegistryError("Chỉ in giấy khen, bằng khen cho quyết định đã ký ban hành.")
    with transaction.atomic():
        missing = list(
            _decision_awards(decision).filter(certificate__isnull=True).values_list("pk", "year")
        )
        if not missing:
            return 0
        year = decision.doc_date.year if decision.doc_date else decision.year
        serials = take_serials(decision.issuer, year, len(missing))
        Certificate.objects.bulk_create(
            Certificate(award_id=pk, issuer=decision.issuer, year=year, serial=s)
            for (pk, _), s in zip(missing, serials, strict=True)
        )
        audit.record(
            decision,
            "registry.certificates.numbered",
            actor,
            data={"count": len(missing), "first": serials[0], "last": serials[-1]},
        )
    return len(missing)


def layout_for(issuer, form_code: str) -> CertificateLayout | None:
    kind = cert.certificate_kind(form_code)
    if kind is None:
        return None
    return CertificateLayout.objects.filter(issuer=issuer, form_kind=kind).first()


def render_options(
    layout: CertificateLayout | None, use_blank: bool, title: str
) -> cert.RenderOptions:
    if use_blank and layout is not None:
        return cert.RenderOptions(design=False, layout=layout.fields, title=title)
    return cert.RenderOptions(design=True, title=title)


def render_awards(decision, awards: list[Award], use_blank: bool = False) -> bytes:
    """One PDF for awards of one decision (grouped by certificate kind: one template per
    kind, the kind taken from each award's form)."""
    try:
        return _render_awards(decision, awards, use_blank)
    except cert.CertificateError as exc:
        raise RegistryError(str(exc)) from exc


def _render_awards(decision, awards: list[Award], use_blank: bool) -> bytes:
    if not awards:
        raise RegistryError("Quyết định chưa có người, tập thể được khen để in.")
    serials = [a.certificate.serial_display for a in awards]
    texts = cert.texts_for(awards, decision, serials, settings.SITE_URL)
    groups: dict[tuple[str, str], list[int]] = {}
    for position, award in enumerate(awards):
        kind = cert.form_kind(award.form_code)
        key = (kind, award.form_code if kind.endswith("chung_nhan") else kind)
        groups.setdefault(key, []).append(position)
    pdfs = []
    for positions in groups.values():
        first = awards[positions[0]]
        layout = layout_for(decision.issuer, first.form_code)
        heading = cert.heading_for(
            decision.issuer,
            first.form_code,
            layout.issuer_title if layout else "",
            form_name=first.form_name,
        )
        pdfs.append(
            cert.render(
                [texts[position] for position in positions],
                heading,
                render_options(layout, use_blank, heading_title(heading)),
            )
        )
    if len(pdfs) == 1:
        return pdfs[0]
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def heading_title(heading: cert.Heading) -> str:
    return cert.FORM_KIND_LABELS[heading.form_kind]


def certificate_pdf(award: Award, user, use_blank: bool = False) -> bytes:
    """The printable certificate of one award (its serial is assigned on first print)."""
    _require_print(user, award.decision)
    if cert.certificate_kind(award.form_code) is None:
        raise RegistryError(
            f"“{award.form_name}” không có giấy chứng nhận để in (chỉ thưởng tiền)."
        )
    ensure_certificates(award.decision, user)
    award = Award.objects.select_related("certificate", "person", "decision__issuer").get(
        pk=award.pk
    )
    return render_awards(award.decision, [award], use_blank)


def _require_print(user, decision) -> None:
    if decision is None or decision.status != DecisionStatus.SIGNED:
        raise RegistryError("Chỉ in giấy khen, bằng khen cho quyết định đã ký ban hành.")
    scope = scope_for(user)
    if not scope.has_role(*PRINT_ROLES) or not can(user, "change", decision):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp ban hành quyết định được in giấy khen."
        )


def test_print_pdf(layout: CertificateLayout) -> bytes:
    """One page with sample data and a light millimetre grid, for checking a blank."""
    try:
        title = layout.issuer_title or cert.issuer_title(layout.issuer)
    except cert.CertificateError as exc:
        raise RegistryError(str(exc)) from exc
    head = cert.Heading(layout.form_kind, title)
    options = cert.RenderOptions(
        design=not layout.use_blank, layout=layout.fields, grid=True, title="In thử"
    )
    return cert.render(
        [cert.sample_text(settings.SITE_URL.rstrip("/") + "/so-khen-thuong/xac-thuc/")],
        head,
        options,
    )


def save_layout(layout: CertificateLayout, fields: dict, actor, **changes) -> CertificateLayout:
    if not scope_for(actor).has_role(*PRINT_ROLES) or not can(actor, "change", layout):
        raise PermissionDenied("Bạn không có quyền sửa mẫu in này.")
    with transaction.atomic():
        before = layout.fields
        layout.fields = fields
        for key, value in changes.items():
            setattr(layout, key, value)
        layout.updated_by = actor if actor and actor.is_authenticated else None
        layout.save()
        changed = sorted(k for k in fields if before.get(k) != fields[k])
        audit.record(
            layout, "registry.layout.saved", actor, unit=layout.issuer, data={"fields": changed}
        )
    return layout


# ---- bulk generation -------------------------------------------------------------------


def batch_dir(batch: CertificateBatch) -> Path:
    return Path(settings.MEDIA_ROOT) / "registry" / "batches" / str(batch.pk)


def start_batch(decision: Decision, user, use_blank: bool = False) -> CertificateBatch:
    """Create (or resume) the bulk generation of a decision's certificates, then enqueue it."""
    _require_print(user, decision)
    with transaction.atomic():
        Decision.objects.select_for_update().filter(pk=decision.pk).first()
        open_batch = decision.certificate_batches.filter(
            status__in=[BatchStatus.PENDING, BatchStatus.RUNNING, BatchStatus.FAILED],
            use_blank=use_blank,
        ).first()
        if open_batch is not None:
            batch = open_batch
        else:
            count = _decision_awards(decision).count()
            if not count:
                raise RegistryError("Quyết định chưa có người, tập thể được khen để in.")
            batch = CertificateBatch.objects.create(
                decision=decision, total=count, use_blank=use_blank, created_by=user
            )
            audit.record(
                batch,
                "registry.batch.created",
                user,
                unit=decision.issuer,
                to_state=batch.status,
                data={"total": count, "use_blank": use_blank},
            )
    _enqueue_after_commit(batch.pk)
    return batch


def _part_ok(path: Path, pages: int) -> bool:
    """A finished part: a readable PDF with the expected number of pages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(path, strict=False).pages) == pages
    except (OSError, PyPdfError, ValueError, KeyError):
        return False


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class LeaseLost(Exception):
    """Another worker took over this batch (ours was presumed dead); stop without writing."""


def worker_id() -> str:
    """Who holds a lease: host, process and a random tag (pids are reused after a restart)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"


def _expired_lease() -> Q:
    cutoff = lease_cutoff()
    return Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)


def take_lease(batch_id: int, owner: str) -> bool:
    """Become the one worker of a batch: a single conditional UPDATE claims the lease, so
    of two workers racing for a free or expired lease exactly one gets it; the batch then
    moves to "Đang tạo" through its state table in the same transaction."""
    free = Q(lease_owner="") | Q(lease_owner=owner) | ~Q(status=BatchStatus.RUNNING)
    with transaction.atomic():
        claimed = (
            CertificateBatch.objects.filter(pk=batch_id)
            .exclude(status=BatchStatus.DONE)
            .filter(free | _expired_lease())
            .update(lease_owner=owner, heartbeat_at=timezone.now(), error="")
        )
        if claimed != 1:
            return False
        batch = CertificateBatch.objects.select_related("decision__issuer").get(pk=batch_id)
        CERTIFICATE_BATCH.apply(
            batch, "run", None, unit=batch.decision.issuer, data={"worker": owner}
        )
    return True


def _release_lease(batch_id: int, owner: str, action: str, actor=None, data=None, **fields):
    """The holder of the lease ends its run: the fields and the move `action` are written
    only if `owner` still holds the lease. Returns the batch, or None if it lost it."""
    with transaction.atomic():
        released = CertificateBatch.objects.filter(pk=batch_id, lease_owner=owner).update(
            lease_owner="", **fields
        )
        if not released:
            return None
        batch = CertificateBatch.objects.select_related("decision__issuer").get(pk=batch_id)
        CERTIFICATE_BATCH.apply(batch, action, actor, unit=batch.decision.issuer, data=data)
    return batch


def renew_lease(batch_id: int, owner: str, **progress) -> None:
    """Heartbeat (with the progress made); raises LeaseLost if another worker took over."""
    renewed = CertificateBatch.objects.filter(pk=batch_id, lease_owner=owner).update(
        heartbeat_at=timezone.now(), **progress
    )
    if renewed != 1:
        raise LeaseLost(f"Lô in {batch_id} đã do tiến trình khác tạo tiếp.")


def stalled_batches(qs: QuerySet | None = None) -> QuerySet:
    """Batches "đang tạo" whose worker stopped renewing its lease."""
    qs = CertificateBatch.objects.all() if qs is None else qs
    return qs.filter(status=BatchStatus.RUNNING).filter(_expired_lease())


def resume_stalled_batches(qs: QuerySet | None = None) -> list[int]:
    """Queue each stalled batch again, at most once per lease period (pages that poll every
    second, two open tabs and the periodic command do not queue it twice)."""
    queued = []
    for pk in stalled_batches(qs).values_list("pk", flat=True):
        not_queued_lately = Q(resume_queued_at__isnull=True) | Q(
            resume_queued_at__lt=lease_cutoff()
        )
        claimed = (
            stalled_batches(CertificateBatch.objects.filter(pk=pk))
            .filter(not_queued_lately)
            .update(resume_queued_at=timezone.now())
        )
        if claimed:
            batch = CertificateBatch.objects.select_related("decision").get(pk=pk)
            audit.record(
                batch,
                "registry.batch.resumed",
                None,
                unit=batch.decision.issuer,
                data={"reason": "stalled", "done": batch.done, "total": batch.total},
            )
            log.warning(
                "Lô in %s bị gián đoạn (tiến trình %s); xếp hàng chạy tiếp", pk, batch.lease_owner
            )
            _enqueue_after_commit(pk)
            queued.append(pk)
    return queued


def resume_batch(batch: CertificateBatch, user) -> CertificateBatch:
    """The "Tiếp tục tạo" button: queue a failed or stalled batch again."""
    _require_print(user, batch.decision)
    batch.refresh_from_db()
    if batch.status == BatchStatus.DONE:
        raise RegistryError("Lô in đã tạo xong; không cần chạy tiếp.")
    if batch.status == BatchStatus.RUNNING and not batch.is_stalled:
        raise RegistryError("Lô in đang được tạo; xin chờ trong giây lát.")
    with transaction.atomic():
        CertificateBatch.objects.filter(pk=batch.pk).update(resume_queued_at=timezone.now())
        audit.record(
            batch,
            "registry.batch.resumed",
            user,
            unit=batch.decision.issuer,
            data={"reason": batch.status, "done": batch.done, "total": batch.total},
        )
    _enqueue_after_commit(batch.pk)
    return batch


def _enqueue_after_commit(batch_id: int) -> None:
    from .tasks import enqueue_generation

    transaction.on_commit(lambda: enqueue_generation(batch_id))


def run_batch(batch_id: int, owner: str | None = None) -> CertificateBatch:
    """Generate the remaining parts, then merge. Safe to call again after any failure, and
    from several workers at once: only the holder of the lease writes."""
    owner = owner or worker_id()
    batch = CertificateBatch.objects.select_related("decision", "decision__issuer").get(pk=batch_id)
    if batch.status == BatchStatus.DONE:
        return batch
    if not take_lease(batch.pk, owner):
        log.info("Lô in %s đang do tiến trình %s tạo", batch.pk, batch.lease_owner)
        batch.refresh_from_db()
        return batch
    decision = batch.decision
    try:
        ensure_certificates(decision, batch.created_by)
        awards = list(
            _decision_awards(decision)
            .select_related("certificate", "person")
            .order_by("certificate__serial")
        )
        batch.total = len(awards)
        folder = batch_dir(batch)
        folder.mkdir(parents=True, exist_ok=True)
        size = batch.part_size
        parts = [awards[i : i + size] for i in range(0, len(awards), size)]
        done_parts = []
        for index, chunk in enumerate(parts):
            path = folder / f"part-{index:05d}.pdf"
            if not (path.exists() and _part_ok(path, len(chunk))):
                _write_atomic(path, render_awards(decision, chunk, batch.use_blank))
            done_parts.append(index)
            batch.done = min(batch.total, (index + 1) * size)
            batch.parts_done = done_parts
            with transaction.atomic():
                renew_lease(
                    batch.pk, owner, done=batch.done, total=batch.total, parts_done=done_parts
                )
                CertificateBatchPart.objects.bulk_create(
                    [
                        CertificateBatchPart(
                            batch=batch, index=index, pages=len(chunk), written_by=owner
                        )
                    ],
                    ignore_conflicts=True,
                )
        final = folder / f"giay-khen-qd-{decision.pk}.pdf"
        pages = _merge(folder, len(parts), final)
        if pages != len(awards):
            raise RegistryError(f"Tệp gộp có {pages} trang, cần {len(awards)} trang.")
    except LeaseLost:
        log.warning("Lô in %s: tiến trình %s mất quyền tạo, dừng", batch.pk, owner)
        batch.refresh_from_db()
        return batch
    except Exception as exc:
        error = str(exc)[:2000]
        _release_lease(batch.pk, owner, "failed", data={"error": error[:200]}, error=error)
        log.exception("Lô in %s dừng giữa chừng", batch.pk)
        raise
    with transaction.atomic():
        finished = _release_lease(
            batch.pk,
            owner,
            "done",
            batch.created_by,
            data={"pages": pages},
            file=str(final.relative_to(settings.MEDIA_ROOT)),
            page_count=pages,
            finished_at=timezone.now(),
            error="",
            done=batch.done,
            total=batch.total,
            parts_done=done_parts,
            heartbeat_at=timezone.now(),
        )
        if finished is None:  # another worker took over and finishes (or finished) the batch
            batch.refresh_from_db()
            return batch
        batch = finished
        if batch.created_by:
            notify(
                [batch.created_by],
                f"Đã tạo xong {pages} giấy khen, bằng khen của {decision}.",
                f"/so-khen-thuong/lo-in/{batch.pk}/",
            )
    return batch


SIGNED_BATCH_SUFFIX = "-ky-so.pdf"


def batch_is_sealed(batch: CertificateBatch) -> bool:
    return batch.file.endswith(SIGNED_BATCH_SUFFIX)


def seal_batch(batch: CertificateBatch, user) -> CertificateBatch:
    """Sign a finished batch PDF with the issuing organisation's certificate (invisible
    signature, the certificates carry the seal image already). The signed file is written
    beside the merged one and the batch points to it; on any refusal nothing changes."""
    from thidua.signing import services as signing
    from thidua.signing.errors import SigningRefused

    decision = batch.decision
    _require_print(user, decision)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise RegistryError("Lô in chưa tạo xong: chưa ký số được.")
    if batch_is_sealed(batch):
        raise RegistryError("Lô in đã được ký số.")
    source = Path(settings.MEDIA_ROOT) / batch.file
    try:
        signed = signing.seal_document(
            source.read_bytes(),
            unit=decision.issuer,
            reason=f"Giấy khen, bằng khen theo Quyết định số {decision.number_display}",
        )
    except SigningRefused as exc:
        raise RegistryError(f"Không ký số được lô in: {exc.message_text}") from exc
    target = source.with_name(source.stem + SIGNED_BATCH_SUFFIX)
    _write_atomic(target, signed)
    try:
        with transaction.atomic():
            CertificateBatch.objects.filter(pk=batch.pk).update(
                file=str(target.relative_to(settings.MEDIA_ROOT))
            )
            audit.record(batch, "certificate_batch_sealed", user, unit=decision.issuer)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    batch.refresh_from_db()
    return batch


def _merge(folder: Path, count: int, final: Path) -> int:
    from .pdfdoc import merge_files

    return merge_files([folder / f"part-{index:05d}.pdf" for index in range(count)], final)
