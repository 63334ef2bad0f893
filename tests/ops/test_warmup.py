"""`ops.warmup`: what gunicorn's master does before forking the workers."""

from django.template import engines

from thidua.ops.warmup import template_names, warm_up


def _cached_loader():
    """Django's cached loader (inside template_partials' wrapper)."""
    (outer,) = engines["django"].engine.template_loaders
    (loader,) = [
        x for x in (outer, *getattr(outer, "loaders", ())) if hasattr(x, "get_template_cache")
    ]
    return loader


def test_every_template_is_compiled_into_the_cached_loader():
    names = template_names(engines["django"].engine)
    assert {"dossiers/detail.html", "base.html", "campaigns/detail.html"} <= set(names)
    loader = _cached_loader()
    loader.reset()
    assert loader.get_template_cache == {}
    done = warm_up()
    assert done["skipped"] == []
    assert done["templates"] >= len(names) - 5  # fragments that are not templates alone
    cached = {
        key.split("-")[0] if isinstance(key, str) else key for key in loader.get_template_cache
    }
    assert any("dossiers/detail.html" in str(key) for key in cached)


def test_a_failing_step_is_skipped_and_named(monkeypatch):
    import django.urls

    def broken():
        raise RuntimeError("URLconf hỏng")

    monkeypatch.setattr(django.urls, "get_resolver", broken)
    done = warm_up()
    assert done["skipped"] == ["URLconf: URLconf hỏng"]
    assert done["templates"] > 50
