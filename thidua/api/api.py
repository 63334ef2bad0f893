"""The JSON API (OpenAPI docs at /api/docs). Every router uses the same permission layer
as the pages: `Model.objects.for_user(request.auth, action)`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from thidua.awards.api import router as awards_router
from thidua.campaigns.api import router as campaigns_router
from thidua.council.api import router as council_router
from thidua.dossiers.api import router as dossiers_router
from thidua.org.api import router as org_router
from thidua.registrations.api import router as registrations_router
from thidua.registry.api import router as registry_router
from thidua.reports.api import router as reports_router

from .auth import AUTH

api = NinjaAPI(
    title="thidua API",
    version="1.0",
    description="API quản lý thi đua, khen thưởng. Xác thực bằng Bearer token hoặc phiên đăng nhập.",
    auth=AUTH,
)
api.add_router("/", org_router)
api.add_router("/campaigns/", campaigns_router)
api.add_router("/registrations/", registrations_router)
api.add_router("/dossiers/", dossiers_router)
api.add_router("/council/", council_router)
api.add_router("/awards/", awards_router)
api.add_router("/reports/", reports_router)
api.add_router("/registry/", registry_router)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không có quyền."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(
        request, {"detail": "Không tìm thấy hoặc không có quyền xem."}, status=404
    )


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)
