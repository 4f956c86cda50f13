"""Jobs on the real Redis and a real Celery worker started by the test.

- in this process (`celery.contrib.testing.worker.start_worker`): an upload job runs, reports progress
  through the status endpoint, and on a bad file writes nothing and reports every bad row;
- in a worker process of its own (tests/taken/werker.py): killed (SIGKILL) while the job's values are
  written but not committed, and restarted: the job runs again from scratch and writes once; a second
  delivery of the finished job does nothing.

Redis database 15 is the broker, 14 the cache (progress); both are flushed per test.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from indicatoren.models import Waarde
from taken.models import Taak, TaakStatus
from tests.hulp.api import token_client, upload

pytestmark = [pytest.mark.gelijktijdig, pytest.mark.postgres]

BROKER = "redis://127.0.0.1:6379/15"
CACHE = "redis://127.0.0.1:6379/14"
ROOT = Path(__file__).resolve().parents[2]
# A queue of this test run's own: no other worker on the same Redis (another checkout's tests) takes its jobs.
WACHTRIJ = f"wijkportaal-test-{os.getpid()}"
INDICATOR = "WerkerHuurachterstanden"


def _redis_of_overslaan():
    redis = pytest.importorskip("redis")
    try:
        for db in (14, 15):
            redis.Redis.from_url(f"redis://127.0.0.1:6379/{db}", socket_timeout=2).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis draait niet op 127.0.0.1:6379 (zie platform-notes: redis-server --daemonize yes ...)")


@pytest.fixture
def vastgelegd(django_db_setup, django_db_blocker):
    """A partner with its own dataset, committed for real: a worker in another thread or process only sees
    committed data. No test transaction and no flush of the whole database afterwards (which would take the
    real Hengelo data, also what the migrations wrote, away from every later test): these tests run against
    the session's database directly and remove exactly what they made."""
    from django.contrib.auth import get_user_model

    from indicatoren.models import Dataset, Domein, Indicator
    from toegang.models import Account, AuditRegel, Organisatie

    if not connection.settings_dict["NAME"].startswith("test_"):
        # pytest-django sets up the test database only for a session with a django_db test in it.
        pytest.fail("Draai deze tests samen met een database-test, bijv. pytest tests/taken/ (niet alleen -k ...).")
    with django_db_blocker.unblock():
        welbions = Organisatie.objects.get(code="welbions")
        gebruiker = get_user_model().objects.create_user(username="welbions-werker", password="x" * 20)
        Account.objects.create(gebruiker=gebruiker, rol="partner", organisatie=welbions)
        dataset = Dataset.objects.create(
            code="werker-intern", naam="Welbions (werkertest)", zichtbaarheid="intern", eigenaar=welbions
        )
        indicator = Indicator.objects.create(
            code=INDICATOR,
            naam="Huurachterstanden (werkertest)",
            domein=Domein.objects.get(code="wonen"),
            dataset=dataset,
        )
        try:
            yield gebruiker
        finally:
            Waarde.objects.filter(indicator=indicator).delete()
            Taak.objects.filter(gestart_door=gebruiker).delete()
            AuditRegel.objects.filter(gebruiker=gebruiker).delete()
            indicator.delete()
            dataset.delete()
            gebruiker.delete()


@pytest.fixture
def celery_redis(settings):
    """A Celery app of its own on the real Redis (no eager mode), current while the test runs: the project's
    app keeps its configuration (and its cached connections and routes) for the other tests."""
    from celery import Celery
    from celery._state import get_current_app

    _redis_of_overslaan()
    eerder = get_current_app()
    app = Celery("wijkportaal-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=BROKER,
        result_backend=BROKER,
        task_always_eager=False,
        task_default_queue=WACHTRIJ,
        broker_transport_options={"visibility_timeout": 3},
    )
    app.set_current()
    app.set_default()
    app.finalize(auto=True)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE}}
    settings.TAKEN_UPLOAD_DREMPEL_BYTES = 10
    try:
        yield app
    finally:
        eerder.set_current()
        eerder.set_default()
        app.close()
        _redis_of_overslaan()


def _bestand(aantal_per_gebied: int = 100) -> tuple[str, int]:
    from wijken.models import Gebied

    codes = list(
        Gebied.objects.filter(code__startswith="WK0164").values_list("code", flat=True).order_by("code")
    ) + list(Gebied.objects.filter(code__startswith="BU0164").values_list("code", flat=True).order_by("code"))
    maanden = [f"{2015 + i // 12}-{i % 12 + 1:02d}" for i in range(aantal_per_gebied)]
    regels = [f"{INDICATOR},{c},{m},{(i * 7) % 50}" for c in codes for i, m in enumerate(maanden)]
    return "indicator,gebied,periode,waarde\n" + "\n".join(regels) + "\n", len(regels)


def _geleverd() -> int:
    return Waarde.objects.filter(indicator__code=INDICATOR, periode__contains="-").count()


def _wacht_tot(voorwaarde, seconden: float, stap: float = 0.1):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if uitkomst := voorwaarde():
            return uitkomst
        time.sleep(stap)
    raise AssertionError(f"niet binnen {seconden} s")


@pytest.fixture
def in_proces_werker(celery_redis):
    from celery import signals
    from celery.contrib.testing.worker import start_worker

    def sluit(**_kwargs):  # the worker thread's own database connection, not left open for teardown
        connections.close_all()

    signals.task_postrun.connect(sluit, weak=False)
    with start_worker(celery_redis, perform_ping_check=False, pool="solo", shutdown_timeout=20, queues=[WACHTRIJ]):
        yield
    signals.task_postrun.disconnect(sluit)


def test_uploadtaak_op_echte_worker_meldt_voortgang_en_verslag(vastgelegd, in_proces_werker, monkeypatch):
    from indicatoren.api import levering

    echt = levering._geteld

    def langzaam(rijen, voortgang, elke=1000):  # slow enough to watch: 0.2 s per 500 rows
        for n, rij in enumerate(echt(rijen, voortgang, elke=500), start=1):
            if n % 500 == 0:
                time.sleep(0.2)
            yield rij

    monkeypatch.setattr(levering, "_geteld", langzaam)
    client, _ = token_client(vastgelegd)
    tekst, aantal = _bestand()
    antwoord = upload(client, tekst)
    assert antwoord.status_code == 202
    url = f"/api/v1/taken/{antwoord.json()['id']}/"

    gezien = []

    def klaar():
        taak = client.get(url).json()
        gezien.append((taak["status"], taak["voortgang"], taak["voortgang_tekst"]))
        return taak if taak["status"] in ("klaar", "mislukt") else None

    try:
        taak = _wacht_tot(klaar, 120, stap=0.05)
    except AssertionError:
        raise AssertionError(f"de taak werd niet klaar: {gezien[-3:]}") from None
    assert taak["status"] == "klaar", taak
    assert taak["resultaat"] == {
        "bestand": "levering.csv",
        "gelezen": aantal,
        "nieuw": aantal,
        "gewijzigd": 0,
        "ongewijzigd": 0,
    }
    tussenstanden = [p for s, p, _ in gezien if s == "bezig" and p is not None and 0 < p < 100]
    assert tussenstanden, gezien
    assert tussenstanden == sorted(tussenstanden)  # progress only goes forward
    assert any("rijen gecontroleerd" in t for s, _, t in gezien if s == "bezig")
    assert _geleverd() == aantal

    # A bad file on the same worker: every bad row reported, nothing written (one test: each transactional
    # test restores the whole Hengelo database afterwards).
    Waarde.objects.filter(indicator__code=INDICATOR, periode__contains="-").delete()
    tekst, aantal = _bestand(20)
    regels = tekst.splitlines()
    for nummer in (5, 17, 40):  # line numbers as the file counts them (header = line 1)
        regels[nummer - 1] = regels[nummer - 1].replace(INDICATOR, "BestaatNiet")
    regels[60 - 1] = regels[60 - 1].rsplit(",", 1)[0] + ",veel"
    antwoord = upload(client, "\n".join(regels) + "\n")
    url = f"/api/v1/taken/{antwoord.json()['id']}/"
    taak = _wacht_tot(lambda: (t := client.get(url).json())["status"] in ("klaar", "mislukt") and t, 60)
    assert taak["status"] == "mislukt"
    assert taak["fout"]["aantal_fouten"] == 4
    assert [f["regel"] for f in taak["fout"]["fouten"]] == [5, 17, 40, 60]
    assert _geleverd() == 0


def _start_werker(tmp_path, naam: str, **extra) -> subprocess.Popen:
    db = connection.settings_dict
    omgeving = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "REDIS_URL": CACHE,
        "CELERY_VISIBILITY_TIMEOUT_S": "3",
        "WIJKPORTAAL_COMMANDO": "1",
        "WERKER_WACHTRIJ": WACHTRIJ,
        **extra,
    }
    log = open(tmp_path / f"{naam}.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "tests.taken.werker"], cwd=ROOT, env=omgeving, stdout=log, stderr=log
    )


def test_gedode_worker_schrijft_na_herstart_niet_dubbel(vastgelegd, celery_redis, tmp_path):
    from taken.tasks import levering_verwerken

    client, _ = token_client(vastgelegd)
    tekst, aantal = _bestand(30)
    taak_id = upload(client, tekst).json()["id"]  # on the queue in Redis; no worker yet

    teken = tmp_path / "geschreven"
    eerste = _start_werker(tmp_path, "eerste", WERKER_PAUZE_S="40", WERKER_TEKEN=str(teken))
    try:
        _wacht_tot(teken.exists, 120)
        # The values are written in the job's open transaction: nobody else sees them.
        assert _geleverd() == 0
        assert Taak.objects.get(pk=taak_id).status == TaakStatus.BEZIG
        eerste.send_signal(signal.SIGKILL)
        eerste.wait(10)
    finally:
        if eerste.poll() is None:
            eerste.kill()
    assert _geleverd() == 0  # PostgreSQL rolled the killed worker's transaction back

    tweede = _start_werker(tmp_path, "tweede")
    try:
        # kombu's Redis transport hands an unacknowledged message out again only when a worker's periodic check
        # (every 10 s) actually restores, which it does on every 10th check: up to ~110 s after the restart.
        taak = _wacht_tot(lambda: (t := Taak.objects.get(pk=taak_id)).is_afgelopen and t, 240, stap=0.3)
        assert taak.status == TaakStatus.KLAAR, (tmp_path / "tweede.log").read_text()
        assert taak.pogingen == 2  # the killed attempt and the one after the restart
        assert taak.resultaat["nieuw"] == aantal and taak.resultaat["ongewijzigd"] == 0
        assert _geleverd() == aantal
        bijgewerkt = set(Waarde.objects.filter(indicator__code=INDICATOR).values_list("bijgewerkt_op", flat=True))

        # The same message once more (a broker redelivers after a lost acknowledgement): nothing happens.
        assert levering_verwerken.delay(taak_id).get(timeout=30) == TaakStatus.KLAAR
        taak.refresh_from_db()
        assert taak.pogingen == 2 and taak.resultaat["nieuw"] == aantal
        assert (
            set(Waarde.objects.filter(indicator__code=INDICATOR).values_list("bijgewerkt_op", flat=True)) == bijgewerkt
        )
    finally:
        tweede.send_signal(signal.SIGTERM)
        try:
            tweede.wait(20)
        except subprocess.TimeoutExpired:
            tweede.kill()
