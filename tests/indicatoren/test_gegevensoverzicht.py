"""Empty states that help, and the beheerder's Gegevensoverzicht (what is loaded per source and indicator).

Real Hengelo fixtures: AantalInwoners for all 342 gemeenten (2014, 2019, 2022, 2024), the 10 wijken (2022,
2024) and the 62 buurten (2024), no Nederland; zonnestroom for the buurten of wijk 03 only."""

from datetime import UTC, datetime

import pytest

from indicatoren import leeg
from indicatoren.models import Indicator, Waarde
from indicatoren.overzicht import DatasetRij, IndicatorRij, Periodedekking, bouw_overzicht, samenvatting_perioden

pytestmark = pytest.mark.django_db

LOAD_CBS = "python manage.py load_cbs --gemeente GM0164"


# --- plain functions -------------------------------------------------------------------------------------------


def test_overview_by_hand():
    ds = [DatasetRij(1, "cbs-kwb", "CBS Kerncijfers", "Openbaar", "CBS", "bron", "CC BY 4.0")]
    inds = [
        IndicatorRij(10, "AantalInwoners", "Aantal inwoners", 1, "Bevolking", "basis", None),
        IndicatorRij(11, "WOZ", "WOZ-waarde", 1, "Wonen", "basis", None),
    ]
    t = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    tellingen = [
        Periodedekking(10, "gemeente", True, "2014", 1, 1, t),
        Periodedekking(10, "gemeente", True, "2024", 1, 1, t),
        Periodedekking(10, "gemeente", False, "2024", 341, 341, t),  # the other gemeenten, for comparison
        Periodedekking(10, "wijk", True, "2024", 9, 10, t),  # one wijk secret, two wijken without a row
    ]
    (o,) = bouw_overzicht(
        ds, inds, tellingen, gebieden_per_niveau={"gemeente": 1, "wijk": 12, "buurt": 62}, gemeente_code="GM0164"
    )
    assert (o.met_waarden, o.zonder_waarden, o.laatst) == (1, 1, t)
    inwoners, woz = o.indicatoren
    assert [d.niveau for d in inwoners.dekking] == ["gemeente", "wijk"]
    gemeente, wijk = inwoners.dekking
    assert gemeente.perioden_tekst == "2014, 2024"
    assert gemeente.tekst == "1 van 1 met een getal (2024); plus 341 andere gemeenten ter vergelijking"
    assert wijk.tekst == "9 van 12 met een getal (2024)"
    assert inwoners.ontbreekt == [
        "niet geladen voor buurten, Nederland",
        "wijken 2024: 2 van 12 zonder waarde",
        "wijken 2024: 1 met een status zonder getal (geheim, onbekend of onder de drempel)",
        "wijken: geen cijfers voor 2014 (wel op een ander niveau)",
    ]
    assert woz.ontbreekt == ["geen waarden geladen"] and not woz.geladen
    assert any(a.commando == LOAD_CBS for a in o.aanvullingen)


def test_long_monthly_series_reads_as_a_range():
    maanden = [f"2025-{m:02d}" for m in range(1, 13)]
    assert samenvatting_perioden(maanden) == "jan 2025 t/m dec 2025 (12 perioden)"


def test_each_source_names_its_own_load_path():
    assert [a.commando for a in leeg.voor_dataset("signalen", "GM0164")] == ["python manage.py publiceer_signalen"]
    cbs = leeg.voor_dataset("cbs-kwb", "GM0164")
    assert cbs[0].commando == LOAD_CBS
    assert cbs[1].commando == "python manage.py import_cbs_kwb --download 85984NED --gemeente GM0164"
    (partner,) = leeg.voor_dataset("welbions-huur", "GM0164", "partner")
    assert partner.url == "/api/v1/waarden/upload/" and partner.commando.startswith("python manage.py import_waarden")
    assert LOAD_CBS in leeg.nederland_niet_geladen("GM0164")


# --- the page -------------------------------------------------------------------------------------------------------


def test_gegevensoverzicht_is_for_beheerders_only(client_anoniem, client_beleid, client_partner_a, client_regisseur):
    assert client_anoniem.get("/gegevensoverzicht/").status_code == 302  # to the log-in page
    for c in (client_beleid, client_partner_a, client_regisseur):
        assert c.get("/gegevensoverzicht/").status_code == 403


def test_gegevensoverzicht_lists_sources_levels_periods_counts_and_gaps(client_beheerder):
    antwoord = client_beheerder.get("/gegevensoverzicht/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "CBS Kerncijfers wijken en buurten" in html and "Signalen van bewoners en professionals" in html
    (kwb,) = [o for o in antwoord.context["overzicht"] if o.dataset.code == "cbs-kwb"]
    (inwoners,) = [i for i in kwb.indicatoren if i.indicator.code == "AantalInwoners"]
    assert {d.niveau: d.tekst for d in inwoners.dekking} == {
        "gemeente": "1 van 1 met een getal (2024); plus 341 andere gemeenten ter vergelijking",
        "wijk": "10 van 10 met een getal (2024)",
        "buurt": "62 van 62 met een getal (2024)",
    }
    assert inwoners.ontbreekt == [
        "niet geladen voor Nederland",
        "wijken: geen cijfers voor 2014, 2019 (wel op een ander niveau)",
        "buurten: geen cijfers voor 2014, 2019, 2022 (wel op een ander niveau)",
    ]
    assert inwoners.laatst is not None
    assert "plus 341 andere gemeenten ter vergelijking" in html and "niet geladen voor Nederland" in html
    # Catalogue indicators without a single value are named, with how to load them.
    assert kwb.zonder_waarden > 0 and "zonder waarden (niet geladen)" in html
    assert LOAD_CBS in html
    signalen = next(o for o in antwoord.context["overzicht"] if o.dataset.code == "signalen")
    assert "python manage.py publiceer_signalen" in html and signalen.laatst is None
    # The menu links the page for beheerders.
    assert 'href="/gegevensoverzicht/"' in html
    csv = client_beheerder.get("/gegevensoverzicht/?formaat=csv&tabel=gegevens").content.decode("utf-8-sig")
    assert "AantalInwoners" in csv and ";341;" in csv


def test_gegevensoverzicht_query_budget_does_not_grow_with_indicators_or_periods(
    client_beheerder, django_assert_num_queries
):
    # session, user, account; datasets with owner; indicators; grouped value counts; areas per level.
    with django_assert_num_queries(7):
        client_beheerder.get("/gegevensoverzicht/")
    bron = Indicator.objects.get(code="AantalInwoners")
    from wijken.models import Gebied

    wijken = list(Gebied.objects.filter(niveau="wijk"))
    nieuwe = []
    for n in range(40):
        ind = Indicator.objects.create(
            code=f"Proef{n}", naam=f"Proef {n}", domein=bron.domein, dataset=bron.dataset, volgorde=n
        )
        nieuwe += [
            Waarde(indicator=ind, gebied=g, periode=str(2010 + j), waarde=1.0) for g in wijken for j in range(10)
        ]
    Waarde.objects.bulk_create(nieuwe)
    with django_assert_num_queries(7):
        antwoord = client_beheerder.get("/gegevensoverzicht/")
    assert "Proef 39" in antwoord.content.decode()


def test_beleidsmedewerker_has_no_link_to_the_overview(client_beleid):
    assert 'href="/gegevensoverzicht/"' not in client_beleid.get("/").content.decode()


# --- empty states on the pages --------------------------------------------------------------------------------


def test_empty_buurt_profile_says_which_data_would_fill_it_and_how(client):
    # Every buurt has real inhabitants and crime figures now: this buurt is emptied for the test.
    Waarde.objects.filter(gebied__code="BU01640000").delete()
    html = client.get("/gebied/BU01640000/").content.decode()
    assert "Nog geen cijfers voor Binnenstad Centrum" in html
    assert LOAD_CBS in html and "import_cbs_kwb --download 85984NED" in html and "/api/v1/waarden/upload/" in html
    # Indicators the gemeente has but the buurt has not are named as 'niet geladen' with the reason.
    assert "Niet geladen voor Binnenstad Centrum" in html and "Aantal inwoners" in html
    assert "de bron publiceert deze cijfers niet per buurt" in html


def test_nederland_not_loaded_is_said_with_the_reason(client):
    html = client.get("/gebied/WK016403/").content.decode()
    assert "Nederland: niet geladen." in html and LOAD_CBS in html


def test_reference_cell_without_a_figure_says_niet_geladen(client):
    # Zonnestroom is loaded for the buurten of wijk 03 but (in this test) not for Hengelo.
    Waarde.objects.filter(indicator__code="ZonnestroomVermogenWoningen", gebied__niveau="gemeente").delete()
    html = client.get("/gebied/BU01640300/").content.decode()
    assert "niet geladen" in html and "geen cijfer van Hengelo (O.) voor" in html
    assert "niet bekend" not in html


def test_trend_without_values_says_how_to_load_them(client):
    Waarde.objects.filter(gebied__code="BU01640000", indicator__code="AantalInwoners").delete()
    html = client.get("/gebied/BU01640000/trend/AantalInwoners/").content.decode()
    assert "Geen cijfers van aantal inwoners voor Binnenstad Centrum" in html and LOAD_CBS in html


def test_empty_map_level_says_how_to_load(client):
    Waarde.objects.filter(gebied__niveau="buurt").delete()
    html = client.get("/kaart/?niveau=buurt").content.decode()
    assert "Nog geen cijfers per buurt" in html and LOAD_CBS in html


def test_trend_says_nederland_is_not_loaded(client):
    html = client.get("/gebied/WK016403/trend/AantalInwoners/").content.decode()
    assert "Nederland: niet geladen" in html and LOAD_CBS in html


def test_compare_and_combine_without_data_say_how_to_load(client):
    Waarde.objects.filter(gebied__code__in=["BU01640000", "BU01640001"]).delete()
    html = client.get("/vergelijk/?gebieden=BU01640000,BU01640001").content.decode()
    assert "Nog geen cijfers om te vergelijken" in html and LOAD_CBS in html
    Waarde.objects.filter(gebied__niveau="buurt").delete()
    html = client.get("/combineer/?niveau=buurt").content.decode()
    assert "Nog geen cijfers om te combineren" in html and LOAD_CBS in html
