"""The council tests use the seed 000 fixtures of `tests/council/seed000.py` (its council,
campaign and appraised dossiers)."""

from tests.council.seed000 import campaign, council, dossiers  # noqa: F401
