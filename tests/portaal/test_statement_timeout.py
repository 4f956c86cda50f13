"""Issue 16 item 18: a worker killed mid-statement (gunicorn's timeout, kill -9) must not leave its statement
running with row locks: PostgreSQL ends it after the statement timeout, and an idle open transaction after
idle_in_transaction_session_timeout. Both come from settings (DB_*_TIMEOUT_S)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gelijktijdig,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

# A worker: locks a row, then runs a long statement (or sits idle in its transaction) until it is killed.
WERKER = """
import os, sys, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "wijkportaal.settings"
django.setup()
from django.db import connection, transaction
with transaction.atomic():
    with connection.cursor() as c:
        c.execute("SELECT id FROM wijken_gebied WHERE code = 'WK016403' FOR UPDATE")
        print(connection.connection.info.backend_pid, flush=True)
        if sys.argv[1] == "statement":
            c.execute("SELECT pg_sleep(60)")
        else:
            time.sleep(60)
"""


def _db_url() -> str:
    d = connection.settings_dict
    return f"postgres://{d['USER']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


def _werker(soort: str, **env) -> tuple[subprocess.Popen, int]:
    omgeving = {**os.environ, "DEBUG": "1", "DATABASE_URL": _db_url(), **env}
    omgeving.pop("WIJKPORTAAL_COMMANDO", None)
    proces = subprocess.Popen(
        [sys.executable, "-c", WERKER, soort], cwd=ROOT, env=omgeving, stdout=subprocess.PIPE, text=True
    )
    assert proces.stdout is not None
    pid = int(proces.stdout.readline())
    return proces, pid


def _actief(pid: int) -> bool:
    """Whether the worker's backend still exists (running, idle in its transaction, or aborted)."""
    with connection.cursor() as c:
        c.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return c.fetchone() is not None


def _wacht_tot_weg(pid: int, seconden: float) -> float:
    begin = time.monotonic()
    while time.monotonic() - begin < seconden:
        if not _actief(pid):
            return time.monotonic() - begin
        time.sleep(0.2)
    return float("inf")


def test_settings_put_both_timeouts_on_every_connection():
    with connection.cursor() as c:
        c.execute("SHOW statement_timeout")
        assert c.fetchone()[0] == "30s"
        c.execute("SHOW idle_in_transaction_session_timeout")
        assert c.fetchone()[0] == "1min"


def test_a_killed_workers_statement_ends_at_the_statement_timeout():
    proces, pid = _werker("statement", DB_STATEMENT_TIMEOUT_S="3")
    time.sleep(0.5)
    assert _actief(pid)
    os.kill(proces.pid, signal.SIGKILL)
    proces.wait()
    assert _wacht_tot_weg(pid, 10) < 10, "the statement of a killed worker is still running"


def test_a_killed_workers_idle_transaction_ends_and_releases_its_locks():
    proces, pid = _werker("idle", DB_IDLE_IN_TRANSACTION_TIMEOUT_S="2")
    time.sleep(0.5)
    os.kill(proces.pid, signal.SIGSTOP)  # hung, not gone: its connection stays open, idle in transaction
    try:
        assert _wacht_tot_weg(pid, 10) < 10
        with connection.cursor() as c:  # the row lock is free again
            c.execute("SET lock_timeout = '1s'")
            c.execute("SELECT id FROM wijken_gebied WHERE code = 'WK016403' FOR UPDATE")
            c.execute("RESET lock_timeout")
    finally:
        os.kill(proces.pid, signal.SIGKILL)
        proces.wait()
