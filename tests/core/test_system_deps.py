"""`make test` on a fresh machine: one script installs the missing system packages (for
`make test`, `make run` and `.ci/run`), and a browser test without chromium fails with a
clear message instead of being skipped (#10, item 4)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import conftest as browser_conftest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "install-system-deps"
TEST_PACKAGES = {
    "libreoffice-writer-nogui",
    "libreoffice-calc-nogui",
    "libreoffice-draw-nogui",
    "poppler-utils",
    "chromium",
    "postgresql",
    "fonts-liberation2",
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "qpdf",
    "softhsm2",
    "redis-server",
}
PROGRAMS = [
    "soffice",
    "pdftoppm",
    "qpdf",
    "softhsm2-util",
    "chromium",
    "pg_ctlcluster",
    "redis-server",
]


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def fake_machine(tmp_path):
    """A PATH of stubs: apt-get and sudo log their arguments; `id -u` says FAKE_UID."""
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "calls.log"
    _stub(stubs, "apt-get", f'echo "apt-get $*" >> {log}')
    _stub(stubs, "id", 'echo "${FAKE_UID:-0}"')
    _stub(stubs, "pg_isready", "exit 0")
    _stub(stubs, "psql", "exit 0")
    _stub(stubs, "redis-cli", "echo PONG")
    for tool in ("grep", "sort", "tail", "ls", "seq", "sleep"):
        os.symlink(shutil.which(tool), stubs / tool)

    def run(*args, installed=False, uid=0):
        dpkg_answer = "install ok installed" if installed else ""
        _stub(stubs, "dpkg-query", f'echo -n "{dpkg_answer}"; [ -n "{dpkg_answer}" ]')
        for program in PROGRAMS:
            if installed:
                _stub(stubs, program, "exit 0")
            else:
                (stubs / program).unlink(missing_ok=True)
        env = {"PATH": str(stubs), "FAKE_UID": str(uid), "HOME": str(tmp_path)}
        result = subprocess.run(
            ["/bin/bash", str(SCRIPT), *args], env=env, capture_output=True, text=True
        )
        calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return result, calls

    run.stubs = stubs
    return run


def test_fresh_machine_gets_every_package_with_one_update(fake_machine):
    result, calls = fake_machine("test")
    assert result.returncode == 0, result.stderr
    assert calls[0] == "apt-get update -qq"
    assert len(calls) == 2 and calls[1].startswith("apt-get install -y -qq --no-install-recommends")
    assert set(calls[1].split()[5:]) == TEST_PACKAGES


def test_make_run_needs_no_browser_and_no_postgresql(fake_machine):
    result, calls = fake_machine("run")
    assert result.returncode == 0, result.stderr
    installed = set(calls[1].split()[5:])
    assert installed == TEST_PACKAGES - {
        "chromium",
        "postgresql",
        "redis-server",
        "libreoffice-calc-nogui",
        "libreoffice-draw-nogui",
    }


def test_nothing_installed_when_nothing_is_missing(fake_machine):
    result, calls = fake_machine("test", installed=True)
    assert result.returncode == 0, result.stderr
    assert calls == []


def test_not_root_uses_sudo(fake_machine):
    _stub(fake_machine.stubs, "sudo", f'echo "sudo $*" >> {fake_machine.stubs.parent}/calls.log')
    result, calls = fake_machine("test", uid=1000)
    assert result.returncode == 0, result.stderr
    assert calls[0] == "sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq"
    assert calls[1].startswith("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y")


def test_neither_root_nor_sudo_explains_what_to_run(fake_machine):
    result, calls = fake_machine("test", uid=1000)
    assert result.returncode == 1
    assert calls == []
    assert "Cần quyền root" in result.stderr and "apt-get install" in result.stderr
    assert "chromium" in result.stderr


def test_make_test_make_run_and_ci_call_the_one_script():
    def dry(target):
        return subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.splitlines()

    assert "scripts/install-system-deps test" in dry("test")
    assert "scripts/install-system-deps run" in dry("run")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/install-system-deps test" in ci and "make test" in ci
    assert "apt-get" not in ci  # one installer, not two copies


def test_browser_test_without_chromium_fails_clearly(monkeypatch):
    monkeypatch.setattr(browser_conftest, "CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(pytest.fail.Exception, match="make test"):
        browser_conftest.chromium_executable()


def test_no_browser_test_skips_for_missing_chromium():
    browser_files = [ROOT / "tests/browser/conftest.py", *ROOT.glob("tests/*/test_*browser*.py")]
    assert len(browser_files) >= 5
    for path in browser_files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"pytest\.skip|importorskip|mark\.skip", text), path
        if "launch(" in text:
            assert "chromium_executable" in text, path


def test_no_test_skips():
    """`make test` on a bare machine installs what the tests need and skips nothing: the only
    tests not run on SQLite are those marked `postgres`, run in the PostgreSQL pass."""
    offenders = []
    for path in ROOT.glob("tests/**/*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "test_system_deps.py":
            continue
        if re.search(r"pytest\.skip\(|importorskip\(|mark\.skip(if)?\b", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
