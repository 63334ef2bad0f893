"""Block leaders for the campaign's award proposals (e.g. Cờ thi đua for the first of each
block), checked with the campaign's own eligibility rules through `quotas.evaluate`.

Down the ranking of each block, the first rank group whose units pass the prior-rating
rules is proposed; units above them that fail are listed with the rule's Vietnamese
reason. Ties share a rank, so two units tied first are both proposed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thidua.campaigns.quotas import Context, Line, evaluate, failures
from thidua.formats.vi.numbers import format_percent
from thidua.org.identity import nominee_key
from thidua.org.models import Block

from .models import PriorRating
from .ranking import Ranking, RankRow

LEADER_RULE_KINDS = ("prior_rating", "block_leader")
DEFAULT_FORM = "co_thi_dua_tinh"


@dataclass
class BlockLeaders:
    block_id: int
    block_name: str
    form: str
    leaders: list[RankRow] = field(default_factory=list)
    excluded: list[tuple[RankRow, list[str]]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _leader_form(rules: list[dict]) -> str:
    for kind in LEADER_RULE_KINDS[::-1]:
        for r in rules:
            forms = (r.get("match") or {}).get("forms") or []
            if r["kind"] == kind and forms:
                return forms[0]
    return DEFAULT_FORM


def _key(unit_id: int) -> str:
    return nominee_key(unit_id=unit_id)


def propose_block_leaders(
    campaign,
    as_at: date | None = None,
    rating_year: int | None = None,
    ranking: Ranking | None = None,
    blocks=None,
) -> list[BlockLeaders]:
    """For each block of the campaign (or of `blocks`), the first-ranked eligible unit(s)
    of the stored ranking as at ``as_at`` (or of the given `ranking`)."""
    rules = [r for r in (campaign.rules or []) if r.get("kind") in LEADER_RULE_KINDS]
    form = _leader_form(rules)
    if ranking is None:
        from .snapshots import read

        ranking = read(campaign, as_at, blocks=blocks)
    as_at = ranking.as_at
    rating_year = rating_year or as_at.year - 1
    unit_ids = [r.unit_id for r in ranking.rows]
    ratings = dict(
        PriorRating.objects.filter(unit_id__in=unit_ids, year=rating_year).values_list(
            "unit_id", "rating"
        )
    )
    ctx = Context(prior_ratings={_key(u): r for u, r in ratings.items()})
    heads = dict(
        Block.objects.filter(pk__in={r.block_id for r in ranking.rows}).values_list("pk", "head_id")
    )
    out = []
    for block_id, rows in ranking.by_block().items():
        result = BlockLeaders(block_id, rows[0].block_name, form)
        groups: dict[int, list[RankRow]] = {}
        for r in rows:
            groups.setdefault(r.rank, []).append(r)
        for rank in sorted(groups):
            passed = []
            for row in groups[rank]:
                # Among the units still in the running this group leads the block.
                ctx.block_ranks[row.unit_id] = (block_id, row.block_name, 1)
                line = Line(
                    proposer_id=heads.get(block_id) or 0,
                    proposer_name=row.block_name,
                    proposer_kind="block",
                    form=form,
                    subject_kind="collective",
                    nominee_key=_key(row.unit_id),
                    nominee_unit_id=row.unit_id,
                    nominee_unit_kind=row.unit_kind,
                    nominee_name=row.unit_name,
                )
                fails = failures(evaluate(rules, [], [line], ctx))
                if fails:
                    result.excluded.append((row, [f.message for f in fails]))
                else:
                    passed.append(row)
            if passed:
                result.leaders = passed
                break
        for row, reasons in result.excluded:
            result.messages.append(
                f"{row.unit_name} (xếp thứ {row.rank}) không được đề nghị: " + " ".join(reasons)
            )
        for row in result.leaders:
            result.messages.append(
                f"Đề nghị {row.unit_name} (xếp thứ {row.rank}, tỷ lệ hoàn thành "
                f"{format_percent(row.rate)}) dẫn đầu {row.block_name}."
            )
        out.append(result)
    return sorted(out, key=lambda b: b.block_name)
