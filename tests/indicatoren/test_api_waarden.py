"""Reading through the API: gebieden, indicatoren and waarden with real values, filters, pagination,
CSV, disclosure control, and clear 400s for bad parameters (which write nothing)."""

import csv
import io

import pytest

from indicatoren.api.renderers import _cel
from indicatoren.api.serializers import IndicatorMeta, waarde_rij
from toegang.models import AuditRegel

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content[:500]
    return response.json()


# --- plain functions, no database ---------------------------------------------------------------------


@pytest.mark.django_db(False)
def test_waarde_rij_past_onthulling_toe_zonder_database():
    meta = IndicatorMeta("X", "aantal", 0, 10.0)
    # indicator_id, gebied_id, periode, gebied code, waarde, status, toelichting, bron
    gewoon = waarde_rij((1, 2, "2024", "WK016403", 42.0, "beschikbaar", "", "b"), meta)
    assert gewoon == {
        "indicator": "X",
        "gebied": "WK016403",
        "periode": "2024",
        "waarde": 42.0,
        "status": "beschikbaar",
        "reden": "",
        "eenheid": "aantal",
        "bron": "b",
    }
    klein = waarde_rij((1, 3, "2024", "WK016400", 3.0, "beschikbaar", "", "b"), meta)
    assert klein["waarde"] is None and klein["status"] == "onder_drempel" and "10" in klein["reden"]
    geheim = waarde_rij((1, 3, "2024", "WK016400", None, "geheim", "", "b"), meta._replace(drempel=None))
    assert geheim["waarde"] is None and geheim["status"] == "geheim" and geheim["reden"]
    nul = waarde_rij((1, 3, "2024", "WK016400", 0.0, "beschikbaar", "", "b"), meta._replace(drempel=None))
    assert nul["waarde"] == 0.0  # a real zero stays a zero


@pytest.mark.django_db(False)
def test_csv_cellen():
    assert [_cel(None), _cel(1326.0), _cel(0.25), _cel("x")] == ["", "1326", "0.25", "x"]


# --- gebieden -------------------------------------------------------------------------------------------


def test_gebieden_wijken_van_hengelo(client_anoniem):
    data = _json(client_anoniem.get("/api/v1/gebieden/?niveau=wijk&ouder=GM0164"))
    assert data["count"] == 10
    assert data["results"][3] == {"code": "WK016403", "naam": "Hasseler Es", "niveau": "wijk", "ouder": "GM0164"}
    assert "geometrie" not in data["results"][0]  # only on request


def test_gebieden_buurten_van_hengelo_via_gemeente(client_anoniem):
    data = _json(client_anoniem.get("/api/v1/gebieden/?niveau=buurt&ouder=GM0164&limit=100"))
    assert data["count"] == 62
    assert {g["ouder"][:6] for g in data["results"]} == {"WK0164"}


def test_gebieden_geometrie_op_verzoek_en_per_indeling(client_anoniem):
    nieuw = _json(client_anoniem.get("/api/v1/gebieden/WK016403/?geometrie=true"))
    assert nieuw["indeling"] == 2025 and nieuw["geometrie"]["type"] in {"Polygon", "MultiPolygon"}
    oud = _json(client_anoniem.get("/api/v1/gebieden/WK016403/?geometrie=true&jaar=2022"))
    assert oud["indeling"] == 2021
    buurt = _json(client_anoniem.get("/api/v1/gebieden/?code=BU01640300&geometrie=1&jaar=2019"))
    assert buurt["results"][0]["indeling"] == 2019


def test_gebied_zonder_grens_en_zonder_naam(client_anoniem):
    data = _json(client_anoniem.get("/api/v1/gebieden/GM0363/?geometrie=true"))
    assert data["geometrie"] is None and data["indeling"] is None
    assert data["naam"] is None or isinstance(data["naam"], str)


def test_gebieden_paginering(client_anoniem):
    eerste = client_anoniem.get("/api/v1/gebieden/?niveau=gemeente&limit=100")
    data = _json(eerste)
    assert data["count"] == 342 and len(data["results"]) == 100
    assert eerste["X-Total-Count"] == "342" and 'rel="next"' in eerste["Link"]
    laatste = _json(client_anoniem.get("/api/v1/gebieden/?niveau=gemeente&limit=100&offset=300"))
    assert len(laatste["results"]) == 42 and laatste["next"] is None and laatste["previous"]


# --- indicatoren ----------------------------------------------------------------------------------------


def test_indicator_metadata(client_anoniem):
    data = _json(client_anoniem.get("/api/v1/indicatoren/AantalInwoners/"))
    assert data["domein"] == {"code": "bevolking", "naam": "Bevolking"}
    assert data["dataset"]["code"] == "cbs-kwb" and data["dataset"]["eigenaar"] == "cbs"
    assert data["eenheid"] == "aantal" and data["polariteit"] in {"neutraal", "hoger_beter", "hoger_slechter"}
    assert "85984NED" in data["bron"]
    afgeleid = _json(client_anoniem.get("/api/v1/indicatoren/InwonersPerWoning/"))
    assert afgeleid["soort"] == "afgeleid" and "Woningvoorraad" in afgeleid["formule"]


def test_indicatoren_filter_op_domein_en_dataset(client_anoniem):
    wonen = _json(client_anoniem.get("/api/v1/indicatoren/?domein=wonen&limit=10000"))["results"]
    assert wonen and {i["domein"]["code"] for i in wonen} == {"wonen"}
    reeksen = _json(client_anoniem.get("/api/v1/indicatoren/?dataset=cbs-reeksen"))["results"]
    assert "ZonnestroomVermogenWoningen" in {i["code"] for i in reeksen}


# --- waarden ---------------------------------------------------------------------------------------------


def test_waarden_echte_getallen(client_anoniem):
    data = _json(client_anoniem.get("/api/v1/waarden/?indicator=AantalInwoners,Woningvoorraad&gebied=WK016403,GM0164"))
    per = {(r["indicator"], r["gebied"]): r for r in data["results"]}
    assert per["AantalInwoners", "WK016403"]["waarde"] == 11975
    assert per["Woningvoorraad", "WK016403"]["waarde"] == 5295
    assert per["AantalInwoners", "GM0164"]["waarde"] == 83058
    assert per["Woningvoorraad", "GM0164"]["waarde"] == 39985
    assert per["AantalInwoners", "GM0164"]["periode"] == "2024" and per["AantalInwoners", "GM0164"]["eenheid"]


def test_waarden_herhaalde_parameters_en_komma_lijsten_zijn_gelijk(client_anoniem):
    a = _json(client_anoniem.get("/api/v1/waarden/?indicator=AantalInwoners&gebied=WK016400&gebied=WK016409"))
    b = _json(client_anoniem.get("/api/v1/waarden/?indicator=AantalInwoners&gebied=WK016400,WK016409"))
    # 2022 (KWB 2022 via tmap) and 2024 for both wijken
    assert a == b and [r["waarde"] for r in a["results"]] == [2935, 3010, 2020, 1990]


def test_waarden_periode_bereik_en_ouder(client_anoniem):
    data = _json(
        client_anoniem.get(
            "/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&ouder=WK016403&periode_van=2017&periode_tot=2021"
        )
    )
    assert {r["periode"] for r in data["results"]} == {"2017", "2018", "2019", "2020", "2021"}
    omgekeerd = "/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&periode_van=2021&periode_tot=2017"
    assert _json(client_anoniem.get(omgekeerd))["count"] == 0
    alle = _json(client_anoniem.get("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&gebied=BU01640300"))
    assert {r["periode"]: r["waarde"] for r in alle["results"]}["2016"] == 254
    assert {r["periode"]: r["waarde"] for r in alle["results"]}["2022"] == 1326


def test_waarden_niveau_buurt_in_hengelo(client_anoniem):
    data = _json(client_anoniem.get("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&ouder=GM0164"))
    assert data["count"] == 70  # 10 buurten of WK016403 x 2016..2022
    assert all(r["gebied"].startswith("BU016403") for r in data["results"])


def test_waarden_pagineren_langs_next(client_anoniem):
    """Keyset pagination: following `next` yields every row exactly once; count only on page 1."""
    pad = "/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&limit=30"
    gezien, paginas = [], 0
    while pad:
        response = client_anoniem.get(pad)
        data = _json(response)
        assert data["count"] == (70 if paginas == 0 else None)
        gezien += [(r["gebied"], r["periode"]) for r in data["results"]]
        paginas += 1
        pad = data["next"]
        if pad:
            assert response["Link"] == f'<{pad}>; rel="next"'
            pad = pad[pad.index("/api/") :]
    assert paginas == 3 and len(gezien) == len(set(gezien)) == 70
    csv_tekst = client_anoniem.get("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&limit=30&format=csv")
    assert 'rel="next"' in csv_tekst["Link"] and "na=" in csv_tekst["Link"] and csv_tekst["X-Total-Count"] == "70"


def test_geen_gegevens_is_een_lege_lijst(client_anoniem):
    # Inhabitants exist per buurt (2024) but not for 2023: an empty list, not an error.
    data = _json(client_anoniem.get("/api/v1/waarden/?indicator=AantalInwoners&niveau=buurt&periode=2023"))
    assert data == {"count": 0, "next": None, "results": []}


def test_onthullingsdrempel_en_status_nooit_nul(client_beleid, partnerdata):
    data = _json(client_beleid.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden,PolitieOverlast"))
    per = {(r["indicator"], r["gebied"]): r for r in data["results"]}
    assert per["WelbionsHuurachterstanden", "WK016403"]["waarde"] == 42
    klein = per["WelbionsHuurachterstanden", "WK016400"]
    assert klein["waarde"] is None and klein["status"] == "onder_drempel" and "drempel" in klein["reden"]
    geheim = per["PolitieOverlast", "WK016400"]
    assert geheim["waarde"] is None and geheim["status"] == "geheim" and geheim["reden"]
    tekst = client_beleid.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden&format=csv").content.decode()
    regels = {r["gebied"]: r for r in csv.DictReader(io.StringIO(tekst.lstrip("\ufeff")))}
    assert regels["WK016400"]["waarde"] == "" and regels["WK016400"]["status"] == "onder_drempel"
    assert "3" not in regels["WK016400"]["waarde"]


def test_csv_kolommen_en_inhoud(client_anoniem):
    response = client_anoniem.get("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&gebied=BU01640300&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert rijen[0] == ["indicator", "gebied", "periode", "waarde", "status", "reden", "eenheid", "bron"]
    assert rijen[1][:5] == ["ZonnestroomVermogenWoningen", "BU01640300", "2016", "254", "beschikbaar"]
    assert len(rijen) == 8 and response["X-Total-Count"] == "7"


# --- bad input: 400 with a clear message, nothing written (except the audit row) ------------------------

FOUT = [
    ("/api/v1/waarden/?indicator=BestaatNiet,OokNiet", "indicator", "'BestaatNiet', 'OokNiet'"),
    ("/api/v1/waarden/?gebied=WK999999", "gebied", "'WK999999'"),
    ("/api/v1/waarden/?gebied=Hengelo", "gebied", "'Hengelo' is geen geldige gebiedscode"),
    ("/api/v1/waarden/?ouder=GM9999", "ouder", "'GM9999'"),
    ("/api/v1/waarden/?niveau=provincie", "niveau", "onbekend niveau 'provincie'"),
    ("/api/v1/waarden/?periode=24", "periode", "'24' is geen geldige periode"),
    ("/api/v1/waarden/?limit=twintig", "limit", "'twintig' is geen geheel getal"),
    ("/api/v1/waarden/?limit=100000", "limit", "tussen 1 en 10000"),
    ("/api/v1/gebieden/?offset=-1", "offset", "tussen 0 en"),
    ("/api/v1/waarden/?na=volgende", "na", "'volgende' is geen geldige positie"),
    ("/api/v1/waarden/?offset=1000", "parameters", "onbekende parameter(s): offset"),
    ("/api/v1/waarden/?format=xlsx", "format", "onbekend formaat 'xlsx'"),
    ("/api/v1/waarden/?indicatoren=AantalInwoners", "parameters", "onbekende parameter(s): indicatoren"),
    ("/api/v1/gebieden/?jaar=twee", "jaar", ""),
    ("/api/v1/gebieden/?geometrie=misschien", "geometrie", ""),
    ("/api/v1/gebieden/?code=" + ",".join(f"WK{i:06d}" for i in range(201)), "code", "hoogstens 200"),
    ("/api/v1/indicatoren/?dataset=geheim", "dataset", "'geheim'"),
]


@pytest.mark.parametrize(("pad", "veld", "melding"), FOUT)
def test_foute_parameters_geven_400_met_melding(client_anoniem, pad, veld, melding):
    from indicatoren.models import Waarde

    voor = Waarde.objects.count()
    response = client_anoniem.get(pad)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert veld in data, data
    assert melding in " ".join(data[veld]), data
    assert Waarde.objects.count() == voor
    assert AuditRegel.objects.filter(status=400, pad=pad.split("?")[0]).exists()


def test_onzichtbare_indicator_heet_onbekend(client_anoniem, partnerdata):
    data = _json(client_anoniem.get("/api/v1/waarden/?indicator=PolitieWoninginbraken"), 400)
    assert data == {"indicator": ["onbekende indicator(en): 'PolitieWoninginbraken'."]}


@pytest.mark.parametrize("pad", ["/api/v1/gebieden/%00/", "/api/v1/indicatoren/a%00b/", "/api/v1/waarden/?gebied=%00"])
def test_nul_tekens_geven_geen_serverfout(client_anoniem, pad):
    assert client_anoniem.get(pad).status_code in (400, 404)
