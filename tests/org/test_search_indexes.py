"""The trigram indexes left after migrating are those a query reads (PostgreSQL only)."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_only_searched_columns_keep_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        trigram = {row[0] for row in cursor.fetchall()}
    # Households are never searched by text; units and persons are. The awards' trigram
    # index is gone (#13): the registry searches its word-start keys, and the payment list
    # filters the user's own scoped awards.
    assert trigram == {"org_unit_search_trgm", "org_person_search_trgm"}


def test_the_unit_search_can_read_its_trigram_index():
    from thidua.org.models import Unit

    with connection.cursor() as cursor:  # whatever the table size: no full scan allowed
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Unit.objects.search("duc xuan").order_by().explain()
    assert "org_unit_search_trgm" in plan
