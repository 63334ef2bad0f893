"""`make run` tells the app the address it serves, so certificates' QR codes point there (#15.13)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_sets_site_url_to_the_address_it_serves():
    dry = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "run", "RUN_ADDR=127.0.0.1:8123"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8123 .venv/bin/thidua serve 127.0.0.1:8123" in dry
