"""Campaign fixtures: campaigns imported from the seed plans onto the shared test org."""

from pathlib import Path

import pytest

from thidua.campaigns import services
from thidua.planimport.extract import extract_plan

SEEDS = Path(__file__).resolve().parents[2] / "thidua" / "demo_data" / "seeds"


def seed_text(seed: str) -> str:
    return next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def import_seed(org, users):
    def _make(seed: str, issuer=None, **kw):
        from thidua.core.roles import Role
        from thidua.org.models import RoleAssignment

        issuer = issuer or org["city"]
        actor = users["standing"]
        if issuer != org["city"]:
            RoleAssignment.objects.get_or_create(user=actor, unit=issuer, role=Role.STANDING_BODY)
            actor = type(actor).objects.get(pk=actor.pk)
        text = seed_text(seed)
        return services.campaign_from_extraction(
            extract_plan(text), issuer, actor, text, seed_code=seed, **kw
        )

    return _make


@pytest.fixture
def campaign(import_seed):
    return import_seed("000")
