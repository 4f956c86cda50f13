"""The KWB importer reads the layouts CBS really publishes and stores the real values.

Numbers are CBS Kerncijfers wijken en buurten 2024 (85984NED) for Hengelo, as in
fixtures/cbs/cbs_kwb2024_85984NED_hengelo_gemeente_wijken.json. Figures the fixtures do not
hold (household size, energy use) are marked as illustrative where they are used.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicatoren.cbs import lees_dataproperties
from indicatoren.importers import kwb_importeren
from indicatoren.models import CbsSleutel, Indicator, Status, Waarde
from lib.importrapport import ImportFout
from wijken.models import Gebied

pytestmark = pytest.mark.django_db

KWB_BRON = "CBS, Kerncijfers wijken en buurten (85984NED), CC BY 4.0"


def waarde(indicator: str, gebied: str, periode: str = "2024") -> Waarde:
    return Waarde.objects.get(indicator__code=indicator, gebied__code=gebied, periode=periode)


def odata(*records: dict) -> str:
    return json.dumps(
        {
            "odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/85984NED/$metadata#Cbs.OData.WebAPI.TypedDataSet",
            "value": list(records),
        }
    )


# The first columns of a TypedDataSet record exactly as CBS serves them: fixed-width, space-padded.
GM0164_TEKST = {
    "ID": 0,
    "WijkenEnBuurten": "GM0164    ",
    "Gemeentenaam_1": "Hengelo                                 ",
    "SoortRegio_2": "Gemeente  ",
    "Codering_3": "GM0164    ",
    "IndelingswijzigingGemeenteWijkBuurt_4": None,
}
WK016403_TEKST = {
    "ID": 4,
    "WijkenEnBuurten": "WK016403  ",
    "Gemeentenaam_1": "Hengelo                                 ",
    "SoortRegio_2": "Wijk      ",
    "Codering_3": "WK016403  ",
    "IndelingswijzigingGemeenteWijkBuurt_4": "1",
}


def importeer(pad, **opties) -> str:
    uit = io.StringIO()
    call_command("import_cbs_kwb", str(pad), stdout=uit, stderr=io.StringIO(), **opties)
    return uit.getvalue()


# --- OData v3 TypedDataSet -----------------------------------------------------------------------


def test_odata_typeddataset_strips_padding_ignores_text_and_keeps_null_as_onbekend(schrijf):
    pad = schrijf(
        "85984NED_TypedDataSet.json",
        odata(
            GM0164_TEKST
            | {"AantalInwoners_5": 83058, "Mannen_6": 41906, "Vrouwen_7": 41152, "Woningvoorraad_35": None},
            WK016403_TEKST
            | {"AantalInwoners_5": 11975, "Mannen_6": 6060, "Vrouwen_7": 5920, "Woningvoorraad_35": 5295},
        ),
    )

    rapport = kwb_importeren(pad)  # table and period (2024) from the file name

    # 2 regions x 4 measures: the text columns (Gemeentenaam, SoortRegio, Codering, ...) are not read.
    assert rapport.gelezen == 8
    # The fixtures already hold these 2024 figures; only the null replaced a number.
    assert (rapport.nieuw, rapport.gewijzigd, rapport.ongewijzigd) == (0, 1, 7)
    assert waarde("AantalInwoners", "GM0164").waarde == 83058
    assert waarde("Mannen", "GM0164").waarde == 41906
    assert waarde("AantalInwoners", "WK016403").waarde == 11975
    assert waarde("Woningvoorraad", "WK016403").waarde == 5295
    leeg = waarde("Woningvoorraad", "GM0164")
    assert (leeg.waarde, leeg.status) == (None, Status.ONBEKEND)  # never 0
    assert leeg.toelichting == "CBS: ontbreekt (leeg in bron)"
    assert leeg.bron == KWB_BRON
    # Codes are stored without CBS's padding; no padded gebied was made.
    assert not Gebied.objects.filter(code__endswith=" ").exists()
    assert not Indicator.objects.filter(code__in=["Gemeentenaam", "SoortRegio", "Codering"]).exists()


def test_odata_perioden_column_gives_the_period(schrijf):
    pad = schrijf(
        "kwb.json",
        odata(
            GM0164_TEKST | {"Perioden": "2023JJ00", "AantalInwoners_5": 83058},
            WK016403_TEKST | {"Perioden": "2023JJ00", "AantalInwoners_5": 11975},
        ),
    )

    rapport = kwb_importeren(pad, tabel="85984NED")

    assert (rapport.gelezen, rapport.nieuw) == (2, 2)
    assert waarde("AantalInwoners", "GM0164", "2023").waarde == 83058
    assert waarde("AantalInwoners", "WK016403", "2023").waarde == 11975
    assert not Waarde.objects.filter(periode="2023JJ00").exists()


def test_odata_without_table_in_name_or_option_is_refused(schrijf):
    pad = schrijf("kwb.json", odata(GM0164_TEKST | {"AantalInwoners_5": 83058}))
    with pytest.raises(CommandError, match="onbekende CBS-tabel"):
        importeer(pad)


# --- StatLine CSV with statistical symbols -------------------------------------------------------

STATLINE_TITELS = (
    '"Wijken en buurten";"Regioaanduiding/Gemeentenaam (naam)";"Regioaanduiding/Soort regio (omschrijving)";'
    '"Regioaanduiding/Codering (code)";"Regioaanduiding/Indelingswijziging gemeente, wijk, buurt (code)";'
    '"Bevolking/Aantal inwoners (aantal)";"Bevolking/Geslacht/Mannen (aantal)";'
    '"Bevolking/Particuliere huishoudens/Gemiddelde huishoudensgrootte (aantal)";'
    '"Bevolking/Bevolkingsdichtheid (aantal inwoners per km²)";"Wonen en vastgoed/Woningvoorraad (aantal)"\n'
    # Household size 2,1 / 2,3 is illustrative (not in the fixtures); it exercises the decimal comma.
    '"Hengelo";"Hengelo                                 ";"Gemeente  ";"GM0164    ";".";'
    '"83.058";"41.906";"2,1";"1.365";"39.985"\n'
    '"Hasseler Es";"Hengelo                                 ";"Wijk      ";"WK016403  ";"1";'
    '"11.975";"x";"2,3";"?";"-"\n'
    '"Binnenstad";"Hengelo                                 ";"Wijk      ";"WK016400  ";"1";'
    '".";"1.630";"   .  ";"4.369";"1.868"\n'
)


def test_statline_csv_dutch_notation_and_symbols_with_titles(schrijf, fixtures_map):
    pad = schrijf("85984NED_statline.csv", STATLINE_TITELS)

    uit = importeer(pad, metadata=str(fixtures_map / "cbs" / "cbs_kwb2024_85984NED_DataProperties.json"))

    assert "15 gelezen" in uit  # 3 regions x 5 measures; the 5 region/text columns are no measures
    assert waarde("AantalInwoners", "GM0164").waarde == 83058  # thousands dot
    assert waarde("Mannen", "GM0164").waarde == 41906
    assert waarde("Bevolkingsdichtheid", "GM0164").waarde == 1365
    assert waarde("Woningvoorraad", "GM0164").waarde == 39985
    assert waarde("GemiddeldeHuishoudensgrootte", "GM0164").waarde == 2.1  # decimal comma
    assert waarde("GemiddeldeHuishoudensgrootte", "WK016403").waarde == 2.3
    assert waarde("Mannen", "WK016400").waarde == 1630

    verwacht = {
        ("Mannen", "WK016403"): (Status.GEHEIM, "CBS: geheim (x)"),
        ("Bevolkingsdichtheid", "WK016403"): (Status.ONBETROUWBAAR, "CBS: cijfer onbetrouwbaar (?)"),
        ("Woningvoorraad", "WK016403"): (Status.NIHIL, "CBS: nihil (-)"),
        ("AantalInwoners", "WK016400"): (Status.ONBEKEND, "CBS: onbekend, onvoldoende betrouwbaar of geheim (.)"),
        ("GemiddeldeHuishoudensgrootte", "WK016400"): (
            Status.ONBEKEND,
            "CBS: onbekend, onvoldoende betrouwbaar of geheim (.)",
        ),
    }
    for (indicator, gebied), (status, toelichting) in verwacht.items():
        w = waarde(indicator, gebied)
        assert (w.waarde, w.status, w.toelichting) == (None, status, toelichting), (indicator, gebied)


def test_statline_csv_with_cbs_keys_needs_no_metadata(schrijf):
    pad = schrijf(
        "85984NED_sleutels.csv",
        "ID;WijkenEnBuurten;Gemeentenaam_1;SoortRegio_2;Codering_3;AantalInwoners_5;Woningvoorraad_35\n"
        "0;GM0164    ;Hengelo   ;Gemeente  ;GM0164    ;83.058;39.985\n"
        "4;WK016403  ;Hengelo   ;Wijk      ;WK016403  ;11.975;x\n",
    )

    rapport = kwb_importeren(pad, periode="2023")

    assert (rapport.gelezen, rapport.nieuw) == (4, 4)
    assert waarde("AantalInwoners", "GM0164", "2023").waarde == 83058
    assert waarde("Woningvoorraad", "GM0164", "2023").waarde == 39985
    assert waarde("AantalInwoners", "WK016403", "2023").waarde == 11975
    geheim = waarde("Woningvoorraad", "WK016403", "2023")
    assert (geheim.waarde, geheim.status) == (None, Status.GEHEIM)


def test_statline_csv_comma_separated_with_english_notation(schrijf, fixtures_map):
    pad = schrijf(
        "export.csv",
        "Codering (code),Wijken en buurten,Aantal inwoners (aantal),Woningvoorraad (aantal),Mannen (aantal)\n"
        'GM0164,Hengelo,"83,058","39,985","41,906"\n'
        'WK016403,Hasseler Es,"11,975","5,295",-\n'
        "WK016409,Buitengebied,1990,703,?\n",
    )

    rapport = kwb_importeren(
        pad,
        tabel="85984NED",
        periode="2023",
        metadata=fixtures_map / "cbs" / "cbs_kwb2024_85984NED_DataProperties.json",
    )

    assert (rapport.gelezen, rapport.nieuw) == (9, 9)
    assert waarde("AantalInwoners", "GM0164", "2023").waarde == 83058
    assert waarde("Woningvoorraad", "GM0164", "2023").waarde == 39985
    assert waarde("Mannen", "GM0164", "2023").waarde == 41906
    assert waarde("AantalInwoners", "WK016403", "2023").waarde == 11975
    assert waarde("Woningvoorraad", "WK016409", "2023").waarde == 703
    assert waarde("Mannen", "WK016403", "2023").status == Status.NIHIL
    assert waarde("Mannen", "WK016409", "2023").status == Status.ONBETROUWBAAR


def test_statline_csv_titles_without_metadata_are_a_clear_error(schrijf):
    pad = schrijf("85984NED_statline.csv", STATLINE_TITELS)
    aantal = Waarde.objects.count()

    with pytest.raises(ImportFout) as fout:
        kwb_importeren(pad)

    assert "kolom 'Bevolking/Aantal inwoners (aantal)' is geen bekende maat van 85984NED" in str(fout.value)
    assert "--metadata" in str(fout.value)
    assert Waarde.objects.count() == aantal


def test_metadata_as_served_by_odata_with_value_wrapper(schrijf, fixtures_map):
    lijst = json.loads((fixtures_map / "cbs" / "cbs_kwb2024_85984NED_DataProperties.json").read_text())
    meta = schrijf(
        "DataProperties.json",
        json.dumps({"odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/85984NED/$metadata", "value": lijst}),
    )
    pad = schrijf("export.csv", 'Codering (code);Aantal inwoners (aantal)\nGM0164;"83.058"\n')

    rapport = kwb_importeren(pad, tabel="85984NED", periode="2023", metadata=meta)

    assert rapport.nieuw == 1
    assert waarde("AantalInwoners", "GM0164", "2023").waarde == 83058


# --- Region-keyed JSON and the per-edition key suffix --------------------------------------------


def test_region_keyed_fixture_maps_key_suffix_to_indicator(fixtures_map):
    pad = fixtures_map / "cbs" / "cbs_kwb2024_85984NED_hengelo_gemeente_wijken.json"

    uit = importeer(pad, tabel="85984NED")

    # load_hengelo imported this very file: 11 regions x 8 measures, all unchanged.
    assert "88 gelezen: 0 nieuw, 0 gewijzigd, 88 ongewijzigd" in uit
    sleutel = CbsSleutel.objects.get(tabel="85984NED", sleutel="AantalInwoners_5")
    assert sleutel.indicator.code == "AantalInwoners"
    assert waarde("AantalInwoners", "GM0164").waarde == 83058
    assert waarde("AantalInwoners", "WK016403").waarde == 11975
    assert waarde("Woningvoorraad", "WK016403").waarde == 5295
    assert waarde("OppervlakteWater", "GM0164").waarde == 99


def test_other_edition_suffix_maps_by_prefix(schrijf):
    # A different edition numbers its columns differently: AantalInwoners_4 in a made-up table.
    pad = schrijf(
        "kwb_andere_editie.json",
        json.dumps(
            {
                "GM0164": {"AantalInwoners_4": 83058, "Woningvoorraad_36": 39985},
                "WK016403": {"AantalInwoners_4": 11975, "Woningvoorraad_36": 5295},
            }
        ),
    )

    uit = importeer(pad, tabel="99999NED", periode="2023")

    assert "4 gelezen: 4 nieuw" in uit
    assert waarde("AantalInwoners", "GM0164", "2023").waarde == 83058
    assert waarde("AantalInwoners", "WK016403", "2023").waarde == 11975
    assert waarde("Woningvoorraad", "WK016403", "2023").waarde == 5295
    assert waarde("AantalInwoners", "GM0164", "2023").bron == (
        "CBS, Kerncijfers wijken en buurten (99999NED), CC BY 4.0"
    )
    assert not CbsSleutel.objects.filter(tabel="99999NED").exists()


def test_other_edition_without_period_is_refused(schrijf):
    pad = schrijf("kwb_andere_editie.json", json.dumps({"GM0164": {"AantalInwoners_4": 83058}}))
    with pytest.raises(CommandError, match="geen periode: geef --periode op"):
        importeer(pad, tabel="99999NED")


# --- Names that repeat within the table ----------------------------------------------------------


def test_duplicate_names_in_real_dataproperties_get_their_group(fixtures_map):
    eigenschappen = json.loads((fixtures_map / "cbs" / "cbs_kwb2024_85984NED_DataProperties.json").read_text())
    per_sleutel = {m.sleutel: m for m in lees_dataproperties(eigenschappen)}

    assert per_sleutel["Appartement_54"].code == "GemiddeldeElektriciteitslevering.Appartement"
    assert per_sleutel["Appartement_62"].code == "GemiddeldAardgasverbruik.Appartement"
    assert per_sleutel["Appartement_54"].eenheid == "kWh"
    assert per_sleutel["Appartement_62"].eenheid == "m³"
    assert per_sleutel["AantalInwoners_5"].code == "AantalInwoners"
    # load_hengelo stored the same links.
    koppeling = dict(
        CbsSleutel.objects.filter(tabel="85984NED", sleutel__startswith="Appartement_").values_list(
            "sleutel", "indicator__code"
        )
    )
    assert koppeling == {
        "Appartement_54": "GemiddeldeElektriciteitslevering.Appartement",
        "Appartement_62": "GemiddeldAardgasverbruik.Appartement",
    }


def test_duplicate_names_import_into_separate_indicators(schrijf):
    # Illustrative consumption figures (not in the fixtures): kWh electricity, m³ gas.
    pad = schrijf(
        "85984NED_energie.json",
        odata(WK016403_TEKST | {"Appartement_54": 1690, "Appartement_62": 660}),
    )

    rapport = kwb_importeren(pad)

    assert (rapport.gelezen, rapport.nieuw) == (2, 2)
    assert waarde("GemiddeldeElektriciteitslevering.Appartement", "WK016403").waarde == 1690
    assert waarde("GemiddeldAardgasverbruik.Appartement", "WK016403").waarde == 660


def test_duplicate_names_as_statline_titles_are_told_apart_by_group(schrijf, fixtures_map):
    pad = schrijf(
        "85984NED_energie.csv",
        '"Regioaanduiding/Codering (code)";'
        '"Energie/Gemiddelde elektriciteitslevering/Naar woningtype/Appartement (kWh)";'
        '"Energie/Gemiddeld aardgasverbruik/Naar woningtype/Appartement (m³)"\n'
        '"WK016403  ";"1.690";"660"\n',
    )

    rapport = kwb_importeren(pad, metadata=fixtures_map / "cbs" / "cbs_kwb2024_85984NED_DataProperties.json")

    assert (rapport.gelezen, rapport.nieuw) == (2, 2)
    assert waarde("GemiddeldeElektriciteitslevering.Appartement", "WK016403").waarde == 1690
    assert waarde("GemiddeldAardgasverbruik.Appartement", "WK016403").waarde == 660


# --- Idempotence ---------------------------------------------------------------------------------


def _per_regio(inwoners_wk03: int = 11975) -> str:
    return json.dumps(
        {
            "GM0164": {"AantalInwoners_5": 83058, "Woningvoorraad_35": 39985},
            "WK016403": {"AantalInwoners_5": inwoners_wk03, "Woningvoorraad_35": 5295},
        }
    )


def test_same_file_twice_changes_nothing_and_a_changed_value_is_one_update(schrijf):
    pad = schrijf("85984NED_hengelo.json", _per_regio())

    eerste = kwb_importeren(pad, periode="2023")
    tweede = kwb_importeren(pad, periode="2023")

    assert (eerste.gelezen, eerste.nieuw, eerste.gewijzigd, eerste.ongewijzigd) == (4, 4, 0, 0)
    assert (tweede.gelezen, tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (4, 0, 0, 4)

    pad = schrijf("85984NED_hengelo.json", _per_regio(inwoners_wk03=11980))
    derde = kwb_importeren(pad, periode="2023")

    assert (derde.nieuw, derde.gewijzigd, derde.ongewijzigd) == (0, 1, 3)
    assert waarde("AantalInwoners", "WK016403", "2023").waarde == 11980


def test_reimporting_the_real_fixture_via_the_command_reports_no_changes(fixtures_map):
    pad = fixtures_map / "cbs" / "cbs_kwb2024_85984NED_alle_gemeenten.json"
    bijgewerkt = waarde("AantalInwoners", "GM0164").bijgewerkt_op

    uit = importeer(pad, tabel="85984NED", maak_gebieden=True)

    assert "0 nieuw, 0 gewijzigd" in uit
    assert waarde("AantalInwoners", "GM0164").bijgewerkt_op == bijgewerkt


# --- Derived indicators --------------------------------------------------------------------------


def test_derived_indicator_is_recomputed_when_an_input_changes(schrijf):
    # 2024 was computed by load_hengelo: 11975 / 5295.
    assert waarde("InwonersPerWoning", "WK016403").waarde == pytest.approx(2.26157, abs=1e-5)

    pad = schrijf("85984NED_hengelo.json", _per_regio())
    kwb_importeren(pad, periode="2023")
    afgeleid = waarde("InwonersPerWoning", "WK016403", "2023")
    assert afgeleid.status == Status.BESCHIKBAAR
    assert afgeleid.waarde == pytest.approx(2.26157, abs=1e-5)
    assert waarde("InwonersPerWoning", "GM0164", "2023").waarde == pytest.approx(2.07723, abs=1e-5)  # 83058/39985
    assert afgeleid.bron.startswith("Berekend: AantalInwoners / Woningvoorraad (bron: CBS, Kerncijfers")

    pad = schrijf("85984NED_hengelo.json", _per_regio(inwoners_wk03=10590))
    kwb_importeren(pad, periode="2023")
    assert waarde("InwonersPerWoning", "WK016403", "2023").waarde == pytest.approx(2.0, abs=1e-9)
    assert waarde("InwonersPerWoning", "GM0164", "2023").waarde == pytest.approx(2.07723, abs=1e-5)


def test_secret_input_makes_derived_onbekend_with_reason(schrijf):
    pad = schrijf(
        "85984NED_statline.csv",
        '"Regioaanduiding/Codering (code)";"AantalInwoners_5";"Woningvoorraad_35"\n'
        '"WK016403  ";"11.975";"x"\n'
        '"WK016400  ";"3.010";"."\n',
    )

    kwb_importeren(pad)

    for gebied, reden in (("WK016403", "geheim (CBS x)"), ("WK016400", "onbekend")):
        afgeleid = waarde("InwonersPerWoning", gebied)
        assert (afgeleid.waarde, afgeleid.status) == (None, Status.ONBEKEND)
        assert afgeleid.toelichting.startswith(f"invoer zonder getal: Woningvoorraad ({reden}")
    # The other gebieden keep their computed number.
    assert waarde("InwonersPerWoning", "GM0164").waarde == pytest.approx(2.07723, abs=1e-5)
