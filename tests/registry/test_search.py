"""The public registry search against a brute-force Python filter: every combination of
name (diacritics, word start), unit (including units merged away), form and year; keyset
pages in one global order (newest first, then id) with no duplicate and no miss; the
count exact up to the bound, "hơn N" beyond; both query paths (search keys and the
ordered walk of the awards); a bad cursor; the page's query count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards.models import Award, DecisionStatus
from thidua.core.text import fold
from thidua.org.enums import UnitKind
from thidua.org.models import Unit
from thidua.registry import services

from .conftest import make_award, make_decision

NAMES = [
    "Nguyễn Văn Hùng",
    "Nguyễn Thị Lan",
    "Trần Thị Lan Anh",
    "Lê Văn Lâm",
    "Hoàng Đức Long",
    "Đặng Thị Hằng",
    "Ma Văn Nguyên",
    "Bế Thị Thu",
]
FORMS = ["giay_khen_chu_tich_huyen", "bang_khen_chu_tich_tinh", "lao_dong_tien_tien"]


@pytest.fixture
def merged(org):
    """Tỉnh Bắc Kạn merged into Tỉnh Thái Nguyên (2025); its ward Đức Xuân merged into
    the new Phường Bắc Kạn. Awards keep the unit names of their time."""
    thai = Unit.objects.create(
        code="TN", name="Tỉnh Thái Nguyên", kind=UnitKind.PROVINCE, is_authority=True
    )
    new_ward = Unit.objects.create(
        code="PBK", name="Phường Bắc Kạn", kind=UnitKind.WARD, parent=thai, is_authority=True
    )
    org["province"].successor, org["province"].valid_to = thai, date(2025, 6, 30)
    org["province"].save()
    org["ward_a"].successor, org["ward_a"].valid_to = new_ward, date(2025, 6, 30)
    org["ward_a"].save()
    return {**org, "thai": thai, "new_ward": new_ward}


def _units(m):
    return [m["ward_a"], m["ward_b"], m["village_a"], m["coop_a"], m["new_ward"], m["thai"]]


def _build(m, rows):
    """rows: (name index, unit index, form index, day offset, decision status index)."""
    decisions = {}
    statuses = [DecisionStatus.SIGNED, DecisionStatus.SIGNED, DecisionStatus.DRAFT]
    units = _units(m)
    made = []
    for i, (n, u, f, day, s) in enumerate(rows):
        on = date(2016, 1, 1) + timedelta(days=day)
        key = (on, s)
        if key not in decisions:
            decisions[key] = make_decision(
                m["city"], number=100 + len(decisions), status=statuses[s], doc_date=on
            )
        made.append(make_award(decisions[key], NAMES[n], units[u], form_code=FORMS[f], on=on))
        if i % 7 == 6:  # a withdrawn award
            made[-1].revoked = True
            made[-1].save(update_fields=["revoked"])
    return made


def _brute_units(text: str) -> set[int] | None:
    folded = fold(text)
    if not folded:
        return None
    units = list(Unit.objects.all())
    found = {u.pk for u in units if _word_start(u.search_text, folded)}
    grew = True
    while grew:
        more = {u.pk for u in units if u.successor_id in found} - found
        found |= more
        grew = bool(more)
    paths = [u.path for u in units if u.pk in found]
    return {u.pk for u in units if any(u.path.startswith(p) for p in paths)}


def _word_start(text: str, folded: str) -> bool:
    words = text.split()
    return any(" ".join(words[i:]).startswith(folded) for i in range(len(words)))


def _brute(q="", unit="", form="", year=None) -> list[int]:
    unit_ids = _brute_units(unit)
    out = []
    for a in Award.objects.select_related("decision"):
        if a.revoked or a.decision is None or a.decision.status != DecisionStatus.SIGNED:
            continue
        if fold(q) and not _word_start(fold(f"{a.awardee_name} {a.awardee_unit_name}"), fold(q)):
            continue
        if unit_ids is not None and a.awardee_unit_id not in unit_ids:
            continue
        if form and a.form_code != form:
            continue
        if year and a.year != year:
            continue
        out.append(a)
    out.sort(key=lambda a: (a.award_date, a.pk), reverse=True)
    return [a.pk for a in out]


def _walk(q="", unit="", form="", year=None, size=3):
    """Every page, following the cursors; returns (pks in order, first page)."""
    pks, cursor, first = [], None, None
    for _ in range(200):
        page = services.search_page(q, unit, form, year, cursor, size=size)
        first = first or page
        pks += [a.pk for a in page.awards]
        if not page.next_cursor:
            break
        cursor = services.Cursor.decode(page.next_cursor)
        assert cursor.page == page.page + 1
    return pks, first


QUERIES = [
    ("", "", "", None),
    ("lan", "", "", None),
    ("Thị Lan", "", "", None),
    ("THI LAN ANH", "", "", None),
    ("nguyen", "", "", None),
    ("nguyên", "", "", None),
    ("van h", "", "", None),
    ("an", "", "", None),
    ("duc xuan", "", "", None),
    ("zzz", "", "", None),
    ("", "thai nguyen", "", None),
    ("", "Đức Xuân", "", None),
    ("", "bac kan", "", None),
    ("", "song cau", "", None),
    ("", "khong co", "", None),
    ("", "", FORMS[1], None),
    ("", "", "", 2016),
    ("lan", "thai nguyen", "", 2016),
    ("nguyen", "", FORMS[0], 2017),
    ("thi", "bac kan", FORMS[2], 2016),
]


@pytest.mark.parametrize("key_bound", [0, 2, 20_000])
@pytest.mark.parametrize(("q", "unit", "form", "year"), QUERIES)
def test_every_combination_matches_brute_force_across_pages(
    merged, monkeypatch, key_bound, q, unit, form, year
):
    """Both paths (keys when the name has few keys, the ordered walk otherwise) give
    exactly the brute-force list, in order, page after page, with the right count."""
    monkeypatch.setattr(services, "KEY_PATH_BOUND", key_bound)
    monkeypatch.setattr(services, "COUNT_BOUND", 6)
    rows = [(i % 8, i % 6, i % 3, (i * 37) % 700, 2 if i % 11 == 10 else 0) for i in range(40)]
    _build(merged, rows)
    expected = _brute(q, unit, form, year)
    pks, first = _walk(q, unit, form, year)
    assert pks == expected
    assert len(pks) == len(set(pks))
    assert first.count == min(len(expected), 6)
    assert first.count_more == (len(expected) > 6)
    assert list(services.search_awards(q, unit, form, year).values_list("pk", flat=True)) == (
        expected
    )


def test_same_day_awards_are_ordered_by_id_and_split_across_pages(merged):
    d = make_decision(merged["city"], number=300, doc_date=date(2020, 3, 1))
    made = [make_award(d, f"Lò Văn Số {i}", merged["ward_b"]) for i in range(7)]
    pks, first = _walk("lo van", size=2)
    assert pks == [a.pk for a in reversed(made)]
    page2 = services.search_page("lo van", cursor=services.Cursor.decode(first.next_cursor), size=2)
    assert all(a.pk < first.awards[-1].pk for a in page2.awards)  # strictly after page 1


def test_unit_search_finds_awards_of_units_merged_away_with_their_old_names(merged):
    d = make_decision(merged["city"], number=301, doc_date=date(2019, 5, 2))
    old = make_award(d, "Ma Thị Lan", merged["village_a"])
    d2 = make_decision(merged["city"], number=302, doc_date=date(2025, 9, 1))
    new = make_award(d2, "Nông Văn Mới", merged["new_ward"])
    elsewhere = make_award(d, "Bế Văn Hùng", merged["ward_b"])
    found = services.search_page(unit="thai nguyen").awards
    assert [a.pk for a in found] == [new.pk, elsewhere.pk, old.pk]  # whole old province
    found = services.search_page(unit="phuong bac kan").awards
    assert [a.pk for a in found] == [new.pk, old.pk]
    assert found[1].awardee_unit_name == "Tổ dân phố 1, Đức Xuân"  # the name at the time
    assert [a.pk for a in services.search_page(unit="duc xuan").awards] == [old.pk]


def test_count_says_more_than_the_bound(merged, monkeypatch, client):
    monkeypatch.setattr(services, "COUNT_BOUND", 4)
    d = make_decision(merged["city"], number=303)
    for i in range(6):
        make_award(d, f"Hà Thị Số {i}", merged["ward_b"])
    page = services.search_page("ha thi")
    assert (page.count, page.count_more) == (4, True)
    body = client.get(reverse("registry:search"), {"q": "ha thi"}).content.decode()
    assert "Tìm thấy hơn 4 khen thưởng" in body
    body = client.get(reverse("registry:search"), {"q": "ha thi so 1"}).content.decode()
    assert "Tìm thấy 1 khen thưởng" in body


def test_the_page_follows_the_cursor_and_rejects_a_bad_one(merged, client):
    d = make_decision(merged["city"], number=304)
    for i in range(55):
        make_award(d, f"Hà Văn Số {i:02d}", merged["ward_b"])
    url = reverse("registry:search")
    body = client.get(url, {"q": "ha van"}).content.decode()
    assert "Tìm thấy 55 khen thưởng" in body and 'rel="next"' in body
    assert body.count("Hà Văn Số") == 50
    href = body.split('rel="next" href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    page2 = client.get(f"{url}?{href}").content.decode()
    assert page2.count("Hà Văn Số") == 5 and "trang 2" in page2 and "Trang đầu" in page2
    for bad in ["xyz", "20200101.5.2", href.split("sau=")[1][:-3] + "AAA"]:
        resp = client.get(url, {"q": "ha van", "sau": bad})
        body = resp.content.decode()
        assert resp.status_code == 200
        assert "Đường dẫn trang kết quả không hợp lệ" in body and body.count("Hà Văn Số") == 50


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        # form choices (legal tables), unsigned decisions, keys (count + page), awards
        ({"q": "nguyen van"}, 4),
        ({"nam": "2025"}, 4),  # form choices, unsigned decisions, bounded count, page
        (
            {"q": "nguyen", "don_vi": "thai nguyen", "nam": "2025"},
            8,
        ),  # + units, 2 merge levels, subtree
    ],
)
def test_search_page_query_count(merged, client, django_assert_num_queries, params, queries):
    d = make_decision(merged["city"], number=305)
    for i in range(40):
        make_award(d, f"Nguyễn Văn Số {i}", merged["village_a"])
    services.key_path_bound()  # on PostgreSQL: table statistics, read once per process
    queries += connection.vendor == "postgresql"  # SET LOCAL: plans without parallel workers
    with django_assert_num_queries(queries):
        resp = client.get(reverse("registry:search"), params)
    assert resp.content.decode().count("Nguyễn Văn Số") == 40


rows_strategy = st.lists(
    st.tuples(
        st.integers(0, len(NAMES) - 1),
        st.integers(0, 5),
        st.integers(0, 2),
        st.integers(0, 900),
        st.sampled_from([0, 0, 0, 1, 2]),
    ),
    min_size=0,
    max_size=25,
)
query_strategy = st.tuples(
    st.sampled_from(["", "lan", "thi", "nguyen", "van h", "Đức", "l", "hang", "zz"]),
    st.sampled_from(["", "thai nguyen", "duc xuan", "song cau", "bac kan", "htx"]),
    st.sampled_from(["", *FORMS]),
    st.sampled_from([None, 2016, 2017, 2018]),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=rows_strategy,
    query=query_strategy,
    key_bound=st.sampled_from([0, 3, 20_000]),
    size=st.integers(1, 4),
)
def test_property_pages_equal_brute_force(merged, rows, query, key_bound, size):
    old = (services.KEY_PATH_BOUND, services.COUNT_BOUND)
    services.KEY_PATH_BOUND, services.COUNT_BOUND = key_bound, 5
    try:
        with transaction.atomic():
            _build(merged, rows)
            expected = _brute(*query)
            pks, first = _walk(*query, size=size)
            assert pks == expected
            assert (first.count, first.count_more) == (min(len(expected), 5), len(expected) > 5)
            transaction.set_rollback(True)
    finally:
        services.KEY_PATH_BOUND, services.COUNT_BOUND = old


def test_search_keys_carry_the_award_columns(merged):
    from thidua.registry.models import AwardSearchKey

    d = make_decision(merged["city"], number=306, doc_date=date(2018, 4, 9))
    a = make_award(d, "Lý Thị Mai", merged["ward_b"], form_code=FORMS[1])
    rows = set(
        AwardSearchKey.objects.filter(award=a).values_list(
            "award_date", "year", "form_code", "unit_id", "decision_id"
        )
    )
    assert rows == {(date(2018, 4, 9), 2018, FORMS[1], merged["ward_b"].pk, d.pk)}
    a.award_date, a.year = date(2019, 1, 2), 2019
    a.save(update_fields=["award_date", "year"])
    assert set(AwardSearchKey.objects.filter(award=a).values_list("year", flat=True)) == {2019}
    found = services.search_page("ly thi", year=2019).awards
    assert [row.pk for row in found[:1]] == [a.pk]


@pytest.mark.parametrize(
    ("who", "unit_key", "status"),
    [
        ("standing_thai", "ward_b", 200),  # a ward of the province merged away
        ("standing_thai", "ward_a", 200),  # merged away itself (into Phường Bắc Kạn)
        ("officer_new_ward", "ward_a", 200),  # the successor ward's own officer
        ("officer_new_ward", "ward_b", 404),  # not its predecessor
        ("standing_other", "ward_b", 404),  # another province's standing body
    ],
)
def test_unit_history_is_open_to_the_successor(merged, client, who, unit_key, status):
    from tests.conftest import make_user
    from thidua.core.roles import Role

    other = Unit.objects.create(code="CB", name="Tỉnh Cao Bằng", kind=UnitKind.PROVINCE)
    users = {
        "standing_thai": make_user("st_thai", Role.STANDING_BODY, merged["thai"]),
        "officer_new_ward": make_user("of_new", Role.UNIT_OFFICER, merged["new_ward"]),
        "standing_other": make_user("st_other", Role.STANDING_BODY, other),
    }
    d = make_decision(merged["city"], number=320)
    make_award(d, "Bế Văn Hùng", merged["ward_b"])
    make_award(d, "Ma Thị Lan", merged["ward_a"])
    client.force_login(users[who])
    resp = client.get(reverse("registry:unit", args=[merged[unit_key].pk]))
    assert resp.status_code == status
    if status == 200:
        assert merged[unit_key].name in resp.content.decode()


def test_a_name_the_planner_expects_to_be_common_reads_only_the_keys_proving_the_bound(
    merged, monkeypatch
):
    """On PostgreSQL the planner's estimate of a common name's keys lets the key path read
    only the 4 × (COUNT_BOUND + 1) keys that prove "more than COUNT_BOUND", not its whole
    bound; the page (walked newest first) and the count are the same either way."""
    d = make_decision(merged["city"], number=306)
    awards = [
        make_award(d, f"Nguyễn Văn Số {i}", merged["village_a"], on=date(2020, 1, 1) + timedelta(i))
        for i in range(200)
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE registry_awardsearchkey")
    monkeypatch.setattr(services, "KEY_PATH_BOUND", 30)
    monkeypatch.setattr(services, "COUNT_BOUND", 3)
    with CaptureQueriesContext(connection) as ctx:
        page = services.search_page("nguyen")
    (key_path,) = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("WITH c ")]
    read = 4 * (3 + 1) if connection.vendor == "postgresql" else 30
    assert f"LIMIT {read + 1}" in key_path
    assert (page.count, page.count_more) == (3, True)
    assert [row.pk for row in page.awards] == [a.pk for a in reversed(awards)][:50]
    assert page.next_cursor


def test_the_page_is_read_in_one_transaction_planned_without_parallel_workers(merged):
    d = make_decision(merged["city"], number=307)
    make_award(d, "Nguyễn Văn Số 1", merged["village_a"])
    with CaptureQueriesContext(connection) as ctx:
        page = services.search_page("nguyen van")
    statements = [q["sql"] for q in ctx.captured_queries]
    serial = "SET LOCAL max_parallel_workers_per_gather = 0"
    assert (statements[0] == serial) == (connection.vendor == "postgresql")
    assert statements.count(serial) == (connection.vendor == "postgresql")
    assert [row.awardee_name for row in page.awards] == ["Nguyễn Văn Số 1"]
