"""The one place where nominee rows become quota lines (`quotas.Line`), for the campaign
page's quota table (`nominee_lines`, registered with `campaigns.services.count_lines_with`)
and for the submission and appraisal checks (`checks.QuotaCheck`).

The rules, decided once for both (issue 13):

- **category**: the line's own category, else the person's, else the household's — a
  teacher whose line leaves the category blank still counts as a teacher;
- **upward bundles**: a line the issuer bundles upward (`NomineeOrigin`) is the same
  nomination: it counts once, as its original line (the proposer who used the place); the
  bundled copy never counts again, and when the bundle is proposed its lines are checked
  as their originals (so they merge with them);
- **counting in the database**: lines already counted are aggregated by ONE query (one Line
  with a `count` per proposer, form, subject kind, category and unit kind), narrowed to the
  groups the proposed lines can touch; the lines of the proposed nominees themselves come
  out of the same query one by one (duplicates and exclusions need their keys), found by
  their subject columns (person, household, unit: the foreign-key indexes) rather than by
  a computed key, and bundled upward copies are left out with NOT EXISTS.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Case as CaseExpr
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Lower, NullIf

from thidua.campaigns import quotas

from .enums import COUNTING_STATUSES
from .models import Nominee, NomineeOrigin

CATEGORY = Coalesce(
    NullIf("category", Value("")),
    NullIf("person__category", Value("")),
    NullIf("household__category", Value("")),
    output_field=CharField(),
)
# Nominee.nominee_key (org.identity.nominee_key) in SQL.
KEY = CaseExpr(
    When(person__isnull=False, then=Concat(Value("person:"), Cast("person_id", CharField()))),
    When(
        household__isnull=False,
        then=Concat(Value("household:"), Cast("household_id", CharField())),
    ),
    When(unit__isnull=False, then=Concat(Value("unit:"), Cast("unit_id", CharField()))),
    default=Concat(Value("name:"), Lower("name")),
    output_field=CharField(),
)


def category_of(nominee) -> str | None:
    category = nominee.category or (nominee.person.category if nominee.person_id else None)
    if not category and nominee.household_id:
        category = nominee.household.category
    return category or None


def _line(
    proposer_id, proposer_name, proposer_kind, proposer_tags, category, unit_kind, **fields
) -> quotas.Line:
    """The one builder of the evaluator's `quotas.Line`, from a row object or a values()
    row alike: a blank kind, category or unit kind is "none", tags a frozen set."""
    return quotas.Line(
        proposer_id=proposer_id,
        proposer_name=proposer_name,
        proposer_kind=proposer_kind or "",
        proposer_tags=frozenset(proposer_tags or []),
        category=category or None,
        nominee_unit_kind=unit_kind or None,
        **fields,
    )


def line_for(nominee, dossier=None) -> quotas.Line:
    """The quota evaluator's view of one nominee row (its dossier's proposer and form)."""
    d = dossier or nominee.dossier
    proposer = d.proposer
    return _line(
        proposer.pk,
        proposer.name,
        proposer.kind,
        proposer.tags,
        category_of(nominee),
        nominee.unit.kind if nominee.unit_id else None,
        form=d.form_code,
        subject_kind=nominee.subject_kind,
        nominee_key=nominee.nominee_key,
        nominee_unit_id=nominee.unit_id,
        nominee_name=nominee.name,
        dossier_id=d.pk,
    )


def origin_sources(dossier, nominees) -> dict[int, int]:
    """{line id: id of the original line} of the dossier's bundled upward copies
    (`NomineeOrigin`): from the `origin_link` read with the lines when they were read with it
    (`checks.submission_nominees`), else by one query."""
    related = Nominee.origin_link.related
    if all(related.is_cached(n) for n in nominees):
        links = (related.get_cached_value(n) for n in nominees)
        return {link.nominee_id: link.source_id for link in links if link is not None}
    return dict(
        NomineeOrigin.objects.filter(nominee__dossier=dossier).values_list(
            "nominee_id", "source_id"
        )
    )


def proposed_lines(dossier, nominees) -> list[quotas.Line]:
    """The lines a dossier proposes; a bundled upward copy is checked as its original."""
    ids = {n.pk for n in nominees}
    links = {nid: sid for nid, sid in origin_sources(dossier, nominees).items() if nid in ids}
    sources = (
        Nominee.objects.select_related("dossier__proposer", "unit", "person", "household")
        .order_by()
        .in_bulk(set(links.values()))
        if links
        else {}
    )
    origins = {nid: sources[sid] for nid, sid in links.items()}
    return [line_for(origins[n.pk]) if n.pk in origins else line_for(n, dossier) for n in nominees]


def counted(campaign, exclude_dossier=None):
    """Nominee rows counted against the campaign's quotas: lines of counting dossiers, each
    nomination once (bundled upward copies left out)."""
    qs = Nominee.objects.filter(
        dossier__campaign=campaign, dossier__status__in=COUNTING_STATUSES
    ).filter(~Exists(NomineeOrigin.objects.filter(nominee_id=OuterRef("pk"))))
    if exclude_dossier is not None:
        qs = qs.exclude(dossier=exclude_dossier)
    return qs


def _match_q(match: dict) -> Q:
    """A superset of the rows a rule's `match` selects (tags and excludes are left to the
    evaluator, which applies the rule exactly)."""
    q = Q()
    fields = {
        "forms": "dossier__form_code__in",
        "proposer_kinds": "dossier__proposer__kind__in",
        "proposer_ids": "dossier__proposer_id__in",
        "subject_kinds": "subject_kind__in",
        "categories": "cat__in",
        "nominee_unit_kinds": "unit__kind__in",
    }
    for key, lookup in fields.items():
        if match.get(key):
            q &= Q(**{lookup: list(match[key])})
    return q


def narrowing(rules: list[dict], proposed: list[quotas.Line]) -> Q:
    """Rows that can fall in a limited quota group a proposed line touches."""
    parts = []
    for rule in rules:
        if rule.get("kind") != "quota":
            continue
        touched = [ln for ln in proposed if quotas.applies(rule, ln)]
        if not touched:
            continue
        q = _match_q(rule.get("match") or {})
        if rule["scope"] == "per_proposer":
            q &= Q(dossier__proposer_id__in={ln.proposer_id for ln in touched})
        elif rule["scope"] == "per_nominee_kind":
            # a kind without a limit (not in max_by_kind, no max) is never reported: its
            # group needs no counting
            limited = set(rule.get("max_by_kind") or {}) if rule.get("max") is None else None
            keys = [
                k
                for k in {quotas.group_key(rule, ln) for ln in touched}
                if k and (limited is None or k in limited)
            ]
            if not keys:
                continue
            q &= Q(unit__kind__in=keys) | Q(cat__in=keys) | Q(subject_kind__in=keys)
        parts.append(q)
    return reduce(or_, parts) if parts else Q(pk__in=[])


#: The columns a counted line is grouped by (the proposer's name, kind and tags depend on
#: the proposer and are read by the same query).
GROUP_COLUMNS = (
    "dossier__proposer_id",
    "dossier__proposer__name",
    "dossier__proposer__kind",
    "dossier__proposer__tags",
    "dossier__form_code",
    "subject_kind",
    "cat",
    "unit__kind",
)


def _group_line(r: dict, **fields) -> quotas.Line:
    """The Line of one values() row grouped by `GROUP_COLUMNS`."""
    return _line(
        r["dossier__proposer_id"],
        r["dossier__proposer__name"],
        r["dossier__proposer__kind"],
        r["dossier__proposer__tags"],
        r["cat"],
        r["unit__kind"],
        form=r["dossier__form_code"],
        subject_kind=r["subject_kind"],
        **fields,
    )


def _aggregate(qs):
    return qs.values(*GROUP_COLUMNS).annotate(n=Count("key", distinct=True)).order_by()


def aggregated_lines(qs) -> list[quotas.Line]:
    """One Line with a count per proposer, form, subject kind, category and unit kind."""
    return [_group_line(r, count=r["n"]) for r in _aggregate(qs)]


def subjects_q(keys: Iterable[str]) -> Q:
    """The rows whose nominee key (`org.identity.nominee_key`) is one of `keys`, by their
    subject columns: a person by person_id, a household by household_id, a unit by unit_id
    (each an indexed foreign key), a free name by its lower-cased name (needs the `lname`
    annotation). Never matches when `keys` is empty."""
    by_kind: dict[str, set] = {"person": set(), "household": set(), "unit": set(), "name": set()}
    for key in keys:
        kind, _, value = key.partition(":")
        if kind == "name":
            by_kind["name"].add(value)
        elif kind in by_kind and value.isdigit():
            by_kind[kind].add(int(value))
    q = Q(pk__in=[])
    if by_kind["person"]:
        q |= Q(person_id__in=sorted(by_kind["person"]))
    if by_kind["household"]:
        q |= Q(person__isnull=True, household_id__in=sorted(by_kind["household"]))
    if by_kind["unit"]:
        q |= Q(person__isnull=True, household__isnull=True, unit_id__in=sorted(by_kind["unit"]))
    if by_kind["name"]:
        q |= Q(
            person__isnull=True,
            household__isnull=True,
            unit__isnull=True,
            lname__in=sorted(by_kind["name"]),
        )
    return q


def existing_lines(
    campaign, exclude_dossier, keys: Iterable[str], narrow: Q | None = None
) -> tuple[list[quotas.Line], set[str]]:
    """The counted lines a check needs, and the keys of those proposed upward, in one
    aggregate query.

    Lines of the nominees `keys` (found by their subject columns, `subjects_q`) come one by
    one (a proposed line identical to one is counted once; exclusions compare keys); the
    others are counted per group, restricted to `narrow` (None: every counted line)."""
    return read_existing(existing_query(campaign, exclude_dossier, keys, narrow))


def existing_query(campaign, exclude_dossier, keys: Iterable[str], narrow: Q | None = None):
    """The aggregate query of `existing_lines`, built but not run (the submission builds it
    before it takes the campaign lock and runs it under the lock, `read_existing`)."""
    own = subjects_q(sorted(set(keys)))
    qs = counted(campaign, exclude_dossier).annotate(lname=Lower("name"), cat=CATEGORY)
    if narrow is not None:
        qs = qs.filter(own | narrow)
    # A row of those nominees is a group of its own (`own_id`, NULL for the others); what
    # its line needs is read by aggregates over that one row (cheaper to build than one
    # CASE of the subject condition per column).
    return (
        qs.annotate(
            key=KEY,
            own_id=CaseExpr(
                When(own, then=F("pk")), default=Value(None), output_field=IntegerField()
            ),
        )
        .values(*GROUP_COLUMNS, "own_id")
        .annotate(
            n=Count("key", distinct=True),
            own_person=Max("person_id"),
            own_household=Max("household_id"),
            own_unit=Max("unit_id"),
            own_lname=Max("lname"),
            own_name=Max("name"),
            own_dossier=Max("dossier_id"),
            own_upward=Max(Cast("dossier__is_upward", IntegerField())),
        )
        .order_by()
    )


def read_existing(query) -> tuple[list[quotas.Line], set[str]]:
    """Run an `existing_query`: (the counted lines, the keys of those proposed upward)."""
    lines, upward, seen = [], set(), set()
    for r in query.all():
        if r["own_id"] is None:
            lines.append(
                _group_line(r, nominee_key="", nominee_unit_id=None, nominee_name="", count=r["n"])
            )
            continue
        # KEY of the row, as in SQL (a free name matched by its lower-cased form)
        if r["own_person"]:
            key = f"person:{r['own_person']}"
        elif r["own_household"]:
            key = f"household:{r['own_household']}"
        elif r["own_unit"]:
            key = f"unit:{r['own_unit']}"
        else:
            key = f"name:{r['own_lname']}"
        if r["own_upward"]:
            upward.add(key)
        line = _group_line(
            r,
            nominee_key=key,
            nominee_unit_id=r["own_unit"],
            nominee_name=r["own_name"] or "",
            dossier_id=r["own_dossier"],
            count=1,
        )
        # identical rows of those nominees make one line (they were one group before)
        ident = (line, bool(r["own_upward"]))
        if ident not in seen:
            seen.add(ident)
            lines.append(line)
    # the proposed nominees' own rows first, as the evaluator met them before
    lines.sort(key=lambda ln: not ln.nominee_key)
    return lines, upward


#: The campaign page's aggregate query per campaign id, built once per process (it depends
#: on nothing else; each page runs a clone of it): building it costs more than running it.
_CAMPAIGN_AGGREGATES: dict[int, QuerySet] = {}


def nominee_lines(campaign) -> list[quotas.Line]:
    """Every line counted against the campaign's quotas, aggregated (the campaign page)."""
    qs = _CAMPAIGN_AGGREGATES.get(campaign.pk)
    if qs is None:
        if len(_CAMPAIGN_AGGREGATES) >= 256:
            _CAMPAIGN_AGGREGATES.clear()
        qs = _aggregate(counted(campaign).annotate(cat=CATEGORY, key=KEY))
        _CAMPAIGN_AGGREGATES[campaign.pk] = qs
    return [_group_line(r, count=r["n"]) for r in qs.all()]
