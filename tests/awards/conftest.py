import importlib.util
import sys
from pathlib import Path

import pytest


def _load_builders():
    name = "thidua_test_council_builders"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).parent.parent / "council" / "builders.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


builders = _load_builders()


@pytest.fixture
def council(org, users):
    return builders.make_council(org, users)


@pytest.fixture
def campaign(org):
    return builders.seed000_campaign(org)


@pytest.fixture
def dossiers(org, campaign):
    return builders.seed000_dossiers(org, campaign)


@pytest.fixture
def approved_session(org, users, council, campaign, dossiers):
    """The seed 000 campaign's dossiers carried through a council session on 18/01/2025."""
    from datetime import date

    return builders.approve_all(org, users, date(2025, 1, 18), campaign)
