"""Issue 16 item 4: a derived indicator discloses no more than its inputs.

- Threshold: Mannen in wijk WK016409 (2024) is 1,065 of 1,990 inhabitants. With a
  disclosure threshold of 1,100 on Mannen, Mannen is withheld ("minder dan 1.100"), but AandeelMannen
  = 100 * Mannen / AantalInwoners = 53.5175879... gave it away: 53.5175879 * 1990 / 100 = 1065. The derived
  value now inherits the threshold: withheld too, with the reason naming the input.
- Visibility: a derived indicator in the open dataset `wijkportaal` over an internal police input
  (1000 * PolitieWoninginbraken / AantalInwoners = 1000 * 17 / 11,975 = 1.4196 in WK016403) let anyone
  recompute the internal 17. It is now readable only by who may read every input.
"""

import pytest

from indicatoren.models import Indicator, Status, Waarde
from indicatoren.services import afgeleide_herberekenen, indicator_opslaan
from tests.hulp.api import controleer_contract

pytestmark = pytest.mark.django_db


def _waarde(code: str, gebied: str, periode: str = "2024") -> Waarde:
    return Waarde.objects.get(indicator__code=code, gebied__code=gebied, periode=periode)


def test_the_figures_by_hand():
    assert _waarde("Mannen", "WK016409").waarde == 1065
    assert _waarde("AantalInwoners", "WK016409").waarde == 1990
    aandeel = _waarde("AandeelMannen", "WK016409").waarde
    assert aandeel == pytest.approx(53.5175879, abs=1e-7)
    assert round(aandeel * 1990 / 100) == 1065  # what the leak was


def _drempel(code: str, drempel: float | None) -> None:
    """What the catalogue import and the admin do: save the definition, then recompute."""
    indicator_opslaan(code=code, velden={"onthullingsdrempel": drempel}, domein_code=None)
    afgeleide_herberekenen()


def test_a_derived_value_inherits_the_threshold_of_its_inputs(client_anoniem):
    _drempel("Mannen", 1100)
    antwoord = client_anoniem.get("/api/v1/waarden/?indicator=Mannen,AandeelMannen&gebied=WK016409&periode=2024")
    controleer_contract(antwoord, "get", "/api/v1/waarden/")
    rijen = {r["indicator"]: r for r in antwoord.json()["results"]}
    assert rijen["Mannen"]["waarde"] is None and rijen["Mannen"]["status"] == "onder_drempel"
    assert rijen["AandeelMannen"]["waarde"] is None and rijen["AandeelMannen"]["status"] == "onder_drempel"
    assert "Mannen (kleiner dan 1100)" in rijen["AandeelMannen"]["reden"]
    opgeslagen = _waarde("AandeelMannen", "WK016409")
    assert opgeslagen.waarde is None and opgeslagen.status == Status.ONDER_DREMPEL
    # A wijk where Mannen is above the threshold keeps its share (Hasseler Es, 11,975 inhabitants).
    hasseler_es = _waarde("AandeelMannen", "WK016403")
    assert hasseler_es.status == Status.BESCHIKBAAR and hasseler_es.waarde == pytest.approx(
        100 * _waarde("Mannen", "WK016403").waarde / 11975
    )
    # Pages say it the same way: withheld, never the number.
    html = client_anoniem.get("/openbaar/gebied/WK016409/").content.decode()
    assert "53,5" not in html


def test_lowering_the_threshold_gives_the_derived_value_back():
    _drempel("Mannen", 1100)
    _drempel("Mannen", None)
    assert _waarde("AandeelMannen", "WK016409").waarde == pytest.approx(53.5175879, abs=1e-7)


@pytest.fixture
def inbraken_per_1000(partnerdata):
    """A derived indicator saved the ordinary way: new derived indicators go to the open `wijkportaal`."""
    indicator, _ = indicator_opslaan(
        code="InbrakenPer1000Inwoners",
        velden={
            "naam": "Woninginbraken per 1.000 inwoners",
            "soort": "afgeleid",
            "formule": "1000 * PolitieWoninginbraken / AantalInwoners",
            "decimalen": 2,
        },
        domein_code="veiligheid",
    )
    afgeleide_herberekenen()
    assert indicator.dataset.code == "wijkportaal" and indicator.dataset.zichtbaarheid == "openbaar"
    assert _waarde("InbrakenPer1000Inwoners", "WK016403").waarde == pytest.approx(1000 * 17 / 11975)
    return indicator


@pytest.mark.parametrize("wie", ["client_anoniem", "client_partner_a"])
def test_a_derived_indicator_over_an_internal_input_is_hidden_from_who_may_not_see_the_input(
    request, wie, inbraken_per_1000
):
    client = request.getfixturevalue(wie)
    waarden = client.get("/api/v1/waarden/?indicator=InbrakenPer1000Inwoners")
    assert waarden.status_code == 400
    assert "onbekende indicator(en): 'InbrakenPer1000Inwoners'" in waarden.content.decode()
    assert client.get("/api/v1/indicatoren/InbrakenPer1000Inwoners/").status_code == 404
    lijst = client.get("/api/v1/indicatoren/?limit=500").json()["results"]
    assert "InbrakenPer1000Inwoners" not in {i["code"] for i in lijst}
    alle = client.get("/api/v1/waarden/?gebied=WK016403&periode=2024&limit=1000").json()["results"]
    assert "InbrakenPer1000Inwoners" not in {r["indicator"] for r in alle}
    assert "1,42" not in client.get("/openbaar/gebied/WK016403/").content.decode()


@pytest.mark.parametrize("wie", ["client_partner_b", "client_beleid"])
def test_who_may_see_every_input_sees_the_derived_indicator(request, wie, inbraken_per_1000):
    client = request.getfixturevalue(wie)
    antwoord = client.get("/api/v1/waarden/?indicator=InbrakenPer1000Inwoners&gebied=WK016403&periode=2024")
    assert antwoord.status_code == 200
    assert antwoord.json()["results"][0]["waarde"] == pytest.approx(1000 * 17 / 11975)


def test_inputs_are_followed_through_other_derived_indicators(partnerdata, client_anoniem):
    indicator_opslaan(
        code="InbrakenPerWoning",
        velden={
            "naam": "Inbraken per woning",
            "soort": "afgeleid",
            "formule": "PolitieWoninginbraken / Woningvoorraad",
        },
        domein_code="veiligheid",
    )
    indicator_opslaan(
        code="InbrakenPer100Woningen",
        velden={"naam": "Inbraken per 100 woningen", "soort": "afgeleid", "formule": "100 * InbrakenPerWoning"},
        domein_code="veiligheid",
    )
    afgeleide_herberekenen()
    tweede = Indicator.objects.get(code="InbrakenPer100Woningen")
    assert {i.code for i in tweede.invoer.all()} == {"InbrakenPerWoning", "PolitieWoninginbraken", "Woningvoorraad"}
    assert client_anoniem.get("/api/v1/indicatoren/InbrakenPer100Woningen/").status_code == 404
    # Public derived indicators over public inputs stay public.
    assert client_anoniem.get("/api/v1/indicatoren/AandeelMannen/").status_code == 200


def test_a_threshold_set_in_the_admin_withholds_the_derived_value_at_once(admin_client):
    """Beheerders set thresholds in the admin: saving recomputes the derived values."""
    mannen = Indicator.objects.get(code="Mannen")
    pad = f"/beheer/indicatoren/indicator/{mannen.pk}/change/"
    formulier = admin_client.get(pad).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in formulier.initial.items() if k in formulier.fields}
    data.update(
        {
            "onthullingsdrempel": "1100",
            "cbs_sleutels-TOTAL_FORMS": "0",
            "cbs_sleutels-INITIAL_FORMS": "0",
        }
    )
    antwoord = admin_client.post(pad, data)
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors if antwoord.context else ""
    assert _waarde("AandeelMannen", "WK016409").status == Status.ONDER_DREMPEL
