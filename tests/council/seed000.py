"""The seed 000 flow of `tests/council/builders.py` as fixtures (a city council, the
campaign, appraised dossiers, a session approving them on 18/01/2025), shared by the
awards, documents and signing tests: import them into a conftest."""

from datetime import date

import pytest

from tests.council import builders


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
    return builders.approve_all(org, users, date(2025, 1, 18), campaign)
