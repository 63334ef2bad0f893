"""The nominee identity key: who is proposed, as one string, the same in every layer.

A person, a household or a unit of the organisation tree is identified by its id
(`person:12`, `household:3`, `unit:7`); anyone else by their folded-case name
(`name:nguyễn văn a`). Quota rules count a key once (`campaigns.quotas.Line.nominee_key`),
prior ratings and block leaders are looked up by it (registrations), dossiers build it
for each nominee and the registry finds earlier awards by it."""

from __future__ import annotations

KINDS = ("person", "household", "unit", "name")


def nominee_key(
    person_id: int | None = None,
    household_id: int | None = None,
    unit_id: int | None = None,
    name: str = "",
) -> str:
    """The key of a nominee: the person first, then the household, the unit, the name."""
    if person_id:
        return f"person:{person_id}"
    if household_id:
        return f"household:{household_id}"
    if unit_id:
        return f"unit:{unit_id}"
    return f"name:{name.lower()}"


def parse_nominee_key(key: str) -> tuple[str, str]:
    """(kind, value) of a key: `("unit", "7")`, `("name", "nguyễn văn a")`."""
    kind, _, value = key.partition(":")
    return kind, value


def ids_of_kind(keys, kind: str) -> list[int]:
    """The ids in the keys of one kind (`person`, `household` or `unit`)."""
    ids = []
    for key in keys:
        key_kind, value = parse_nominee_key(key)
        if key_kind == kind and value.isdigit():
            ids.append(int(value))
    return ids
