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
