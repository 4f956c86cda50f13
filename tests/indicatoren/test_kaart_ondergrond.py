"""The map's configurable base layer (KAART_ONDERGROND_URL) and the rule of its classes in the legend
(issue 11 item 3). Figures without a database; the page and its CSP with the real Hengelo data."""

import json
import re

import pytest

from indicatoren.kaart import KaartGebied, indeling, kaart_figuur, kaartbeeld, klassenregel, ondergrond_stijl

TEGELS = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
STIJL = "https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercator.json"


def vierkant(x, y, d=0.1):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


GEBIEDEN = [
    KaartGebied("WK1", "Noord", vierkant(6.7, 52.25), 10.0, "10", "beschikbaar", "", "/gebied/WK1/"),
    KaartGebied("WK2", "Zuid", vierkant(6.7, 52.15), None, "geheim (CBS)", "geheim", "geheim", "/gebied/WK2/"),
]
KLASSEN = indeling([10.0])


def test_without_a_base_layer_the_offline_drawing_loads_nothing_from_elsewhere():
    figuur = kaart_figuur(GEBIEDEN, KLASSEN, titel="t", eenheid="")
    assert figuur["data"][0]["type"] == "choropleth"
    assert figuur["layout"]["geo"]["visible"] is False and "map" not in figuur["layout"]


def test_a_tile_template_becomes_a_one_layer_raster_style_under_half_transparent_areas():
    figuur = kaart_figuur(GEBIEDEN, KLASSEN, titel="t", eenheid="", ondergrond=TEGELS, ondergrond_bron="PDOK")
    vlakken = figuur["data"][0]
    assert vlakken["type"] == "choroplethmap" and vlakken["marker"]["opacity"] == 0.72
    assert vlakken["customdata"][0][0] == "/gebied/WK1/"  # a click still opens the profile
    stijl = figuur["layout"]["map"]["style"]
    assert stijl["sources"]["ondergrond"] == {
        "type": "raster",
        "tiles": [TEGELS],
        "tileSize": 256,
        "attribution": "PDOK",
    }
    assert "geo" not in figuur["layout"]
    soorten = [(s["type"], s["name"]) for s in figuur["data"][1:]]
    assert ("scattermap", "geen getal") in soorten  # the area without a number keeps its mark
    assert all(naam != "Namen" for _, naam in soorten)  # raster tiles have no glyphs for text


def test_a_maplibre_style_url_is_used_as_it_is_and_carries_the_area_names():
    figuur = kaart_figuur(GEBIEDEN, KLASSEN, titel="t", eenheid="", ondergrond=STIJL)
    assert figuur["layout"]["map"]["style"] == STIJL == ondergrond_stijl(STIJL)
    namen = next(s for s in figuur["data"] if s["name"] == "Namen")
    assert namen["type"] == "scattermap" and namen["text"] == ["Noord", "Zuid"]


def test_the_view_fits_the_areas_hand_checked():
    # 0.1 x 0.1 degree around lat 52: width 700 px -> log2(700*360/(512*0.1)) = 12.27; height 660 px over a
    # mercator span of 0.1 deg / cos(52 deg) -> 11.48; the smaller, less 0.3 of margin
    centrum, zoom = kaartbeeld([vierkant(6.75, 51.95)])
    assert centrum == {"lon": pytest.approx(6.8), "lat": pytest.approx(52.0)}
    assert zoom == pytest.approx(11.18, abs=0.02)


def test_the_legend_states_the_rule_of_the_classes():
    klassen = indeling([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0])
    assert klassenregel(klassen, meervoud="buurten").startswith(
        f"Indeling: {len(klassen)} klassen met elk ongeveer even veel buurten (kwantielen)"
    )
    assert (
        klassenregel(indeling([1.0, 2.0]), meervoud="wijken")
        == "Indeling: één klasse per waarde (2 verschillende waarden)."
    )
    divergerend = indeling([1.0, 2.0, 8.0, 9.0], referentie=5.0, polariteit="hoger_beter")
    assert klassenregel(divergerend, meervoud="wijken", referentie_naam="Hengelo", divergerend=True).startswith(
        "Indeling: de grens tussen oranje en paars is de waarde van Hengelo."
    )
    assert klassenregel([], meervoud="wijken") == ""


@pytest.mark.django_db
def test_the_csp_allows_exactly_the_base_layer_host_when_configured(client, settings):
    zonder = client.get("/kaart/")
    assert "pdok" not in zonder.headers["Content-Security-Policy"]
    settings.KAART_ONDERGROND_URL = TEGELS
    antwoord = client.get("/kaart/")
    beleid = {r.strip().split(" ", 1)[0]: r.strip() for r in antwoord.headers["Content-Security-Policy"].split(";")}
    assert beleid["img-src"] == "img-src 'self' data: blob: https://service.pdok.nl"
    assert beleid["connect-src"] == "connect-src 'self' https://service.pdok.nl"
    assert beleid["script-src"] == "script-src 'self'" and beleid["default-src"] == "default-src 'self'"
    figuur = json.loads(
        re.search(
            r'<script id="kaart-grafiek" type="application/json">(.*?)</script>', antwoord.content.decode(), re.S
        )[1]
    )
    assert figuur["data"][0]["type"] == "choroplethmap"
    assert "Indeling: " in antwoord.content.decode()


@pytest.mark.django_db
def test_compare_offers_picking_on_the_map_and_the_map_sends_the_picked_areas_to_compare(client):
    vergelijk = client.get("/vergelijk/").content.decode()
    assert 'href="/kaart/?kiezen=vergelijk&amp;niveau=wijk"' in vergelijk
    html = client.get("/kaart/?kiezen=vergelijk&niveau=wijk").content.decode()
    assert '<form method="get" action="/vergelijk/" id="kies-form"' in html
    assert 'data-min="2" data-max="6"' in html
    assert 'name="gebieden" id="kies-gebieden"' in html
    assert "js/kaart-kiezen" in html and 'class="kaart-indeling" data-kiezen' in html
    namen = json.loads(re.search(r'<script id="kies-namen" type="application/json">(.*?)</script>', html, re.S)[1])
    assert namen["WK016403"] == "Hasseler Es"
    assert 'name="kiezen" value="vergelijk"' in html  # changing indicator or level keeps the mode
    assert "data-kiezen" not in client.get("/kaart/").content.decode()
