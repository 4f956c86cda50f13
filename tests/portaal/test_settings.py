"""The one settings module is driven by the environment and fails loudly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def laad(**env) -> subprocess.CompletedProcess:
    omgeving = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    omgeving.update(env)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wijkportaal.settings'; "
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.ALLOWED_HOSTS)"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=omgeving, capture_output=True, text=True)


def test_debug_runs_on_sqlite_without_any_configuration():
    uit = laad(DEBUG="1")
    assert uit.returncode == 0, uit.stderr
    assert "sqlite3 True" in uit.stdout


def test_database_url_selects_postgresql():
    uit = laad(DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres")
    assert "postgresql" in uit.stdout


def test_empty_database_url_falls_back_to_sqlite():
    assert "sqlite3" in laad(DEBUG="1", DATABASE_URL="").stdout


@pytest.mark.parametrize(
    ("env", "melding"),
    [
        ({"DEBUG": "misschien"}, "DEBUG must be one of"),
        ({"DEBUG": "0"}, "SECRET_KEY must be set"),
        ({"DEBUG": "0", "SECRET_KEY": "kort"}, "at least 32 characters"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set"),
        ({"DEBUG": "1", "ALLOWED_HOSTS": "a,,b"}, "comma-separated list"),
    ],
)
def test_bad_settings_fail_loudly(env, melding):
    uit = laad(**env)
    assert uit.returncode != 0
    assert "ImproperlyConfigured" in uit.stderr and melding in uit.stderr


def test_production_settings_load_with_secret_and_hosts():
    uit = laad(DEBUG="0", SECRET_KEY="y" * 50, ALLOWED_HOSTS="wijkportaal.hengelo.nl")
    assert uit.returncode == 0, uit.stderr
    assert "False ['wijkportaal.hengelo.nl']" in uit.stdout


def test_the_portal_speaks_dutch_whatever_the_browser_asks(client_anoniem):
    # The UI is Dutch only: Django's own texts (form errors, dates) must not follow an English browser.
    response = client_anoniem.post("/inloggen/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Dit veld is vereist." in response.content.decode()
    assert "This field is required." not in response.content.decode()


def _deploy_check(**env) -> subprocess.CompletedProcess:
    # (DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' own, never a deployment's.)
    weg = {"DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    omgeving = {k: v for k, v in os.environ.items() if k not in weg}
    omgeving.update({"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "wijkportaal.hengelo.nl", **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=omgeving, capture_output=True, text=True
    )


def test_deploy_check_refuses_throttles_that_count_per_process():
    # Issue 16: an error (was a warning, toegang.W001): without a shared cache each worker counts alone.
    zonder = _deploy_check()
    assert zonder.returncode != 0 and "toegang.E001" in zonder.stderr + zonder.stdout
    met_redis = _deploy_check(REDIS_URL="redis://127.0.0.1:6379/15")
    assert "toegang.E001" not in met_redis.stderr + met_redis.stdout


def test_deploy_check_is_clean_with_the_production_settings():
    uit = _deploy_check(
        SECRET_KEY="k7#Qm2!vR9zL4pX8wT1nB6yH3jF5sD0aG-e_c+uV@oK&iM^r*Z1x",
        SECURE_HTTPS="1",
        REDIS_URL="redis://127.0.0.1:6379/4",
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "System check identified no issues (0 silenced)." in uit.stdout, uit.stdout + uit.stderr


def test_hsts_covers_subdomains_behind_tls():
    code = "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    omgeving = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    omgeving.update(
        DEBUG="0",
        SECRET_KEY="y" * 50,
        ALLOWED_HOSTS="wijkportaal.hengelo.nl",
        SECURE_HTTPS="1",
        DJANGO_SETTINGS_MODULE="wijkportaal.settings",
    )
    uit = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=omgeving, capture_output=True, text=True)
    assert uit.stdout.split() == ["31536000", "True"], uit.stderr


def test_a_bad_redis_url_fails_loudly():
    uit = laad(DEBUG="1", REDIS_URL="127.0.0.1:6379")
    assert uit.returncode != 0 and "REDIS_URL must be" in uit.stderr


def test_redis_url_gives_a_cache_shared_between_processes():
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    code = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE']='wijkportaal.settings'; django.setup(); "
        "from django.core.cache import cache; "
        "cache.set('gedeeld', 'ja', 30) if sys.argv[1] == 'zet' else print(cache.get('gedeeld'))"
    )
    omgeving = {**os.environ, "DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/15"}
    for stap in ("zet", "lees"):
        uit = subprocess.run([sys.executable, "-c", code, stap], cwd=ROOT, env=omgeving, capture_output=True, text=True)
        assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == "ja"
