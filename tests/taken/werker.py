"""A real Celery worker in its own process, for the crash test (tests/taken/test_worker.py).

With WERKER_PAUZE_S set, an upload job pauses right after writing its values, before its transaction
commits, and says so by creating the file WERKER_TEKEN: the test then kills this process (SIGKILL).
Everything else is the production code path (`celery -A wijkportaal worker --pool=solo`)."""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
django.setup()

if os.environ.get("WERKER_PAUZE_S"):
    from indicatoren import services

    echt = services.waarden_schrijven

    def schrijven_en_wachten(*args, **kwargs):
        uitslag = echt(*args, **kwargs)
        with open(os.environ["WERKER_TEKEN"], "w") as teken:
            teken.write("geschreven, niet vastgelegd")
        time.sleep(float(os.environ["WERKER_PAUZE_S"]))
        return uitslag

    services.waarden_schrijven = schrijven_en_wachten

from wijkportaal.celery import app  # noqa: E402

wachtrij = os.environ.get("WERKER_WACHTRIJ", "celery")
app.conf.task_default_queue = wachtrij
app.worker_main(
    ["worker", "--pool=solo", "--loglevel=INFO", "--without-heartbeat", "--without-mingle", "--without-gossip"]
    + ["-Q", wachtrij]
)
