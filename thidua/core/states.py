"""One transition table per stateful object, one `transition()` that every change goes through.

Each app declares its table in its own `states` module::

    DOSSIER = StateTable(
        audit_prefix="dossiers.dossier",
        labels=DossierStatus,            # a TextChoices: value → Vietnamese label
        noun="hồ sơ",
        moves=[
            Move("submit", {DRAFT, RETURNED}, SUBMITTED, "Gửi", who="cán bộ đơn vị đề nghị"),
            ...
        ],
        stamp_field="status_changed_at",
    )

and its services call ``DOSSIER.apply(dossier, "submit", actor, reason=…)`` inside their
transaction, after the domain guards (deadline, quota, …). `apply` refuses a move the table
does not list with a Vietnamese message and never writes the status any other way; the
table is what `tests/test_state_tables.py` walks (every listed move works, every other
source state is refused).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import audit


class TransitionError(ValidationError):
    """A move the state table does not allow from the object's current state."""


@dataclass(frozen=True)
class Move:
    """`action` takes an object from any of `sources` to `target`.

    `label` is the verb shown to users ("Gửi", "Trả lại"); `who` says in Vietnamese who may
    make the move (the check itself is the service's permission rule, listed here so the
    table documents it); `may` is an optional predicate ``(actor, obj) -> bool`` the
    table enforces itself.
    """

    action: str
    sources: frozenset[str]
    target: str
    label: str
    who: str = ""
    may: Callable | None = field(default=None, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))


class StateTable:
    """The allowed moves of one model's state field."""

    def __init__(
        self,
        *,
        audit_prefix: str,
        labels,
        noun: str,
        moves: Iterable[Move],
        field_name: str = "status",
        stamp_field: str | None = None,
        extra_update_fields: Iterable[str] = (),
    ):
        self.audit_prefix = audit_prefix
        self.labels = labels
        self.noun = noun
        self.moves = list(moves)
        self.field_name = field_name
        self.stamp_field = stamp_field
        self.extra_update_fields = tuple(extra_update_fields)
        self._by_action: dict[str, Move] = {}
        states = {value for value, _ in labels.choices}
        for move in self.moves:
            if move.action in self._by_action:
                raise ValueError(f"{audit_prefix}: hai nước đi cùng tên {move.action!r}")
            unknown = (move.sources | {move.target}) - states
            if unknown:
                raise ValueError(f"{audit_prefix}.{move.action}: trạng thái lạ {sorted(unknown)}")
            self._by_action[move.action] = move
        audit.register_states(
            audit_prefix, labels, {m.action: m.label for m in self.moves}, noun=noun
        )

    # ---- reading the table --------------------------------------------------------------

    @property
    def states(self) -> list[str]:
        return [value for value, _ in self.labels.choices]

    def label_of(self, state: str) -> str:
        return dict(self.labels.choices).get(state, state)

    def move(self, action: str) -> Move:
        try:
            return self._by_action[action]
        except KeyError:
            raise ValueError(f"{self.audit_prefix}: không có nước đi {action!r}") from None

    def actions_from(self, state: str) -> list[Move]:
        return [move for move in self.moves if state in move.sources]

    def can(self, obj, action: str, actor=None) -> bool:
        move = self.move(action)
        if getattr(obj, self.field_name) not in move.sources:
            return False
        return move.may is None or actor is None or bool(move.may(actor, obj))

    # ---- changing state -----------------------------------------------------------------

    def check(self, obj, action: str, actor=None) -> Move:
        """The move, or TransitionError with a Vietnamese message."""
        move = self.move(action)
        current = getattr(obj, self.field_name)
        if current not in move.sources:
            raise TransitionError(
                f"Không thể «{move.label}» {self.noun} đang ở trạng thái "
                f"«{self.label_of(current)}»."
            )
        if move.may is not None and actor is not None and not move.may(actor, obj):
            raise TransitionError(
                f"Bạn không có quyền «{move.label}» {self.noun} này"
                + (f" (chỉ {move.who})." if move.who else ".")
            )
        return move

    def apply(
        self,
        obj,
        action: str,
        actor=None,
        *,
        reason: str = "",
        data: dict | None = None,
        unit=None,
        update_fields: Iterable[str] = (),
    ):
        """Check the move, set the state, save, audit. Call inside the service's
        transaction, after its domain guards; `update_fields` names other fields the
        service changed on `obj` for this move."""
        move = self.check(obj, action, actor)
        before = getattr(obj, self.field_name)
        setattr(obj, self.field_name, move.target)
        fields = [self.field_name, *self.extra_update_fields, *update_fields]
        if self.stamp_field:
            setattr(obj, self.stamp_field, timezone.now())
            fields.append(self.stamp_field)
        model_fields = {f.name for f in obj._meta.concrete_fields}
        if "updated_at" in model_fields:
            fields.append("updated_at")
        obj.save(update_fields=list(dict.fromkeys(fields)))
        audit.record(
            obj,
            f"{self.audit_prefix}.{action}",
            actor,
            unit=unit,
            from_state=before,
            to_state=move.target,
            reason=reason,
            data=data or {},
        )
        return obj


def transition(table: StateTable, obj, action: str, actor=None, **kwargs):
    """The one way a status changes: ``transition(DOSSIER, dossier, "submit", actor)``."""
    return table.apply(obj, action, actor, **kwargs)
