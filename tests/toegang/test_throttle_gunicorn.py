"""The API throttle and the log-in brake over two gunicorn workers sharing Redis: the limit holds for the
whole server, not per worker (issue 16, "throttles over two gunicorn workers with Redis").

Starts `gunicorn -w 2` on THROTTLE_TEST_PORT (default 8104) against the test database and Redis database
THROTTLE_TEST_REDIS (default redis://127.0.0.1:6379/4, flushed). Skipped with the reason when gunicorn or
Redis is missing; CI has both."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import WACHTWOORD

ROOT = Path(__file__).resolve().parents[2]
POORT = int(os.environ.get("THROTTLE_TEST_PORT", "8104"))
REDIS = os.environ.get("THROTTLE_TEST_REDIS", "redis://127.0.0.1:6379/4")
LIMIET = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gelijktijdig,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]


def _gunicorn() -> str:
    naast_python = Path(sys.executable).with_name("gunicorn")
    return str(naast_python) if naast_python.exists() else (shutil.which("gunicorn") or "")


def _redis_leeg() -> None:
    try:
        import redis

        client = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means: no Redis to test with
        pytest.skip(f"no Redis at {REDIS} ({exc}); CI has one")
    client.flushdb()


@pytest.fixture
def server():
    gunicorn = _gunicorn()
    if not gunicorn:
        pytest.skip("gunicorn is not installed; CI installs it")
    _redis_leeg()
    d = connection.settings_dict
    omgeving = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "WIJKPORTAAL_COMMANDO"}},
        # DEBUG=1 only so that the log-in page renders without collectstatic's manifest; the brake and the
        # throttles do not depend on it.
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{d['USER']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}",
        "REDIS_URL": REDIS,
        "API_RATE_ANONIEM": f"{LIMIET}/minute",
        "DB_CONN_MAX_AGE": "0",
    }
    proces = subprocess.Popen(
        [gunicorn, "-w", "2", "-b", f"127.0.0.1:{POORT}", "--access-logfile", "-", "wijkportaal.wsgi"],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    begin = time.monotonic()
    while time.monotonic() - begin < 30:
        try:
            socket.create_connection(("127.0.0.1", POORT), timeout=0.5).close()
            break
        except OSError:
            if proces.poll() is not None:
                pytest.fail(f"gunicorn stopped: {proces.stdout.read()[-2000:]}")
            time.sleep(0.2)
    # The port is open as soon as gunicorn's master binds it; wait until a worker answers (a 404 of a path
    # that nothing throttles or counts), as a booting worker on a busy machine can take well over 10 s.
    while time.monotonic() - begin < 90:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{POORT}/gunicorn-gereed/", timeout=5).close()
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if proces.poll() is not None:
                pytest.fail(f"gunicorn stopped: {proces.stdout.read()[-2000:]}")
            time.sleep(0.5)
    time.sleep(1.5)  # let the other worker finish booting too
    yield f"http://127.0.0.1:{POORT}"
    proces.terminate()
    try:
        proces.wait(10)
    except subprocess.TimeoutExpired:
        proces.kill()
    _redis_leeg()


def _status(url: str, **kwargs) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, **kwargs), timeout=10) as antwoord:
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def test_the_anonymous_throttle_holds_over_two_workers(server):
    statussen = [
        _status(f"{server}/api/v1/gebieden/?limit=1", headers={"X-Forwarded-For": f"198.51.100.{i}"})
        for i in range(LIMIET + 15)
    ]
    # Per worker (no shared cache) up to 2 x 20 would pass; a forged X-Forwarded-For must not help either.
    assert statussen.count(200) == LIMIET, statussen
    assert statussen.count(429) == 15, statussen


def _inlogpoging(server: str, wachtwoord: str) -> str:
    """One log-in attempt as a fresh browser (its own cookies and CSRF token): the page it gets back."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    pagina = opener.open(f"{server}/inloggen/", timeout=10).read().decode()
    token = pagina.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "beleid", "password": wachtwoord})
    verzoek = urllib.request.Request(f"{server}/inloggen/", data=data.encode(), headers={"Referer": server})
    try:
        with opener.open(verzoek, timeout=10) as antwoord:
            return antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return f"HTTP {fout.code}"


def test_the_log_in_brake_holds_over_two_workers(server, beleidsmedewerker):
    pogingen = [_inlogpoging(server, "fout") for _ in range(5)]
    assert all("Onbekende combinatie" in p for p in pogingen)
    # Counted in Redis by both workers: the sixth attempt is braked, even with the right password.
    for _ in range(3):
        assert "Te veel mislukte pogingen" in _inlogpoging(server, WACHTWOORD)
