"""The JSON API (OpenAPI docs at /api/docs). Every router uses the same permission layer
as the pages: `Model.objects.for_user(request.auth, action)`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as InputError

from thidua.awards.api import router as awards_router
from thidua.campaigns.api import router as campaigns_router
from thidua.core.schema import ErrorOut
from thidua.council.api import router as council_router
from thidua.dossiers.api import router as dossiers_router
from thidua.org.api import router as org_router
from thidua.registrations.api import router as registrations_router
from thidua.registry.api import router as registry_router
from thidua.reports.api import router as reports_router

from .auth import AUTH
from .errors import field_errors, input_error_message, with_error_responses


class ThiduaAPI(NinjaAPI):
    """Documents the error answers every operation can give (400, 401, 403, 404, 422) with the
    body they really have (ErrorOut), so the schema matches the responses."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return with_error_responses(schema, ErrorOut)


api = ThiduaAPI(
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


@api.exception_handler(InputError)
def _invalid_input(request, exc):
    """Ninja's schema validation: one Vietnamese sentence plus the offending fields."""
    errors = field_errors(exc.errors)
    return api.create_response(
        request, {"detail": input_error_message(errors), "errors": errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Cần đăng nhập hoặc Bearer token hợp lệ."}, status=401
    )


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request, exc):
    return api.create_response(
        request, {"detail": "Dữ liệu multipart không hợp lệ (thiếu boundary?)."}, status=400
    )
