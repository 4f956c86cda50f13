"""The real data of fixtures/politie and fixtures/kwb-extra (loaded by load_hengelo) on the pages and
in the export: police-registered crime 2023 per buurt and (as the complete sum of its buurten) per wijk
and for Hengelo, inhabitants per buurt 2024, KWB 2022 per wijk, and the gemeente series 2014-2024.
Every figure is the one in the source file; each test names it."""

import csv
import html as htmlmod
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicatoren.importers import cbs_tabel_importeren, hernoemd_importeren
from indicatoren.models import Indicator, Status, Waarde
from indicatoren.services import som_van_buurten
from lib.importrapport import ImportFout
from wijken.models import Gebied

pytestmark = pytest.mark.django_db


def waarde(indicator: str, gebied: str, periode: str) -> Waarde:
    return Waarde.objects.get(indicator__code=indicator, gebied__code=gebied, periode=periode)


def tekst(antwoord) -> str:
    """The page as text: no scripts, no tags, entities resolved, whitespace collapsed."""
    assert antwoord.status_code == 200
    html = re.sub(r"<script.*?</script>", " ", antwoord.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", " ", html)))


def kaartrij(antwoord, code: str) -> list[str]:
    """The cells of one area in the map's data table: name, code, value, unit, class, status, reason, period, source."""
    html = antwoord.content.decode()
    rij = re.search(rf"<tr><th scope=\"row\">([^<]*)</th><td>{code}</td>(.*?)</tr>", html)
    assert rij, f"{code} staat niet in de kaarttabel"
    return [rij.group(1), code, *[htmlmod.unescape(c) for c in re.findall(r"<td>(.*?)</td>", rij.group(2))]]


def export(**filters) -> list[list[str]]:
    uit = io.StringIO()
    call_command("export_waarden", stdout=uit, stderr=io.StringIO(), **filters)
    regels = list(csv.reader(io.StringIO(uit.getvalue()), delimiter=";"))
    assert regels[0] == [
        "indicator",
        "indicator_naam",
        "gebied",
        "gebied_naam",
        "periode",
        "waarde",
        "eenheid",
        "status",
        "reden",
        "bron",
    ]
    return regels[1:]


POLITIE = "CBS/Politie, Geregistreerde misdrijven; soort misdrijf, wijk, buurt (47018NED), CC BY 4.0"


# --- the data as loaded --------------------------------------------------------------------------------


def test_police_crime_2023_of_all_62_buurten_as_published():
    buurten = Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", periode="2023", gebied__niveau="buurt")
    assert buurten.count() == 62
    assert sum(w.waarde for w in buurten) == 3665  # the sum stated in fixtures/politie/README.md
    centrum = waarde("GeregistreerdeMisdrijven", "BU01640000", "2023")
    assert (centrum.waarde, centrum.status, centrum.bron) == (717, Status.BESCHIKBAAR, POLITIE)
    indicator = Indicator.objects.get(code="GeregistreerdeMisdrijven")
    assert (indicator.naam, indicator.domein.code, indicator.polariteit, indicator.absoluut) == (
        "Geregistreerde misdrijven",
        "veiligheid",
        "hoger_slechter",
        True,
    )
    assert indicator.cbs_sleutels.get(tabel="47018NED").sleutel == "GeregistreerdeMisdrijven_1|0.0.0"
    # Only the category that is in the file becomes an indicator (the total).
    assert not Indicator.objects.filter(code__startswith="GeregistreerdeMisdrijven.").exists()


def test_wijk_and_gemeente_crime_is_the_sum_of_all_their_buurten_and_says_so():
    binnenstad = waarde("GeregistreerdeMisdrijven", "WK016400", "2023")
    assert binnenstad.waarde == 717 + 91 + 55  # BU01640000, -01, -02
    assert binnenstad.toelichting == "som van alle 3 buurten"
    assert binnenstad.bron.startswith("Som van alle 3 buurten, berekend door het Wijkportaal (bron: CBS/Politie")
    hengelo = waarde("GeregistreerdeMisdrijven", "GM0164", "2023")
    assert (hengelo.waarde, hengelo.toelichting) == (3665, "som van alle 62 buurten")
    assert Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", gebied__niveau="wijk").count() == 10


def test_a_partial_sum_is_never_presented():
    Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", gebied__code="BU01640001").delete()

    som_van_buurten(indicator_code="GeregistreerdeMisdrijven", gemeente_code="GM0164")

    # Binnenstad and Hengelo lack a buurt: their sums are gone, the other wijken keep theirs.
    assert not Waarde.objects.filter(
        indicator__code="GeregistreerdeMisdrijven", gebied__code__in=["WK016400", "GM0164"]
    ).exists()
    assert waarde("GeregistreerdeMisdrijven", "WK016403", "2023").toelichting == "som van alle 10 buurten"
    assert not Waarde.objects.filter(indicator__code="MisdrijvenPer1000Inwoners", gebied__code="WK016400").exists()


def test_a_published_wijk_figure_is_never_replaced_by_a_sum():
    Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", gebied__code="WK016400").update(
        waarde=870, bron=POLITIE, toelichting=""
    )

    som_van_buurten(indicator_code="GeregistreerdeMisdrijven", gemeente_code="GM0164")

    assert waarde("GeregistreerdeMisdrijven", "WK016400", "2023").waarde == 870


def test_crime_per_1000_inhabitants_says_it_divides_2023_by_2024():
    centrum = waarde("MisdrijvenPer1000Inwoners", "BU01640000", "2023")
    assert centrum.waarde == pytest.approx(1000 * 717 / 1170)
    verschil = "geregistreerde misdrijven van 2023, aantal inwoners van 2024 (aantal inwoners van 2023 is niet geladen)"
    assert centrum.toelichting == f"Let op: {verschil}"
    assert centrum.bron.startswith(f"Berekend: 1000 * GeregistreerdeMisdrijven / AantalInwoners; let op: {verschil}")
    assert waarde("MisdrijvenPer1000Inwoners", "GM0164", "2023").waarde == pytest.approx(1000 * 3665 / 83058)
    assert waarde("MisdrijvenPer1000Inwoners", "WK016400", "2023").waarde == pytest.approx(1000 * 863 / 3010)
    assert not Waarde.objects.filter(indicator__code="MisdrijvenPer1000Inwoners", periode="2024").exists()


def test_the_same_year_replaces_the_other_year_once_it_is_loaded(tmp_path):
    pad = tmp_path / "inwoners2023.csv"
    pad.write_text("indicator;gebied;periode;waarde\nAantalInwoners;BU01640000;2023;1160\n", encoding="utf-8")
    call_command("import_waarden", str(pad), bron="test: inwoners 2023", stdout=io.StringIO(), stderr=io.StringIO())

    centrum = waarde("MisdrijvenPer1000Inwoners", "BU01640000", "2023")
    assert centrum.waarde == pytest.approx(1000 * 717 / 1160)
    assert centrum.toelichting == ""


def test_inhabitants_per_buurt_2024():
    assert Waarde.objects.filter(indicator__code="AantalInwoners", periode="2024", gebied__niveau="buurt").count() == 62
    assert (
        sum(
            Waarde.objects.filter(indicator__code="AantalInwoners", periode="2024", gebied__niveau="buurt").values_list(
                "waarde", flat=True
            )
        )
        == 83060
    )  # README: CBS rounds buurt counts to 5
    assert waarde("AantalInwoners", "BU01640000", "2024").waarde == 1170
    assert "bernasco" in waarde("AantalInwoners", "BU01640000", "2024").bron


def test_kwb_2022_per_wijk_with_the_authors_columns_mapped_onto_cbs_indicators():
    hasseler_es = {
        "AantalInwoners": 12030,
        "Woningvoorraad": 5291,
        "GemiddeldeWOZWaardeVanWoningen": 244,
        "Koopwoningen": 71,
        "Nettoarbeidsparticipatie": 63,
        "k_40PersonenMetLaagsteInkomen": 40.0,
        "k_20PersonenMetHoogsteInkomen": 15.5,
        "PercentageHboWo": 30,
        "PercentagePersonen0Tot15Jaar": 16,
        "PercentagePersonen65JaarEnOuder": 23,
    }
    for code, getal in hasseler_es.items():
        w = waarde(code, "WK016403", "2022")
        assert w.waarde == getal, code
        assert w.bron.startswith("CBS, Kerncijfers wijken en buurten 2022 (85318NED), via R-pakket tmap 4.2")
    # tmap's own computed area is not a CBS figure: left out, as is the urbanity label.
    assert not Waarde.objects.filter(periode="2022", gebied__code="WK016403", indicator__code__icontains="opp").exists()
    assert (
        Waarde.objects.filter(periode="2022", gebied__code="WK016403").exclude(indicator__soort="afgeleid").count()
        == 13
    )  # the 13 measures the mapping keeps


def test_gemeente_inhabitants_over_four_editions():
    reeks = list(
        Waarde.objects.filter(indicator__code="AantalInwoners", gebied__code="GM0164")
        .order_by("periode")
        .values_list("periode", "waarde")
    )
    assert reeks == [("2014", 80955), ("2019", 80683), ("2022", 81476), ("2024", 83058)]
    assert waarde("AantalInwoners", "GM0363", "2014").waarde == 810935  # Amsterdam, tmap3 NLD_muni 2014
    # tmap's computed origin_native is left out; CBS's two percentages are in.
    assert waarde("PercentageWestersMigratieachtergrond", "GM0164", "2014").waarde == 10
    assert waarde("PercentageNietWestersMigratieachtergrond", "GM0164", "2014").waarde == 12
    assert not Indicator.objects.filter(code__icontains="native").exists()


def test_merged_gemeenten_are_left_out_not_created():
    assert Gebied.objects.filter(niveau="gemeente").count() == 342
    assert not Gebied.objects.filter(code="GM0003").exists()  # Appingedam, in 2014 and 2019, merged in 2021


def test_every_gemeente_has_a_name_but_the_one_no_file_names():
    assert Gebied.objects.get(code="GM0153").naam == "Enschede"
    assert Gebied.objects.get(code="GM0164").naam == "Hengelo (O.)"  # from the CBS boundary, not overwritten
    # Voorne aan Zee (formed 2023) is in none of the files' gemeente lists.
    assert list(Gebied.objects.filter(niveau="gemeente", naam="").values_list("code", flat=True)) == ["GM1992"]


# --- bad input: a clear error and nothing written ------------------------------------------------------


def test_a_column_missing_from_the_mapping_is_an_error(tmp_path, fixtures_map):
    pad = tmp_path / "tmap_NLD_dist_2022_hengelo_wijken.csv"
    pad.write_text("code,population,area\nWK016403,12030,3.63\n", encoding="utf-8")
    koppeling = tmp_path / "koppeling.csv"
    koppeling.write_text(
        "bestand;kolom;indicator;toelichting\n"
        "tmap_NLD_dist_2022_hengelo_wijken.csv;code;;gebiedscode\n"
        "tmap_NLD_dist_2022_hengelo_wijken.csv;population;AantalInwoners;a_inw\n",
        encoding="utf-8",
    )
    voor = Waarde.objects.count()
    with pytest.raises(ImportFout, match="kolom 'area' staat niet in de kolomkoppeling"):
        hernoemd_importeren(pad, koppeling=koppeling, gebied_kolom="code", periode="2022", bron="x")
    assert Waarde.objects.count() == voor


def test_leaving_a_column_out_needs_a_reason(tmp_path):
    koppeling = tmp_path / "koppeling.csv"
    koppeling.write_text("bestand;kolom;indicator;toelichting\nx.csv;area;;\n", encoding="utf-8")
    with pytest.raises(ImportFout, match="kolom area wordt weggelaten zonder reden"):
        hernoemd_importeren(tmp_path / "x.csv", koppeling=koppeling, gebied_kolom="code", periode="2022", bron="x")


def test_dimensioned_file_with_an_unknown_category_imports_nothing(tmp_path, fixtures_map):
    politie = fixtures_map / "politie"
    regels = (politie / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv").read_text().splitlines()
    regels[3] = regels[3].replace('"0.0.0 "', '"9.9.9 "')
    pad = tmp_path / "47018NED.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", gebied__niveau="buurt").delete()

    with pytest.raises(CommandError, match=r"regel 4: SoortMisdrijf '9\.9\.9' staat niet in de metadata van 47018NED"):
        call_command(
            "import_cbs_kwb",
            str(pad),
            tabel="47018NED",
            metadata=str(politie / "bernasco_47018NED_DataProperties.csv"),
            dimensie=[f"SoortMisdrijf={politie / 'bernasco_47018NED_SoortMisdrijf.csv'}"],
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not Waarde.objects.filter(indicator__code="GeregistreerdeMisdrijven", gebied__niveau="buurt").exists()


def test_dimensioned_table_without_its_categories_is_a_clear_error(fixtures_map):
    politie = fixtures_map / "politie"
    with pytest.raises(ImportFout, match="47018NED heeft de dimensie SoortMisdrijf: geef de categorieën mee"):
        cbs_tabel_importeren(
            politie / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv",
            tabel="47018NED",
            metadata=politie / "bernasco_47018NED_DataProperties.csv",
        )


# --- pages and export ----------------------------------------------------------------------------------


def test_buurt_profile_shows_its_crime_and_inhabitants_with_period_and_source(client):
    pagina = tekst(client.get("/gebied/BU01640000/"))
    assert "Geregistreerde misdrijven (aantal) trend van Geregistreerde misdrijven 717 2023 3.665" in pagina
    assert POLITIE in pagina
    assert "Aantal inwoners (aantal) trend van Aantal inwoners 1.170 2024 83.058" in pagina
    # The rate's note (the period difference of its inputs) stands next to the number itself.
    assert (
        "Geregistreerde misdrijven per 1.000 inwoners (per 1.000 inwoners) trend van Geregistreerde "
        "misdrijven per 1.000 inwoners 612,8 Let op: geregistreerde misdrijven van 2023, aantal inwoners van "
        "2024 (aantal inwoners van 2023 is niet geladen) 2023 44,1" in pagina
    )
    assert "let op: geregistreerde misdrijven van 2023, aantal inwoners van 2024" in pagina


def test_wijk_profile_shows_crime_as_sum_and_the_2022_woz_and_owner_share(client):
    pagina = tekst(client.get("/gebied/WK016400/"))
    # The value's note (a sum, not a CBS figure) stands next to the number.
    assert (
        "Geregistreerde misdrijven (aantal) trend van Geregistreerde misdrijven 863 som van alle 3 buurten 2023 "
        "3.665 som van alle 62 buurten" in pagina
    )
    assert "Som van alle 3 buurten, berekend door het Wijkportaal" in pagina
    pagina = tekst(client.get("/gebied/WK016403/"))
    assert (
        "Gemiddelde WOZ-waarde van woningen (x 1 000 euro) trend van Gemiddelde WOZ-waarde van woningen "
        "244 2022 243" in pagina
    )
    assert "Koopwoningen (%) trend van Koopwoningen 71 2022 56" in pagina
    assert "CBS, Kerncijfers wijken en buurten 2022 (85318NED), via R-pakket tmap 4.2 NLD_dist" in pagina


def test_trend_of_gemeente_inhabitants_over_four_editions_with_their_sources(client):
    pagina = tekst(client.get("/gebied/GM0164/trend/AantalInwoners/"))
    assert "steeg van 80.955 inwoners in 2014 naar 83.058 inwoners in 2024" in pagina
    for regel in (
        "2014 80.955 beschikbaar CBS/Kadaster, Wijk- en buurtkaart 2014, via R-pakket tmap 3.3-4",
        "2019 80.683 beschikbaar CBS, Kerncijfers wijken en buurten 2019 (kwb-2019), via GitHub ujjwalx/dsa2022",
        "2022 81.476 beschikbaar CBS, Kerncijfers wijken en buurten 2022 (85318NED)",
        "2024 83.058 beschikbaar CBS, Kerncijfers wijken en buurten (85984NED)",
    ):
        assert regel in pagina


def test_trend_of_buurt_crime_wijk_woz_and_buurt_inhabitants(client):
    assert "2023 717 3.665 beschikbaar " + POLITIE in tekst(
        client.get("/gebied/BU01640000/trend/GeregistreerdeMisdrijven/")
    )
    assert "2023 863 3.665 beschikbaar som van alle 3 buurten Som van alle 3 buurten" in tekst(
        client.get("/gebied/WK016400/trend/GeregistreerdeMisdrijven/")
    )
    assert "2022 244 243 beschikbaar CBS, Kerncijfers wijken en buurten 2022 (85318NED)" in tekst(
        client.get("/gebied/WK016403/trend/GemiddeldeWOZWaardeVanWoningen/")
    )
    assert "2024 1.170 83.058 beschikbaar CBS, Kerncijfers wijken en buurten 2024 (85984NED), via GitHub" in tekst(
        client.get("/gebied/BU01640000/trend/AantalInwoners/")
    )


def test_maps_of_buurt_and_wijk_crime_woz_and_buurt_inhabitants(client):
    buurt = client.get("/kaart/?indicator=GeregistreerdeMisdrijven&niveau=buurt&jaar=2023")
    assert kaartrij(buurt, "BU01640000")[2:] == [
        "717",
        "aantal",
        "90 tot en met 717",
        "beschikbaar",
        "",
        "2023",
        POLITIE,
    ]
    assert "0 van 62 buurten zonder getal" in tekst(buurt)
    wijk = kaartrij(client.get("/kaart/?indicator=GeregistreerdeMisdrijven&niveau=wijk&jaar=2023"), "WK016400")
    assert wijk[2] == "863" and wijk[7] == "2023" and wijk[8].startswith("Som van alle 3 buurten")
    woz = kaartrij(client.get("/kaart/?indicator=GemiddeldeWOZWaardeVanWoningen&niveau=wijk&jaar=2022"), "WK016403")
    assert (woz[2], woz[7]) == ("244", "2022") and "85318NED" in woz[8]
    koop = kaartrij(client.get("/kaart/?indicator=Koopwoningen&niveau=wijk&jaar=2022"), "WK016403")
    assert (koop[2], koop[7]) == ("71", "2022")
    inwoners = kaartrij(client.get("/kaart/?indicator=AantalInwoners&niveau=buurt&jaar=2024"), "BU01640000")
    assert (inwoners[2], inwoners[7]) == ("1.170", "2024") and "bernasco" in inwoners[8]


def test_export_has_the_real_figures_with_period_and_source():
    centrum = {(r[0], r[4]): r for r in export(gebied="BU01640000")}
    assert centrum[("GeregistreerdeMisdrijven", "2023")][5:8] == ["717", "aantal", "beschikbaar"]
    assert centrum[("GeregistreerdeMisdrijven", "2023")][9] == POLITIE
    assert centrum[("AantalInwoners", "2024")][5] == "1170"
    assert "let op: geregistreerde misdrijven van 2023" in centrum[("MisdrijvenPer1000Inwoners", "2023")][9]
    binnenstad = {(r[0], r[4]): r for r in export(gebied="WK016400", periode="2023")}
    assert binnenstad[("GeregistreerdeMisdrijven", "2023")][5] == "863"
    assert "Som van alle 3 buurten" in binnenstad[("GeregistreerdeMisdrijven", "2023")][9]
    hasseler_es = {r[0]: r for r in export(gebied="WK016403", periode="2022")}
    assert hasseler_es["GemiddeldeWOZWaardeVanWoningen"][5:7] == ["244", "x 1 000 euro"]
    assert hasseler_es["Koopwoningen"][5:7] == ["71", "%"]
    reeks = [(r[4], r[5]) for r in export(gebied="GM0164", indicator="AantalInwoners")]
    assert reeks == [("2014", "80955"), ("2019", "80683"), ("2022", "81476"), ("2024", "83058")]


def test_a_provisional_period_in_the_tables_perioden_makes_its_figures_provisional(tmp_path, fixtures_map):
    politie = fixtures_map / "politie"
    perioden = (politie / "bernasco_47018NED_Perioden.csv").read_text(encoding="utf-8")
    pad = tmp_path / "Perioden.csv"
    pad.write_text(
        perioden.replace('"2023JJ00","2023","","Definitief"', '"2023JJ00","2023","","Voorlopig"'), encoding="utf-8"
    )
    call_command(
        "import_cbs_kwb",
        str(politie / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv"),
        tabel="47018NED",
        metadata=str(politie / "bernasco_47018NED_DataProperties.csv"),
        dimensie=[f"SoortMisdrijf={politie / 'bernasco_47018NED_SoortMisdrijf.csv'}", f"Perioden={pad}"],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    centrum = waarde("GeregistreerdeMisdrijven", "BU01640000", "2023")
    assert (centrum.waarde, centrum.status, centrum.toelichting) == (
        717,
        Status.VOORLOPIG,
        "CBS: de cijfers over 2023 zijn voorlopig",
    )


def test_a_period_the_table_does_not_have_is_an_error(tmp_path, fixtures_map):
    politie = fixtures_map / "politie"
    pad = tmp_path / "Perioden.csv"
    pad.write_text('"Key","Title","Description","Status"\n"2022JJ00","2022","","Definitief"\n', encoding="utf-8")
    with pytest.raises(ImportFout, match="periode '2023JJ00' staat niet in de Perioden van 47018NED"):
        cbs_tabel_importeren(
            politie / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv",
            tabel="47018NED",
            metadata=politie / "bernasco_47018NED_DataProperties.csv",
            dimensies={"SoortMisdrijf": politie / "bernasco_47018NED_SoortMisdrijf.csv", "Perioden": pad},
        )
