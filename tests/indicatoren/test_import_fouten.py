"""Every bad import file gets a clear Dutch error with its line/row/feature number and writes nothing.

Each test feeds one bad input to a management command, expects a CommandError naming the place
and the reason, and checks that the database is exactly as before (counts and a checksum of
every row of every table of the wijken and indicatoren apps). Good files,
re-imports and --skip-bad are covered too.
"""

import hashlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from indicatoren.models import Status, Waarde
from wijken.models import Gebied

pytestmark = pytest.mark.django_db

KOP = "indicator;gebied;periode;waarde"
ZON = "ZonnestroomVermogenWoningen"
# A small square in Hengelo (WGS84 lon/lat).
VIERKANT = [[[6.79, 52.26], [6.80, 52.26], [6.80, 52.27], [6.79, 52.27], [6.79, 52.26]]]


def momentopname() -> dict[str, tuple[int, str]]:
    """Per table of wijken and indicatoren: number of rows and a checksum over every column of every row."""
    uit = {}
    for model in [*apps.get_app_config("wijken").get_models(), *apps.get_app_config("indicatoren").get_models()]:
        rijen = list(model._default_manager.order_by("pk").values_list())
        uit[model._meta.db_table] = (len(rijen), hashlib.md5(repr(rijen).encode()).hexdigest())
    return uit


def draai(commando: str, *args, **opties) -> tuple[str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    call_command(commando, *[str(a) for a in args], stdout=uit, stderr=fout, **opties)
    return uit.getvalue(), fout.getvalue()


def weigert(commando: str, *args, **opties) -> str:
    """Run a command that must fail; return its message after checking nothing was written."""
    voor = momentopname()
    with pytest.raises(CommandError) as info:
        draai(commando, *args, **opties)
    assert momentopname() == voor, "een geweigerd bestand heeft toch iets geschreven"
    # Leave out the file's path: it contains the test's name.
    pad, scheiding, rest = str(info.value).partition(" fout(en), er is niets geïmporteerd:")
    assert scheiding, info.value
    return f"{pad.rsplit(' ', 1)[-1]} fout(en):{rest}"


def waarde(indicator: str, gebied: str, periode: str) -> Waarde:
    return Waarde.objects.get(indicator__code=indicator, gebied__code=gebied, periode=periode)


def csv_lang(*regels: str, kop: str = KOP) -> str:
    return "\n".join([kop, *regels]) + "\n"


def xlsx(pad, rijen):
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    for rij in rijen:
        blad.append(rij)
    boek.save(pad)
    return pad


# --- long format (import_waarden): bad files ------------------------------------------------------


def test_lang_aanhalingsteken_niet_gesloten(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f'{ZON};"GM0164;2031;2', f"{ZON};GM0164;2032;3"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "aanhalingsteken" in melding


def test_lang_meerregelige_cel_telt_vanaf_eerste_regel(schrijf):
    pad = schrijf(
        "w.csv",
        csv_lang(
            f'{ZON};GM0164;2030;1;"twee\nregels"',
            f'{ZON};GM0164;2031;veel;"nog\neen"',
            f"{ZON};GM0164;2032;zoveel;",
            kop=KOP + ";toelichting",
        ),
    )
    melding = weigert("import_waarden", pad)
    assert "regel 4: 'veel'" in melding and "regel 6: 'zoveel'" in melding


def test_lang_tekst_na_aanhalingsteken(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f'{ZON};"GM0164"x;2031;2'))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "aanhalingsteken" in melding


def test_lang_verkeerd_aantal_kolommen(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;2;extra"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "5 kolommen, de kop heeft er 4" in melding


def test_lang_verplichte_kolom_ontbreekt(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030", kop="indicator;gebied;periode"))
    melding = weigert("import_waarden", pad)
    assert "regel 1" in melding and "kolom(men) ontbreken: waarde" in melding


def test_lang_onbekende_gebiedscode(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};BU01649999;2030;2"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "onbekende gebiedscode 'BU01649999'" in melding


def test_lang_onbekende_indicator(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", "Bestaatniet;GM0164;2030;2"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "onbekende indicator 'Bestaatniet'" in melding


def test_lang_afgeleide_indicator_wordt_niet_geleverd(schrijf):
    pad = schrijf("w.csv", csv_lang("InwonersPerWoning;GM0164;2030;2,1"))
    melding = weigert("import_waarden", pad)
    assert "regel 2" in melding and "afgeleid" in melding


def test_lang_waarde_geen_getal(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;veel"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "'veel' is geen getal" in melding


def test_lang_onbekende_status(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1;", f"{ZON};GM0164;2031;;stiekem", kop=KOP + ";status"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "onbekende status 'stiekem'" in melding


def test_lang_status_geheim_met_getal(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1;", f"{ZON};GM0164;2031;12;geheim", kop=KOP + ";status"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "status 'geheim' hoort bij een lege waarde" in melding


def test_lang_status_beschikbaar_zonder_getal(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2031;;beschikbaar", kop=KOP + ";status"))
    melding = weigert("import_waarden", pad)
    assert "regel 2" in melding and "vraagt om een getal" in melding


def test_lang_lege_waarde_zonder_status(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "waarde is leeg en er is geen status" in melding


@pytest.mark.parametrize("periode", ["24", "2024-13", "2024-Q5", "1850", "vorig jaar", ""])
def test_lang_ongeldige_periode(schrijf, periode):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;{periode};2"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and ("geen periode" in melding or "buiten 1900-2100" in melding)


def test_lang_dubbele_rij_noemt_beide_regels(schrijf):
    # 2024 and 2024JJ00 are the same period.
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2024;1", f"{ZON};GM0164;2030;1", f"{ZON};gm0164;2024JJ00;2"))
    melding = weigert("import_waarden", pad)
    assert "regel 4: dubbele rij" in melding and "staat ook op regel 2" in melding


def test_lang_leeg_bestand(schrijf):
    melding = weigert("import_waarden", schrijf("w.csv", ""))
    assert "leeg" in melding


def test_lang_alleen_witruimte(schrijf):
    melding = weigert("import_waarden", schrijf("w.csv", "\n \n"))
    assert "leeg" in melding


def test_lang_alleen_kopregel(schrijf):
    melding = weigert("import_waarden", schrijf("w.csv", KOP + "\n"))
    assert "alleen een kopregel" in melding


def test_lang_windows_1252(schrijf):
    inhoud = csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;2;Caf\u00e9", kop=KOP + ";toelichting")
    melding = weigert("import_waarden", schrijf("w.csv", inhoud.encode("cp1252")))
    assert "regel 3" in melding and "ongeldige UTF-8 (byte 0xe9)" in melding and "Windows-1252" in melding


@pytest.mark.parametrize("codering", ["utf-16", "utf-16-le", "utf-16-be"])
def test_lang_utf16(schrijf, codering):
    inhoud = csv_lang(f"{ZON};GM0164;2030;1")
    melding = weigert("import_waarden", schrijf("w.csv", inhoud.encode(codering)))
    assert "UTF-16" in melding


def test_lang_xlsx_dat_geen_zip_is(schrijf):
    melding = weigert("import_waarden", schrijf("w.xlsx", csv_lang(f"{ZON};GM0164;2030;1")))
    assert "geen geldig Excel-bestand" in melding


def test_lang_xlsx_met_csv_naam(tmp_path):
    pad = xlsx(tmp_path / "w.xlsx", [["indicator", "gebied", "periode", "waarde"], [ZON, "GM0164", 2030, 1]])
    melding = weigert("import_waarden", pad.rename(tmp_path / "w.csv"))
    assert "geen tekstbestand" in melding and "Excel" in melding


def test_lang_xlsx_fout_op_excelrij(tmp_path):
    pad = xlsx(
        tmp_path / "w.xlsx",
        [
            ["indicator", "gebied", "periode", "waarde"],
            [ZON, "GM0164", 2030, 1.5],
            [],  # an empty row is skipped but still counts in Excel's numbering
            [ZON, "WK016403", 2030, 2],
            [ZON, "WK016403", 2031, "veel"],
            [ZON, "WK016403", 2032, 3],
        ],
    )
    melding = weigert("import_waarden", pad)
    assert "regel 5" in melding and "'veel' is geen getal" in melding
    assert "1 fout(en)" in melding


def test_lang_xlsx_leeg_werkblad(tmp_path):
    melding = weigert("import_waarden", xlsx(tmp_path / "w.xlsx", []))
    assert "leeg" in melding


@pytest.mark.parametrize("naam", ["w.json", "w.xls", "w.ods", "w"])
def test_lang_onbekend_bestandstype(schrijf, naam):
    melding = weigert("import_waarden", schrijf(naam, csv_lang(f"{ZON};GM0164;2030;1")))
    assert "onbekend bestandstype" in melding


def test_lang_bestand_bestaat_niet(tmp_path):
    for naam in ("weg.csv", "weg.xlsx"):
        assert "bestaat niet" in weigert("import_waarden", tmp_path / naam)


def test_lang_te_groot_veld(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;2;{'x' * 20_000}", kop=KOP + ";bron"))
    melding = weigert("import_waarden", pad)
    assert "regel 3" in melding and "langer dan" in melding


def test_lang_veldlimiet_geldt_alleen_tijdens_het_lezen(schrijf):
    import csv

    voor = csv.field_size_limit()
    weigert("import_waarden", schrijf("w.csv", csv_lang(f"{ZON};GM0164;2031;{'1' * 20_000}")))
    assert csv.field_size_limit() == voor


@pytest.mark.parametrize("getal", ["1e400", "-1e400", "nan", "inf"])
def test_lang_waarde_niet_eindig(schrijf, getal):
    melding = weigert(
        "import_waarden", schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;{getal}"))
    )
    assert "regel 3" in melding and "geen eindig getal" in melding


def test_lang_100000_goede_rijen_en_1_foute(schrijf):
    gebieden = list(Gebied.objects.values_list("code", flat=True))
    regels = []
    for i in range(100_000):
        maand = i // len(gebieden)
        regels.append(f"{ZON};{gebieden[i % len(gebieden)]};{2000 + maand // 12}-{maand % 12 + 1:02d};{i}")
    regels.append(f"{ZON};GM0164;2031;veel")
    melding = weigert("import_waarden", schrijf("w.csv", csv_lang(*regels)))
    assert "1 fout(en)" in melding and "regel 100002" in melding and "'veel' is geen getal" in melding


def test_lang_alle_fouten_worden_gemeld(schrijf):
    pad = schrijf(
        "w.csv",
        csv_lang(
            f"{ZON};BU01649999;2030;1", "Bestaatniet;GM0164;2030;1", f"{ZON};GM0164;24;1", f"{ZON};GM0164;2030;x1"
        ),
    )
    melding = weigert("import_waarden", pad)
    assert "4 fout(en)" in melding
    for regel in (2, 3, 4, 5):
        assert f"regel {regel}:" in melding


# --- long format: good files ----------------------------------------------------------------------


def test_lang_puntkomma_en_decimale_komma(schrijf):
    pad = schrijf(
        "partner.csv",
        csv_lang(f"{ZON};WK016403;2030;1.234,5", f"{ZON};GM0164;2030;7,25", f"{ZON};BU01640305;2030;12*"),
    )
    uit, _ = draai("import_waarden", pad)
    assert "3 gelezen: 3 nieuw, 0 gewijzigd" in uit
    assert waarde(ZON, "WK016403", "2030").waarde == 1234.5
    assert waarde(ZON, "GM0164", "2030").waarde == 7.25
    voorlopig = waarde(ZON, "BU01640305", "2030")
    assert (voorlopig.waarde, voorlopig.status) == (12, Status.VOORLOPIG)
    assert voorlopig.bron == "partner.csv"


def test_lang_komma_en_decimale_punt(schrijf):
    pad = schrijf(
        "w.csv",
        csv_lang(f"{ZON},WK016403,2030,1234.5", f'{ZON},GM0164,2030,"1,234.5"', kop="indicator,gebied,periode,waarde"),
    )
    draai("import_waarden", pad)
    assert waarde(ZON, "WK016403", "2030").waarde == 1234.5
    assert waarde(ZON, "GM0164", "2030").waarde == 1234.5


def test_lang_xlsx_goed(tmp_path):
    pad = xlsx(
        tmp_path / "w.xlsx",
        [
            ["Indicator", "Gebied", "Periode", "Waarde", "Status", "Bron"],
            [ZON, "WK016403", 2030, 12.5, None, "Partner X"],
            [ZON, "GM0164", "2030-Q1", None, "geheim", None],
        ],
    )
    uit, _ = draai("import_waarden", pad)
    assert "2 gelezen: 2 nieuw" in uit
    goed = waarde(ZON, "WK016403", "2030")
    assert (goed.waarde, goed.status, goed.bron) == (12.5, Status.BESCHIKBAAR, "Partner X")
    geheim = waarde(ZON, "GM0164", "2030-Q1")
    assert (geheim.waarde, geheim.status, geheim.bron) == (None, Status.GEHEIM, "w.xlsx")


def test_lang_statussen(schrijf):
    pad = schrijf(
        "w.csv",
        csv_lang(
            f"{ZON};GM0164;2030;.;",
            f"{ZON};GM0164;2031;x;",
            f"{ZON};GM0164;2032;-;",
            f"{ZON};GM0164;2033;;onbekend",
            f"{ZON};GM0164;2034;3,5;voorlopig",
            f"{ZON};GM0164;2035;;onder_drempel",
            f"{ZON};GM0164;2036;x;geheim",
            kop=KOP + ";status",
        ),
    )
    draai("import_waarden", pad)
    verwacht = {
        "2030": (None, Status.ONBEKEND),
        "2031": (None, Status.GEHEIM),
        "2032": (None, Status.NIHIL),
        "2033": (None, Status.ONBEKEND),
        "2034": (3.5, Status.VOORLOPIG),
        "2035": (None, Status.ONDER_DREMPEL),
        "2036": (None, Status.GEHEIM),
    }
    for periode, (getal, status) in verwacht.items():
        w = waarde(ZON, "GM0164", periode)
        assert (w.waarde, w.status) == (getal, status), periode


def test_lang_tweede_keer_verandert_niets(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};WK016403;2030;1,5", f"{ZON};GM0164;2030;x", "AantalInwoners;GM0164;2030;5"))
    uit, _ = draai("import_waarden", pad)
    assert "3 gelezen: 3 nieuw, 0 gewijzigd, 0 ongewijzigd" in uit
    na_eerste = momentopname()
    uit, _ = draai("import_waarden", pad)
    assert "3 gelezen: 0 nieuw, 0 gewijzigd, 3 ongewijzigd" in uit
    assert momentopname() == na_eerste


def test_lang_skip_bad(schrijf):
    pad = schrijf(
        "w.csv",
        csv_lang(
            f"{ZON};WK016403;2030;1",
            f"{ZON};BU01649999;2030;2",
            f"{ZON};GM0164;2030;veel",
            f"{ZON};GM0164;2031;3",
            f"{ZON};WK016403;2030;4",
        ),
    )
    uit, fout = draai("import_waarden", pad, skip_bad=True)
    assert "5 gelezen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd, 3 overgeslagen" in uit
    assert "overgeslagen: regel 3: onbekende gebiedscode 'BU01649999'" in fout
    assert "overgeslagen: regel 4: 'veel' is geen getal" in fout
    assert "overgeslagen: regel 6: dubbele rij" in fout and "staat ook op regel 2" in fout
    assert waarde(ZON, "WK016403", "2030").waarde == 1
    assert waarde(ZON, "GM0164", "2031").waarde == 3
    assert not Waarde.objects.filter(gebied__code="GM0164", indicator__code=ZON, periode="2030").exists()


def test_lang_skip_bad_zonder_enige_goede_rij(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};BU01649999;2030;2", f"{ZON};GM0164;2030;veel"))
    melding = weigert("import_waarden", pad, skip_bad=True)
    assert "regel 2" in melding and "regel 3" in melding


def test_lang_skip_bad_helpt_niet_bij_kapot_bestand(schrijf):
    pad = schrijf("w.csv", csv_lang(f"{ZON};GM0164;2030;1", f"{ZON};GM0164;2031;2;extra"))
    assert "regel 3" in weigert("import_waarden", pad, skip_bad=True)


# --- import_gebieden (GeoJSON) --------------------------------------------------------------------


def feature(code, naam="Nieuwe buurt", jaar=2025, coordinaten=None, **props):
    eigenschappen = {"statcode": code, "statnaam": naam, "jrstatcode": f"{jaar}{code}", **props}
    return {
        "type": "Feature",
        "properties": eigenschappen,
        "geometry": {"type": "Polygon", "coordinates": coordinaten or VIERKANT},
    }


def geojson(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def test_geo_ongeldige_json(schrijf):
    tekst = '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",,}\n]}'
    melding = weigert("import_gebieden", schrijf("g.geojson", tekst))
    assert "regel 3" in melding and "ongeldige JSON" in melding


def test_geo_geen_featurecollection(schrijf):
    melding = weigert("import_gebieden", schrijf("g.geojson", json.dumps(feature("BU01640398"))))
    assert "FeatureCollection" in melding


def test_geo_geen_features(schrijf):
    melding = weigert("import_gebieden", schrijf("g.geojson", geojson()))
    assert "geen features" in melding


def test_geo_feature_zonder_statcode(schrijf):
    zonder = feature("BU01640399")
    del zonder["properties"]["statcode"]
    melding = weigert("import_gebieden", schrijf("g.geojson", geojson(feature("BU01640398"), zonder)))
    assert "feature 2" in melding and "zonder 'statcode'" in melding


def test_geo_ongeldige_code(schrijf):
    melding = weigert("import_gebieden", schrijf("g.geojson", geojson(feature("BU01640398"), feature("BU0164"))))
    assert "feature 2" in melding and "'BU0164' is geen CBS-gebiedscode" in melding


def test_geo_naam_ontbreekt_of_is_geen_tekst(schrijf):
    melding = weigert("import_gebieden", schrijf("g.geojson", geojson(feature("BU01640398", naam=12))))
    assert "feature 1" in melding and "statnaam" in melding


def test_geo_jaar_buiten_bereik(schrijf):
    melding = weigert("import_gebieden", schrijf("g.geojson", geojson(feature("BU01640398", jaar=3025))))
    assert "feature 1" in melding and "3025" in melding


def test_geo_buurt_zonder_wijk(schrijf):
    # BU03630000 (Amsterdam) lies in WK036300, which is not in the database.
    amsterdam = [[[4.89, 52.37], [4.90, 52.37], [4.90, 52.38], [4.89, 52.38], [4.89, 52.37]]]
    pad = schrijf("g.geojson", geojson(feature("BU01640398"), feature("BU03630000", coordinaten=amsterdam)))
    melding = weigert("import_gebieden", pad)
    assert "feature 2" in melding and "de wijk WK036300 ontbreekt" in melding


def test_geo_rd_new_coordinaten(schrijf):
    rd = [[[257000, 475000], [258000, 475000], [258000, 476000], [257000, 476000], [257000, 475000]]]
    pad = schrijf("g.geojson", geojson(feature("BU01640398"), feature("BU01640399", coordinaten=rd)))
    melding = weigert("import_gebieden", pad)
    assert "feature 2" in melding and "RD New" in melding and "WGS84" in melding


def test_geo_zelfdoorsnijdende_polygoon(schrijf):
    vlinder = [[[6.79, 52.26], [6.80, 52.27], [6.80, 52.26], [6.79, 52.27], [6.79, 52.26]]]
    pad = schrijf("g.geojson", geojson(feature("BU01640398"), feature("BU01640399", coordinaten=vlinder)))
    melding = weigert("import_gebieden", pad)
    assert "feature 2" in melding and "Self-intersection" in melding


def test_geo_geen_polygoon(schrijf):
    punt = feature("BU01640399")
    punt["geometry"] = {"type": "Point", "coordinates": [6.79, 52.26]}
    melding = weigert("import_gebieden", schrijf("g.geojson", geojson(feature("BU01640398"), punt)))
    assert "feature 2" in melding and "Point" in melding


def test_geo_dubbele_statcode(schrijf):
    pad = schrijf("g.geojson", geojson(feature("BU01640398"), feature("BU01640399"), feature("BU01640398")))
    melding = weigert("import_gebieden", pad)
    assert "feature 3" in melding and "dubbel" in melding and "feature 1" in melding


def test_geo_gemengde_jaren(schrijf):
    pad = schrijf("g.geojson", geojson(feature("BU01640398", jaar=2024), feature("BU01640399", jaar=2025)))
    melding = weigert("import_gebieden", pad)
    assert "mengt indelingsjaren [2024, 2025]" in melding


def test_geo_goed_en_tweede_keer_verandert_niets(schrijf):
    pad = schrijf("g.geojson", geojson(feature("BU01640398"), feature("BU01640399", naam="Nog een buurt")))
    uit, _ = draai("import_gebieden", pad)
    assert "2 gelezen: 2 nieuw" in uit
    assert Gebied.objects.get(code="BU01640398").ouder.code == "WK016403"
    na_eerste = momentopname()
    uit, _ = draai("import_gebieden", pad)
    assert "2 gelezen: 0 nieuw, 0 gewijzigd, 2 ongewijzigd" in uit
    assert momentopname() == na_eerste


@pytest.mark.parametrize(
    "naam",
    [
        "hengelo_gemeente_2025",
        "hengelo_wijken_2021",
        "hengelo_wijken_2025",
        "hengelo_buurten_2019",
        "hengelo_buurten_2021",
        "hengelo_buurten_2025",
    ],
)
def test_geo_echte_fixture_nogmaals_verandert_niets(fixtures_map, naam):
    voor = momentopname()
    uit, _ = draai("import_gebieden", fixtures_map / "geo" / f"{naam}.geojson")
    assert " 0 nieuw, 0 gewijzigd," in uit
    assert momentopname() == voor


# --- import_cbs_kwb -------------------------------------------------------------------------------


def kwb(schrijf, data) -> str:
    return schrijf("kwb.json", json.dumps(data) if not isinstance(data, str) else data)


def test_kwb_onbekende_kolom_zonder_metadata(schrijf):
    pad = kwb(schrijf, {"GM0164": {"AantalInwoners_5": 83058, "NieuweMaat_999": 12}})
    melding = weigert("import_cbs_kwb", pad, tabel="85984NED")
    assert "kolom 'NieuweMaat_999' is geen bekende maat van 85984NED" in melding


def test_kwb_geen_cbs_gebiedscode(schrijf):
    pad = kwb(schrijf, {"GM0164": {"AantalInwoners_5": 83058}, "Hengelo": {"AantalInwoners_5": 1}})
    melding = weigert("import_cbs_kwb", pad, tabel="85984NED")
    assert "record 2" in melding and "'Hengelo' is geen CBS-gebiedscode" in melding


def test_kwb_onbekend_gebied_zonder_maak_gebieden(schrijf):
    pad = kwb(schrijf, {"GM0164": {"AantalInwoners_5": 83058}, "GM9999": {"AantalInwoners_5": 1}})
    melding = weigert("import_cbs_kwb", pad, tabel="85984NED")
    assert "record 2" in melding and "onbekende gebiedscode 'GM9999'" in melding


def test_kwb_maak_gebieden_maar_foute_cel_schrijft_geen_gebied(schrijf):
    pad = kwb(schrijf, {"GM9998": {"AantalInwoners_5": 10}, "GM0164": {"AantalInwoners_5": "veel"}})
    melding = weigert("import_cbs_kwb", pad, tabel="85984NED", maak_gebieden=True)
    assert "record 2" in melding and "'veel' is geen getal" in melding
    assert not Gebied.objects.filter(code="GM9998").exists()


def test_kwb_cel_geen_getal(schrijf):
    pad = kwb(schrijf, {"GM0164": {"AantalInwoners_5": 83058}, "WK016403": {"AantalInwoners_5": "veel"}})
    melding = weigert("import_cbs_kwb", pad, tabel="85984NED")
    assert "record 2" in melding and "AantalInwoners_5" in melding and "'veel' is geen getal" in melding


@pytest.mark.parametrize("data", [[1, 2, 3], {"GM0164": 5}, {}, "null", '"tekst"'])
def test_kwb_onbekende_json_indeling(schrijf, data):
    melding = weigert("import_cbs_kwb", kwb(schrijf, data), tabel="85984NED")
    assert "onbekende JSON-indeling" in melding


def test_kwb_ongeldige_json(schrijf):
    melding = weigert("import_cbs_kwb", kwb(schrijf, '{\n"GM0164": {\n"AantalInwoners_5": 1,\n}\n}'), tabel="85984NED")
    assert "regel 4" in melding and "ongeldige JSON" in melding


def test_kwb_odata_zonder_regio(schrijf):
    pad = kwb(schrijf, {"value": [{"WijkenEnBuurten": "GM0164  ", "AantalInwoners_5": 1}, {"AantalInwoners_5": 2}]})
    melding = weigert("import_cbs_kwb", pad, tabel="85984NED")
    assert "record 2" in melding and "WijkenEnBuurten" in melding


def test_kwb_echte_fixture_nogmaals_verandert_niets(fixtures_map):
    voor = momentopname()
    uit, _ = draai(
        "import_cbs_kwb", fixtures_map / "cbs" / "cbs_kwb2024_85984NED_hengelo_gemeente_wijken.json", tabel="85984NED"
    )
    assert " 0 nieuw, 0 gewijzigd," in uit
    assert momentopname() == voor


# --- import_cbs_reeks -----------------------------------------------------------------------------

REEKS = {
    "indicator": ZON,
    "gebied_kolom": "bu_code",
    "periode_kolom": "jaar_meting",
    "waarde_kolom": "vermogen_kWp",
    "bron": "CBS, Zonnestroom (CC BY 4.0)",
}


def test_reeks_kolom_ontbreekt(schrijf):
    pad = schrijf("z.csv", "bu_code,jaar_meting,vermogen\nBU01640305,2030,95\n")
    melding = weigert("import_cbs_reeks", pad, **REEKS)
    assert "regel 1" in melding and "kolom(men) ontbreken: vermogen_kWp" in melding


def test_reeks_onbekende_indicator(schrijf):
    pad = schrijf("z.csv", "bu_code,jaar_meting,vermogen_kWp\nBU01640305,2030,95\n")
    melding = weigert("import_cbs_reeks", pad, **{**REEKS, "indicator": "Bestaatniet"})
    assert "onbekende indicator 'Bestaatniet'" in melding


def test_reeks_foute_cel(schrijf):
    pad = schrijf("z.csv", "bu_code,jaar_meting,vermogen_kWp\nBU01640305,2030,95\nBU01640305,2031,veel\n")
    melding = weigert("import_cbs_reeks", pad, **REEKS)
    assert "regel 3" in melding and "vermogen_kWp" in melding and "'veel' is geen getal" in melding


def test_reeks_echte_fixture_nogmaals_verandert_niets(fixtures_map):
    voor = momentopname()
    bron = "CBS, Zonnestroom; vermogen zonnepanelen woningen, wijken en buurten (CC BY 4.0)"
    pad = fixtures_map / "cbs" / "cbs_zonnestroom_2016_2022_hengelo_wijk03_buurten.csv"
    uit, _ = draai("import_cbs_reeks", pad, **{**REEKS, "bron": bron})
    assert " 0 nieuw, 0 gewijzigd," in uit
    assert momentopname() == voor


# --- import_indicatoren (catalogue) ---------------------------------------------------------------

CAT_KOP = "code;naam;domein;polariteit;soort;formule"


def test_catalogus_onbekend_domein(schrijf):
    pad = schrijf(
        "i.csv", csv_lang("Nieuw1;Nieuw 1;wonen;neutraal;basis;", "Nieuw2;Nieuw 2;onzin;neutraal;basis;", kop=CAT_KOP)
    )
    melding = weigert("import_indicatoren", pad)
    assert "regel 3" in melding and "onbekend domein 'onzin'" in melding


def test_catalogus_ongeldige_polariteit(schrijf):
    pad = schrijf("i.csv", csv_lang("Nieuw1;Nieuw 1;wonen;omhoog;basis;", kop=CAT_KOP))
    melding = weigert("import_indicatoren", pad)
    assert "regel 2" in melding and "onbekende polariteit 'omhoog'" in melding


def test_catalogus_formule_met_onbekende_indicator(schrijf):
    pad = schrijf("i.csv", csv_lang("Nieuw1;Nieuw 1;wonen;neutraal;afgeleid;AantalInwoners / Bestaatniet", kop=CAT_KOP))
    melding = weigert("import_indicatoren", pad)
    assert "regel 2" in melding and "onbekende indicator(en): Bestaatniet" in melding


@pytest.mark.parametrize("formule", ["__import__('os')", "AantalInwoners ** 2", "AantalInwoners if 1 else 2", "(("])
def test_catalogus_formule_geen_rekenregel(schrijf, formule):
    pad = schrijf("i.csv", csv_lang(f'Nieuw1;Nieuw 1;wonen;neutraal;afgeleid;"{formule}"', kop=CAT_KOP))
    melding = weigert("import_indicatoren", pad)
    assert "regel 2" in melding and ("alleen + - * /" in melding or "geen geldige rekenregel" in melding)


def test_catalogus_kringverwijzing_nieuw(schrijf):
    pad = schrijf(
        "i.csv",
        csv_lang(
            "KringA;Kring A;wonen;neutraal;afgeleid;KringB * 2",
            "KringB;Kring B;wonen;neutraal;afgeleid;KringA / 2",
            kop=CAT_KOP,
        ),
    )
    melding = weigert("import_indicatoren", pad)
    assert "kringverwijzing" in melding and "regel 2" in melding


def test_catalogus_kringverwijzing_via_bestaande(schrijf):
    pad = schrijf(
        "i.csv",
        csv_lang(
            "KringA;Kring A;wonen;neutraal;afgeleid;InwonersPerWoning * 2",
            "InwonersPerWoning;;;;;KringA / 2",
            kop=CAT_KOP,
        ),
    )
    melding = weigert("import_indicatoren", pad)
    assert "kringverwijzing" in melding and "regel 2" in melding and "regel 3" in melding


def test_catalogus_zelfverwijzing(schrijf):
    pad = schrijf("i.csv", csv_lang("KringA;Kring A;wonen;neutraal;afgeleid;KringA * 2", kop=CAT_KOP))
    melding = weigert("import_indicatoren", pad)
    assert "regel 2" in melding


def test_catalogus_dubbele_code(schrijf):
    pad = schrijf(
        "i.csv", csv_lang("Nieuw1;Nieuw 1;wonen;neutraal;basis;", "Nieuw1;Nieuw 1;wonen;neutraal;basis;", kop=CAT_KOP)
    )
    melding = weigert("import_indicatoren", pad)
    assert "regel 3" in melding and "dubbel" in melding and "regel 2" in melding


def test_catalogus_afgeleide_die_een_latere_afgeleide_gebruikt(schrijf):
    pad = schrijf(
        "i.csv",
        csv_lang(
            "Dubbel;Dubbel;wonen;neutraal;afgeleid;2 * Enkel",
            "Enkel;Enkel;wonen;neutraal;afgeleid;AantalInwoners / Woningvoorraad",
            kop=CAT_KOP,
        ),
    )
    uit, _ = draai("import_indicatoren", pad)
    assert "2 nieuw" in uit
    enkel = waarde("Enkel", "GM0164", "2024").waarde
    assert waarde("Dubbel", "GM0164", "2024").waarde == pytest.approx(2 * enkel)


def test_catalogus_echte_fixture_nogmaals_verandert_niets(fixtures_map):
    voor = momentopname()
    uit, _ = draai("import_indicatoren", fixtures_map / "indicatoren.csv")
    assert " 0 nieuw, 0 gewijzigd," in uit
    assert momentopname() == voor
