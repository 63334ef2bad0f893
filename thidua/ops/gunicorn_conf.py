"""gunicorn settings for thidua: `gunicorn -c python:thidua.ops.gunicorn_conf thidua.wsgi
-b 127.0.0.1:8001 -w 4` (README, "Deploying on PostgreSQL"). The app is loaded once in the
master and warmed up there (`ops.warmup`) before the workers are forked, so a new or
restarted worker does not answer its first requests slowly."""

preload_app = True


def when_ready(server):  # gunicorn hook: in the master, app loaded, workers not yet forked
    if not server.cfg.preload_app:  # preload_app off: the app is not loaded in the master
        return
    from thidua.ops.warmup import warm_up

    done = warm_up()
    server.log.info(
        "thidua warm-up: %s templates compiled, %s static files in the manifest%s",
        done["templates"],
        done["static_files"],
        "".join(f"; skipped {item}" for item in done["skipped"]),
    )
