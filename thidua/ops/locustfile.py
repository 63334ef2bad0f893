"""Locust users of `thidua bench load` (started by it; reads LOAD_* from the environment).

No Django import here: locust patches the standard library with gevent, and the users
only speak HTTP to the gunicorn that the bench started. The users are FastHttpUser
(geventhttpclient): a fraction of the CPU of requests per call, so the two cores measure
the app, not the load generator. Its responses keep the request URL (no final URL after a
redirect): a created dossier is read from the Location header instead.

One run covers every stage (`Ramp`): a stage keeps the users of the stage before and adds
its own, who arrive evenly over the first LOAD_ARRIVAL share of the stage, as officers
reach their desks, not all in the same second. Every request is written to LOAD_LOG
(start time, name, ms, error) and `bench_load` computes each stage's figures from it.
"""

import itertools
import os
import random
import re
import time
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlencode

from locust import LoadTestShape, between, events, task
from locust.contrib.fasthttp import FastHttpUser

DIR = Path(os.environ.get("LOAD_DIR", "."))
CAMPAIGN = os.environ.get("LOAD_CAMPAIGN", "0")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
STANDING, STANDING_SESSION = (os.environ.get("LOAD_STANDING", "") + ",").split(",")[:2]
LOGIN_SHARE = float(os.environ.get("LOAD_LOGIN_SHARE", "0.05"))
CSRF = "loadbenchcsrftoken0000000000000A"  # any 32 letters/digits is a valid CSRF secret
THINK = [float(x) for x in os.environ.get("LOAD_THINK", "5,20").split(",")]
FORM = "bang_khen_chu_tich_tinh"
PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"


def _officers():
    rows = []
    for line in (DIR / "officers.csv").read_text(encoding="utf-8").splitlines():
        username, unit, people, session = line.split(",")
        rows.append((username, unit, people.split(), session))
    return rows


OFFICERS = _officers() if (DIR / "officers.csv").exists() else []
NEXT_OFFICER = itertools.cycle(OFFICERS) if OFFICERS else None
NAMES = (
    (DIR / "names.txt").read_text(encoding="utf-8").splitlines()
    if (DIR / "names.txt").exists()
    else []
)
DOSSIER = re.compile(r"/ho-so/(\d+)/")
STAGES = [int(x) for x in os.environ.get("LOAD_STAGES", "").split(",") if x]
STAGE_SECONDS = float(os.environ.get("LOAD_STAGE_SECONDS", "60"))
ARRIVAL = float(os.environ.get("LOAD_ARRIVAL", "0.5"))
LOG = Path(os.environ.get("LOAD_LOG", str(DIR / "requests.tsv")))


class Ramp(LoadTestShape):
    """Stage k runs STAGES[k] users for STAGE_SECONDS; its new users (those above the
    previous stage's) arrive at an even rate over the first ARRIVAL share of the stage."""

    def tick(self):
        if not STAGES:
            return None
        stage = int(self.get_run_time() // STAGE_SECONDS)
        if stage >= len(STAGES):
            return None
        before = STAGES[stage - 1] if stage else 0
        arriving = max(1, STAGES[stage] - before)
        return STAGES[stage], max(0.1, arriving / max(1.0, ARRIVAL * STAGE_SECONDS))


_log = None


@events.test_start.add_listener
def _started(environment, **kwargs):
    global _log
    _log = LOG.open("w", encoding="utf-8", buffering=1)
    (LOG.parent / (LOG.name + ".started")).write_text(repr(time.time()), encoding="utf-8")


@events.request.add_listener
def _record(name, response_time, exception=None, start_time=None, **kwargs):
    if _log is not None:
        error = "" if exception is None else " ".join(str(exception).split())[:200]
        started = start_time if start_time is not None else time.time() - response_time / 1000
        _log.write(f"{started:.3f}\t{name}\t{response_time:.1f}\t{error}\n")


@events.test_stop.add_listener
def _stopped(environment, **kwargs):
    if _log is not None:
        _log.flush()


def _cookie(name: str, value: str, host: str) -> Cookie:
    return Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=host,
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )


class Thidua(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)

    def csrf(self) -> str:
        values = [c.value for c in self.client.cookiejar if c.name == "csrftoken"]
        return values[-1] if values else CSRF

    def start_session(self, username: str, session: str) -> None:
        """Most users were logged in earlier that day; a share logs in now."""
        if random.random() < LOGIN_SHARE or not session:
            self.login(username)
            return
        # Same domain and path as the server's own cookies, so its Set-Cookie replaces them.
        host = self.host.split("//", 1)[-1].split(":")[0]
        self.client.cookiejar.set_cookie(_cookie("sessionid", session, host))
        self.client.cookiejar.set_cookie(_cookie("csrftoken", CSRF, host))

    def post(self, url, data, name, files=None, **kw):
        data = {**data, "csrfmiddlewaretoken": self.csrf()}
        return self.client.post(
            url, data=data, files=files, name=name, headers={"Referer": self.host + url}, **kw
        )

    def login(self, username: str) -> None:
        self.client.get("/dang-nhap/", name="login page")
        with self.post(
            "/dang-nhap/",
            {"username": username, "password": PASSWORD},
            "login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            else:
                response.failure(f"login {username}: {response.status_code}")


class Officer(Thidua):
    """A unit officer on deadline day: one dossier after another for their unit."""

    weight = 8

    def on_start(self):
        self.username, self.unit, self.people, session = next(NEXT_OFFICER)
        self.start_session(self.username, session)
        self.dossier = None

    @task
    def work(self):
        step = getattr(self, "_step", 0)
        self._step = (step + 1) % 7
        [
            self.open_campaign,
            self.create_dossier,
            self.meeting,
            self.add_nominees,
            self.upload,
            self.submit,
            self.open_list,
        ][step]()

    def open_campaign(self):
        self.client.get("/", name="officer: home")
        self.client.get(f"/phong-trao/{CAMPAIGN}/", name="officer: campaign")

    def create_dossier(self):
        self.client.get(f"/ho-so/lap/?campaign={CAMPAIGN}", name="officer: new dossier form")
        with self.post(
            "/ho-so/lap/",
            {"proposer": self.unit, "campaign": CAMPAIGN, "kind": "phong_trao", "form_code": FORM},
            "officer: create dossier",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = (
                (response.headers or {}).get("Location", "") if response.status_code == 302 else ""
            )
            m = DOSSIER.search(location)
            if m:
                self.dossier = m.group(1)
                response.success()
            else:
                self.dossier = None
                response.failure(f"no dossier created ({response.status_code})")

    def meeting(self):
        if not self.dossier:
            return
        self.client.get(f"/ho-so/{self.dossier}/", name="officer: dossier")
        self.post(
            f"/ho-so/{self.dossier}/hop-xet/",
            {
                "title": "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
                "meeting_date": "01/12/2026",
                "meeting_attendees": "9",
                "meeting_total": "11",
            },
            "officer: meeting",
        )

    def add_nominees(self):
        if not self.dossier:
            return
        for person in random.sample(self.people, min(len(self.people), random.randint(1, 3))):
            self.post(
                f"/ho-so/{self.dossier}/doi-tuong/",
                {
                    "subject_kind": "individual",
                    "person": person,
                    "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026, có sáng kiến được công nhận.",
                    "votes_for": "9",
                },
                "officer: add nominee",
            )

    def upload(self):
        if not self.dossier:
            return
        for doc_type, name in (("to_trinh", "to_trinh.pdf"), ("bien_ban", "bien_ban.pdf")):
            self.post(
                f"/ho-so/{self.dossier}/tai-lieu/",
                {"doc_type": doc_type},
                "officer: upload",
                files={"file": (name, PDF, "application/pdf")},
            )

    def submit(self):
        if not self.dossier:
            return
        self.post(f"/ho-so/{self.dossier}/nop/", {}, "officer: submit")
        self.client.get(f"/ho-so/{self.dossier}/", name="officer: dossier")

    def open_list(self):
        self.client.get("/ho-so/", name="officer: dossier list")
        self.dossier = None


class StandingBody(Thidua):
    weight = 1

    def on_start(self):
        self.start_session(STANDING, STANDING_SESSION)

    @task(3)
    def queue(self):
        response = self.client.get("/ho-so/tham-dinh/", name="standing: queue")
        ids = DOSSIER.findall(response.text or "")
        if ids:
            self.client.get(f"/ho-so/{random.choice(ids)}/", name="standing: dossier")

    @task(1)
    def campaign(self):
        self.client.get(f"/phong-trao/{CAMPAIGN}/", name="standing: campaign")


class Public(Thidua):
    weight = 3

    @task(4)
    def search(self):
        name = random.choice(NAMES) if NAMES else "nguyen"
        words = name.split()
        q = " ".join(words[-2:]) if random.random() < 0.5 else words[-1].lower()
        self.client.get("/so-khen-thuong/tra-cuu/?" + urlencode({"q": q}), name="public: search")

    @task(1)
    def portal(self):
        self.client.get("/cong-khai/", name="public: portal")

    @task(1)
    def campaigns(self):
        self.client.get("/phong-trao/cong-khai/", name="public: campaigns")
