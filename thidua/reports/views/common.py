"""Helpers shared by the reports views: the authority a user reports for, file responses."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse

from thidua.core.permissions import get_for_user_or_404, scope_for
from thidua.org.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def authority_for(request) -> Unit:
    """?authority=<id> inside the user's scope, else the unit they work as."""
    raw = request.GET.get("authority") or request.POST.get("authority")
    if raw and str(raw).isdigit():
        return get_for_user_or_404(Unit.objects, request.user, pk=int(raw))
    unit = getattr(request, "unit", None)
    if unit is not None:
        return unit
    if scope_for(request.user).is_global:
        root = Unit.objects.filter(parent__isnull=True, is_authority=True).order_by("pk").first()
        if root:
            return root
    raise PermissionDenied("Tài khoản chưa được gán đơn vị.")


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=content_type)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def serve_file(field, content_type: str, name: str):
    """Stored upload: inline only when sniffed as PDF/PNG/JPEG, else attachment."""
    if not field:
        raise Http404("Không có tệp.")
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp.") from exc
    inline = content_type in INLINE_TYPES
    resp = FileResponse(
        handle,
        content_type=content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        filename=name or "tep",
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
