"""Who may do what with a dossier, on top of what they may see.

What a user sees is `Dossier.objects.for_user(user)` (the scope rules, drafts included,
live on `models.DossierQuerySet`); outside it a dossier does not exist (404). Here: the
proposing unit's officer/head edits and submits; the standing body of the dossier's
authority appraises.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from thidua.core import compiledread
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.models import Unit

from . import checks
from .models import PROPOSER_ROLES, Dossier, role_unit_ids


def _unit_ids(user, roles) -> set[int]:
    return role_unit_ids(scope_for(user), roles)


def own_unit_ids(user) -> set[int]:
    """The ids of `own_units`, from the scope (no query)."""
    return _unit_ids(user, PROPOSER_ROLES)


def own_units(user):
    """Units where the user works as officer/head (their dossiers' proposers)."""
    return Unit.objects.filter(pk__in=_unit_ids(user, PROPOSER_ROLES)).order_by("name")


PAGE_RELATED = ("campaign", "proposer", "authority")
# Columns of `get_dossier` that are the same SQL and values for every dossier and user
# (subqueries of the dossier's own campaign and form): compiled once per process.
CONSTANT_COLUMNS = ("required_documents", *checks.submission_columns())


def get_dossier(
    user,
    pk: int,
    *,
    required_documents: bool = False,
    lock: bool = False,
    related: tuple[str, ...] = PAGE_RELATED,
    columns: dict | None = None,
) -> Dossier:
    """The dossier `pk` if the user sees it, else 404. `required_documents`: with the
    campaign's required documents for its form read in the same query
    (`dossier.required_documents`, see `checks.required_documents`). `lock`: its row
    locked (`FOR UPDATE`) for the rest of the caller's transaction. `related`: the
    relations read with it (a POST that only needs the proposer reads only the proposer).
    `columns`: other annotations read with it (e.g. `checks.submission_columns()`)."""
    qs = Dossier.objects.for_user(user).select_related(*related)
    if lock:
        qs = qs.select_for_update(of=("self",))
    if required_documents:
        qs = qs.annotate(required_documents=checks.required_documents())
    if columns:
        qs = qs.annotate(**columns)
    try:
        # As `qs.get(pk=pk)`, without compiling the columns of the relations anew.
        return compiledread.get(qs.filter(pk=pk), constant=CONSTANT_COLUMNS)
    except Dossier.DoesNotExist as exc:
        raise Http404("Không tìm thấy hồ sơ hoặc bạn không có quyền xem.") from exc


def is_proposer_staff(user, dossier: Dossier) -> bool:
    scope = scope_for(user)
    if scope.is_global:
        return True
    # A unit's path is the ids of its ancestors and itself: the proposer is inside one of
    # the user's units when one of those ids is on its path (no query).
    on_path = {int(part) for part in dossier.proposer.path.split(".") if part}
    if on_path & _unit_ids(user, PROPOSER_ROLES):
        return True
    return dossier.proposer_id in _unit_ids(user, (Role.STANDING_BODY,))


def is_appraiser(user, dossier: Dossier) -> bool:
    scope = scope_for(user)
    return scope.is_global or dossier.authority_id in _unit_ids(user, (Role.STANDING_BODY,))


def require_proposer(user, dossier: Dossier) -> None:
    if not is_proposer_staff(user, dossier):
        raise PermissionDenied("Chỉ cán bộ của đơn vị đề nghị mới thực hiện được.")


def require_appraiser(user, dossier: Dossier) -> None:
    if not is_appraiser(user, dossier):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp xét duyệt mới thực hiện được.")


def standing_units(user):
    scope = scope_for(user)
    if scope.is_global:
        return Unit.objects.filter(is_authority=True)
    return Unit.objects.filter(pk__in=_unit_ids(user, (Role.STANDING_BODY,)))


def appraisal_queue(user):
    """The dossiers waiting for the user's appraisal: what the queue page lists and what the
    home page counts (one query for both)."""
    from .enums import QUEUE_STATUSES

    return Dossier.objects.for_user(user, "appraise").filter(status__in=QUEUE_STATUSES)
