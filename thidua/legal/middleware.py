"""Read each legal table at most once per request (`thidua.legal.read.cached`)."""

from .read import cached


class LegalTablesPerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with cached():
            return self.get_response(request)
