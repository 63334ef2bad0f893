"""`thidua replica start|stop|status`: a local streaming replica of the primary (port 5433)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.ops import replica


class Command(BaseCommand):
    help = "Bản sao PostgreSQL (streaming replica) cục bộ: start | stop | status"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument("--port", type=int, default=5433)
        parser.add_argument("--primary-host", default="127.0.0.1")
        parser.add_argument("--primary-port", type=int, default=5432)
        parser.add_argument("--user", default="postgres")
        parser.add_argument(
            "--dir", default=str(Path(settings.VAR_DIR) / "replica"), help="thư mục dữ liệu"
        )
        parser.add_argument("--keep", action="store_true", help="stop: giữ thư mục dữ liệu")

    def handle(self, action, **o):
        cfg = replica.ReplicaConfig(
            primary_host=o["primary_host"],
            primary_port=o["primary_port"],
            user=o["user"],
            port=o["port"],
            data_dir=Path(o["dir"]),
        )
        try:
            if action == "start":
                replica.start(cfg, log=self.stdout.write)
            elif action == "stop":
                replica.stop(cfg, log=self.stdout.write, remove=not o["keep"])
            else:
                self.stdout.write(json.dumps(replica.status(cfg), default=str, indent=2))
        except replica.ReplicaError as exc:
            raise CommandError(str(exc)) from exc
