"""Reads whose SQL is compiled once per process: `get` (one row with its relations, per
query shape) and `CompiledQuery` (a list query, per process and database).

Django compiles every queryset anew. For one row read with `select_related` most of that
is writing out the columns of every related model: ~1,5 ms of the ~2 ms CPU the dossier
page's read costs (`dossiers.access.get_dossier`, run by every dossier GET and POST).

`get(queryset)` gives what `queryset.get()` gives, and compiles only the parts of the
query where the request's values live (the WHERE, with the user's scope and the row's id,
and the annotations), ~0,1 ms. Their SQL together with the query's structure (model,
joins, relations read, deferred fields, lock, ordering, limits) is the key of the full
SQL, compiled by Django the first time the key is seen; the parameters are those just
compiled. Rows become objects through the compiler's own columns and converters and
Django's related-object populators, as `ModelIterable` does.

Nothing is assumed of the caller but its `constant` annotations (same SQL and values on
every call: `dossiers.access.CONSTANT_COLUMNS`, which a test checks). Two querysets with
the same key compile to the same SQL, and a query whose full parameters are not its annotations' then its WHERE's (what
the key does not cover would be frozen) is never cached and is read by the ORM instead,
as is a query that can match nothing (`EmptyResultSet`), one with `extra()`, a slice,
prefetching or values.
"""

import threading
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections, router
from django.db.models.query import ModelIterable, get_related_populators

# Django's own number of rows read by `get()` to say how many matched.
MAX_GET_RESULTS = 21
CACHE_SIZE = 512


@dataclass(frozen=True)
class _Compiled:
    sql: str
    compiler: object  # the SQLCompiler that wrote `sql`: its columns and klass_info
    init_list: list
    start: int
    end: int
    fixed: dict  # the constant annotations' parameters
    populators: list  # Django's related-object populators of these columns (stateless)


_local = threading.local()  # per thread: a compiler holds its thread's connection


def _cache() -> dict:
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    return cache


def _structure(query) -> tuple:
    """What of the query, besides its WHERE and annotations, changes its SQL."""
    joins = tuple(
        (
            alias,
            join.table_name,
            getattr(join, "join_type", None),
            getattr(join, "parent_alias", None),
        )
        for alias, join in query.alias_map.items()
    )
    return (
        query.model,
        joins,
        repr(query.select_related),
        query.deferred_loading[0] and tuple(sorted(query.deferred_loading[0])),
        query.deferred_loading[1],
        query.select_for_update,
        query.select_for_update_nowait,
        query.select_for_update_skip_locked,
        query.select_for_update_of,
        query.select_for_no_key_update,
        query.distinct,
        query.distinct_fields,
        query.order_by,
        query.extra_order_by,
        query.default_ordering,
        query.low_mark,
        query.high_mark,
        query.values_select,
        query.group_by,
        query.combinator,
        query.annotation_select_mask and tuple(sorted(query.annotation_select_mask)),
        tuple(query.annotations),
    )


def get(queryset, constant: tuple[str, ...] = ()):
    """`queryset.get()`: the one row, `DoesNotExist` or `MultipleObjectsReturned`.
    `constant`: annotations whose SQL and values are the same on every call (e.g. a
    subquery of the row's own columns): compiled the first time only, keyed by name."""
    model = queryset.model
    if (
        queryset._iterable_class is not ModelIterable
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
        or queryset.query.extra
        or queryset.query.is_sliced
    ):
        return queryset.get()
    qs = queryset.order_by()[:MAX_GET_RESULTS]
    alias = qs.db
    query = qs.query
    compiler = query.get_compiler(alias)
    names = list(query.annotations)
    fixed = tuple(name for name in names if name in constant)
    try:
        varying = {
            name: compiler.compile(query.annotations[name]) for name in names if name not in fixed
        }
        where_sql, where_params = compiler.compile(query.where)
    except (EmptyResultSet, FullResultSet):
        return queryset.get()
    key = (
        alias,
        _structure(query),
        fixed,
        tuple(sql for sql, _params in varying.values()),
        where_sql,
    )
    cache = _cache()
    compiled = cache.get(key)
    if compiled is None:
        compiled = _compile(compiler, query, varying, fixed, where_params)
        if compiled is None:  # parameters the key does not cover: no cache
            return queryset.get()
        if len(cache) >= CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = compiled
    params = [
        value
        for name in names
        for value in (compiled.fixed[name] if name in fixed else varying[name][1])
    ]
    params += where_params
    with connections[alias].cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    if not rows:
        raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
    if len(rows) > 1:
        raise model.MultipleObjectsReturned(
            f"get() returned more than one {model._meta.object_name} -- it returned {len(rows)}!"
        )
    return _instance(compiled, alias, rows)


def _compile(compiler, query, varying: dict, fixed: tuple, where_params) -> "_Compiled | None":
    """The full SQL, if its parameters are the annotations' then the WHERE's."""
    values = {name: compiler.compile(query.annotations[name])[1] for name in fixed}
    values.update({name: params for name, (_sql, params) in varying.items()})
    expected = [value for name in query.annotations for value in values[name]]
    expected += where_params
    sql, params = compiler.as_sql()
    if list(params) != expected:
        return None
    klass_info = compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    init_list = [column[0].target.attname for column in compiler.select[start:end]]
    return _Compiled(
        sql,
        compiler,
        init_list,
        start,
        end,
        {name: list(values[name]) for name in fixed},
        get_related_populators(klass_info, compiler.select, compiler.using),
    )


def _instance(compiled: _Compiled, alias: str, rows: list):
    compiler = compiled.compiler
    klass_info = compiler.klass_info
    (row,) = compiler.results_iter(results=[rows])
    obj = klass_info["model"].from_db(alias, compiled.init_list, row[compiled.start : compiled.end])
    for populator in compiled.populators:
        populator.populate(row, obj)
    for name, position in compiler.annotation_col_map.items():
        setattr(obj, name, row[position])
    return obj


class CompiledQuery:
    """A list query compiled to SQL once per process and database, then run with each
    call's values (the dossier page's lists, the add-nominee form's choices): Django
    compiles every queryset anew, ~1 ms of CPU for each.

    `build(*values)` is the ORM queryset; it is called once with `stand_ins` (ints or
    strings no real value equals) and each parameter of its SQL is matched to them:
    - a parameter equal to a stand-in (or to an int stand-in's text, e.g. an object id
      kept as text) takes the call's value;
    - a string stand-in inside a longer parameter is a pattern lookup's value
      (`startswith` → `'…%'`): the call's value replaces it, when the value has none of the
      characters such a lookup escapes; a value with them is read by the ORM instead;
    - a stand-in found anywhere else is refused when compiling (`ValueError`): its value
      would otherwise stay frozen at the stand-in.
    `__call__` gives model instances (`raw()`: what a row shows of its related rows is an
    annotation); `rows` gives the tuples of a `values_list` query."""

    INT_STAND_INS = (-7_000_001, -7_000_002)

    def __init__(self, model, build, stand_ins: tuple = INT_STAND_INS):
        self.model, self.build, self.stand_ins = model, build, stand_ins
        self.compiled: dict[str, tuple[str, list, list]] = {}

    def _slot(self, param):
        for i, stand_in in enumerate(self.stand_ins):
            if param == stand_in or (isinstance(stand_in, int) and param == str(stand_in)):
                return (i, "value", type(param))
        if isinstance(param, str):
            for i, stand_in in enumerate(self.stand_ins):
                if isinstance(stand_in, str) and stand_in in param:
                    return (i, "pattern", param)
            for stand_in in self.stand_ins:
                if str(stand_in) in param:
                    raise ValueError(
                        f"{self.model.__name__}: giá trị thay thế {stand_in!r} bị biến đổi "
                        f"thành {param!r}, không gắn lại được."
                    )
        return None

    def _compile(self, alias: str) -> tuple[str, list, list]:
        sql, params = self.build(*self.stand_ins).query.get_compiler(alias).as_sql()
        return sql, list(params), [self._slot(p) for p in params]

    def _bound(self, alias: str, values) -> tuple[str, list] | None:
        compiled = self.compiled.get(alias)
        if compiled is None:
            compiled = self.compiled[alias] = self._compile(alias)
        sql, params, plan = compiled
        ops = connections[alias].ops
        bound = []
        for param, slot in zip(params, plan, strict=True):
            if slot is None:
                bound.append(param)
            elif slot[1] == "value":
                bound.append(slot[2](values[slot[0]]))
            else:
                value = str(values[slot[0]])
                if ops.prep_for_like_query(value) != value:
                    return None  # the lookup would escape it: the ORM writes it
                bound.append(slot[2].replace(self.stand_ins[slot[0]], value))
        return sql, bound

    def __call__(self, *values) -> list:
        alias = router.db_for_read(self.model)
        bound = self._bound(alias, values)
        if bound is None:
            return list(self.build(*values).using(alias))
        return list(self.model.objects.raw(*bound).using(alias))

    def rows(self, *values) -> list[tuple]:
        alias = router.db_for_read(self.model)
        bound = self._bound(alias, values)
        if bound is None:
            return list(self.build(*values).using(alias))
        with connections[alias].cursor() as cursor:
            cursor.execute(*bound)
            return cursor.fetchall()
