"""`core.rediscache.RedisCache`: Django's Redis cache, one client per pool (the real Redis
of 127.0.0.1 that `scripts/install-system-deps` starts)."""

import threading

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from thidua.core.rediscache import RedisCache

URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def cache():
    backend = RedisCache(URL, {"KEY_PREFIX": "test-rediscache"})
    backend.clear()
    yield backend
    backend.clear()


def test_one_client_object_serves_every_call(cache):
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=False) is first
    assert cache._cache.get_client("any key") is first
    # Django's own builds a new one each time (what this class saves)
    django = DjangoRedisCache(URL, {})
    assert django._cache.get_client() is not django._cache.get_client()


def test_it_is_still_the_whole_cache_api(cache):
    cache.set("a", {"số": 1}, 30)
    cache.set_many({"b": [1, 2], "c": "ba"}, 30)
    assert cache.get("a") == {"số": 1}
    assert cache.get_many(["a", "b", "c", "missing"]) == {"a": {"số": 1}, "b": [1, 2], "c": "ba"}
    assert cache.add("a", 2) is False and cache.add("d", 4) is True
    assert cache.incr("d") == 5
    cache.delete("a")
    assert cache.get("a", "gone") == "gone"


def test_threads_share_the_client_without_mixing_answers(cache):
    errors = []

    def work(n):
        for i in range(50):
            cache.set(f"k{n}", (n, i), 30)
            if cache.get(f"k{n}") != (n, i):
                errors.append((n, i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
