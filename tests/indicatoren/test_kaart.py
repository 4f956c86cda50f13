"""The map page: class breaks and figure as plain functions, and /kaart/ on the real Hengelo data."""

import io
import json

import pytest
from openpyxl import load_workbook

from indicatoren.kaart import (
    GEEN_GETAL_KLEUR,
    GUNSTIG,
    ONGUNSTIG,
    SEQUENTIEEL,
    KaartGebied,
    indeling,
    kaart_figuur,
    klasse_index,
    nette_grenzen,
    samenvatting,
)
from indicatoren.models import Indicator, Polariteit, Status, Waarde

# --- plain functions, no database ---------------------------------------------------------------

# The ten Hengelo wijken, AantalInwoners 2024 (CBS), hand-checked below.
INWONERS = [3010, 11030, 10255, 11975, 9160, 7295, 10075, 7530, 10740, 1990]


def test_quantile_classes_with_nice_breaks_and_dutch_labels():
    klassen = indeling(INWONERS)
    assert [k.label for k in klassen] == [
        "1.990 tot 6.000",
        "6.000 tot 9.000",
        "9.000 tot 10.000",
        "10.000 tot 11.000",
        "11.000 tot en met 11.975",
    ]
    assert [k.kleur for k in klassen] == SEQUENTIEEL[5]
    # every value in exactly one class; the lowest and highest value included
    assert [klasse_index(v, klassen) for v in INWONERS] == [0, 4, 3, 4, 2, 1, 3, 1, 3, 0]


def test_breaks_are_rounded_to_the_coarsest_step_that_keeps_the_classes():
    grenzen, decimalen = nette_grenzen(INWONERS, 5)
    assert grenzen == [6000, 9000, 10000, 11000]
    assert decimalen == 0
    # a whole-number indicator never gets a 2,5 step; decimals follow the step
    grenzen, decimalen = nette_grenzen([1.61, 1.86, 1.93, 1.98, 1.99, 2.04, 2.06, 2.26, 2.59, 2.83], 5, decimalen=2)
    assert grenzen == [1.9, 2.0, 2.05, 2.35]
    assert decimalen == 2


def test_percentages_stay_within_their_range_and_nothing_is_empty():
    waarden = [0.0, 0.0, 0.0, 0.0, 0.42, 0.70, 0.94, 1.71, 2.55, 4.33]
    klassen = indeling(waarden, decimalen=1)
    assert [k.label for k in klassen] == ["0,0 tot 0,2", "0,2 tot 0,8", "0,8 tot 1,8", "1,8 tot en met 4,3"]
    assert all(any(k.bevat(v) for v in waarden) for k in klassen)
    assert klassen[0].van == 0 and klassen[-1].tot == 4.33


def test_all_equal_values_one_class():
    klassen = indeling([7.0, 7.0, 7.0])
    assert len(klassen) == 1
    assert klassen[0].label == "7"
    assert klasse_index(7.0, klassen) == 0


def test_one_value_one_class_and_none_is_no_class_never_zero():
    klassen = indeling([None, 1326.0, None])
    assert [k.label for k in klassen] == ["1.326"]
    assert klasse_index(None, klassen) is None
    assert klasse_index(0.0, klassen) is None  # 0 is not the class of a missing value


def test_no_numbers_no_classes():
    assert indeling([None, None]) == []
    assert indeling([]) == []


def test_few_distinct_values_get_one_class_each():
    klassen = indeling([1, 2, 2, 3, None, 1], decimalen=0)
    assert [k.label for k in klassen] == ["1", "2", "3"]
    assert [k.kleur for k in klassen] == SEQUENTIEEL[3]
    assert klasse_index(2, klassen) == 1


def test_diverging_around_the_reference_follows_polarity():
    waarden = [4.0, 6.0, 7.0, 8.0, 9.5, 11.0, 12.0, 14.0, 15.0, 18.0]
    klassen = indeling(waarden, decimalen=1, referentie=10.0, polariteit=Polariteit.HOGER_SLECHTER)
    # the reference is a break: below is more favourable (purple), above less favourable (orange)
    assert any(k.tot == 10.0 for k in klassen) and any(k.van == 10.0 for k in klassen)
    lager = [k for k in klassen if k.tot <= 10.0]
    hoger = [k for k in klassen if k.van >= 10.0]
    assert {k.kleur for k in lager} <= set(GUNSTIG)
    assert {k.kleur for k in hoger} <= set(ONGUNSTIG)
    assert all("lager dan Hengelo: gunstiger" in k.label for k in lager)
    assert all("ongunstiger" in k.label for k in hoger)
    assert klasse_index(9.5, klassen) == len(lager) - 1
    assert klasse_index(10.0, klassen) == len(lager)
    assert all(klasse_index(v, klassen) is not None for v in waarden)
    # the opposite polarity swaps the colours
    andersom = indeling(waarden, decimalen=1, referentie=10.0, polariteit=Polariteit.HOGER_BETER)
    assert {k.kleur for k in andersom if k.tot <= 10.0} <= set(ONGUNSTIG)


def _gebied(code, naam, waarde, status="beschikbaar", reden=""):
    vierkant = {"type": "Polygon", "coordinates": [[[6.7, 52.2], [6.8, 52.2], [6.8, 52.3], [6.7, 52.3], [6.7, 52.2]]]}
    tekst = f"{waarde:g}" if waarde is not None else "onbekend (CBS)"
    return KaartGebied(code, naam, vierkant, waarde, tekst, status, reden, f"/gebied/{code}/")


def test_figure_draws_from_geojson_with_profile_urls_and_a_grey_no_number_class():
    gebieden = [
        _gebied("WK016401", "A", 10.0),
        _gebied("WK016402", "B", 20.0),
        _gebied("WK016403", "C", None, "onbekend", "ontbreekt (leeg in bron)"),
    ]
    klassen = indeling([g.waarde for g in gebieden])
    figuur = kaart_figuur(gebieden, klassen, titel="Test", eenheid="%")
    trace = figuur["data"][0]
    assert trace["type"] == "choropleth"
    assert trace["locations"] == ["WK016401", "WK016402", "WK016403"]
    assert [f["id"] for f in trace["geojson"]["features"]] == trace["locations"]
    assert trace["featureidkey"] == "id"
    assert trace["z"] == [0, 1, 2]  # the area without a number gets the extra (grey) class, not 0
    assert trace["colorscale"][-1][1] == GEEN_GETAL_KLEUR
    assert [c[0] for c in trace["customdata"]] == ["/gebied/WK016401/", "/gebied/WK016402/", "/gebied/WK016403/"]
    assert "Waarde: 10%" in trace["customdata"][0][3]
    assert "ontbreekt (leeg in bron)" in trace["customdata"][2][3]
    assert trace["customdata"][2][4] == "Klasse: geen getal"
    # no base map (offline): only the stored boundaries; a cross marks the area without a number
    assert figuur["layout"]["geo"]["visible"] is False
    assert figuur["layout"]["geo"]["fitbounds"] == "locations"
    assert figuur["data"][1]["type"] == "scattergeo" and len(figuur["data"][1]["lon"]) == 1
    json.dumps(figuur)


def test_summary_names_highest_lowest_and_missing():
    gebieden = [_gebied("A1", "Noord", 5.0), _gebied("A2", "Zuid", 9.0), _gebied("A3", "Oost", None)]
    tekst = samenvatting(gebieden, naam="Test", jaar="2024", meervoud="wijken", decimalen=0, eenheid="kW")
    assert tekst == "Test 2024: hoogste waarde in Zuid (9 kW), laagste in Noord (5 kW); 1 van 3 wijken zonder getal."
    leeg = samenvatting(gebieden[2:], naam="Test", jaar="2024", meervoud="wijken", decimalen=0, eenheid="")
    assert "geen van de 1 wijken" in leeg


# --- the page on the real data ------------------------------------------------------------------


def _figuur(html: str) -> dict:
    start = html.index('<script id="kaart-grafiek" type="application/json">') + len(
        '<script id="kaart-grafiek" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.django_db
def test_wijk_map_of_inhabitants_2024(client):
    antwoord = client.get("/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Hasseler Es" in html and "11.975" in html
    assert '<th scope="row">Hasseler Es</th><td>WK016403</td><td>11.975</td>' in html
    assert "hoogste waarde in Hasseler Es (11.975), laagste in Buitengebied (1.990); 0 van 10 wijken" in html
    figuur = _figuur(html)
    trace = figuur["data"][0]
    assert len(trace["locations"]) == 10
    assert len(trace["geojson"]["features"]) == 10
    assert "/gebied/WK016403/" in [c[0] for c in trace["customdata"]]
    assert all(c[0].startswith("/gebied/WK") for c in trace["customdata"])
    assert "cdn" not in html.lower() and "mapbox" not in json.dumps(figuur)
    # the legend is an HTML list with the class labels and counts
    assert "11.000 tot en met 11.975" in html and "(2 wijken)" in html
    assert 'href="?indicator=AantalInwoners&amp;niveau=wijk&amp;jaar=2024&amp;formaat=csv&amp;tabel=kaart"' in html


@pytest.mark.django_db
def test_buurt_map_of_solar_2022_shows_missing_buurten_as_no_number(client):
    antwoord = client.get("/kaart/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2022")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<th scope="row">Bovenhoek</th><td>BU01640300</td><td>1.326</td>' in html
    assert "52 van 62 buurten zonder getal" in html
    figuur = _figuur(html)
    trace = figuur["data"][0]
    assert len(trace["locations"]) == 62
    geen = trace["z"].count(max(trace["z"]))
    assert geen == 52
    assert sum(c[4] == "Klasse: geen getal" for c in trace["customdata"]) == 52
    assert len(figuur["data"][1]["lon"]) == 52  # a cross on each


@pytest.mark.django_db
def test_a_cbs_status_is_no_number_with_its_reason(client):
    html = client.get("/kaart/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2016").content.decode()
    # two buurten of Hasseler Es have CBS '.' in 2016
    trace = _figuur(html)["data"][0]
    assert sum("onbekend (CBS)" in c[3] for c in trace["customdata"]) == 2
    assert "Bovenhoek" in html and "254" in html


@pytest.mark.django_db
def test_below_threshold_and_secret_are_never_drawn_as_a_number(client):
    indicator = Indicator.objects.get(code="AantalInwoners")
    Waarde.objects.filter(indicator=indicator, gebied__code="WK016409").update(
        waarde=None, status=Status.GEHEIM, toelichting="CBS: geheim (x)"
    )
    indicator.onthullingsdrempel = 5000
    indicator.save(update_fields=["onthullingsdrempel"])
    html = client.get("/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024").content.decode()
    assert "3.010" not in html  # Binnenstad is below the threshold
    trace = _figuur(html)["data"][0]
    hover = {c[2]: c[3] for c in trace["customdata"]}
    assert "geheim (CBS)" in hover["WK016409"]
    assert "minder dan 5.000" in hover["WK016400"]
    assert "2 van 10 wijken zonder getal" in html


@pytest.mark.django_db
def test_csv_and_xlsx_downloads_have_status_period_and_source(client):
    antwoord = client.get(
        "/kaart/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2022&formaat=csv&tabel=kaart"
    )
    assert antwoord.status_code == 200
    regels = antwoord.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "gebied;code;waarde;eenheid;klasse;status;reden;periode;bron"
    assert len(regels) == 63
    bovenhoek = next(r for r in regels if "BU01640300" in r).split(";")
    assert bovenhoek[2] == "1326" and bovenhoek[5] == "beschikbaar" and bovenhoek[7] == "2022" and bovenhoek[8]
    zonder = next(r for r in regels if "BU01640000" in r).split(";")
    assert zonder[2] == "" and zonder[4] == "geen getal" and zonder[5] == "geen waarde"
    antwoord = client.get("/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024&formaat=xlsx&tabel=kaart")
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[1] == ("gebied", "code", "waarde", "eenheid", "klasse", "status", "reden", "periode", "bron")
    assert rijen[2 + 3][:3] == ("Hasseler Es", "WK016403", 11975)


@pytest.mark.django_db
def test_defaults_without_parameters(client):
    html = client.get("/kaart/").content.decode()
    assert "Aantal inwoners" in html and "per wijk, 2024" in html
    html = client.get("/kaart/?niveau=buurt").content.decode()
    assert "Aantal inwoners per buurt, 2024" in html  # inhabitants per buurt 2024 (fixtures/kwb-extra)


@pytest.mark.django_db
def test_form_lists_only_indicators_and_years_with_values_at_that_level(client):
    html = client.get("/kaart/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2022").content.decode()
    assert '<option value="2016">2016</option>' in html and '<option value="2022" selected>2022</option>' in html
    assert 'value="Woningvoorraad"' not in html  # no buurt values
    assert '<label for="kaart-indicator">' in html and '<label for="kaart-jaar">' in html


@pytest.mark.django_db
def test_form_adjusts_a_year_or_indicator_that_does_not_fit_instead_of_404(client):
    antwoord = client.get("/kaart/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2024&bijstellen=1")
    assert antwoord.status_code == 200
    assert "de kaart toont 2022" in antwoord.content.decode()
    antwoord = client.get("/kaart/?indicator=Woningvoorraad&niveau=buurt&jaar=2024&bijstellen=1")
    assert antwoord.status_code == 200
    assert "Opgesteld vermogen" in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "tekst"),
    [
        ("indicator=BestaatNiet", "Er is geen indicator met code"),
        ("niveau=stad", "Onbekend niveau"),
        ("jaar=abc", "geen jaar"),
        ("jaar=1999", "Wel van: 2024"),  # the default indicator is a rate now: Bevolkingsdichtheid
        ("indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=1999", "Wel van: 2016, 2017, 2018"),
        ("indicator=Woningvoorraad&niveau=buurt", "geen cijfers per buurt"),
        ("indicator=AantalInwoners&jaar=2024&formaat=pdf", "Onbekend formaat"),
    ],
)
def test_unknown_input_is_a_helpful_404(client, query, tekst, settings):
    settings.DEBUG = False
    antwoord = client.get(f"/kaart/?{query}")
    assert antwoord.status_code == 404
    assert tekst in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024",
        "/kaart/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2022",
    ],
)
def test_query_budget_is_the_same_for_wijk_and_buurt(client, django_assert_num_queries, url):
    # session, user, account; 1 indicators+years at the level, 2 indicator, 3 boundary versions in force,
    # 4 values (+ gemeente)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_menu_links_to_the_map(client):
    assert 'href="/kaart/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_rate_with_a_direction_is_coloured_around_the_hengelo_value(client):
    Indicator.objects.filter(code="InwonersPerWoning").update(polariteit=Polariteit.HOGER_BETER)
    html = client.get("/kaart/?indicator=InwonersPerWoning&niveau=wijk&jaar=2024").content.decode()
    hengelo = Waarde.objects.get(indicator__code="InwonersPerWoning", gebied__code="GM0164", periode="2024").waarde
    assert "De grens tussen oranje en paars is de waarde van Hengelo" in html
    trace = _figuur(html)["data"][0]
    kleuren = [kleur for _, kleur in trace["colorscale"]]
    assert set(kleuren) <= set(GUNSTIG) | set(ONGUNSTIG) | {GEEN_GETAL_KLEUR}
    klassen = {c[2]: c[4] for c in trace["customdata"]}
    # Binnenstad (1,61 inhabitants per home) lies below Hengelo (2,08): less favourable with this polarity
    assert hengelo > 1.7 and "lager dan Hengelo (O.): ongunstiger" in klassen["WK016400"]
