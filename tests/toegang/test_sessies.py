"""Issue 16 item 16: a session ends after 30 idle minutes (sliding) and 10 hours after log-in however
active; every answer to a logged-in person or an API key carries Cache-Control: no-store."""

import time

import pytest
from django.test import Client

from tests.conftest import WACHTWOORD
from tests.hulp.api import token_client
from toegang.middleware import INGELOGD_OP, LAATST_ACTIEF

pytestmark = pytest.mark.django_db


def _ingelogd(beleidsmedewerker) -> Client:
    client = Client()
    assert client.post("/inloggen/", {"username": "beleid", "password": WACHTWOORD}).status_code == 302
    return client


def _zet(client, **waarden):
    sessie = client.session
    for sleutel, waarde in waarden.items():
        sessie[sleutel] = waarde
    sessie.save()


def test_an_idle_session_is_logged_out_after_30_minutes(beleidsmedewerker):
    client = _ingelogd(beleidsmedewerker)
    assert client.get("/wijken/").status_code == 200
    _zet(client, **{LAATST_ACTIEF: int(time.time()) - 31 * 60})
    antwoord = client.get("/wijken/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
    assert client.get("/wijken/").status_code == 302  # the session is gone, not just this request


def test_activity_slides_the_idle_timeout(beleidsmedewerker):
    client = _ingelogd(beleidsmedewerker)
    _zet(client, **{LAATST_ACTIEF: int(time.time()) - 29 * 60})
    assert client.get("/wijken/").status_code == 200
    assert client.session[LAATST_ACTIEF] >= int(time.time()) - 5  # moved on by the request


def test_the_absolute_limit_ends_even_an_active_session(beleidsmedewerker):
    client = _ingelogd(beleidsmedewerker)
    nu = int(time.time())
    _zet(client, **{INGELOGD_OP: nu - 10 * 3600 - 60, LAATST_ACTIEF: nu - 10})
    antwoord = client.get("/wijken/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_the_session_cookie_does_not_outlive_the_absolute_limit(beleidsmedewerker):
    client = _ingelogd(beleidsmedewerker)
    assert client.cookies["sessionid"]["max-age"] == 10 * 3600


@pytest.mark.parametrize("url", ["/", "/gebied/WK016403/", "/signalen/", "/api/v1/gebieden/?limit=1"])
def test_logged_in_answers_are_not_stored(client_regisseur, url):
    antwoord = client_regisseur.get(url)
    assert antwoord.status_code == 200
    assert "no-store" in antwoord["Cache-Control"]


def test_answers_to_an_api_key_are_not_stored(partner_a):
    client, _ = token_client(partner_a, "dashboard")
    assert "no-store" in client.get("/api/v1/signalen/")["Cache-Control"]


def test_anonymous_public_pages_keep_their_caching(client_anoniem):
    antwoord = client_anoniem.get("/openbaar/")
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.get("Cache-Control", "")
