"""What a gunicorn worker's first requests would otherwise pay, done once in the master
before the workers are forked (`gunicorn -c python:thidua.ops.gunicorn_conf`, which
preloads the app): every view module imported through the URLconf, every template
compiled by the cached loader, the static files' manifest read. A worker forked after it
shares all of that, so its first page no longer pays for the imports and the template
compiling (measured: the first home page of a fresh process ~700 ms → ~50 ms; later ones
~8 ms).

Nothing here opens a connection that would be shared by the forked workers: the database
connections are closed at the end (a template or a module could touch one)."""

from pathlib import Path


def template_names(engine) -> list[str]:
    """Every template of a Django template engine: its DIRS and its apps' templates."""
    from django.template.utils import get_app_template_dirs

    dirs = [Path(d) for d in engine.dirs]
    if engine.app_dirs:
        dirs += [Path(d) for d in get_app_template_dirs("templates")]
    names = set()
    for root in dirs:
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".svg"}:
                names.add(path.relative_to(root).as_posix())
    return sorted(names)


def warm_up() -> dict:
    """Returns what was done; a step that fails is skipped and named in `skipped` (the
    warm-up only saves time: a broken manifest, say, is for `/healthz` to report, not a
    reason for the server not to start)."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db import connections
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver

    done = {"templates": 0, "static_files": 0, "skipped": []}
    try:
        try:
            get_resolver().reverse_dict  # noqa: B018 - imports every view, fills the table
        except Exception as exc:  # noqa: BLE001 - see the docstring
            done["skipped"].append(f"URLconf: {exc}")
        for engine in engines.all():
            inner = getattr(engine, "engine", None)
            if inner is None:
                continue
            for name in template_names(inner):
                try:
                    engine.get_template(name)
                except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                    continue  # a fragment that is not a template on its own
                done["templates"] += 1
        if not settings.DEBUG:
            try:
                done["static_files"] = len(getattr(staticfiles_storage, "hashed_files", {}))
            except Exception as exc:  # noqa: BLE001 - see the docstring
                done["skipped"].append(f"static manifest: {exc}")
    finally:
        connections.close_all()
    return done
