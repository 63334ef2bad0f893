"""`thidua` (also `python -m thidua`): admin tasks as Django management commands.

thidua demo                       load the demo organisation, campaigns and users
thidua synth --units N --persons M
thidua import-plan FILE [--json]  extract a campaign plan
thidua importer-accuracy          field accuracy of the importer on the five seeds
thidua bench NAME                 ranking | certificates | registry
thidua backup FILE / restore FILE
thidua serve [ADDR:PORT]          development server
thidua db_worker                  background worker (first queues stalled certificate batches)
thidua resume-stalled-batches     queue again the certificate batches whose worker died
thidua <any manage.py command>    migrate, createsuperuser, check, …
"""

import os
import sys

ALIASES = {"serve": "runserver"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        if not argv:
            return
    command = argv[0] if argv else "help"
    command = ALIASES.get(command, command.replace("-", "_"))
    from django.core.management import execute_from_command_line

    if command == "db_worker" and not {"-h", "--help"} & set(argv):
        # A worker killed mid-batch left it "đang tạo"; the new worker picks it up again.
        execute_from_command_line(["thidua", "resume_stalled_batches"])
    execute_from_command_line(["thidua", command, *argv[1:]])


if __name__ == "__main__":
    main()
