"""API keys (create once-visible, list, revoke), token authentication, throttling per token, audit log."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from tests.hulp.api import token_client
from toegang.models import ApiToken, AuditRegel

pytestmark = pytest.mark.django_db


def _maak(client, naam="levering"):
    response = client.post("/api/v1/tokens/", {"naam": naam}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_sleutel_alleen_bij_aanmaken_zichtbaar_en_alleen_als_hash_bewaard(client_partner_a):
    nieuw = _maak(client_partner_a, "nachtelijke levering")
    sleutel = nieuw["sleutel"]
    assert len(sleutel) >= 40 and nieuw["prefix"] == sleutel[:8] and nieuw["actief"] is True
    token = ApiToken.objects.get(pk=nieuw["id"])
    assert token.sleutel_hash == ApiToken.hash_van(sleutel) and sleutel not in token.sleutel_hash
    lijst = client_partner_a.get("/api/v1/tokens/").json()["results"]
    assert [t["naam"] for t in lijst] == ["nachtelijke levering"]
    assert "sleutel" not in lijst[0]
    assert "sleutel" not in client_partner_a.get(f"/api/v1/tokens/{nieuw['id']}/").json()
    # the key never reaches the audit log
    assert not AuditRegel.objects.filter(parameters__contains=sleutel).exists()


def test_lijst_toont_alleen_eigen_sleutels(client_partner_a, client_partner_b):
    _maak(client_partner_a, "van a")
    _maak(client_partner_b, "van b")
    assert [t["naam"] for t in client_partner_b.get("/api/v1/tokens/").json()["results"]] == ["van b"]


def test_naam_verplicht(client_partner_a):
    response = client_partner_a.post("/api/v1/tokens/", {"naam": "  "}, content_type="application/json")
    assert response.status_code == 400 and "naam" in response.json()


def test_hoogstens_twintig_actieve_sleutels(client_partner_a):
    for i in range(20):
        _maak(client_partner_a, f"s{i}")
    response = client_partner_a.post("/api/v1/tokens/", {"naam": "één te veel"}, content_type="application/json")
    assert response.status_code == 400 and "trek er eerst een in" in response.json()["naam"][0]


def test_sleutel_werkt_en_intrekken_is_blijvend(client_partner_a, partnerdata):
    nieuw = _maak(client_partner_a)
    machine = Client(HTTP_AUTHORIZATION=f"Token {nieuw['sleutel']}")
    assert machine.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden").status_code == 200
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {nieuw['sleutel']}")
    assert bearer.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden").status_code == 200
    assert client_partner_a.delete(f"/api/v1/tokens/{nieuw['id']}/").status_code == 204
    ingetrokken_op = ApiToken.objects.get(pk=nieuw["id"]).ingetrokken_op
    assert ingetrokken_op is not None
    response = machine.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden")
    assert response.status_code == 401
    assert response.json()["detail"] == "Ongeldige of ingetrokken API-sleutel."
    # revoking again changes nothing
    assert client_partner_a.delete(f"/api/v1/tokens/{nieuw['id']}/").status_code == 204
    assert ApiToken.objects.get(pk=nieuw["id"]).ingetrokken_op == ingetrokken_op
    assert client_partner_a.get(f"/api/v1/tokens/{nieuw['id']}/").json()["actief"] is False


@pytest.mark.parametrize(
    "kop",
    ["Token", "Token een twee", "Token onzin", "Bearer " + "x" * 43, "Token sl\u00e9utel"],
)
def test_ongeldige_sleutels_geven_401(kop):
    response = Client(HTTP_AUTHORIZATION=kop).get("/api/v1/gebieden/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Token realm="api"'
    assert AuditRegel.objects.order_by("-id").first().status == 401


def test_andere_authorization_schemas_zijn_anoniem():
    assert Client(HTTP_AUTHORIZATION="Basic YTpi").get("/api/v1/gebieden/?limit=1").status_code == 200


def test_sleutel_van_gedeactiveerde_gebruiker_werkt_niet(partner_a):
    client, _ = token_client(partner_a)
    partner_a.is_active = False
    partner_a.save()
    assert client.get("/api/v1/gebieden/?limit=1").status_code == 401


def test_laatst_gebruikt_hoogstens_eens_per_minuut(partner_a):
    client, sleutel = token_client(partner_a)
    token = ApiToken.objects.get(sleutel_hash=ApiToken.hash_van(sleutel))
    assert token.laatst_gebruikt_op is None
    client.get("/api/v1/gebieden/?limit=1")
    token.refresh_from_db()
    eerste = token.laatst_gebruikt_op
    assert eerste is not None
    half = timezone.now() - timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=half)
    client.get("/api/v1/gebieden/?limit=1")
    token.refresh_from_db()
    assert token.laatst_gebruikt_op == half  # within the minute: not written again
    oud = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=oud)
    client.get("/api/v1/gebieden/?limit=1")
    token.refresh_from_db()
    assert token.laatst_gebruikt_op > oud + timedelta(minutes=1)


# --- throttling ----------------------------------------------------------------------------------------


@pytest.fixture
def lage_limieten(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "anon": "2/minute"})


def test_throttle_per_sleutel(lage_limieten, partner_a):
    eerste, _ = token_client(partner_a, "een")
    tweede, _ = token_client(partner_a, "twee")
    assert [eerste.get("/api/v1/gebieden/?limit=1").status_code for _ in range(3)] == [200, 200, 200]
    geremd = eerste.get("/api/v1/gebieden/?limit=1")
    assert geremd.status_code == 429
    assert int(geremd["Retry-After"]) > 0
    assert AuditRegel.objects.order_by("-id").first().status == 429
    assert tweede.get("/api/v1/gebieden/?limit=1").status_code == 200  # its own bucket


def test_throttle_anoniem_per_adres(lage_limieten, client_partner_a):
    anoniem = Client()
    assert [anoniem.get("/api/v1/gebieden/?limit=1").status_code for _ in range(3)] == [200, 200, 429]
    assert Client(REMOTE_ADDR="10.0.0.8").get("/api/v1/gebieden/?limit=1").status_code == 200
    assert client_partner_a.get("/api/v1/gebieden/?limit=1").status_code == 200  # per user, not per address


# --- audit log -----------------------------------------------------------------------------------------


def test_auditregel_per_verzoek(partner_a, partnerdata):
    client, sleutel = token_client(partner_a, "dashboard")
    client.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden&periode=2024", REMOTE_ADDR="192.0.2.7")
    regel = AuditRegel.objects.order_by("-id").first()
    assert regel.gebruiker == partner_a and regel.token.naam == "dashboard"
    assert (regel.methode, regel.pad, regel.status, regel.aantal) == ("GET", "/api/v1/waarden/", 200, 2)
    assert regel.parameters == "indicator=WelbionsHuurachterstanden&periode=2024"
    assert regel.ip == "192.0.2.7"


def test_auditregel_anoniem_en_geweigerd(client_anoniem):
    client_anoniem.get("/api/v1/gebieden/WK016403/")
    regel = AuditRegel.objects.order_by("-id").first()
    assert regel.gebruiker is None and regel.token is None and regel.aantal == 1
    client_anoniem.get("/api/v1/tokens/")
    regel = AuditRegel.objects.order_by("-id").first()
    assert (regel.status, regel.aantal, regel.gebruiker) == (401, None, None)


def test_auditregel_voor_sessie_en_csv(client_beleid):
    client_beleid.get("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&format=csv")
    regel = AuditRegel.objects.order_by("-id").first()
    assert regel.gebruiker.username == "beleid" and regel.token is None and regel.aantal == 70
