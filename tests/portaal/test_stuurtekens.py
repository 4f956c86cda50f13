"""Issue 16 item 9: a NUL (or another control character) in a URL, a query, a form, a JSON body or an
uploaded CSV is refused with a 400 at the edge, never an unhandled 500; OPTIONS on the API answers."""

import json
from datetime import date

import pytest

from signalen.models import Signaal
from tests.hulp.api import upload
from tests.hulp.signalen import BOVENHOEK, categorie, punt_in
from toegang.models import AuditRegel

pytestmark = pytest.mark.django_db

URLS_MET_NUL = [
    "/openbaar/gebied/%00/",
    "/gebied/%00/",
    "/gebied/WK016403/trend/%00/",
    "/gebied/%00/analyse/",
    "/api/v1/gebieden/%00/",
    "/api/v1/indicatoren/%00/",
    "/api/v1/signalen/%00/",
    "/api/v1/tokens/%00/",
    "/kaart/?indicator=%00",
    "/openbaar/?q=a%00b",
    "/signalen/?status=%01",
]


@pytest.fixture
def geen_exceptie(client_regisseur, client_anoniem):
    for c in (client_regisseur, client_anoniem):
        c.raise_request_exception = False
    return client_regisseur, client_anoniem


@pytest.mark.parametrize("url", URLS_MET_NUL)
def test_control_character_in_url_is_400(geen_exceptie, url):
    regisseur, anoniem = geen_exceptie
    client = anoniem if url.startswith("/openbaar/") else regisseur
    antwoord = client.get(url)
    assert antwoord.status_code == 400, antwoord.content[:300]
    if url.startswith("/api/"):
        assert "stuurteken" in antwoord.json()["detail"]
        regel = AuditRegel.objects.order_by("-id").first()
        assert regel.status == 400 and regel.gebruiker.username == "regisseur"
        assert "\x00" not in regel.pad
    else:
        assert "Ongeldig verzoek" in antwoord.content.decode()


def test_nul_in_signal_form_is_400_and_nothing_written(geen_exceptie):
    regisseur, _ = geen_exceptie
    lon, lat = punt_in(BOVENHOEK)
    antwoord = regisseur.post(
        "/signalen/nieuw/",
        {
            "omschrijving": "Matras\x00 gedumpt.",
            "categorie": str(categorie("grofvuil-straat").pk),
            "bron": "telefoon",
            "aantal_bewoners": "2",
            "datum_voorval": date.today().isoformat(),
            "lon": f"{lon:.6f}",
            "lat": f"{lat:.6f}",
        },
    )
    assert antwoord.status_code == 400
    assert not Signaal.objects.exists()


@pytest.mark.parametrize("veld", ["omschrijving", "melder_naam", "adres"])
def test_nul_in_signal_api_body_is_400_and_audited(geen_exceptie, veld):
    regisseur, _ = geen_exceptie
    lon, lat = punt_in(BOVENHOEK)
    data = {
        "omschrijving": "Zwerfafval bij de speeltuin.",
        "categorie": "afval-naast-container",
        "bron": "bewoner",
        "datum_voorval": date.today().isoformat(),
        "lon": lon,
        "lat": lat,
    }
    data[veld] = "met\x00nul"
    antwoord = regisseur.post("/api/v1/signalen/", json.dumps(data), content_type="application/json")
    assert antwoord.status_code == 400, antwoord.content[:300]
    assert "stuurteken" in antwoord.json()["detail"]
    assert not Signaal.objects.exists()
    assert AuditRegel.objects.order_by("-id").values_list("methode", "status").first() == ("POST", 400)


def test_nul_after_the_first_4_kb_of_a_csv_is_a_row_error(client_partner_a, partnerdata):
    client_partner_a.raise_request_exception = False
    kop = "indicator,gebied,periode,waarde,toelichting\n"
    rij = "WelbionsHuurachterstanden,WK016401,2024,25,{}\n"
    rijen = [rij.format("x" * 10) for _ in range(120)]  # well past 4 KB
    tekst = kop + "".join(rijen) + rij.format("met\x00nul")
    assert tekst.index("\x00") > 4096
    antwoord = upload(client_partner_a, tekst)
    assert antwoord.status_code == 400, antwoord.content[:300]
    fout = antwoord.json()["fouten"][0]
    assert fout["regel"] == 122 and "U+0000" in fout["melding"]


@pytest.mark.parametrize("pad", ["/api/v1/signalen/", "/api/v1/waarden/upload/", "/api/v1/tokens/"])
def test_options_answers_for_a_logged_in_role(client_regisseur, pad):
    antwoord = client_regisseur.options(pad)
    assert antwoord.status_code == 200
    assert antwoord.json()["renders"] and "Allow" in antwoord.headers
    assert AuditRegel.objects.order_by("-id").values_list("methode", "status").first() == ("OPTIONS", 200)


def test_tab_and_newline_stay_allowed_in_text(client_regisseur):
    lon, lat = punt_in(BOVENHOEK)
    data = {
        "omschrijving": "Regel een\nregel twee\tmet tab.",
        "categorie": "afval-naast-container",
        "bron": "bewoner",
        "datum_voorval": date.today().isoformat(),
        "lon": lon,
        "lat": lat,
    }
    antwoord = client_regisseur.post("/api/v1/signalen/", json.dumps(data), content_type="application/json")
    assert antwoord.status_code == 201, antwoord.content[:300]


def test_an_unhandled_api_error_is_still_audited(client_regisseur, monkeypatch):
    from signalen.api import SignalenView

    def stuk(self, request):
        raise RuntimeError("kapot")

    monkeypatch.setattr(SignalenView, "get", stuk)
    client_regisseur.raise_request_exception = False
    assert client_regisseur.get("/api/v1/signalen/?status=open").status_code == 500
    regel = AuditRegel.objects.order_by("-id").first()
    assert (regel.methode, regel.status, regel.gebruikersnaam, regel.parameters) == (
        "GET",
        500,
        "regisseur",
        "status=open",
    )
