"""The real Hengelo fixtures, loaded by load_hengelo, give the values CBS published."""

import io

import pytest
from django.core.management import call_command

from indicatoren.models import Indicator, Status, Waarde
from wijken.models import Gebied, GebiedVersie, Niveau

pytestmark = pytest.mark.django_db


def waarde(indicator: str, gebied: str, periode: str = "2024") -> Waarde:
    return Waarde.objects.get(indicator__code=indicator, gebied__code=gebied, periode=periode)


def test_hengelo_has_ten_wijken_and_62_buurten_linked_by_code():
    hengelo = Gebied.objects.get(code="GM0164")
    assert hengelo.niveau == Niveau.GEMEENTE
    assert hengelo.naam == "Hengelo (O.)"  # statnaam in the CBS gemeente layer
    wijken = Gebied.objects.filter(ouder=hengelo, niveau=Niveau.WIJK)
    assert wijken.count() == 10
    buurten_per_wijk = [w.kinderen.count() for w in wijken.order_by("code")]
    assert buurten_per_wijk == [3, 4, 5, 10, 4, 7, 7, 7, 6, 9]
    assert Gebied.objects.filter(niveau=Niveau.BUURT, code__startswith="BU0164").count() == 62
    assert Gebied.objects.get(code="BU01640305").ouder.code == "WK016403"


def test_boundaries_are_versioned_per_indeling_year():
    per_jaar = {
        jaar: GebiedVersie.objects.filter(jaar=jaar, gebied__code__contains="0164").count()
        for jaar in (2019, 2021, 2025)
    }
    assert per_jaar == {2019: 62, 2021: 72, 2025: 73}
    # Names are kept per year; the gebied carries the newest.
    versies = dict(GebiedVersie.objects.filter(gebied__code="BU01640001").values_list("jaar", "naam"))
    assert versies == {2019: "Binnenstad-West", 2021: "Binnenstad-West", 2025: "Binnenstad West"}
    assert Gebied.objects.get(code="BU01640001").naam == "Binnenstad West"
    assert Gebied.objects.get(code="WK016400").naam == "Binnenstad"
    # Every version carries a WGS84 polygon.
    geometrie = GebiedVersie.objects.get(gebied__code="WK016403", jaar=2025).geometrie
    assert geometrie["type"] in {"Polygon", "MultiPolygon"}


def test_version_in_force_is_the_latest_indeling_at_or_before_the_year():
    buurt = Gebied.objects.get(code="BU01640600")
    assert GebiedVersie.objects.geldig_in(2024).get(gebied=buurt).jaar == 2021
    assert GebiedVersie.objects.geldig_in(2025).get(gebied=buurt).jaar == 2025
    assert GebiedVersie.objects.geldig_in(2020).get(gebied=buurt).jaar == 2019
    # Before the first loaded indeling, the earliest one stands in.
    assert GebiedVersie.objects.geldig_in(2010).get(gebied=buurt).jaar == 2019
    wijk = Gebied.objects.get(code="WK016403")
    assert GebiedVersie.objects.geldig_in(2019).get(gebied=wijk).jaar == 2021


@pytest.mark.parametrize(
    ("gebied", "inwoners", "woningen"),
    [
        ("GM0164", 83058, 39985),
        ("WK016400", 3010, 1868),
        ("WK016403", 11975, 5295),
        ("WK016409", 1990, 703),
    ],
)
def test_kwb_2024_values_as_published_by_cbs(gebied, inwoners, woningen):
    assert waarde("AantalInwoners", gebied).waarde == inwoners
    assert waarde("Woningvoorraad", gebied).waarde == woningen
    assert waarde("AantalInwoners", gebied).status == Status.BESCHIKBAAR
    assert "85984NED" in waarde("AantalInwoners", gebied).bron


def test_all_342_gemeenten_are_loaded_for_comparison():
    assert Gebied.objects.filter(niveau=Niveau.GEMEENTE).count() == 342
    assert waarde("AantalInwoners", "GM0363").waarde == 931298  # Amsterdam
    assert waarde("AantalInwoners", "GM0153").waarde == 161738  # Enschede
    assert (
        Waarde.objects.filter(periode="2024", gebied__niveau=Niveau.GEMEENTE, indicator__code="AantalInwoners").count()
        == 342
    )


def test_indicator_metadata_comes_from_cbs_dataproperties():
    inwoners = Indicator.objects.get(code="AantalInwoners")
    assert inwoners.naam == "Aantal inwoners"
    assert inwoners.eenheid == "aantal"
    assert inwoners.domein.code == "bevolking"
    assert inwoners.cbs_sleutels.get(tabel="85984NED").sleutel == "AantalInwoners_5"
    dichtheid = Indicator.objects.get(code="Bevolkingsdichtheid")
    assert dichtheid.eenheid == "aantal inwoners per km²"
    # All 123 numeric measures of the 2024 table become indicators, even without values yet.
    assert Indicator.objects.filter(cbs_sleutels__tabel="85984NED").count() == 123
    assert Indicator.objects.get(code="WmoClientenRelatief").polariteit == "hoger_slechter"


def test_solar_series_per_buurt_2016_2022_with_missing_values_as_status():
    assert waarde("ZonnestroomVermogenWoningen", "BU01640300", "2016").waarde == 254
    assert waarde("ZonnestroomVermogenWoningen", "BU01640300", "2022").waarde == 1326
    assert Waarde.objects.filter(indicator__code="ZonnestroomVermogenWoningen").count() == 70
    ontbrekend = waarde("ZonnestroomVermogenWoningen", "BU01640309", "2016")
    assert ontbrekend.waarde is None
    assert ontbrekend.status == Status.ONBEKEND
    assert ontbrekend.toelichting


def test_derived_indicators_are_computed_from_the_real_values():
    per_woning = waarde("InwonersPerWoning", "GM0164")
    assert per_woning.waarde == pytest.approx(83058 / 39985)
    assert per_woning.bron.startswith("Berekend: AantalInwoners / Woningvoorraad")
    assert waarde("AandeelWater", "WK016403").waarde == 0
    # Age-group counts exist only in the gemeente rows of KWB 2019: the share is computed there, and
    # nowhere an input was never delivered (no wijk, no buurt, no other year).
    assert waarde("Aandeel65Plus", "GM0164", "2019").waarde == pytest.approx(100 * 16114 / 80683)
    assert set(Waarde.objects.filter(indicator__code="Aandeel65Plus").values_list("periode", flat=True)) == {"2019"}
    assert not Waarde.objects.filter(indicator__code="Aandeel65Plus", gebied__niveau__in=["wijk", "buurt"]).exists()


def test_loading_again_changes_no_row():
    voor = set(Waarde.objects.values_list("id", "waarde", "status", "bron", "bijgewerkt_op"))
    gebieden = sorted(GebiedVersie.objects.values_list("id", "naam", "geometrie"))
    uit = io.StringIO()
    call_command("load_hengelo", stdout=uit, stderr=io.StringIO())
    assert set(Waarde.objects.values_list("id", "waarde", "status", "bron", "bijgewerkt_op")) == voor
    assert sorted(GebiedVersie.objects.values_list("id", "naam", "geometrie")) == gebieden
    assert " 0 nieuw, 0 gewijzigd" in uit.getvalue()
    assert "nieuw, 0 gewijzigd" in uit.getvalue()


def test_solar_series_geojson_as_published_gives_the_same_values_as_the_csv(fixtures_map):
    uit = io.StringIO()
    call_command(
        "import_cbs_reeks",
        str(fixtures_map / "cbs" / "cbs_zonnestroom_2016_2022_hengelo_wijk03_buurten.geojson"),
        indicator="ZonnestroomVermogenWoningen",
        waarde_kolom="vermogen_kWp",
        bron="CBS, Zonnestroom; vermogen zonnepanelen woningen, wijken en buurten (CC BY 4.0)",
        stdout=uit,
        stderr=io.StringIO(),
    )
    assert "70 gelezen: 0 nieuw, 0 gewijzigd, 70 ongewijzigd" in uit.getvalue()
