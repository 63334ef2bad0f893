"""Migration 0004 moves each campaign's imported plan text and spans out of the campaign
row into `CampaignSource`, and back when unapplied."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("campaigns", "0003_rules_use_org_unit_kinds")]
AFTER = [("campaigns", "0004_campaign_source")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_the_text_moves_to_its_own_table_and_back(org):
    old = _migrate(BEFORE)
    Campaign = old.get_model("campaigns", "Campaign")
    common = {"issuer_id": org["city"].pk, "title": "Đợt thi đua", "rules": []}
    imported = Campaign.objects.create(
        **common, source_text="KẾ HOẠCH số 12/KH-UBND", source_spans={"title": {"text": "x"}}
    )
    typed = Campaign.objects.create(**common)  # created by hand: nothing to move
    try:
        new = _migrate(AFTER)
        Source = new.get_model("campaigns", "CampaignSource")
        assert list(Source.objects.values_list("campaign_id", "text", "spans")) == [
            (imported.pk, "KẾ HOẠCH số 12/KH-UBND", {"title": {"text": "x"}})
        ]
        back = _migrate(BEFORE)
        row = back.get_model("campaigns", "Campaign").objects.get(pk=imported.pk)
        assert (row.source_text, row.source_spans) == (
            "KẾ HOẠCH số 12/KH-UBND",
            {"title": {"text": "x"}},
        )
        assert back.get_model("campaigns", "Campaign").objects.get(pk=typed.pk).source_text == ""
    finally:
        _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
