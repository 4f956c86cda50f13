"""Issue 16 items 3 and 14: the right to deliver is per dataset, and an upload never reveals an indicator
the caller may not see.

- A dataset the portal writes itself (levering 'dienst': the signalen publication, CBS imports, derived
  figures) is written by no upload, not by a beleidsmedewerker, a stadsdeelregisseur or a beheerder.
- A stadsdeelregisseur delivers no figures; a beleidsmedewerker delivers the gemeente's own datasets.
- An indicator in a dataset the caller may not see is reported word for word like an unknown code.
"""

from datetime import date

import pytest

from indicatoren.models import Dataset, Domein, Indicator, Levering, Waarde
from signalen.publicatie import signalen_publiceren
from tests.hulp.api import upload
from tests.hulp.signalen import melden
from toegang.models import Organisatie

pytestmark = pytest.mark.django_db

KOP = "indicator,gebied,periode,waarde\n"


@pytest.fixture
def signaalcijfer(stadsdeelregisseur):
    """The signalen publication has run: its figures are values of the internal dataset 'signalen'."""
    melden(stadsdeelregisseur, datum_voorval=date(2024, 1, 15))
    signalen_publiceren()
    return Indicator.objects.get(code="Signalen", dataset__code="signalen")


@pytest.fixture
def gemeente_registratie():
    """A gemeente-owned dataset that is delivered by upload (e.g. a department's own registration)."""
    dataset = Dataset.objects.create(
        code="gemeente-registratie",
        naam="Registratie van een afdeling",
        eigenaar=Organisatie.objects.get(code="gemeente-hengelo"),
        zichtbaarheid="intern",
    )
    return Indicator.objects.create(
        code="GemeenteRegistratie", naam="Registratie", domein=Domein.objects.get(code="wonen"), dataset=dataset
    )


def test_the_portals_own_datasets_are_not_open_to_uploads():
    for code in ("signalen", "wijkportaal", "cbs-kwb", "cbs-reeksen"):
        assert Dataset.objects.get(code=code).levering == Levering.DIENST, code


@pytest.mark.parametrize("wie", ["client_beleid", "client_regisseur", "client_beheerder"])
def test_nobody_overwrites_the_signalen_figures_by_upload(request, wie, signaalcijfer, gemeente_registratie):
    client = request.getfixturevalue(wie)
    voor = list(Waarde.objects.filter(indicator=signaalcijfer).values_list("gebied_id", "periode", "waarde"))
    assert (Waarde.objects.get(indicator=signaalcijfer, gebied__code="WK016403", periode="2024-01").waarde) == 1
    antwoord = upload(client, KOP + f"{signaalcijfer.code},WK016403,2024-01,9999\n")
    if wie == "client_regisseur":
        assert antwoord.status_code == 403  # a stadsdeelregisseur delivers no figures at all
    else:
        assert antwoord.status_code == 400, antwoord.content
        melding = antwoord.json()["fouten"][0]["melding"]
        assert "alleen door het Wijkportaal zelf geschreven" in melding and "signalen" in melding
    assert list(Waarde.objects.filter(indicator=signaalcijfer).values_list("gebied_id", "periode", "waarde")) == voor


def test_beleidsmedewerker_delivers_the_gemeentes_own_dataset(client_beleid, gemeente_registratie):
    antwoord = upload(client_beleid, KOP + "GemeenteRegistratie,WK016403,2024,12\n")
    assert antwoord.status_code == 200, antwoord.content
    assert Waarde.objects.get(indicator=gemeente_registratie, gebied__code="WK016403", periode="2024").waarde == 12


def test_stadsdeelregisseur_delivers_no_figures(client_regisseur, gemeente_registratie):
    assert upload(client_regisseur, KOP + "GemeenteRegistratie,WK016403,2024,12\n").status_code == 403
    assert not Waarde.objects.filter(indicator=gemeente_registratie).exists()


def test_a_dataset_can_be_closed_to_uploads(client_partner_a, partnerdata):
    Dataset.objects.filter(code="welbions-intern").update(levering=Levering.DIENST)
    antwoord = upload(client_partner_a, KOP + "WelbionsHuurachterstanden,WK016401,2024,25\n")
    assert antwoord.status_code == 403  # Welbions has no other dataset open to uploads
    assert not Waarde.objects.filter(indicator__code="WelbionsHuurachterstanden", gebied__code="WK016401").exists()


def test_an_invisible_indicator_is_reported_exactly_like_an_unknown_one(client_partner_a, partnerdata):
    # PolitieWoninginbraken is in the police's internal dataset: Welbions may not know it exists.
    onzichtbaar = upload(client_partner_a, KOP + "PolitieWoninginbraken,WK016401,2024,5\n")
    onbekend = upload(client_partner_a, KOP + "PolitieWoninginbrakenX,WK016401,2024,5\n")
    assert onzichtbaar.status_code == onbekend.status_code == 400
    assert onzichtbaar.json()["fouten"] == [{"regel": 2, "melding": "onbekende indicator 'PolitieWoninginbraken'"}]
    assert onbekend.json()["fouten"] == [{"regel": 2, "melding": "onbekende indicator 'PolitieWoninginbrakenX'"}]
    assert "politie" not in onzichtbaar.content.decode().lower().replace("politiewoninginbraken", "")


def test_an_invisible_derived_indicator_is_reported_like_an_unknown_one(client_partner_a, partnerdata):
    Indicator.objects.create(
        code="PolitieInbrakenPerWoning",
        naam="Inbraken per woning",
        domein=Domein.objects.get(code="veiligheid"),
        dataset=partnerdata["datasets"]["politie-intern"],
        soort="afgeleid",
        formule="PolitieWoninginbraken / Woningvoorraad",
    )
    antwoord = upload(client_partner_a, KOP + "PolitieInbrakenPerWoning,WK016401,2024,5\n")
    assert antwoord.json()["fouten"] == [{"regel": 2, "melding": "onbekende indicator 'PolitieInbrakenPerWoning'"}]


def test_a_visible_indicator_of_another_organisation_is_refused_by_name(client_partner_a, partnerdata):
    antwoord = upload(client_partner_a, KOP + "PolitieOverlast,WK016401,2024,5\n")
    melding = antwoord.json()["fouten"][0]["melding"]
    assert "u mag geen waarden leveren voor indicator 'PolitieOverlast'" in melding


def test_an_open_derived_indicator_over_an_invisible_input_is_reported_like_an_unknown_one(
    client_partner_a, partnerdata
):
    # In the open dataset wijkportaal, but over the police's internal figure: hidden from Welbions (item 4).
    from indicatoren.services import indicator_opslaan

    indicator_opslaan(
        code="InbrakenPer1000Inwoners",
        velden={"naam": "Inbraken", "soort": "afgeleid", "formule": "1000 * PolitieWoninginbraken / AantalInwoners"},
        domein_code="veiligheid",
    )
    antwoord = upload(client_partner_a, KOP + "InbrakenPer1000Inwoners,WK016401,2024,5\n")
    assert antwoord.json()["fouten"] == [{"regel": 2, "melding": "onbekende indicator 'InbrakenPer1000Inwoners'"}]
