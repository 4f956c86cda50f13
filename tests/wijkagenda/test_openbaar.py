"""The public wijkprofiel (/openbaar/): no log-in, open datasets only, disclosure control, no personal data."""

import re

import pytest

from indicatoren.models import Dataset, Domein, Indicator, Status, Waarde
from toegang.models import Organisatie
from wijken.models import Gebied

pytestmark = pytest.mark.django_db


def tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", antwoord.content.decode()))


@pytest.fixture
def open_kleine_aantallen(db):
    """An open dataset with a disclosure threshold of 10: 3 in Hasseler Es is shown as 'minder dan 10';
    a CBS-secret value in the same dataset."""
    dataset = Dataset.objects.create(
        code="open-test", naam="Open test", zichtbaarheid="openbaar", eigenaar=Organisatie.objects.get(code="cbs")
    )
    zorg = Domein.objects.get(code="zorg-welzijn")
    klein = Indicator.objects.create(
        code="KleinAantal",
        naam="Jongeren met een indicatie",
        domein=zorg,
        dataset=dataset,
        onthullingsdrempel=10,
        eenheid="aantal",
    )
    geheim = Indicator.objects.create(code="GeheimCijfer", naam="Geheim cijfer", domein=zorg, dataset=dataset)
    wijk = Gebied.objects.get(code="WK016403")
    Waarde.objects.create(indicator=klein, gebied=wijk, periode="2024", waarde=3, bron="test")
    Waarde.objects.create(indicator=geheim, gebied=wijk, periode="2024", waarde=None, status=Status.GEHEIM, bron="test")


def test_public_profile_needs_no_log_in_and_shows_real_open_cbs_values(client_anoniem):
    antwoord = client_anoniem.get("/openbaar/gebied/WK016403/")
    assert antwoord.status_code == 200
    pagina = tekst(antwoord)
    assert "Hasseler Es" in pagina
    inwoners = Waarde.objects.get(indicator__code="AantalInwoners", gebied__code="WK016403", periode="2024").waarde
    assert inwoners == 11975 and "11.975" in pagina and "83.058" in pagina  # the wijk and all of Hengelo
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in antwoord.content.decode()
    assert "cijfers--stapel" in antwoord.content.decode()  # tables stack into cards on a phone


def test_public_profile_hides_non_public_indicators(client_anoniem, client, partnerdata):
    pagina = tekst(client_anoniem.get("/openbaar/gebied/WK016403/"))
    for naam in ["Huishoudens met huurachterstand", "Woninginbraken", "Meldingen overlast"]:
        assert naam not in pagina
    # the same values are there for a medewerker on the internal profile
    assert "Woninginbraken" in tekst(client.get("/gebied/WK016403/"))


def test_public_profile_shows_small_counts_and_secret_values_as_reasons(client_anoniem, open_kleine_aantallen):
    pagina = tekst(client_anoniem.get("/openbaar/gebied/WK016403/"))
    assert "Jongeren met een indicatie" in pagina
    assert "minder dan 10 onder de onthullingsdrempel van 10" in pagina
    assert not re.search(r"Jongeren met een indicatie \(aantal\) 3 ", pagina)
    assert "geheim (CBS)" in pagina


def test_public_profile_contains_no_personal_data(client_anoniem, stadsdeelregisseur):
    from tests.hulp.signalen import melden

    melden(
        stadsdeelregisseur,
        melder_naam="Jantje Voorbeeld",
        melder_telefoon="0612345678",
        omschrijving="Kapotte lantaarnpaal bij de speeltuin",
    )
    html = client_anoniem.get("/openbaar/gebied/WK016403/").content.decode()
    for persoonlijk in ["Jantje Voorbeeld", "0612345678", "lantaarnpaal"]:
        assert persoonlijk not in html


def test_public_profile_query_budget(client_anoniem, django_assert_num_queries):
    # gebied with parents; open values of gebied, gemeente and Nederland; kernset; buurten; issue 13 (a wijk
    # without published results or open signals): herkenning rounds, published opgaven, decisions on "ik ook",
    # open signals per main category, confirmed support per concern, the wijk's threshold
    with django_assert_num_queries(10):
        assert client_anoniem.get("/openbaar/gebied/WK016403/").status_code == 200


def test_public_index_lists_the_wijken_and_buurten(client_anoniem):
    pagina = client_anoniem.get("/openbaar/").content.decode()
    assert 'href="/openbaar/gebied/WK016403/"' in pagina and 'href="/openbaar/gebied/BU01640300/"' in pagina
    # no links to pages behind the log-in other than the log-in itself
    assert "/signalen/" not in pagina and "/combineer/" not in pagina


@pytest.mark.parametrize("code", ["BU01640300", "GM0164"])
def test_public_profile_of_a_buurt_and_the_gemeente(client_anoniem, code):
    assert client_anoniem.get(f"/openbaar/gebied/{code}/").status_code == 200


@pytest.mark.parametrize("code", ["WK999999", "GM0363", "ONZIN"])
def test_unknown_or_other_municipalities_codes_give_a_helpful_404(client_anoniem, code):
    antwoord = client_anoniem.get(f"/openbaar/gebied/{code}/")
    assert antwoord.status_code == 404
    assert "Er is geen openbaar wijkprofiel" in antwoord.content.decode()
