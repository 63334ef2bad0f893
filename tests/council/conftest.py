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
