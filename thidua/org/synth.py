"""Deterministic synthetic organisations for performance work (`thidua synth`)."""

import random
from datetime import date

from django.db import transaction

from thidua.core.text import fold, name_sort_key

from .enums import BlockLevel, PersonCategory, UnitKind
from .models import Block, BlockMember, Person, Unit
from .names import person_name

SYNTH_PREFIX = "SYN"


@transaction.atomic
def generate(
    units: int, persons: int, *, year: int = 2025, block_size: int = 20, seed: int = 42
) -> dict:
    """Create one synthetic province with `units` member units in blocks of `block_size`.

    Bulk inserts keep 10,000 units and 100,000 persons to seconds; paths are computed here
    instead of in `Unit.save`. Running it again with the same arguments changes nothing.
    """
    rng = random.Random(seed)  # noqa: S311
    root_code = f"{SYNTH_PREFIX}-{units}-{persons}-{seed}"
    root = Unit.objects.filter(code=root_code).first()
    if root:
        return {"root": root.pk, "units": units, "persons": persons, "created": False}
    root = Unit.objects.create(
        code=root_code, name=f"Tỉnh Tổng hợp {units}", kind=UnitKind.PROVINCE, is_authority=True
    )
    kinds = [
        UnitKind.COMMUNE,
        UnitKind.WARD,
        UnitKind.DEPARTMENT,
        UnitKind.SCHOOL,
        UnitKind.ENTERPRISE,
    ]
    objs = [
        Unit(
            code=f"{root_code}-U{i:06d}",
            name=f"Đơn vị tổng hợp số {i}",
            kind=kinds[i % len(kinds)],
            parent=root,
            is_authority=kinds[i % len(kinds)] in (UnitKind.COMMUNE, UnitKind.WARD),
            search_text=fold(f"Đơn vị tổng hợp số {i}"),
        )
        for i in range(units)
    ]
    Unit.objects.bulk_create(objs, batch_size=2000)
    created = list(Unit.objects.filter(parent=root).order_by("pk"))
    for u in created:
        u.path, u.depth = f"{root.path}{u.pk:07d}.", 1
    Unit.objects.bulk_update(created, ["path", "depth"], batch_size=2000)
    blocks = []
    for b in range((units + block_size - 1) // block_size):
        blocks.append(
            Block(
                authority=root,
                year=year,
                name=f"Khối tổng hợp {b + 1:04d}",
                level=BlockLevel.COMMUNE,
            )
        )
    Block.objects.bulk_create(blocks, batch_size=2000)
    blocks = list(Block.objects.filter(authority=root, year=year).order_by("name"))
    members = [BlockMember(block=blocks[i // block_size], unit=u) for i, u in enumerate(created)]
    BlockMember.objects.bulk_create(members, batch_size=5000)
    for i, blk in enumerate(blocks):
        blk.head = created[i * block_size]
    Block.objects.bulk_update(blocks, ["head"], batch_size=2000)
    cats = list(PersonCategory.values)
    people = []
    for i in range(persons):
        female = rng.random() < 0.5
        name = person_name(rng, female)
        cat = cats[i % len(cats)]
        people.append(
            Person(
                full_name=name,
                gender="nu" if female else "nam",
                category=cat,
                unit=created[i % len(created)],
                birth_date=date(1960 + i % 45, 1 + i % 12, 1 + i % 28),
                sort_key=name_sort_key(name),
                search_text=fold(name),
                is_direct_worker=Person.default_direct_worker(cat),
            )
        )
    Person.objects.bulk_create(people, batch_size=5000)
    return {
        "root": root.pk,
        "units": units,
        "persons": persons,
        "blocks": len(blocks),
        "created": True,
    }
