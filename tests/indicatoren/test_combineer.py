"""Combine: scatter with Pearson's r and the composite index per domain.

Plain functions on small hand-checked examples (no database), then the pages on the real Hengelo data.
"""

import html as html_lib
import io
import math
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from indicatoren.analyse import (
    REDEN_ABSOLUUT,
    REDEN_NEUTRAAL,
    index_samenvatting,
    indicator_score,
    koppel,
    lees_samenhang,
    pearson,
    samengestelde_index,
    sterkte,
)
from indicatoren.charts_combineer import index_figuur, spreiding_figuur
from indicatoren.models import Polariteit, Status
from indicatoren.weergave import toon

HB, HS, NT = Polariteit.HOGER_BETER, Polariteit.HOGER_SLECHTER, Polariteit.NEUTRAAL

# --- plain functions, no database ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "ref", "polariteit", "score"),
    [
        (12, 10, HB, 120.0),  # 20% more of a good thing
        (12, 10, HS, 100 * 10 / 12),  # 83.33: 20% more of a bad thing
        (8, 10, HB, 80.0),
        (5, 10, HS, 200.0),  # half the bad thing: twice as good
        (10, 10, HB, 100.0),  # a tie with Hengelo is exactly 100
        (10, 10, HS, 100.0),
        (0, 10, HB, 0.0),  # none of a good thing is a real score
    ],
)
def test_indicator_score_ratio_to_hengelo_with_polarity(waarde, ref, polariteit, score):
    uitkomst, reden = indicator_score(waarde, ref, polariteit)
    assert uitkomst == pytest.approx(score)
    assert reden == ""


def test_indicator_score_hand_checked_numbers():
    assert indicator_score(12, 10, HB)[0] == pytest.approx(120.0)
    assert round(indicator_score(12, 10, HS)[0], 2) == 83.33


@pytest.mark.parametrize(
    ("waarde", "ref", "polariteit", "in_reden"),
    [
        (12, 0, HB, "Hengelo-waarde is 0"),
        (12, 0, HS, "Hengelo-waarde is 0"),
        (0, 10, HS, "waarde is 0"),
        (-2, 10, HB, "negatieve waarde"),
        (2, -10, HS, "negatieve waarde"),
        (12, 10, NT, "neutraal"),
    ],
)
def test_indicator_score_left_out_with_reason(waarde, ref, polariteit, in_reden):
    uitkomst, reden = indicator_score(waarde, ref, polariteit)
    assert uitkomst is None
    assert in_reden in reden


def _domein(code, volgorde):
    return SimpleNamespace(code=code, naam=code.capitalize(), volgorde=volgorde)


def _ind(code, domein, polariteit=HB, *, absoluut=False):
    return SimpleNamespace(code=code, naam=code, domein=domein, polariteit=polariteit, absoluut=absoluut)


def _g(waarde, status=Status.BESCHIKBAAR, drempel=None):
    return toon(waarde, status, decimalen=1, drempel=drempel)


def test_composite_index_hand_checked_example():
    """Domain veiligheid: 12 vs 10 hoger_beter (120) and 12 vs 10 hoger_slechter (83,33) -> mean 101,67.
    Everything else is left out with its reason; a domain with only neutral indicators gets no index."""
    veiligheid, wonen, leeg = _domein("veiligheid", 50), _domein("wonen", 20), _domein("leeg", 90)
    indicatoren = [
        _ind("Veilig", veiligheid, HB),
        _ind("Overlast", veiligheid, HS),
        _ind("Misdrijven", veiligheid, HS, absoluut=True),
        _ind("Leeftijd", veiligheid, NT),
        _ind("Geheim", veiligheid, HB),
        _ind("Klein", veiligheid, HB),
        _ind("GeenHengelo", veiligheid, HB),
        _ind("NulHengelo", veiligheid, HB),
        _ind("NulBijSlecht", veiligheid, HS),
        _ind("Ontbreekt", veiligheid, HS),
        _ind("Dichtheid", wonen, NT),
        _ind("Gelijk", leeg, HS),
    ]
    eigen = {
        "Veilig": _g(12),
        "Overlast": _g(12),
        "Misdrijven": _g(300),
        "Leeftijd": _g(40),
        "Geheim": _g(None, Status.GEHEIM),
        "Klein": _g(4, drempel=10),  # under the disclosure threshold: no number, never 0
        "GeenHengelo": _g(5),
        "NulHengelo": _g(5),
        "NulBijSlecht": _g(0),
        "Dichtheid": _g(3000),
        "Gelijk": _g(7.5),
    }
    hengelo = {
        "Veilig": _g(10),
        "Overlast": _g(10),
        "Misdrijven": _g(2000),
        "Leeftijd": _g(42),
        "Geheim": _g(10),
        "Klein": _g(10),
        "GeenHengelo": _g(None, Status.ONBEKEND),
        "NulHengelo": _g(0),
        "NulBijSlecht": _g(3),
        "Ontbreekt": _g(3),
        "Dichtheid": _g(2500),
        "Gelijk": _g(7.5),
    }
    domeinen = samengestelde_index(
        indicatoren, eigen, hengelo, gebied_naam="Hasseler Es", jaar="2024", basisjaar="2024"
    )
    assert [d.domein.code for d in domeinen] == ["wonen", "veiligheid", "leeg"]  # domain order
    wonen_i, veiligheid_i, leeg_i = domeinen

    assert [s.indicator.code for s in veiligheid_i.scores] == ["Veilig", "Overlast"]
    assert [round(s.score, 2) for s in veiligheid_i.scores] == [120.0, 83.33]
    assert veiligheid_i.index == pytest.approx((120 + 100 * 10 / 12) / 2)
    assert round(veiligheid_i.index, 2) == 101.67
    assert veiligheid_i.index_tekst == "101,7"  # Dutch notation, whatever the browser's language
    assert [s.score_tekst for s in veiligheid_i.scores] == ["120,0", "83,3"]
    redenen = {n.indicator.code: n.reden for n in veiligheid_i.niet_mee}
    assert redenen["Misdrijven"] == REDEN_ABSOLUUT
    assert redenen["Leeftijd"] == REDEN_NEUTRAAL
    assert redenen["Geheim"].startswith("geen getal voor Hasseler Es in 2024")
    assert "geheim" in redenen["Geheim"]
    assert "onthullingsdrempel" in redenen["Klein"]
    assert redenen["GeenHengelo"].startswith("geen getal voor Hengelo in 2024")
    assert "Hengelo-waarde is 0" in redenen["NulHengelo"]
    assert "waarde is 0" in redenen["NulBijSlecht"]
    assert redenen["Ontbreekt"] == "geen getal voor Hasseler Es in 2024"
    assert veiligheid_i.melding == ""
    assert "2 aantal" not in veiligheid_i.niet_mee_kort and "1 aantal of totaal" in veiligheid_i.niet_mee_kort

    assert wonen_i.index is None and wonen_i.scores == []
    assert wonen_i.melding == "geen index: geen bruikbare indicatoren"
    assert wonen_i.niet_mee[0].reden == REDEN_NEUTRAAL

    assert leeg_i.index == pytest.approx(100.0)  # a tie with Hengelo

    tekst = index_samenvatting(domeinen, "Hasseler Es", "2024", "2024")
    assert "Veiligheid 101,7" in tekst and "Leeg 100,0" in tekst and "1 domein zonder index" in tekst


def test_composite_index_uses_area_year_against_fixed_base_year():
    """Rotterdam style: a later year of the area against Hengelo in the same base year."""
    d = _domein("werk", 80)
    domeinen = samengestelde_index(
        [_ind("Participatie", d, HB)],
        {"Participatie": _g(66)},
        {"Participatie": _g(60)},
        gebied_naam="Noord",
        jaar="2026",
        basisjaar="2024",
    )
    assert domeinen[0].index == pytest.approx(110.0)
    assert "cijfers Noord 2026" in index_samenvatting(domeinen, "Noord", "2026", "2024")


def test_composite_index_without_usable_indicators_says_so():
    d = _domein("bevolking", 10)
    domeinen = samengestelde_index(
        [_ind("AantalInwoners", d, NT, absoluut=True)],
        {"AantalInwoners": _g(11975)},
        {"AantalInwoners": _g(83058)},
        gebied_naam="Hasseler Es",
        jaar="2024",
        basisjaar="2024",
    )
    assert domeinen[0].index is None
    assert "voor geen enkel domein een index" in index_samenvatting(domeinen, "Hasseler Es", "2024", "2024")


def test_pearson_hand_checked():
    assert pearson([(1, 2), (2, 4), (3, 6)]) == pytest.approx(1.0)
    assert pearson([(1, 3), (2, 2), (3, 1)]) == pytest.approx(-1.0)
    # x 1..5, y 2,4,5,4,5: sxy = 6, sxx = 10, syy = 6 -> r = 6 / sqrt(60)
    assert pearson([(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)]) == pytest.approx(6 / math.sqrt(60))
    assert pearson([(1, 2), (2, 4)]) is None  # n < 3
    assert pearson([(1, 5), (2, 5), (3, 5)]) is None  # no spread in y (all tied)
    assert pearson([]) is None


def test_reading_of_r_in_plain_dutch():
    assert sterkte(0.05) == "geen of nauwelijks"
    assert sterkte(-0.2) == "zwak"
    assert sterkte(0.4) == "matig"
    assert sterkte(-0.9) == "sterk"
    assert "sterke positieve samenhang" in lees_samenhang(0.96, 10, eenheid="wijken")
    assert "r = 0,96 over 10 wijken" in lees_samenhang(0.96, 10, eenheid="wijken")
    assert "zwakke negatieve samenhang" in lees_samenhang(-0.2, 8)
    assert "matige" in lees_samenhang(0.35, 8)
    assert lees_samenhang(None, 2).startswith("Te weinig gebieden")
    assert "hetzelfde getal" in lees_samenhang(None, 5)


def test_pairing_leaves_out_values_without_a_number_and_counts_them():
    gebieden = [("A", "Alfa"), ("B", "Bravo"), ("C", "Charlie"), ("D", "Delta"), ("E", "Echo")]
    x = {"A": _g(1), "B": _g(2), "C": _g(None, Status.GEHEIM), "D": _g(4), "E": _g(3, drempel=5)}
    y = {"A": _g(10), "B": _g(20), "C": _g(30)}  # D and E have no y row at all
    k = koppel(gebieden, x, y)
    assert [(p.code, p.x, p.y) for p in k.punten] == [("A", 1, 10), ("B", 2, 20)]
    assert k.n == 2
    assert k.zonder_x == 2  # C geheim, E under threshold (not 0)
    assert k.zonder_y == 2  # D, E without value
    weg = {w.code: w for w in k.weggelaten}
    assert set(weg) == {"C", "D", "E"}
    assert "geheim" in weg["C"].reden_x.lower() and weg["C"].reden_y == ""
    assert weg["D"].reden_x == "" and weg["D"].reden_y == "geen waarde geladen"
    assert "onthullingsdrempel" in weg["E"].reden_x


def test_scatter_figure_labels_points_links_profiles_and_draws_dashed_reference_lines():
    fig = spreiding_figuur(
        [("Binnenstad", 3010, 1868, "/gebied/WK016400/"), ("Hasseler Es", 11975, 5295, "/gebied/WK016403/")],
        titel="t",
        x_titel="Aantal inwoners",
        y_titel="Woningvoorraad",
        referentie_x=(8305.8, "Hengelo (per wijk)"),
        referentie_y=(3998.5, "Hengelo (per wijk)"),
    )
    punten = fig["data"][0]
    assert punten["mode"] == "markers+text" and punten["text"] == ["Binnenstad", "Hasseler Es"]
    assert punten["customdata"] == ["/gebied/WK016400/", "/gebied/WK016403/"]
    assert {s["line"]["dash"] for s in fig["layout"]["shapes"]} == {"dash"}
    assert [s["x0"] for s in fig["layout"]["shapes"] if s["xref"] == "x"] == [8305.8]
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["Hengelo (per wijk)"] * 2
    assert fig["layout"]["xaxis"]["range"][0] < 3010 and fig["layout"]["xaxis"]["range"][1] > 11975


def test_index_figure_has_line_at_100_and_names_domains_without_index():
    fig = index_figuur([("Wonen", 128.9), ("Veiligheid", None)], titel="t")
    assert fig["data"][0]["x"] == [128.9, None]
    assert fig["data"][0]["text"] == ["128,9", ""]
    assert fig["layout"]["shapes"][0]["x0"] == 100
    teksten = [a["text"] for a in fig["layout"]["annotations"]]
    assert "Hengelo = 100" in teksten and "geen index" in teksten


# --- pages on the real data -------------------------------------------------------------------------

SCATTER = "/combineer/?x=AantalInwoners&y=Woningvoorraad&niveau=wijk&jaar=2024"


@pytest.mark.django_db
def test_scatter_real_wijken_r_and_n_match_the_plain_function(client, django_assert_num_queries):
    from indicatoren.models import Waarde

    # 3 for the logged-in visitor (session, user, account), then 5: indicators; (indicator, year) pairs
    # at the level; x/y values; gemeente values; areas.
    with django_assert_num_queries(8):
        antwoord = client.get(SCATTER)
    assert antwoord.status_code == 200
    koppeling = antwoord.context["koppeling"]
    assert koppeling.n == 10 and koppeling.weggelaten == []
    paren = {p.code: (p.x, p.y) for p in koppeling.punten}
    assert paren["WK016403"] == (11975, 5295)  # Hasseler Es
    assert paren["WK016400"] == (3010, 1868)
    assert paren["WK016409"] == (1990, 703)

    # r on the page equals the plain function on the 10 real pairs read independently
    rijen = Waarde.objects.filter(
        gebied__niveau="wijk",
        gebied__ouder__code="GM0164",
        periode="2024",
        indicator__code__in=["AantalInwoners", "Woningvoorraad"],
    ).values_list("gebied__code", "indicator__code", "waarde")
    per = {}
    for code, ind, w in rijen:
        per.setdefault(code, {})[ind] = w
    assert len(per) == 10
    verwacht = pearson([(v["AantalInwoners"], v["Woningvoorraad"]) for v in per.values()])
    assert antwoord.context["r"] == pytest.approx(verwacht)
    assert 0.9 < verwacht < 1

    html = antwoord.content.decode()
    assert f"r = {verwacht:.2f}".replace(".", ",") in html
    assert "sterke positieve samenhang" in html
    assert "Samenhang is geen oorzaak" in html
    assert "Alle 10 wijken hebben een getal voor beide indicatoren" in html
    assert "Hasseler Es" in html and "11.975" in html and "5.295" in html
    # counts: the Hengelo line is the mean per wijk (83.058 / 10), and the page says so
    assert "gedeeld door 10 wijken" in html
    assert "is een aantal of totaal" in html
    assert 'data-grafiek="spreiding-grafiek"' in html and "Tabel met dezelfde cijfers" in html
    figuur = antwoord.context["figuur"]
    assert figuur["layout"]["shapes"][0]["x0"] == pytest.approx(8305.8)
    assert figuur["layout"]["shapes"][1]["y0"] == pytest.approx(3998.5)
    assert "/gebied/WK016403/" in figuur["data"][0]["customdata"]
    assert "/gebied/WK016403/index/" in html  # index link per wijk


@pytest.mark.django_db
def test_scatter_ratio_indicator_uses_the_hengelo_value_as_line(client):
    antwoord = client.get("/combineer/?x=InwonersPerWoning&y=AandeelMannen&niveau=wijk&jaar=2024")
    assert antwoord.status_code == 200
    figuur = antwoord.context["figuur"]
    assert figuur["layout"]["shapes"][0]["x0"] == pytest.approx(83058 / 39985, rel=1e-6)
    assert figuur["layout"]["annotations"][0]["text"] == "Hengelo (O.)"


@pytest.mark.django_db
def test_scatter_buurten_leaves_out_unknown_and_missing_values_and_says_why(client, django_assert_num_queries):
    url = "/combineer/?x=ZonnestroomVermogenWoningen&y=ZonnestroomVermogenWoningen&niveau=buurt&jaar=2016"
    with django_assert_num_queries(8):  # the same budget as for wijken
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    koppeling = antwoord.context["koppeling"]
    # 62 buurten: 10 in Hasseler Es have a 2016 row, 2 of them with CBS status onbekend
    assert koppeling.n == 8
    assert len(koppeling.weggelaten) == 54
    redenen = {w.reden_x for w in koppeling.weggelaten}
    assert "geen waarde geladen" in redenen
    html = antwoord.content.decode()
    assert "54 buurten zonder getal voor Opgesteld vermogen zonnepanelen op woningen" in html
    assert "52× geen waarde geladen" in html
    # no gemeente value at buurt level: the line is the mean of the plotted buurten and labelled so
    assert "gemiddelde van de 8 buurten in de grafiek: 129,8 (geen cijfer voor Hengelo (O.)" in html
    assert html.count("gemiddelde van de 8 buurten in de grafiek") == 1  # x = y: one line explained once
    assert "tegen zichzelf uit: r is dan altijd 1" in html
    labels = [a["text"] for a in antwoord.context["figuur"]["layout"]["annotations"]]
    assert labels == ["gemiddelde buurten (geen Hengelo (O.)-cijfer)"] * 2


@pytest.mark.django_db
def test_scatter_too_few_areas_says_so(client):
    antwoord = client.get("/combineer/?x=AantalInwoners&y=Woningvoorraad&niveau=buurt&jaar=2016")
    assert antwoord.status_code == 200
    assert antwoord.context["koppeling"].n == 0
    assert "Te weinig gebieden" in antwoord.content.decode()


@pytest.mark.django_db
def test_scatter_default_page_and_form(client):
    antwoord = client.get("/combineer/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert antwoord.context["jaar"] == "2024" and antwoord.context["niveau"] == "wijk"
    assert antwoord.context["x"] != antwoord.context["y"]
    for label in ('for="veld-x"', 'for="veld-y"', 'for="veld-niveau"', 'for="veld-jaar"'):
        assert label in html
    assert 'method="get"' in html
    assert '<a href="/combineer/">Combineer</a>' in html  # nav link


@pytest.mark.django_db
def test_scatter_downloads_csv_and_xlsx_with_status_period_and_source(client):
    antwoord = client.get(SCATTER + "&formaat=csv&tabel=spreiding")
    assert antwoord.status_code == 200
    regels = antwoord.content.decode("utf-8-sig").strip().splitlines()
    kop = regels[0].split(";")
    assert {"periode", "status x", "status y", "bron", "in grafiek"} <= set(kop)
    hasseler = next(r for r in regels if r.startswith("Hasseler Es;"))
    assert hasseler.split(";")[:8] == [
        "Hasseler Es",
        "WK016403",
        "2024",
        "11975",
        "beschikbaar",
        "",
        "5295",
        "beschikbaar",
    ]
    assert any(r.startswith("Hengelo (O.) (gemeente);GM0164;2024;83058;beschikbaar") for r in regels)
    assert len(regels) == 1 + 10 + 1
    xlsx = client.get(SCATTER + "&formaat=xlsx&tabel=spreiding")
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = list(blad.values)
    assert rijen[1][:3] == ("gebied", "code", "periode")
    # the deep link keeps its parameters in the download links
    html = client.get(SCATTER).content.decode()
    assert "?x=AantalInwoners&amp;y=Woningvoorraad&amp;niveau=wijk&amp;jaar=2024&amp;formaat=csv" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "in_melding"),
    [
        ("/combineer/?niveau=gemeente", "kies niveau=wijk of niveau=buurt"),
        ("/combineer/?jaar=abc", "geen jaar"),
        ("/combineer/?jaar=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94", "geen jaar"),  # full-width digits
        ("/combineer/?jaar=1999", "Jaren met cijfers op wijkniveau: 2022, 2023, 2024"),
        ("/combineer/?niveau=buurt&jaar=2015", "2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024"),
        ("/combineer/?x=BestaatNiet", "geen indicator met code 'BestaatNiet'"),
        ("/combineer/?x=AantalInwoners&y=BestaatNiet", "geen indicator met code 'BestaatNiet'"),
        (SCATTER + "&formaat=pdf", "Onbekend formaat"),
        (SCATTER + "&formaat=csv&tabel=nope", "geen tabel"),
    ],
)
def test_scatter_bad_parameters_are_404_with_a_helpful_message(client, url, in_melding):
    antwoord = client.get(url)
    assert antwoord.status_code == 404
    assert in_melding in html_lib.unescape(antwoord.content.decode())


# --- index page --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["WK016403", "BU01640300"])
def test_index_page_real_data_renders_explains_and_lists_left_out(client, django_assert_num_queries, code):
    # session, user, account, then 3 queries, the same for a wijk and a buurt: gebied with parents;
    # indicators; values of gebied + gemeente.
    with django_assert_num_queries(6):
        antwoord = client.get(f"/gebied/{code}/index/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Zo is de index berekend" in html
    assert "100 × gebied / Hengelo (O.)" in html
    assert "geen index: geen bruikbare indicatoren" in html
    assert "Voor geen enkel domein is een index te berekenen" in html
    # Issue 10: no empty chart; the empty state says which data would fill the index and how to load it.
    assert 'data-grafiek="index-grafiek"' not in html
    assert "Nog geen index voor" in html and "python manage.py load_cbs --gemeente GM0164" in html
    detail = antwoord.context["detail_tabel"]
    redenen = {rij[2]: rij[12] for rij in detail.rijen}
    assert redenen["AantalInwoners"] == REDEN_ABSOLUUT
    assert redenen["AandeelMannen"] == REDEN_NEUTRAAL
    assert redenen["OnbewoondeWoningen"].startswith("geen getal voor ")  # hoger_slechter, no values loaded
    assert "Aantal inwoners" in html and REDEN_ABSOLUUT in html
    assert antwoord.context["basisjaar"] == "2024"


@pytest.mark.django_db
def test_index_with_polarity_set_on_real_derived_indicators(client):
    """InwonersPerWoning hoger_slechter and AandeelWater hoger_beter (set here): Binnenstad against Hengelo."""
    from indicatoren.models import Indicator, Waarde

    Indicator.objects.filter(code="InwonersPerWoning").update(polariteit=HS)
    Indicator.objects.filter(code="AandeelWater").update(polariteit=HB)
    waarden = {
        (g, i): w
        for g, i, w in Waarde.objects.filter(
            gebied__code__in=["WK016400", "GM0164"],
            periode="2024",
            indicator__code__in=["InwonersPerWoning", "AandeelWater"],
        ).values_list("gebied__code", "indicator__code", "waarde")
    }
    # hand check with the raw numbers: 83058 / 39985 inwoners per woning in Hengelo, 3010 / 1868 in Binnenstad
    wonen = 100 * (83058 / 39985) / (3010 / 1868)
    assert round(wonen, 1) == 128.9
    antwoord = client.get("/gebied/WK016400/index/")
    assert antwoord.status_code == 200
    domeinen = {d.domein.code: d for d in antwoord.context["domeinen"]}
    assert domeinen["wonen"].index == pytest.approx(wonen, rel=1e-6)
    assert [s.indicator.code for s in domeinen["wonen"].scores] == ["InwonersPerWoning"]
    leefomgeving = domeinen["fysieke-leefomgeving"]
    water = 100 * waarden[("WK016400", "AandeelWater")] / waarden[("GM0164", "AandeelWater")]
    assert leefomgeving.index == pytest.approx(water)
    html = antwoord.content.decode()
    assert "Wonen: index 128,9" in html
    engels = client.get("/gebied/WK016400/index/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wonen: index 128,9" in engels  # Dutch notation also for an English browser
    csv = client.get("/gebied/WK016400/index/?formaat=csv&tabel=index").content.decode("utf-8-sig")
    assert "Wonen;128,9" in csv and ";berekend;" in csv
    assert "Bevolking;;0;" in csv and "geen index: geen bruikbare indicatoren" in csv


@pytest.mark.django_db
def test_index_with_values_imported_through_the_service(client):
    """A small hand-checked domain from values written by the import service: 120 and 83,33 -> 101,67."""
    from indicatoren.cbs import Gelezen
    from indicatoren.models import Dataset, Domein, Indicator
    from indicatoren.services import Invoerrij, waarden_importeren

    veiligheid = Domein.objects.get(code="veiligheid")
    dataset = Dataset.objects.get(code="wijkportaal")
    Indicator.objects.create(
        code="TestVeilig", naam="Voelt zich veilig", domein=veiligheid, dataset=dataset, polariteit=HB, eenheid="%"
    )
    Indicator.objects.create(
        code="TestOverlast", naam="Ervaart overlast", domein=veiligheid, dataset=dataset, polariteit=HS, eenheid="%"
    )
    Indicator.objects.create(
        code="TestGeheim", naam="Geheim cijfer", domein=veiligheid, dataset=dataset, polariteit=HB, eenheid="%"
    )
    rijen = [
        Invoerrij(1, "WK016403", "TestVeilig", "2024", Gelezen(12.0, Status.BESCHIKBAAR)),
        Invoerrij(2, "GM0164", "TestVeilig", "2024", Gelezen(10.0, Status.BESCHIKBAAR)),
        Invoerrij(3, "WK016403", "TestOverlast", "2024", Gelezen(12.0, Status.BESCHIKBAAR)),
        Invoerrij(4, "GM0164", "TestOverlast", "2024", Gelezen(10.0, Status.BESCHIKBAAR)),
        Invoerrij(5, "WK016403", "TestGeheim", "2024", Gelezen(None, Status.GEHEIM, "CBS: geheim (x)")),
        Invoerrij(6, "GM0164", "TestGeheim", "2024", Gelezen(10.0, Status.BESCHIKBAAR)),
    ]
    waarden_importeren(rijen, bron="test")
    antwoord = client.get("/gebied/WK016403/index/?basisjaar=2024")
    assert antwoord.status_code == 200
    domein = next(d for d in antwoord.context["domeinen"] if d.domein.code == "veiligheid")
    assert round(domein.index, 2) == 101.67
    assert {s.indicator.code: round(s.score, 2) for s in domein.scores} == {"TestVeilig": 120.0, "TestOverlast": 83.33}
    geheim = next(n for n in domein.niet_mee if n.indicator.code == "TestGeheim")
    assert geheim.reden.startswith("geen getal voor Hasseler Es in 2024")
    html = antwoord.content.decode()
    assert "Veiligheid: index 101,7" in html
    assert "Voelt zich veilig" in html and "120,0" in html and "83,3" in html
    detail = client.get("/gebied/WK016403/index/?formaat=csv&tabel=indicatoren").content.decode("utf-8-sig")
    assert (
        "Veiligheid;Voelt zich veilig;TestVeilig;Hoger is beter;2024;12;beschikbaar;2024;10;beschikbaar;120;ja"
        in detail
    )
    assert "TestGeheim" in detail and ";geheim;" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "in_melding"),
    [
        ("/gebied/XX9999/index/", "geen gebied met code"),
        ("/gebied/GM0164/index/", "voor de wijken en buurten van GM0164"),
        ("/gebied/WK016403/index/?basisjaar=abc", "geen jaar"),
        ("/gebied/WK016403/index/?basisjaar=2016", "Jaren met cijfers voor Hengelo (O.): 2014, 2019, 2022, 2023, 2024"),
        ("/gebied/WK016403/index/?jaar=1999", "Jaren met cijfers: 2014, 2019, 2022, 2023, 2024"),
        ("/gebied/WK016403/index/?formaat=doc", "Onbekend formaat"),
    ],
)
def test_index_bad_parameters_are_404_with_a_helpful_message(client, url, in_melding):
    antwoord = client.get(url)
    assert antwoord.status_code == 404
    assert in_melding in html_lib.unescape(antwoord.content.decode())


@pytest.mark.django_db
def test_index_buurt_can_take_an_area_year_other_than_the_base_year(client):
    antwoord = client.get("/gebied/BU01640300/index/?basisjaar=2024&jaar=2022")
    assert antwoord.status_code == 200
    assert antwoord.context["jaar"] == "2022" and antwoord.context["basisjaar"] == "2024"
    assert "basisjaar=2024&amp;jaar=2022&amp;formaat=csv" in antwoord.content.decode()


def test_long_titles_are_broken_over_lines_for_plotly():
    from indicatoren.charts_combineer import afbreken

    assert afbreken("kort") == "kort"
    tekst = afbreken("Opgesteld vermogen zonnepanelen op woningen (kW)", 40)
    assert tekst == "Opgesteld vermogen zonnepanelen op<br>woningen (kW)"


@pytest.mark.django_db
def test_pages_work_for_a_logged_in_employee_and_a_partner(client_beleid, client_partner_a):
    for c in (client_beleid, client_partner_a):
        antwoord = c.get(SCATTER)
        assert antwoord.status_code == 200 and antwoord.context["koppeling"].n == 10
        assert c.get("/gebied/WK016403/index/").status_code == 200


@pytest.mark.django_db
def test_form_switching_level_falls_back_to_what_exists_there_instead_of_a_404(client):
    # Since the buurt inhabitants of 2024 every wijk year has buurt figures too; what can still be missing
    # at buurt level is the indicator. The deep link shows every buurt as "geen waarde geladen" ...
    antwoord = client.get("/combineer/?x=Woningvoorraad&y=Koopwoningen&niveau=buurt&jaar=2024")
    assert antwoord.status_code == 200 and antwoord.context["koppeling"].n == 0
    # ... but the page's own form, switched from wijk to buurt, picks what the buurten have in that year
    antwoord = client.get("/combineer/?x=Woningvoorraad&y=Koopwoningen&niveau=buurt&jaar=2024&formulier=1")
    assert antwoord.status_code == 200
    assert antwoord.context["jaar"] == "2024"
    assert antwoord.context["x"].code == antwoord.context["y"].code == "AantalInwoners"
    html = html_lib.unescape(antwoord.content.decode())
    assert "Woningvoorraad heeft geen cijfers voor de buurten in 2024: een andere indicator is gekozen" in html
    assert "Koopwoningen heeft geen cijfers voor de buurten in 2024" in html
    assert antwoord.context["koppeling"].n == 62
    assert "x=AantalInwoners&y=AantalInwoners&niveau=buurt&jaar=2024" in html
