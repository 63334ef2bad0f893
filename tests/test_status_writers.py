"""No second writer: in the apps whose objects have a state table (campaigns,
registrations, registry), no code outside the table writes a status, neither by a bulk
``.update(status=…)`` nor by assigning ``obj.status`` and saving."""

import ast
from pathlib import Path

import pytest

import thidua

APPS_WITH_TABLES = ["campaigns", "registrations", "registry"]
PACKAGE = Path(thidua.__file__).resolve().parent


def status_writes(source: str) -> list[int]:
    """Line numbers of ``….update(status=…)`` and ``….status = …`` in `source`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        is_update = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "update"
        if is_update and any(keyword.arg == "status" for keyword in node.keywords):
            lines.append(node.lineno)
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            elements = target.elts if isinstance(target, ast.Tuple) else [target]
            if any(getattr(element, "attr", "") == "status" for element in elements):
                lines.append(node.lineno)
    return sorted(lines)


def test_the_finder_sees_both_kinds_of_write():
    source = "Campaign.objects.filter(pk=1).update(status='running')\nreg.status, x = 'a', 1\n"
    assert status_writes(source) == [1, 2]


@pytest.mark.parametrize("app", APPS_WITH_TABLES)
def test_no_status_is_written_outside_the_state_table(app):
    found = {
        str(path.relative_to(PACKAGE)): status_writes(path.read_text(encoding="utf-8"))
        for path in sorted((PACKAGE / app).rglob("*.py"))
        if "migrations" not in path.parts
    }
    assert {path: lines for path, lines in found.items() if lines} == {}
