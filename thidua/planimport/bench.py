"""``thidua bench importer``: import time of each bundled seed plan (best of three)."""

from .accuracy import seed_timings


def run(stdout, args: list[str]) -> None:
    timings = seed_timings()
    for name, seconds, chars in timings:
        stdout.write(f"{name}: {seconds * 1000:.0f} ms ({chars} characters)")
    slowest = max(seconds for _, seconds, _ in timings)
    stdout.write(f"importer_max_ms={slowest * 1000:.0f}")
