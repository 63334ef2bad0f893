"""`core.compiledread.get`: the same objects as `QuerySet.get()`, with the SQL of a query
shape compiled once. Checked through `dossiers.access.get_dossier` (its one production
user) for every user kind and dossier state, with the cache cold and warm."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F, Value
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from thidua.core import compiledread
from thidua.dossiers import access, checks
from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.models import Dossier
from thidua.org.models import Unit

from .helpers import make_campaign

USERS = ("officer_a", "head_a", "officer_b", "standing", "edu_officer", "nobody", "root")


@pytest.fixture
def dossiers(org, legal):
    campaign = make_campaign(org)
    made = {}
    for proposer, status in [
        ("ward_a", DossierStatus.DRAFT),
        ("ward_a", DossierStatus.SUBMITTED),
        ("ward_b", DossierStatus.DRAFT),
        ("ward_b", DossierStatus.SUBMITTED),
        ("city", DossierStatus.DRAFT),
    ]:
        made[proposer, status] = Dossier.objects.create(
            campaign=campaign,
            form_code=campaign.award_forms.first().form_code,
            proposer=org[proposer],
            authority=org["province" if proposer == "city" else "city"],
            title=f"Hồ sơ {proposer} {status}",
            status=status,
        )
    return made


@pytest.fixture
def every_user(users):
    root = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
    return {**users, "root": root}


@pytest.fixture(autouse=True)
def cold_cache():
    compiledread._cache().clear()
    yield
    compiledread._cache().clear()


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _orm(user, pk, **kw):
    """What `get_dossier` gave before: the ORM's own `get()` of the same queryset."""
    qs = Dossier.objects.for_user(user).select_related(*access.PAGE_RELATED)
    if kw.get("required_documents"):
        qs = qs.annotate(required_documents=checks.required_documents())
    if kw.get("columns"):
        qs = qs.annotate(**kw["columns"])
    try:
        return qs.get(pk=pk)
    except Dossier.DoesNotExist:
        return None


def _read(user, pk, **kw):
    try:
        return access.get_dossier(user, pk, **kw)
    except Http404:
        return None


def _same(got, want, annotations=()):
    if want is None:
        assert got is None
        return
    assert got is not None
    assert _fields(got) == _fields(want)
    for relation in access.PAGE_RELATED:
        mine, theirs = getattr(got, relation), getattr(want, relation)
        assert _fields(mine) == _fields(theirs)
    for name in annotations:
        assert getattr(got, name) == getattr(want, name)


@pytest.mark.parametrize(
    "kw",
    [{}, {"required_documents": True}, {"columns": "submission"}],
    ids=["page", "required-documents", "submission-columns"],
)
def test_every_user_sees_what_the_orm_gives_cold_and_warm(every_user, dossiers, kw):
    if kw.get("columns"):
        kw = {"columns": checks.submission_columns()}
    names = (
        ("required_documents",) if kw.get("required_documents") else tuple(kw.get("columns", ()))
    )
    seen = 0
    for _round in ("cold", "warm"):
        for name in USERS:
            user = every_user[name]
            for dossier in dossiers.values():
                want = _orm(user, dossier.pk, **kw)
                _same(_read(user, dossier.pk, **kw), want, names)
                seen += want is not None
    # the scope rules really differ between the users: some see, some do not
    assert 0 < seen < 2 * len(USERS) * len(dossiers)
    # officers of one unit share a shape: fewer compiled queries than users
    assert 0 < len(compiledread._cache()) < len(USERS) * 2


def test_a_warm_shape_is_not_compiled_again(every_user, dossiers, monkeypatch):
    officer, other = every_user["officer_a"], every_user["officer_b"]
    mine = dossiers["ward_a", DossierStatus.DRAFT]
    theirs = dossiers["ward_b", DossierStatus.DRAFT]
    access.get_dossier(officer, mine.pk)
    compiles = []
    real = compiledread._compile
    monkeypatch.setattr(compiledread, "_compile", lambda *a: compiles.append(1) or real(*a))
    # another officer, another unit path, another dossier: the same shape, no compile,
    # and the other unit's values are the ones bound
    assert access.get_dossier(other, theirs.pk).pk == theirs.pk
    with pytest.raises(Http404):
        access.get_dossier(other, mine.pk)  # ward A's draft is not ward B's
    with CaptureQueriesContext(connection) as queries:
        assert access.get_dossier(officer, mine.pk).proposer.name == "Phường Đức Xuân"
    assert compiles == []
    assert len(queries) == 1


def test_varying_annotations_are_bound_per_call_not_frozen(org):
    def read(value):
        qs = Unit.objects.select_related("parent").annotate(tag=Value(value), twice=F("pk") * 2)
        return compiledread.get(qs.filter(pk=org["ward_a"].pk))

    first, second = read("một"), read("hai")
    assert (first.tag, second.tag) == ("một", "hai")
    assert first.twice == 2 * org["ward_a"].pk
    assert second.parent.name == "Thành phố Bắc Kạn"
    assert len(compiledread._cache()) == 1


def test_constant_columns_are_the_same_sql_and_values_for_every_dossier(every_user, dossiers):
    """The contract of `access.CONSTANT_COLUMNS`: compiled once, so they must not depend
    on the dossier or the user."""
    compiled = set()
    for name in ("officer_a", "standing", "root"):
        for dossier in dossiers.values():
            qs = Dossier.objects.for_user(every_user[name]).filter(pk=dossier.pk)
            qs = qs.annotate(required_documents=checks.required_documents())
            qs = qs.annotate(**checks.submission_columns())
            compiler = qs.query.get_compiler("default")
            compiled.add(
                tuple(
                    (sql, tuple(params))
                    for sql, params in (
                        compiler.compile(qs.query.annotations[column])
                        for column in access.CONSTANT_COLUMNS
                    )
                )
            )
    assert len(compiled) == 1


def test_nothing_seen_nothing_matched_and_too_many(every_user, dossiers, org):
    nobody = every_user["nobody"]
    with pytest.raises(Http404):
        access.get_dossier(nobody, dossiers["ward_a", DossierStatus.SUBMITTED].pk)
    with pytest.raises(Http404):
        access.get_dossier(every_user["root"], 10**9)
    with pytest.raises(Unit.MultipleObjectsReturned):
        compiledread.get(Unit.objects.filter(parent=org["city"]))
    with pytest.raises(Unit.DoesNotExist):
        compiledread.get(Unit.objects.filter(code="không có"))


def test_a_locked_read_locks_the_row(every_user, dossiers):
    dossier = dossiers["ward_a", DossierStatus.DRAFT]
    for _ in range(2):  # cold, then from the cache
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            got = access.get_dossier(
                every_user["officer_a"], dossier.pk, lock=True, columns=checks.submission_columns()
            )
        assert got.pk == dossier.pk
        assert (
            got.required_documents
            == _orm(every_user["officer_a"], dossier.pk, required_documents=True).required_documents
        )
        sql = queries[-1]["sql"]
        assert ("FOR UPDATE" in sql) == connection.features.has_select_for_update


# ---- CompiledQuery: list queries compiled once, values bound per call ------------------------


def _under(path):
    return Unit.objects.filter(path__startswith=path).order_by("path").values_list("pk", "name")


def test_a_pattern_value_is_bound_per_call(org):
    query = compiledread.CompiledQuery(Unit, _under, stand_ins=("~gốc~",))
    for name in ("ward_a", "city", "ward_b", "province"):
        path = org[name].path
        assert query.rows(path) == list(_under(path))
    assert len(query.rows(org["ward_a"].path)) == 3  # the ward, its village and its co-op
    assert len(query.compiled) == 1


def test_a_value_the_lookup_would_escape_goes_through_the_orm(org):
    query = compiledread.CompiledQuery(Unit, _under, stand_ins=("~gốc~",))
    assert query.rows(org["city"].path)  # compiled
    # '%' and '_' are literal characters for startswith: a plain replacement would make
    # them wildcards and match every unit
    assert query.rows("%") == list(_under("%")) == []
    assert query.rows(org["city"].path[:-2] + "_") == list(_under(org["city"].path[:-2] + "_"))


def test_a_stand_in_transformed_otherwise_is_refused(org):
    query = compiledread.CompiledQuery(
        Unit,
        lambda pk: Unit.objects.filter(code__contains=pk).values_list("pk"),
        stand_ins=(-7_000_001,),
    )
    with pytest.raises(ValueError, match="không gắn lại được"):
        query.rows(org["city"].pk)


def test_model_rows_with_an_id_kept_as_text(org, users):
    from django.contrib.contenttypes.models import ContentType

    from thidua.core.models import AuditEvent

    unit_type = ContentType.objects.get_for_model(Unit).pk
    for unit in (org["ward_a"], org["ward_b"]):
        AuditEvent.objects.create(
            content_type_id=unit_type, object_id=str(unit.pk), action="edit", object_repr=unit.name
        )
    query = compiledread.CompiledQuery(
        AuditEvent,
        lambda pk, ct: AuditEvent.objects.filter(content_type_id=ct, object_id=str(pk)),
    )
    for unit in (org["ward_a"], org["ward_b"]):
        (event,) = query(unit.pk, unit_type)
        assert event.object_repr == unit.name


def test_the_nominee_form_choices_are_the_orm_union(org):
    from thidua.dossiers import forms

    for name in ("ward_a", "city", "edu"):
        path = org[name].path
        assert forms._CHOICE_ROWS.rows(path) == list(forms._choice_rows(path))
    assert forms._choices(org["ward_a"])["unit"][0][1] == "Phường Đức Xuân"
