"""Request size cap, security headers (strict CSP: no inline script or style), current unit."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)


class RequestSizeLimitMiddleware:
    """First in MIDDLEWARE: refuse a body larger than THIDUA_MAX_REQUEST_BYTES from its
    Content-Length, before anything (CSRF, sessions, upload handlers) reads or spools it.
    A body without Content-Length (chunked) is refused too: under WSGI Django would read it
    as empty, so the client must say how long it is (nginx sends Content-Length anyway)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.THIDUA_MAX_REQUEST_BYTES
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                return _plain("Độ dài nội dung (Content-Length) không hợp lệ.", 400)
            if length > limit:
                return _plain(
                    f"Yêu cầu quá lớn: tối đa {limit // (1024 * 1024)} MB "
                    f"(nhận {length // (1024 * 1024)} MB).",
                    413,
                )
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return _plain("Yêu cầu phải có Content-Length (không nhận dữ liệu chunked).", 411)
        return self.get_response(request)


def _plain(message: str, status: int) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Connection"] = "close"
    return response


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


class RejectNulMiddleware:
    """A NUL byte in the path, the query string or a urlencoded form is a 400 with a
    Vietnamese message, before any view (PostgreSQL refuses NUL in text: it was a 500).
    A multipart body without a boundary is a 400 too (Django raises MultiPartParserError
    from the first access to request.POST, inside the CSRF middleware)."""

    MESSAGE = "Yêu cầu chứa ký tự NUL không hợp lệ."
    MULTIPART_MESSAGE = "Dữ liệu gửi lên không hợp lệ (multipart thiếu boundary)."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or b"\x00" in unquote_to_bytes(
            request.META.get("QUERY_STRING", "")
        ):
            return self._bad_request(request, self.MESSAGE)
        if request.method == "POST":
            try:
                values = [part for key, vs in request.POST.lists() for part in (key, *vs)]
            except MultiPartParserError:
                return self._bad_request(request, self.MULTIPART_MESSAGE)
            if any("\x00" in value for value in values):
                return self._bad_request(request, self.MESSAGE)
        return self.get_response(request)

    @staticmethod
    def _bad_request(request, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": message}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class PublicPageCacheMiddleware:
    """Pages that are the same for every anonymous visitor (portal, public campaigns,
    registry search results) are kept whole in the shared cache for
    `PUBLIC_PAGE_CACHE_SECONDS` (default 60 s) when `REDIS_URL` is set.

    Only GET requests without a session or messages cookie (a logged-in officer always gets
    a fresh page), only views named in `settings.PUBLIC_CACHE_VIEWS`, only 200 responses
    that set no cookie and used no CSRF token: a token rendered into a cached page would be
    handed to every later visitor (base.html gives the htmx token to signed-in users only,
    and a page with a form that posts is never stored). A public page is at most that many seconds behind the database, as
    a replica would be.
    """

    PREFIX = "thidua:page:"

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "PUBLIC_CACHE_VIEWS", ()))
        self.seconds = int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 60))
        self.enabled = bool(getattr(settings, "PUBLIC_PAGE_CACHE", False)) and self.seconds > 0

    def _key(self, request) -> str | None:
        if (
            not self.enabled
            or request.method != "GET"
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return None
        query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
        return f"{self.PREFIX}{request.path}?{query}"

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in self.views:
            return None
        key = self._key(request)
        if key is None:
            return None
        from django.core.cache import cache

        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Thidua-Cache"] = "hit"
            return response
        response = view_func(request, *view_args, **view_kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(response, "streaming", False)
            and "csrfmiddlewaretoken" not in response.content.decode("utf-8", "replace")
        ):
            cache.set(key, (response.content, response["Content-Type"]), self.seconds)
        return response


class MethodNotAllowedPageMiddleware:
    """A page answered 405 (``require_POST`` and the like give an empty body) gets the
    Vietnamese 405 page; the API's JSON answers are left to `ApiErrorMiddleware`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not getattr(response, "streaming", False)
            and not response.content
            and not request.path.startswith("/api/")
        ):
            from django.template.loader import render_to_string

            response.content = render_to_string("405.html", request=request).encode()
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
