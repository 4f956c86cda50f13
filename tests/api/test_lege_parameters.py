"""Issue 16 item 19: a query parameter given without a value (`?niveau=`) is a 400 with a clear message,
in the API and on the pages that read parameters, instead of silently meaning "not given"."""

from html import unescape

import pytest

from tests.hulp.api import controleer_contract

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "naam"),
    [
        ("/api/v1/gebieden/?niveau=", "niveau"),
        ("/api/v1/gebieden/?niveau=%20", "niveau"),
        ("/api/v1/gebieden/?ouder=GM0164&niveau=", "niveau"),
        ("/api/v1/gebieden/WK016403/?jaar=", "jaar"),
        ("/api/v1/indicatoren/?domein=", "domein"),
        ("/api/v1/waarden/?indicator=AantalInwoners&periode=", "periode"),
        ("/api/v1/waarden/?indicator=", "indicator"),
        ("/api/v1/waarden/?indicator=AantalInwoners&limit=", "limit"),
        ("/api/v1/indicatoren/?offset=", "offset"),
        ("/api/v1/gebieden/?format=", "format"),
    ],
)
def test_api_refuses_an_empty_parameter(client_anoniem, url, naam):
    antwoord = client_anoniem.get(url)
    assert antwoord.status_code == 400, (url, antwoord.content[:200])
    assert naam in antwoord.json(), antwoord.json()
    assert "leeg" in str(antwoord.json()[naam]) or "geen geheel getal" in str(antwoord.json()[naam])
    if naam != "format":
        controleer_contract(antwoord, "get", url.split("?")[0].replace("WK016403", "{code}"))


def test_api_without_the_parameter_still_works(client_anoniem):
    assert client_anoniem.get("/api/v1/gebieden/?ouder=GM0164").status_code == 200


def test_signalen_api_refuses_an_empty_parameter(client_beleid):
    antwoord = client_beleid.get("/api/v1/signalen/?status=")
    assert antwoord.status_code == 400 and "status" in antwoord.json()


@pytest.mark.parametrize(
    ("url", "naam"),
    [
        ("/kaart/?niveau=", "'niveau'"),
        ("/kaart/?indicator=AantalInwoners&jaar=", "'jaar'"),
        ("/combineer/?x=&y=Woningvoorraad", "'x'"),
        ("/gebied/WK016403/index/?basisjaar=", "'basisjaar'"),
        ("/signalen/cijfers/?maanden=", "'maanden'"),
        ("/signalen/hotspots/?maand=", "'maand'"),
        ("/gebied/WK016403/?formaat=", "'formaat'"),
        ("/gebied/WK016403/?formaat=csv&tabel=", "'tabel'"),
    ],
)
def test_pages_refuse_an_empty_parameter(client, url, naam):
    antwoord = client.get(url)
    assert antwoord.status_code == 400, url
    html = unescape(antwoord.content.decode())
    assert naam in html and "is leeg in het adres" in html


def test_two_empty_parameters_are_named_together(client):
    html = unescape(client.get("/kaart/?niveau=&jaar=").content.decode())
    assert "De parameters 'niveau' en 'jaar' zijn leeg" in html
    assert (
        'href="/kaart/?indicator=AantalInwoners"'
        in client.get("/kaart/?niveau=&indicator=AantalInwoners").content.decode()
    )


@pytest.mark.parametrize("methode", ["trace", "put", "delete"])
def test_an_undeclared_method_is_a_405_before_the_parameters_are_read(client_anoniem, methode):
    """Found by schemathesis in negative mode: TRACE with a bad ?format= answered 400 instead of 405."""
    antwoord = getattr(client_anoniem, methode)("/api/v1/waarden/?format=0&niveau=AAA")
    assert antwoord.status_code == 405
