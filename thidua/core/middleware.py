"""Security headers (strict CSP: no inline script or style) and the current unit."""

from django.conf import settings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/api/docs", "/admin/")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if getattr(settings, "PRODUCTION", False):
            response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class CurrentUnitMiddleware:
    """`request.unit`: the unit the user works as (unit switcher), defaulting to the first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = None
        if request.user.is_authenticated:
            from thidua.org.models import Unit

            from .permissions import scope_for

            scope = scope_for(request.user)
            own_ids = sorted({uid for ids in scope.roles.values() for uid in ids})
            chosen = request.session.get("unit_id")
            if chosen not in own_ids:
                chosen = own_ids[0] if own_ids else None
            if chosen:
                request.unit = Unit.objects.filter(pk=chosen).first()
            request.own_unit_ids = own_ids
        return self.get_response(request)
