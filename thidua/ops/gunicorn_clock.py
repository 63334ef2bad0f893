"""The access log of `thidua bench load --access-log`: `%(t)s` is the epoch time (when the
response was written), so the bench puts each HTTP request in its stage."""

import time

from gunicorn.glogging import Logger


class EpochLogger(Logger):
    def now(self):
        return f"{time.time():.3f}"
