"""Error answers of the API: Vietnamese messages for schema validation, and the OpenAPI
declaration of the error statuses every operation can answer with."""

from copy import deepcopy

ERROR_STATUSES = {
    400: "Yêu cầu không hợp lệ (ký tự NUL, multipart hỏng…).",
    401: "Chưa xác thực.",
    403: "Không có quyền.",
    404: "Không tìm thấy hoặc không có quyền xem.",
    422: "Dữ liệu không hợp lệ.",
}

# pydantic error type -> Vietnamese message; {name} is filled from the error's ctx.
_MESSAGES = {
    "missing": "Thiếu giá trị bắt buộc.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "decimal_type": "Phải là số.",
    "finite_number": "Phải là số hữu hạn.",
    "decimal_max_digits": "Không được quá {max_digits} chữ số.",
    "decimal_max_places": "Không được quá {decimal_places} chữ số sau dấu phẩy.",
    "decimal_whole_digits": "Phần nguyên không được quá {whole_digits} chữ số.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Phải có ít nhất {min_length} ký tự.",
    "string_too_long": "Không được quá {max_length} ký tự.",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_type": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "enum": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "literal_error": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "json_invalid": "JSON không hợp lệ.",
    "too_long": "Danh sách quá dài.",
}


def _message(error: dict) -> str:
    if error.get("type") == "value_error":
        # Our own validators raise ValueError with a Vietnamese message.
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _MESSAGES.get(error.get("type", ""))
    if template is None:
        return "Giá trị không hợp lệ."
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return template.split(";")[0].split("{")[0].strip() or "Giá trị không hợp lệ."


def field_errors(errors: list[dict]) -> list[dict]:
    return [
        {
            "loc": [part if isinstance(part, int) else str(part) for part in e.get("loc", ())],
            "msg": _message(e),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


def input_error_message(errors: list[dict]) -> str:
    parts = [
        f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0] if e['loc'] else ''}: {e['msg']}"
        for e in errors[:5]
    ]
    return "Dữ liệu không hợp lệ — " + "; ".join(parts)


def with_error_responses(schema: dict, error_schema) -> dict:
    """Declare ERROR_STATUSES with `error_schema` on every operation; where an operation
    already declares one of them, its body may be either shape."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    ref_template = "#/components/schemas/{model}"
    json_schema = deepcopy(error_schema.model_json_schema(ref_template=ref_template))
    components.update(json_schema.pop("$defs", {}))
    components[error_schema.__name__] = json_schema
    error_ref = {"$ref": ref_template.format(model=error_schema.__name__)}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                declared = responses.get(str(status)) or responses.get(status)
                if declared is None:
                    responses[str(status)] = {
                        "description": description,
                        "content": {"application/json": {"schema": error_ref}},
                    }
                    continue
                content = declared.setdefault("content", {}).setdefault("application/json", {})
                own = content.get("schema")
                content["schema"] = {"anyOf": [own, error_ref]} if own else error_ref
    return schema


# ---- answers Django or ninja give in English, in Vietnamese ---------------------------------

# English details ninja (or Django) writes itself → Vietnamese.
_ENGLISH_DETAILS = {
    "unauthorized": "Cần đăng nhập hoặc Bearer token hợp lệ.",
    "forbidden": "Không có quyền.",
    "csrf check failed": "Thiếu hoặc sai mã CSRF: gửi kèm cookie csrftoken và tiêu đề X-CSRFToken.",
    "method not allowed": "Phương thức HTTP này không được hỗ trợ tại địa chỉ này.",
    "not found": "Không tìm thấy hoặc không có quyền xem.",
    "not found: not found": "Không tìm thấy hoặc không có quyền xem.",
    "internal server error": "Lỗi hệ thống. Xin thử lại sau.",
    "cannot parse request body": "Không đọc được nội dung yêu cầu (JSON không hợp lệ?).",
}

STATUS_DETAILS = {
    **ERROR_STATUSES,
    401: "Cần đăng nhập hoặc Bearer token hợp lệ.",
    404: "Không tìm thấy địa chỉ API này, hoặc không có quyền xem.",
    405: "Phương thức HTTP này không được hỗ trợ tại địa chỉ này.",
    500: "Lỗi hệ thống. Xin thử lại sau.",
}


def vietnamese_detail(message: str, status: int) -> str:
    """Ninja's own English `detail` (HttpError) in Vietnamese; Vietnamese text as it is."""
    text = (message or "").strip()
    known = _ENGLISH_DETAILS.get(text.lower().rstrip("."))
    if known:
        return known
    if not text or text.isascii() and status in STATUS_DETAILS:
        return STATUS_DETAILS.get(status, text)
    return text


class ApiErrorMiddleware:
    """Under /api/ every error answer is JSON with a Vietnamese `detail`: ninja's bare
    405 'Method not allowed', Django's HTML 404 for an unknown path, an English detail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if request.path.startswith("/api/docs"):
            return response
        import json

        from django.http import JsonResponse

        status = response.status_code
        content_type = response.get("Content-Type", "")
        if "json" in content_type and not getattr(response, "streaming", False):
            try:
                body = json.loads(response.content or b"{}")
            except ValueError:
                body = None
            if isinstance(body, dict) and isinstance(body.get("detail"), str):
                detail = vietnamese_detail(body["detail"], status)
                if detail == body["detail"]:
                    return response
                body["detail"] = detail
                new = JsonResponse(body, status=status)
            else:
                return response
        else:
            new = JsonResponse({"detail": STATUS_DETAILS.get(status, "Lỗi.")}, status=status)
        if response.has_header("Allow"):
            new["Allow"] = response["Allow"]
        if response.has_header("WWW-Authenticate"):
            new["WWW-Authenticate"] = response["WWW-Authenticate"]
        return new
