"""Who may see and do what with a dossier, on top of the unit-tree scope.

- Outside the user's scope a dossier does not exist (404).
- Drafts belong to the proposing unit: the authority's staff do not see other units'
  drafts ("nobody sees or changes another unit's drafts").
- The proposing unit's officer/head edits and submits; the standing body of the
  dossier's authority appraises.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.models import Unit

from .enums import DossierStatus
from .models import Dossier

PROPOSER_ROLES = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


def _unit_ids(user, roles) -> set[int]:
    scope = scope_for(user)
    return set().union(*(scope.roles.get(r, set()) for r in roles)) if scope.roles else set()


def own_units(user):
    """Units where the user works as officer/head (their dossiers' proposers)."""
    return Unit.objects.filter(pk__in=_unit_ids(user, PROPOSER_ROLES)).order_by("name")


def visible(user):
    scope = scope_for(user)
    qs = Dossier.objects.for_user(user, "view")
    if scope.is_global:
        return qs
    standing = _unit_ids(user, (Role.STANDING_BODY,))
    # the standing body sees its own authority's drafts (upward bundles), not wards' drafts
    not_draft = ~Q(status=DossierStatus.DRAFT)
    own_draft = Q(status=DossierStatus.DRAFT) & (
        Q(proposer_id__in=standing) | _paths_q(own_units(user))
    )
    return qs.filter(not_draft | own_draft)


def _paths_q(units) -> Q:
    q = Q(pk__in=[])
    for u in units:
        q |= Q(proposer__path__startswith=u.path)
    return q


def get_dossier(user, pk: int) -> Dossier:
    try:
        return visible(user).select_related("campaign", "proposer", "authority").get(pk=pk)
    except Dossier.DoesNotExist as exc:
        raise Http404("Không tìm thấy hồ sơ hoặc bạn không có quyền xem.") from exc


def is_proposer_staff(user, dossier: Dossier) -> bool:
    scope = scope_for(user)
    if scope.is_global:
        return True
    if any(dossier.proposer.path.startswith(u.path) for u in own_units(user)):
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
