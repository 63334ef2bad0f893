"""Stored rankings (issue 13): what pages, the API and dossier checks read.

`ranking.rank_blocks` computes a ranking in the database; this module stores its result per
campaign, block and date (`RankingSnapshot`, `RankingEntry`) and keeps it fresh:

- kept dates: the campaign's month ends and its current date (`ranking_date`: today, or the
  end date once past), the chart's points; the current one is marked `is_current`;
- a change to a registration, an indicator, a progress report, a work item or an event
  marks the block's snapshots on or after the change's date (and the current one) dirty
  (`mark_dirty`, from signals, so every writer is covered) and queues a refresh of the
  campaign's dirty snapshots after commit (`tasks.refresh_rankings_task`): one block's
  snapshots are recomputed, never the whole campaign;
- reading (`read`, `read_series`) takes the stored rows; a block whose snapshot is missing
  or still dirty (the queued refresh has not run yet) is refreshed first, block by block;
- closing the campaign (`freeze`) refreshes what is dirty and freezes every snapshot: a
  closed campaign shows the ranking recorded at closing, and progress is refused until the
  standing body reopens it (`unfreeze`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.core.deadlines import local_date

from .enums import RANKED_STATUSES
from .models import RankingEntry, RankingSnapshot, Registration
from .ranking import Ranking, RankRow, _dec, rank_blocks

CLOSED = {"closed", "summarised"}


def ranking_date(campaign, today: date | None = None) -> date:
    """Rankings are taken at the campaign's end, or today while it is running."""
    today = today or timezone.localdate()
    return min(campaign.end_date, today) if campaign.end_date else today


def month_ends(start: date, end: date) -> list[date]:
    """The last day of every month from `start` to `end` (the last one is `end`), at most 12."""
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        out.append(min(nxt - timedelta(days=1), end))
        d = nxt
    return out[-12:]


def kept_dates(campaign, today: date | None = None) -> list[date]:
    """The dates whose ranking is stored; the last one is the current date."""
    current = ranking_date(campaign, today)
    start = campaign.start_date or current - timedelta(days=330)
    return month_ends(start, current) or [current]


def snap_date(campaign, as_at: date | None, today: date | None = None) -> date:
    """The kept date shown for a requested date: the latest kept date on or before it (the
    current one when none is asked for or it is later)."""
    kept = kept_dates(campaign, today)
    if as_at is None or as_at >= kept[-1]:
        return kept[-1]
    earlier = [d for d in kept if d <= as_at]
    return earlier[-1] if earlier else kept[0]


def is_closed(campaign) -> bool:
    return campaign.status in CLOSED


# ---- writing -------------------------------------------------------------------------------


@transaction.atomic
def refresh(campaign, block_ids=None, dates=None, today: date | None = None) -> int:
    """Recompute and store the snapshots of `block_ids` (default: every block with a ranked
    registration or a snapshot) for `dates` (default: every kept date). One ranking query
    per date over the given blocks only. Returns the number of snapshots written."""
    kept = kept_dates(campaign, today)
    current = kept[-1]
    dates = sorted({current if d not in kept else d for d in dates}) if dates else kept
    if block_ids is None:
        block_ids = set(_ranked_block_ids(campaign)) | set(
            RankingSnapshot.objects.filter(campaign=campaign).values_list("block_id", flat=True)
        )
    block_ids = sorted(set(block_ids))
    if not block_ids:
        return 0
    now = timezone.now()
    frozen_at = now if is_closed(campaign) else None
    old = RankingSnapshot.objects.filter(campaign=campaign, block_id__in=block_ids)
    stale_q = Q(as_at__in=dates)
    if current in dates:
        # The previous current snapshot (an earlier day) gives way; month ends stay.
        stale_q |= Q(is_current=True) & ~Q(as_at__in=kept)
    stale = list(old.filter(stale_q).values_list("pk", flat=True))
    if current in dates:
        old.filter(is_current=True).exclude(pk__in=stale).update(is_current=False)
    RankingEntry.objects.filter(snapshot_id__in=stale).delete()
    RankingSnapshot.objects.filter(pk__in=stale).delete()
    written = 0
    for d in dates:
        rows = rank_blocks(campaign, d, blocks=block_ids).rows
        snaps = RankingSnapshot.objects.bulk_create(
            RankingSnapshot(
                campaign=campaign,
                block_id=b,
                as_at=d,
                is_current=d == current,
                computed_at=now,
                frozen_at=frozen_at,
            )
            for b in block_ids
        )
        by_block = {s.block_id: s.pk for s in snaps}
        RankingEntry.objects.bulk_create(
            (
                RankingEntry(
                    snapshot_id=by_block[r.block_id],
                    registration_id=r.registration_id,
                    unit_id=r.unit_id,
                    rate=r.rate,
                    score=r.score,
                    rank=r.rank,
                )
                for r in rows
            ),
            batch_size=5000,
        )
        written += len(snaps)
    return written


def refresh_dirty(campaign, today: date | None = None) -> int:
    """Refresh the campaign's dirty snapshots (what the queued task does): per date, only the
    blocks marked dirty. Frozen snapshots are never recomputed."""
    dirty = RankingSnapshot.objects.filter(campaign=campaign, dirty=True, frozen_at__isnull=True)
    by_date: dict[date, set[int]] = defaultdict(set)
    kept = kept_dates(campaign, today)
    for block_id, as_at, current in dirty.values_list("block_id", "as_at", "is_current"):
        by_date[kept[-1] if current or as_at not in kept else as_at].add(block_id)
    written = 0
    for d, blocks in sorted(by_date.items()):
        written += refresh(campaign, blocks, [d], today)
    return written


def mark_dirty(campaign_id: int, block_ids, since: date | None = None) -> None:
    """Mark the stored rankings a change touches and queue their refresh after commit."""
    block_ids = [b for b in block_ids if b]
    if not block_ids:
        return
    qs = RankingSnapshot.objects.filter(
        campaign_id=campaign_id, block_id__in=block_ids, frozen_at__isnull=True, dirty=False
    )
    if since is not None:
        qs = qs.filter(Q(as_at__gte=since) | Q(is_current=True))
    qs.update(dirty=True)
    from .tasks import schedule_refresh

    schedule_refresh(campaign_id)


def mark_registration_dirty(reg_id: int, since: date | None = None) -> None:
    row = (
        Registration.objects.filter(pk=reg_id)
        .values_list("campaign_id", "block_id", "campaign__status")
        .first()
    )
    if row is None or row[2] in CLOSED:
        return
    # The registration may have moved block: its old block's snapshots list it.
    old_blocks = RankingEntry.objects.filter(registration_id=reg_id).values_list(
        "snapshot__block_id", flat=True
    )
    mark_dirty(row[0], {row[1], *old_blocks}, since)


def freeze(campaign) -> None:
    """At closing: bring every kept date up to date and freeze the snapshots."""
    refresh_dirty(campaign)
    kept = kept_dates(campaign)
    have = defaultdict(set)
    for block_id, as_at in RankingSnapshot.objects.filter(campaign=campaign).values_list(
        "block_id", "as_at"
    ):
        have[as_at].add(block_id)
    blocks = set(_ranked_block_ids(campaign)) | {b for s in have.values() for b in s}
    for d in kept:
        missing = blocks - have[d]
        if missing:
            refresh(campaign, missing, [d])
    RankingSnapshot.objects.filter(campaign=campaign).update(frozen_at=timezone.now(), dirty=False)


def unfreeze(campaign) -> None:
    """On reopening: the snapshots become live again and are refreshed after commit."""
    RankingSnapshot.objects.filter(campaign=campaign).update(frozen_at=None, dirty=True)
    from .tasks import schedule_refresh

    schedule_refresh(campaign.pk)


def campaign_moved(campaign, action: str) -> None:
    """Registered with `campaigns.services.on_status_change`: closing records (freezes) the
    ranking, reopening makes it live again."""
    if action == "closed":
        freeze(campaign)
    elif action == "reopened":
        unfreeze(campaign)


# ---- reading -------------------------------------------------------------------------------


def _ranked_block_ids(campaign, blocks=None) -> list[int]:
    qs = Registration.objects.filter(
        campaign=campaign, block__isnull=False, status__in=RANKED_STATUSES
    )
    if blocks is not None:
        qs = qs.filter(block__in=blocks)
    return list(qs.order_by().values_list("block_id", flat=True).distinct())


def _ids(blocks) -> list[int] | None:
    if blocks is None:
        return None
    return [b if isinstance(b, int) else b.pk for b in blocks]


def _valid(snap: dict, current: date) -> bool:
    if snap["frozen_at"] is not None:
        return True
    if snap["dirty"]:
        return False
    return not (snap["is_current"] and snap["as_at"] > current)


def _load(campaign, dates: list[date], blocks=None, today: date | None = None, ranked=None):
    """{date: (snapshots by block, entries)} for kept `dates`, refreshing what is missing.
    `ranked`: the ids of the blocks (of `blocks`) that have ranked registrations, when the
    caller already knows them (else one query finds them)."""
    kept = kept_dates(campaign, today)
    current = kept[-1]
    block_ids = _ids(blocks)

    def snapshots():
        q = Q(as_at__in=[d for d in dates if d != current])
        if current in dates:
            q |= Q(is_current=True)
        qs = RankingSnapshot.objects.filter(q, campaign=campaign)
        if block_ids is not None:
            qs = qs.filter(block_id__in=block_ids)
        out: dict[date, dict[int, dict]] = defaultdict(dict)
        for s in qs.values(
            "pk", "block_id", "as_at", "is_current", "dirty", "frozen_at", "computed_at"
        ):
            if s["as_at"] in dates:
                out[s["as_at"]][s["block_id"]] = s
            if s["is_current"] and current in dates:
                out[current][s["block_id"]] = s
        return out

    found = snapshots()
    needed = set(_ranked_block_ids(campaign, block_ids) if ranked is None else ranked)
    refreshed = False
    for d in dates:
        have = found.get(d, {})
        missing = (needed | set(have)) - {b for b, s in have.items() if _valid(s, current)}
        if missing:
            refresh(campaign, missing, [d], today)
            refreshed = True
    if refreshed:
        found = snapshots()
    return found


def _rows(snapshot_ids) -> dict[int, list[RankRow]]:
    """Entries of the given snapshots as RankRows, by snapshot id."""
    out: dict[int, list[RankRow]] = defaultdict(list)
    qs = RankingEntry.objects.filter(snapshot_id__in=snapshot_ids).values_list(
        "snapshot_id",
        "snapshot__block_id",
        "snapshot__block__name",
        "unit_id",
        "unit__name",
        "unit__kind",
        "registration_id",
        "rate",
        "score",
        "rank",
    )
    for sid, block_id, block_name, unit_id, unit_name, kind, reg_id, rate, score, rank in qs:
        out[sid].append(
            _stored_row(block_id, block_name, unit_id, unit_name, kind, reg_id, rate, score, rank)
        )
    return out


def _stored_row(block_id, block_name, unit_id, unit_name, kind, reg_id, rate, score, rank):
    """A stored entry as the RankRow a full ranking would have computed."""
    return RankRow(
        block_id, block_name, unit_id, unit_name, kind or "", reg_id, _dec(rate), _dec(score), rank
    )


def _named_rows(found_snaps, block_names: dict[int, str], units: dict) -> dict[int, list]:
    """Entries of the given snapshots as RankRows, by snapshot id, read without joins: the
    snapshot's block is known, block names come from `block_names` and unit (name, kind)
    from `units`; a unit not there is read by primary key."""
    block_of = {s["pk"]: s["block_id"] for s in found_snaps}
    entries = list(
        RankingEntry.objects.filter(snapshot_id__in=list(block_of)).values_list(
            "snapshot_id", "unit_id", "registration_id", "rate", "score", "rank"
        )
    )
    missing = {e[1] for e in entries} - set(units)
    if missing:
        from thidua.org.models import Unit

        units = {**units}
        for pk, name, kind in Unit.objects.filter(pk__in=missing).values_list("pk", "name", "kind"):
            units[pk] = (name, kind)
    out: dict[int, list[RankRow]] = defaultdict(list)
    for sid, unit_id, reg_id, rate, score, rank in entries:
        block_id = block_of[sid]
        name, kind = units[unit_id]
        out[sid].append(
            _stored_row(
                block_id, block_names[block_id], unit_id, name, kind, reg_id, rate, score, rank
            )
        )
    return out


def _ranking(d: date, snaps: dict[int, dict], by_sid) -> Ranking:
    rows = [r for s in snaps.values() for r in by_sid.get(s["pk"], [])]
    rows.sort(key=lambda r: (r.block_name, r.block_id, r.rank, r.unit_name))
    times = [s["computed_at"] for s in snaps.values()]
    frozen = [s["frozen_at"] for s in snaps.values() if s["frozen_at"]]
    return Ranking(
        as_at=d,
        rows=rows,
        computed_at=min(times) if times else None,
        frozen_at=min(frozen) if frozen else None,
    )


def _series(found, by_sid, dates: list[date]) -> dict:
    series: dict = {"labels": [d.strftime("%d/%m/%Y") for d in dates], "blocks": {}}
    for i, d in enumerate(dates):
        rows = [r for s in found.get(d, {}).values() for r in by_sid.get(s["pk"], [])]
        rows.sort(key=lambda r: (r.block_name, r.block_id, r.rank, r.unit_name))
        for r in rows:
            blk = series["blocks"].setdefault(
                r.block_id, {"name": r.block_name, "units": {}, "avg": [None] * len(dates)}
            )
            unit = blk["units"].setdefault(
                r.unit_id, {"name": r.unit_name, "rates": [None] * len(dates)}
            )
            unit["rates"][i] = float(r.rate)
    for blk in series["blocks"].values():
        for i in range(len(dates)):
            vals = [u["rates"][i] for u in blk["units"].values() if u["rates"][i] is not None]
            blk["avg"][i] = round(sum(vals) / len(vals), 4) if vals else None
    return series


def read(campaign, as_at: date | None = None, blocks=None, today: date | None = None) -> Ranking:
    """The stored ranking of the campaign (or of `blocks`) as at the kept date for `as_at`;
    `computed_at` says when it was computed (the oldest block's time), `frozen_at` when it
    was recorded at closing."""
    d = snap_date(campaign, as_at, today)
    found = _load(campaign, [d], blocks, today).get(d, {})
    return _ranking(d, found, _rows([s["pk"] for s in found.values()]))


def read_series(campaign, blocks, dates: list[date], today: date | None = None) -> dict:
    """Per block and unit, the stored rate at each of `dates` (kept dates), for the chart."""
    dates = sorted({snap_date(campaign, d, today) for d in dates})
    found = _load(campaign, dates, blocks, today)
    by_sid = _rows([s["pk"] for by_block in found.values() for s in by_block.values()])
    return _series(found, by_sid, dates)


def read_page(
    campaign, as_at: date, blocks, dates: list[date], today: date | None = None, *, ranked, units
) -> tuple[Ranking, dict]:
    """`read` as at `as_at` and `read_series` over `dates` for a page of `blocks` (Block
    objects) in one read of the stored rankings: the snapshots of every date at once, then
    their entries by snapshot id (no joins; unit names from `units`, {unit id: (name,
    kind)}, which the page has already read). `ranked`: the page's blocks with ranked
    registrations."""
    d = snap_date(campaign, as_at, today)
    dates = sorted({snap_date(campaign, x, today) for x in dates})
    found = _load(campaign, sorted({*dates, d}), blocks, today, ranked=ranked)
    snaps = [s for by_block in found.values() for s in by_block.values()]
    by_sid = _named_rows(snaps, {b.pk: b.name for b in blocks}, units)
    return _ranking(d, found.get(d, {}), by_sid), _series(found, by_sid, dates)


def since_of(done_at) -> date | None:
    return local_date(done_at) if done_at else None


# ---- what marks them dirty -------------------------------------------------------------------


def _registration_changed(sender, instance, **kwargs):
    from thidua.campaigns.models import Campaign

    status = (
        Campaign.objects.filter(pk=instance.campaign_id).values_list("status", flat=True).first()
    )
    if status is None or status in CLOSED:
        return
    old_blocks = RankingEntry.objects.filter(registration_id=instance.pk).values_list(
        "snapshot__block_id", flat=True
    )
    mark_dirty(instance.campaign_id, {instance.block_id, *old_blocks})


def _part_changed(since_of_instance):
    def handler(sender, instance, **kwargs):
        reg_id = getattr(instance, "registration_id", None)
        if reg_id is None:
            from .models import Indicator

            reg_id = (
                Indicator.objects.filter(pk=instance.indicator_id)
                .values_list("registration_id", flat=True)
                .first()
            )
        if reg_id is not None:
            mark_registration_dirty(reg_id, since_of_instance(instance, kwargs))

    return handler


def connect() -> None:
    """Called from `RegistrationsConfig.ready()`: every write of the ranked data marks the
    stored rankings it touches (ORM writes; bulk inserts call `mark_dirty` themselves)."""
    from django.db.models.signals import post_delete, post_save

    from .models import Event, Indicator, ProgressReport, WorkItem

    def report_since(inst, kw):
        return inst.report_date if kw.get("created") else None

    def done_since(inst, kw):
        # An item un-done or deleted changes every date on or after its old completion.
        return since_of(inst.done_at) if kw.get("created") is not None and inst.done_at else None

    hooks = [
        (Registration, _registration_changed),
        (Indicator, _part_changed(lambda i, kw: None)),
        (ProgressReport, _part_changed(report_since)),
        (WorkItem, _part_changed(done_since)),
        (Event, _part_changed(done_since)),
    ]
    for model, handler in hooks:
        for signal in (post_save, post_delete):
            signal.connect(
                handler, sender=model, weak=False, dispatch_uid=f"ranking.{model.__name__}.{signal}"
            )
