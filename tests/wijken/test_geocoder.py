"""Find an address, street or postcode (issue 11 item 4): the PDOK Locatieserver client against a local fake
answering in its real layout (tests/conftest.py, fixture `pdok`), and a clear message when it is unreachable."""

import json
import socket

import pytest

from wijken.geocoder import GeocoderFout, lees_antwoord, punt_uit, zoek_adres


def test_a_point_is_read_from_centroide_ll():
    assert punt_uit("POINT(6.80893 52.27215)") == (6.80893, 52.27215)
    assert punt_uit(" POINT( -1.5 2 ) ") == (-1.5, 2.0)
    assert punt_uit("POLYGON((1 2, 3 4))") is None and punt_uit("") is None


def test_documents_without_a_point_are_left_out_and_a_wrong_envelope_is_an_error():
    docs = {"response": {"numFound": 2, "docs": [{"weergavenaam": "x"}, {"centroide_ll": "POINT(1 2)", "type": "weg"}]}}
    (adres,) = lees_antwoord(docs)
    assert (adres.lon, adres.lat, adres.soort, adres.buurtcode) == (1.0, 2.0, "weg", "")
    with pytest.raises(GeocoderFout, match="onverwacht"):
        lees_antwoord({"error": "bad"})


def test_the_client_asks_free_with_the_gemeente_filter_and_reads_the_solr_envelope(pdok, settings):
    (adres,) = zoek_adres("bovenhoekweg 12", basis_url=settings.PDOK_LOCATIESERVER_URL, gemeente_code="GM0164")
    assert adres.weergavenaam == "Bovenhoekweg 12, 7553VJ Hengelo"
    assert (adres.lon, adres.lat, adres.buurtcode, adres.wijkcode) == (6.80893, 52.27215, "BU01640300", "WK016403")
    (vraag,) = pdok
    assert vraag["q"] == ["bovenhoekweg 12"]
    assert "gemeentecode:0164" in vraag["fq"] and "type:(adres OR weg OR postcode)" in vraag["fq"]
    assert set(vraag) == {"q", "fq", "fl", "rows"}  # only parameters of the v3.1 OpenAPI spec


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_or_broken_geocoder_gives_a_clear_message(pdok, settings):
    with pytest.raises(GeocoderFout, match="niet bereikbaar"):
        zoek_adres("x", basis_url=f"http://127.0.0.1:{_vrije_poort()}/v3_1", gemeente_code="GM0164", timeout=2)
    with pytest.raises(GeocoderFout, match=r"fout \(404\)"):
        zoek_adres("x", basis_url=settings.PDOK_LOCATIESERVER_URL + "/bestaat-niet", gemeente_code="GM0164")
    with pytest.raises(GeocoderFout, match="staat uit"):
        zoek_adres("x", basis_url="", gemeente_code="GM0164")
    assert zoek_adres("   ", basis_url=settings.PDOK_LOCATIESERVER_URL, gemeente_code="GM0164") == []


@pytest.mark.django_db
def test_the_search_page_lists_an_address_with_its_buurt_and_wijk(client, pdok):
    html = client.get("/zoeken/?q=Bovenhoekweg 12").content.decode()
    assert "Bovenhoekweg 12, 7553VJ Hengelo" in html
    assert 'href="/gebied/BU01640300/"' in html and 'href="/gebied/WK016403/"' in html
    html = client.get("/zoeken/?q=Deldenerstraat").content.decode()
    assert "Deldenerstraat, Hengelo" in html and "loopt door meer buurten" in html


@pytest.mark.django_db
def test_the_search_page_says_when_the_geocoder_is_unreachable(client, settings):
    settings.PDOK_LOCATIESERVER_URL = f"http://127.0.0.1:{_vrije_poort()}/v3_1"
    html = client.get("/zoeken/?q=Marktstraat 1").content.decode()
    assert "niet bereikbaar" in html and "Zoeken op de naam van een wijk of buurt werkt wel" in html
    assert "Niets gevonden voor ‘Marktstraat 1’" in html


@pytest.mark.django_db
def test_the_address_lookup_for_the_signal_form_answers_json(client, pdok):
    data = json.loads(client.get("/zoeken/adres.json?q=bovenhoekweg").content)
    assert data["fout"] == ""
    assert data["adressen"] == [
        {
            "weergavenaam": "Bovenhoekweg 12, 7553VJ Hengelo",
            "soort": "adres",
            "lon": 6.80893,
            "lat": 52.27215,
            "buurtcode": "BU01640300",
            "buurt": "Bovenhoek",
            "wijkcode": "WK016403",
            "wijk": "Hasseler Es",
        }
    ]
    assert json.loads(client.get("/zoeken/adres.json?q=").content)["adressen"] == []
