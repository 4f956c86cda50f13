"""The profile's first screen (issue 11): the tile, sparkline and small-multiple builders on small hand-checked
examples (no database), and the page on the real Hengelo data with its query budget pinned."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicatoren.eerste_scherm import (
    kies_tegels,
    sparkline,
    zin_bij,
)
from indicatoren.models import Dataset, Domein, Indicator, Polariteit, Status, Waarde
from indicatoren.profiel import DomeinProfiel, Kengetal, ProfielWaarde
from indicatoren.signalenpaneel import categorie_naam, signalen_panelen
from indicatoren.weergave import Getoond
from lib.perioden import laatste_volledige_maanden, maand_label
from wijken.models import Gebied

# --- periods ----------------------------------------------------------------------------------------


def test_the_last_complete_months_never_include_the_running_month():
    maanden = laatste_volledige_maanden(date(2026, 12, 1), 24)
    assert len(maanden) == 24
    assert maanden[0] == "2024-12" and maanden[-1] == "2026-11"
    assert laatste_volledige_maanden(date(2027, 1, 31), 3) == ["2026-10", "2026-11", "2026-12"]
    assert laatste_volledige_maanden(date(2026, 3, 15), 2) == ["2026-01", "2026-02"]


def test_months_are_labelled_in_dutch():
    assert maand_label("2026-11") == "nov 2026"
    assert maand_label("2026-03") == "mrt 2026"
    assert maand_label("2024") == "2024"


# --- sparkline --------------------------------------------------------------------------------------


def test_sparkline_scales_from_minimum_to_maximum():
    lijn = sparkline([("2023", 15.0), ("2022", 10.0), ("2024", 20.0)], breedte=100, hoogte=20)
    # x from 3 to 97 (margin 3), y from 17 (minimum) to 3 (maximum); the input order does not matter
    assert lijn.lijn.segmenten == ["3,17 50,10 97,3"]
    assert lijn.laatste == (97, 3)
    assert (lijn.punt_x, lijn.punt_y) == ("97", "3")  # text, never localised to "97,0"
    assert (lijn.minimum, lijn.maximum, lijn.aantal) == (10.0, 20.0, 3)
    assert lijn.beschrijving == "2022 tot en met 2024, 3 perioden"


def test_a_gap_breaks_the_sparkline_and_one_number_gives_none():
    lijn = sparkline([("2021", 1.0), ("2022", 2.0), ("2023", None), ("2024", 3.0)], breedte=100, hoogte=20)
    assert lijn.lijn.segmenten == ["3,17 34.3,10"]  # the lone 2024 point is a dot, not a line across the gap
    assert lijn.laatste == (97, 3)
    assert sparkline([("2024", 5.0)]) is None
    assert sparkline([("2023", None), ("2024", 5.0)]) is None
    assert sparkline([]) is None


def test_a_flat_series_is_drawn_in_the_middle():
    lijn = sparkline([("2023", 4.0), ("2024", 4.0)], breedte=100, hoogte=20)
    assert lijn.lijn.segmenten == ["3,10 97,10"]


# --- tiles ------------------------------------------------------------------------------------------


def test_numbers_read_as_natural_sentences():
    assert zin_bij("11.975", "aantal", "Aantal inwoners", "2024") == "11.975 inwoners (2024)"
    assert zin_bij("5.295", "aantal", "Woningvoorraad", "2024") == "5.295 woningvoorraad (2024)"
    assert zin_bij("50,6", "%", "Aandeel mannen", "2024") == "50,6% (2024)"
    assert (
        zin_bij("2,26", "inwoners per woning", "Inwoners per woning", "2026-11")
        == "2,26 inwoners per woning (nov 2026)"
    )


def _domein(code, volgorde):
    return SimpleNamespace(id=volgorde, code=code, naam=code.title(), volgorde=volgorde)


def _kengetal(code, domein, *, waarde=1.0, absoluut=False, periode="2024"):
    ind = SimpleNamespace(id=hash(code) % 10_000, code=code, naam=code, domein=domein, absoluut=absoluut, eenheid="%")
    tekst = "—" if waarde is None else str(waarde)
    return Kengetal(ind, periode, Getoond(tekst, waarde, "beschikbaar", ""), "CBS", None, None, None, None, True, 1)


def test_tiles_take_the_kernset_in_turn_from_each_domain_and_skip_signals():
    bevolking, wonen, signalen = _domein("bevolking", 1), _domein("wonen", 2), _domein("signalen", 9)
    domeinen = [
        DomeinProfiel(
            bevolking, kernset=[_kengetal("B1", bevolking), _kengetal("B2", bevolking), _kengetal("B3", bevolking)]
        ),
        DomeinProfiel(wonen, kernset=[_kengetal("W1", wonen), _kengetal("W0", wonen, waarde=None)]),
        DomeinProfiel(signalen, kernset=[_kengetal("S1", signalen)]),
    ]
    assert [k.indicator.code for k in kies_tegels(domeinen, maximaal=8)] == ["B1", "W1", "B2", "B3", "W0"]
    assert [k.indicator.code for k in kies_tegels(domeinen, maximaal=3)] == ["B1", "W1", "B2"]


def test_tiles_fill_up_with_rates_before_counts_outside_the_kernset():
    bevolking = _domein("bevolking", 1)
    domeinen = [
        DomeinProfiel(
            bevolking,
            kernset=[_kengetal("AantalInwoners", bevolking, absoluut=True)],
            overig=[_kengetal("Mannen", bevolking, absoluut=True), _kengetal("AandeelMannen", bevolking)],
        )
    ]
    assert [k.indicator.code for k in kies_tegels(domeinen)] == ["AantalInwoners", "AandeelMannen", "Mannen"]


# --- signals panel ----------------------------------------------------------------------------------


def _sig_indicator(id_, code, naam, eenheid="per 1.000 inwoners"):
    return SimpleNamespace(
        id=id_,
        code=code,
        naam=naam,
        eenheid=eenheid,
        decimalen=2,
        onthullingsdrempel=None,
        domein=SimpleNamespace(code="signalen"),
    )


def test_category_names_come_from_the_indicator_names():
    assert categorie_naam("Signalen zwerfvuil per 1.000 inwoners (per maand)") == "Zwerfvuil"
    assert categorie_naam("Signalen per 1.000 inwoners (per maand)") == "Alle signalen"
    assert categorie_naam("Signalen groen (aantal per maand)") == "Groen"


def test_signal_panels_compare_the_area_with_hengelo_over_complete_months_only():
    totaal = _sig_indicator(1, "SignalenPer1000", "Signalen per 1.000 inwoners (per maand)")
    groen = _sig_indicator(2, "SignalenPer1000_groen", "Signalen groen per 1.000 inwoners (per maand)")
    vuil = _sig_indicator(3, "SignalenPer1000_zwerfvuil", "Signalen zwerfvuil per 1.000 inwoners (per maand)")
    telling = _sig_indicator(4, "Signalen_groen", "Signalen groen (aantal per maand)", eenheid="signalen")
    bewoners = _sig_indicator(5, "SignalenBewonersPer1000", "Signalen van bewoners per 1.000 inwoners (per maand)")

    def rij(gebied, ind, periode, waarde):
        return ProfielWaarde(gebied, ind, periode, waarde, Status.BESCHIKBAAR, "", "test")

    rijen = [
        rij(1, totaal, "2026-10", 2.0),
        rij(1, totaal, "2026-11", 4.0),
        rij(1, totaal, "2026-12", 99.0),
        rij(2, totaal, "2026-10", 1.0),
        rij(2, totaal, "2026-11", 1.0),
        rij(1, groen, "2026-10", 0.5),
        rij(1, groen, "2026-11", 0.5),
        rij(2, groen, "2026-10", 0.5),
        rij(2, groen, "2026-11", 0.52),
        rij(1, vuil, "2026-11", 1.0),  # October missing: a gap, not a zero
        rij(1, telling, "2026-11", 7.0),
        rij(1, bewoners, "2026-11", 3.0),
        rij(3, groen, "2026-11", 50.0),  # another area
    ]
    panelen = signalen_panelen(rijen, gebied_id=1, gemeente_id=2, maanden=["2026-10", "2026-11"])
    # the total first, then the categories by the area's rate; no count, no "van bewoners" split
    assert [p.naam for p in panelen] == ["Alle signalen", "Zwerfvuil", "Groen"]
    alle, vuil_p, groen_p = panelen
    assert alle.eigen == [2.0, 4.0] and alle.gemeente == [1.0, 1.0]  # December (running) is not there
    assert alle.gemiddelde_eigen == 3.0 and alle.oordeel == "hoger"
    assert groen_p.oordeel == "vergelijkbaar"  # 0,50 against 0,51: within 10%
    assert vuil_p.eigen == [None, 1.0] and vuil_p.gemeente == [None, None] and vuil_p.oordeel == ""
    assert alle.hoogste == 4.0 and alle.hoogste_tekst == "4,00"
    # y from 0 (bottom, 66) to the panel's maximum (top, 4): 2.0 -> 35, 4.0 -> 4
    assert alle.lijn_eigen.segmenten == ["4,35 216,4"]
    assert "Gemiddeld 3,00 per 1.000 inwoners per maand" in alle.zin and "Hengelo 1,00" in alle.zin


def test_signal_panels_without_rates_fall_back_to_counts_without_comparison():
    telling = _sig_indicator(4, "Signalen_groen", "Signalen groen (aantal per maand)", eenheid="signalen")
    rijen = [
        ProfielWaarde(1, telling, "2026-11", 7.0, Status.BESCHIKBAAR, "", "test"),
        ProfielWaarde(2, telling, "2026-11", 70.0, Status.BESCHIKBAAR, "", "test"),
    ]
    assert signalen_panelen(rijen, gebied_id=1, gemeente_id=2, maanden=["2026-11"]) == []
    (paneel,) = signalen_panelen(rijen, gebied_id=1, gemeente_id=None, maanden=["2026-11"], eenheid="signalen")
    assert paneel.naam == "Groen" and paneel.eigen == [7.0] and paneel.gemeente == [None]
    assert paneel.zin == "Gemiddeld 7,0 signalen per maand (nov 2026 t/m nov 2026)."


# --- the page on the real data ----------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytest.mark.django_db
def test_wijk_profile_opens_with_tiles_locator_map_and_folded_tables(client):
    html = client.get("/gebied/WK016403/").content.decode()
    assert "Hasseler Es in het kort" in html
    assert 6 <= html.count('class="tegel"') <= 8
    assert "11.975" in html and "Hengelo (O.): 83.058" in html
    assert 'data-grafiek="locatiekaart"' in html
    assert "Hasseler Es op de kaart" in html
    assert html.count('<details class="domein"') >= 3  # the full tables, folded per domain
    assert "Bron: CBS" in html and "85984NED" in html  # the source as a footnote per table
    assert 'href="/gebied/BU01640300/"' in html  # its buurten are still listed


def _signaalcijfers(maanden, gebieden):
    domein, _ = Domein.objects.get_or_create(code="signalen", defaults={"naam": "Signalen", "volgorde": 90})
    dataset = Dataset.objects.filter(zichtbaarheid="openbaar").first() or Dataset.objects.first()
    totaal = Indicator.objects.create(
        code="TestSignalenPer1000",
        naam="Signalen per 1.000 inwoners (per maand)",
        domein=domein,
        dataset=dataset,
        eenheid="per 1.000 inwoners",
        decimalen=2,
    )
    Waarde.objects.bulk_create(
        Waarde(indicator=totaal, gebied=g, periode=m, waarde=w, status=Status.BESCHIKBAAR, bron="test")
        for g, w in gebieden
        for m in maanden
    )


@pytest.mark.django_db
def test_signals_panel_shows_the_last_24_complete_months_against_hengelo(client):
    maanden = laatste_volledige_maanden(date.today(), 25)  # one month more than shown: left out
    wijk, hengelo = Gebied.objects.get(code="WK016403"), Gebied.objects.get(code="GM0164")
    _signaalcijfers(maanden, [(wijk, 2.0), (hengelo, 1.0)])
    html = client.get("/gebied/WK016403/").content.decode()
    eerste, laatste = maand_label(maanden[1]), maand_label(maanden[-1])
    assert f"Signalen per 1.000 inwoners, {eerste} t/m {laatste}" in html
    assert html.count('class="veelvoud"') == 1
    assert "Gemiddeld 2,00 per 1.000 inwoners per maand" in html and "Hengelo 1,00" in html
    assert "hoger" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_profile_budget_is_the_same_for_5_or_200_indicators_and_1_or_10_years(client):
    wijk = Gebied.objects.get(code="WK016403")
    buurt = Gebied.objects.get(code="BU01640300")
    voor = {url: _queries(client, url) for url in ("/gebied/WK016403/", "/gebied/BU01640300/", "/gebied/GM0164/")}
    assert set(voor.values()) == {7}  # session, user, account; gebied, waarden, kernset, locator map

    domein = Domein.objects.get(code="bevolking")
    dataset = Indicator.objects.get(code="AantalInwoners").dataset
    nieuw = Indicator.objects.bulk_create(
        Indicator(
            code=f"Extra{i}", naam=f"Extra {i}", domein=domein, dataset=dataset, polariteit=Polariteit.HOGER_BETER
        )
        for i in range(200)
    )
    Waarde.objects.bulk_create(
        Waarde(indicator=ind, gebied=g, periode=str(jaar), waarde=float(i + jaar), status=Status.BESCHIKBAAR, bron="t")
        for i, ind in enumerate(nieuw)
        for g in (wijk, buurt, wijk.ouder)
        for jaar in range(2015, 2025)
    )
    na = {url: _queries(client, url) for url in voor}
    assert na == voor
    html = client.get("/gebied/WK016403/?kaart=Extra3").content.decode()
    assert 'class="sparkline"' in html  # ten years: the tiles draw a line


def test_map_labels_are_dark_on_light_classes_and_white_on_dark_ones():
    from indicatoren.kaart import _tekstkleur

    assert _tekstkleur("#ffffcc") == "#1a1a1a"
    assert _tekstkleur("#253494") == "#ffffff"
    assert _tekstkleur("#bdbdbd") == "#1a1a1a"
    assert _tekstkleur("rood") == "#1a1a1a"


@pytest.mark.django_db
def test_the_map_defaults_to_a_rate_and_names_the_wijken(client):
    import json as _json
    import re as _re

    html = client.get("/kaart/").content.decode()
    assert "Bevolkingsdichtheid per wijk, 2024" in html
    figuur = _json.loads(
        _re.search(r'<script id="kaart-grafiek" type="application/json">(.*?)</script>', html, _re.S)[1]
    )
    namen = [t for t in figuur["data"] if t.get("mode") == "text"]
    assert len(namen) == 1 and "Hasseler Es" in namen[0]["text"] and len(namen[0]["text"]) == 10
    assert figuur["layout"]["height"] == 720


@pytest.mark.django_db
def test_an_area_outside_hengelo_says_why_it_has_no_map_and_shows_no_signals_panel(client):
    html = client.get("/gebied/GM0014/").content.decode()
    assert "in het kort" in html
    assert "Geen kaart: voor" in html and "zijn geen wijkgrenzen geladen" in html
    assert 'id="signalen-kop"' not in html
    assert 'id="signalen-kop"' in client.get("/gebied/WK016403/").content.decode()


@pytest.mark.django_db
def test_the_locator_map_colours_by_a_signal_rate_over_the_last_12_complete_months(client, django_assert_num_queries):
    vandaag = date.today()
    maanden = laatste_volledige_maanden(vandaag, 12)
    lopend = f"{vandaag.year:04d}-{vandaag.month:02d}"
    g = {c: Gebied.objects.get(code=c) for c in ("WK016403", "WK016400", "GM0164")}
    _signaalcijfers(maanden, [(g["WK016403"], 2.0), (g["WK016400"], 1.0), (g["GM0164"], 1.5)])
    ind = Indicator.objects.get(code="TestSignalenPer1000")
    Waarde.objects.create(indicator=ind, gebied=g["WK016403"], periode=lopend, waarde=99.0, status=Status.BESCHIKBAAR)
    with django_assert_num_queries(7):  # the same budget as with a yearly figure
        html = client.get("/gebied/WK016403/?kaart=TestSignalenPer1000").content.decode()
    periode = f"{maand_label(maanden[0])} t/m {maand_label(maanden[-1])}"
    assert '<option value="TestSignalenPer1000" selected>' in html
    # the running month (99) is not in the mean; wijken without signal figures say so
    assert f"gemiddelde per maand, {periode}: hoogste waarde in Hasseler Es (2,00 per 1.000 inwoners)" in html
    assert "laagste in Binnenstad (1,00 per 1.000 inwoners); 8 van 10 wijken zonder getal." in html


def test_the_largest_differences_leave_out_counts_and_small_gaps():
    from indicatoren.vergelijking import VergelijkDomein, VergelijkRij
    from indicatoren.verschillen import grootste_verschillen

    def cel(w):
        return SimpleNamespace(getoond=None if w is None else Getoond(str(w).replace(".", ","), w, "beschikbaar", ""))

    def rij(code, waarden, absoluut=False):
        ind = SimpleNamespace(code=code, naam=code, absoluut=absoluut)
        return VergelijkRij(ind, "2024", [cel(w) for w in waarden])

    domein = VergelijkDomein(
        SimpleNamespace(naam="D"),
        [
            rij("Dichtheid", [4800.0, 67.0, 1365.0]),  # (4800 - 67) / 2077,33 = 2,28
            rij("Aandeel", [50.0, 52.0, 51.0]),  # 4%: below the 10% threshold
            rij("Inwoners", [11975.0, 1990.0, 83058.0], absoluut=True),  # a count: left out
            rij("Eén getal", [5.0, None, None]),
            rij("Woning", [2.0, 2.5, 2.26]),  # 0,5 / 2,253 = 22%
        ],
    )
    (eerste, tweede) = grootste_verschillen([domein], ["A", "B", "C"])
    assert [eerste.indicator.code, tweede.indicator.code] == ["Dichtheid", "Woning"]
    assert eerste.hoogste == ("A", "4800,0") and eerste.laagste == ("B", "67,0")
    assert round(eerste.relatief, 2) == 2.28
    assert eerste.zin == "Dichtheid (2024): A 4800,0 tegen B 67,0, 228% van het gemiddelde."


@pytest.mark.django_db
def test_the_compare_page_highlights_the_largest_differences(client):
    html = client.get("/vergelijk/?gebieden=WK016403,WK016400,WK016409").content.decode()
    kop = html.index('id="verschillen-kop"')
    lijst = html[kop : html.index("</section>", kop)]
    assert "Bevolkingsdichtheid (2024)" in lijst and "Aantal inwoners" not in lijst
    assert 'class="groot-verschil"' in html and "Groot verschil: " in html
