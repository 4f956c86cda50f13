"""Issue 16 items 7 and 8: the client address comes from a trusted proxy only (API throttle, log-in brake,
audit log), and user names are one canonical form (NFKC, case-folded) at log-in, in the brake and when an
account is made."""

import pytest
from django.test import Client, RequestFactory, override_settings
from rest_framework.throttling import SimpleRateThrottle

from tests.conftest import WACHTWOORD
from toegang.adres import client_adres, gebruikersnaam_normaal
from toegang.models import AuditRegel

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def lage_limiet(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "600/minute", "anon": "5/minute"})


def _verzoek(remote, xff=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_without_trusted_proxies():
    assert client_adres(_verzoek("192.0.2.7", "203.0.113.9")) == "192.0.2.7"


@override_settings(TRUSTED_PROXIES=[PROXY, "10.1.0.0/16"])
def test_forwarded_for_is_read_from_the_right_behind_trusted_proxies():
    assert client_adres(_verzoek(PROXY, "203.0.113.9")) == "203.0.113.9"
    # A forged entry the client wrote itself stays on the left: the proxy's own entry decides.
    assert client_adres(_verzoek(PROXY, "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    assert client_adres(_verzoek(PROXY, "203.0.113.9, 10.1.4.4")) == "203.0.113.9"  # two proxies of ours
    assert client_adres(_verzoek(PROXY, "rommel, 203.0.113.9")) == "203.0.113.9"
    assert client_adres(_verzoek(PROXY)) == PROXY
    assert client_adres(_verzoek("192.0.2.7", "203.0.113.9")) == "192.0.2.7"  # not from our proxy


def test_forged_forwarded_for_does_not_escape_the_anonymous_throttle(lage_limiet):
    anoniem = Client()
    statussen = [
        anoniem.get("/api/v1/gebieden/?limit=1", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(8)
    ]
    assert statussen == [200] * 5 + [429] * 3
    assert set(AuditRegel.objects.values_list("ip", flat=True)) == {"127.0.0.1"}


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(lage_limiet):
    achter_proxy = Client(REMOTE_ADDR=PROXY)
    eerste = [
        achter_proxy.get("/api/v1/gebieden/?limit=1", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code for _ in range(6)
    ]
    assert eerste == [200] * 5 + [429]
    assert achter_proxy.get("/api/v1/gebieden/?limit=1", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200
    assert AuditRegel.objects.order_by("-id").first().ip == "203.0.113.2"


def test_user_names_are_nfkc_and_case_folded():
    assert gebruikersnaam_normaal("𝐛𝐞𝐥𝐞𝐢𝐝") == "beleid"
    assert gebruikersnaam_normaal(" Beleid ") == "beleid"
    assert gebruikersnaam_normaal("ＢＥＬＥＩＤ") == "beleid"  # full-width
    assert gebruikersnaam_normaal(None) == ""


def _inloggen(client, naam, wachtwoord):
    return client.post("/inloggen/", {"username": naam, "password": wachtwoord})


def test_look_alike_names_share_the_brake(client_anoniem, beleidsmedewerker):
    for i in range(5):
        naam = ["beleid", "Beleid", "BELEID", "ＢＥＬＥＩＤ", "beleid "][i]
        assert _inloggen(Client(REMOTE_ADDR=f"192.0.2.{i}"), naam, "fout").status_code == 200
    geremd = _inloggen(Client(REMOTE_ADDR="192.0.2.99"), "𝐛𝐞𝐥𝐞𝐢𝐝", WACHTWOORD)
    assert geremd.status_code == 200
    assert "Te veel mislukte pogingen" in geremd.content.decode()


@pytest.mark.parametrize("naam", ["𝐛𝐞𝐥𝐞𝐢𝐝", "Beleid", "BELEID"])
def test_look_alike_names_log_in_as_the_one_account(naam, beleidsmedewerker):
    client = Client()
    assert _inloggen(client, naam, WACHTWOORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == beleidsmedewerker.pk


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_a_proxy_one_clients_failures_do_not_lock_out_others(beleidsmedewerker, maak_gebruiker):
    maak_gebruiker("ander", "beleidsmedewerker")
    for i in range(6):
        Client(REMOTE_ADDR=PROXY).post(
            "/inloggen/", {"username": f"gok{i}", "password": "fout"}, HTTP_X_FORWARDED_FOR="203.0.113.66"
        )
    aanvaller = Client(REMOTE_ADDR=PROXY)
    geremd = aanvaller.post(
        "/inloggen/", {"username": "ander", "password": WACHTWOORD}, HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    assert "Te veel mislukte pogingen" in geremd.content.decode()
    collega = Client(REMOTE_ADDR=PROXY)
    antwoord = collega.post(
        "/inloggen/", {"username": "beleid", "password": WACHTWOORD}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert antwoord.status_code == 302


def test_admin_stores_new_user_names_canonical_and_refuses_look_alikes(client_beheerder, beleidsmedewerker):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    data = {
        "password1": WACHTWOORD,
        "password2": WACHTWOORD,
        "usable_password": "true",
        **{f"account-{k}": v for k, v in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MAX_NUM_FORMS": "1"}.items()},
    }
    antwoord = client_beheerder.post("/beheer/auth/user/add/", {**data, "username": "𝐁𝐞𝐥𝐞𝐢𝐝"})
    assert antwoord.status_code == 200
    assert "Er is al een account met deze gebruikersnaam" in antwoord.content.decode()
    antwoord = client_beheerder.post("/beheer/auth/user/add/", {**data, "username": "Nieuwe.Collega"})
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert User.objects.filter(username="nieuwe.collega").exists()
