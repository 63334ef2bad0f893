"""Dossier fixtures: a seed-000-like campaign of the test city with its quotas."""

import pytest

from thidua.legal.services import sync_from_tables

from .helpers import make_campaign


@pytest.fixture
def legal(db):
    sync_from_tables()


@pytest.fixture
def campaign(org, legal):
    return make_campaign(org)
