"""The job queue's settings: eager without a broker (the first run), Redis from REDIS_URL or
CELERY_BROKER_URL, a clear error on anything else; the worker gets the commands' statement timeout."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def laad(code: str, argv0: str = "-c", **env) -> subprocess.CompletedProcess:
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "CELERY_BROKER_URL", "WIJKPORTAAL_COMMANDO", "DATABASE_URL"}
    }
    omgeving.update({"DEBUG": "1", **env})
    voorwerk = (
        f"import sys; sys.argv[0] = {argv0!r}; import os; os.environ['DJANGO_SETTINGS_MODULE']='wijkportaal.settings'; "
    )
    return subprocess.run(
        [sys.executable, "-c", voorwerk + code], cwd=ROOT, env=omgeving, capture_output=True, text=True
    )


TOON = (
    "import wijkportaal; from django.conf import settings; "
    "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, settings.CELERY_RESULT_BACKEND)"
)


def test_zonder_broker_draait_alles_meteen():
    uit = laad(TOON)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.split() == ["True", "memory://localhost/", "None"]


def test_redis_url_is_ook_de_broker():
    uit = laad(TOON, REDIS_URL="redis://127.0.0.1:6379/3")
    assert uit.stdout.split() == ["False", "redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/3"]


def test_verkeerde_broker_is_een_duidelijke_fout():
    uit = laad(TOON, CELERY_BROKER_URL="amqp://guest@localhost//")
    assert uit.returncode != 0 and "CELERY_BROKER_URL must be a redis:// URL" in uit.stderr


def test_de_worker_krijgt_de_time_out_van_commandos():
    code = "import wijkportaal; print(os.environ.get('WIJKPORTAAL_COMMANDO'))"
    assert laad(code, argv0="/srv/venv/bin/celery").stdout.strip() == "1"
    assert laad(code, argv0="/srv/venv/bin/gunicorn").stdout.strip() == "None"
