"""A row read with its relations, its SQL compiled once per process and query shape.

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

Nothing is assumed of the caller: two querysets with the same key compile to the same
SQL, and a query whose full parameters are not its annotations' then its WHERE's (what
the key does not cover would be frozen) is never cached and is read by the ORM instead,
as is a query that can match nothing (`EmptyResultSet`), one with `extra()`, a slice,
prefetching or values.
"""

import threading
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
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
        sql, compiler, init_list, start, end, {name: list(values[name]) for name in fixed}
    )


def _instance(compiled: _Compiled, alias: str, rows: list):
    compiler = compiled.compiler
    klass_info = compiler.klass_info
    (row,) = compiler.results_iter(results=[rows])
    obj = klass_info["model"].from_db(alias, compiled.init_list, row[compiled.start : compiled.end])
    for populator in get_related_populators(klass_info, compiler.select, alias):
        populator.populate(row, obj)
    for name, position in compiler.annotation_col_map.items():
        setattr(obj, name, row[position])
    return obj
