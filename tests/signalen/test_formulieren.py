"""One validation path per input: the forms of signalen.forms read what a browser sends (text) and what the
API's JSON sends (numbers, null, lists) with the same Dutch messages; the services take typed values and
`full_clean()` the rows they write, so a direct call with an impossible value writes nothing either."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from signalen import services
from signalen.forms import (
    DuplicaatFormulier,
    EscalatieFormulier,
    EscalerenFormulier,
    MeldFormulier,
    StatusFormulier,
)
from signalen.models import Escalatie, Historie, Signaal
from tests.hulp.signalen import BOVENHOEK, categorie, melden, punt_in

pytestmark = pytest.mark.django_db


def _meld(**velden) -> MeldFormulier:
    lon, lat = punt_in(BOVENHOEK)
    data = {
        "omschrijving": "Afval bij de speeltuin.",
        "categorie": str(categorie("afval-naast-container").pk),
        "bron": "bewoner",
        "aantal_bewoners": "2",
        "datum_voorval": "2026-03-14",
        "lon": f"{lon:.6f}".replace(".", ","),
        "lat": f"{lat:.6f}",
        **velden,
    }
    return MeldFormulier(data)


def test_page_text_becomes_typed_values():
    form = _meld(wijk=" wk016403 ", melder_email=" jan@example.org ")
    assert form.is_valid(), form.errors
    v = form.service_velden()
    assert v["categorie"] == categorie("afval-naast-container")
    assert (v["aantal_bewoners"], v["datum_voorval"], v["wijk_code"]) == (2, date(2026, 3, 14), "WK016403")
    assert isinstance(v["lon"], float) and isinstance(v["lat"], float)
    assert v["melder_email"] == "jan@example.org" and v["duplicaat_van"] is None


def test_json_values_are_read_by_the_same_form():
    data = {
        "omschrijving": "Afval.",
        "categorie": "afval-naast-container",
        "bron": "bewoner",
        "aantal_bewoners": 3,
        "datum_voorval": "2026-03-14",
        "lon": 6.79,
        "lat": 52.27,
        "duplicaat_van": None,
    }
    form = MeldFormulier(data, categorie_sleutel="code")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["aantal_bewoners"] == 3 and form.cleaned_data["lon"] == 6.79
    # The API's key is the code: an id is not a code.
    form = MeldFormulier({**data, "categorie": categorie("afval-naast-container").pk}, categorie_sleutel="code")
    assert not form.is_valid() and "Onbekende categorie" in form.errors["categorie"][0]


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({"omschrijving": 42}, "omschrijving", "Omschrijving moet tekst zijn."),
        ({"adres": "x" * 201}, "adres", "Adres is te lang: 201 tekens, maximaal 200."),
        ({"lon": True}, "lon", "Lengtegraad (lon) moet een getal zijn, bijv. 6.7930."),
        ({"lat": "inf"}, "lat", "Breedtegraad (lat) moet een eindig getal zijn."),
        ({"aantal_bewoners": "2.5"}, "aantal_bewoners", "geheel getal van 1 tot en met 10000"),
        ({"aantal_bewoners": True}, "aantal_bewoners", "geheel getal"),
        ({"datum_voorval": 20260101}, "datum_voorval", "Datum van het voorval is verplicht."),
        ({"bron": ""}, "bron", "Onbekende bron '': kies uit"),
        ({"categorie": ""}, "categorie", "Kies een categorie."),
        ({"duplicaat_van": "abc"}, "duplicaat_van", "Er is geen signaal met nummer abc."),
        ({"melder_telefoon": "06-1234567x"}, "melder_telefoon", "alleen cijfers"),
    ],
)
def test_bad_input_has_one_message_on_its_field(velden, veld, tekst):
    form = _meld(**velden)
    assert not form.is_valid()
    assert tekst in " ".join(form.errors[veld]), form.errors
    assert set(form.errors) == {veld}


def test_the_page_and_the_api_give_the_same_message(client_regisseur):
    pagina = client_regisseur.post("/signalen/nieuw/", {**_meld().data, "lon": "zes komma acht"})
    api = client_regisseur.post(
        "/api/v1/signalen/",
        {
            "omschrijving": "Afval.",
            "categorie": "afval-naast-container",
            "bron": "bewoner",
            "datum_voorval": "2026-03-14",
            "lon": "zes komma acht",
            "lat": 52.27,
        },
        content_type="application/json",
    )
    assert pagina.status_code == api.status_code == 400
    melding = api.json()["lon"][0]
    assert melding.startswith("Lengtegraad (lon) moet een getal zijn")
    assert melding.replace("'", "&#x27;") in pagina.content.decode()
    assert not Signaal.objects.exists()


def test_workflow_forms_type_their_input(stadsdeelregisseur):
    s = melden(stadsdeelregisseur)
    status = StatusFormulier({"naar": "afgehandeld", "notitie": "  Opgeruimd. ", "versie": "1"})
    assert status.is_valid() and status.service_velden() == {
        "naar": "afgehandeld",
        "notitie": "Opgeruimd.",
        "versie": 1,
        "uitleg": "",  # issue 13: the explanation for the reporter (empty: the note is the explanation)
    }
    kapot = StatusFormulier({"naar": "afgehandeld", "versie": "een"})
    assert not kapot.is_valid()
    assert kapot.non_field_errors() == ["Het formulier mist een geldige versie; laad de pagina opnieuw."]
    escaleren = EscalerenFormulier({"partners": ["3", 3, "4"], "gevraagde_actie": "Kijken", "werkdagen": ""})
    assert escaleren.is_valid() and escaleren.service_velden()["partner_ids"] == [3, 4]
    assert escaleren.service_velden()["werkdagen"] is None
    duplicaat = DuplicaatFormulier({"hoofd": "", "versie": "1"})
    assert not duplicaat.is_valid() and "Vul het nummer in" in duplicaat.errors["hoofd"][0]
    assert DuplicaatFormulier({"actie": "ontkoppelen", "versie": "1"}).is_valid()
    (esc,) = services.escaleren(
        signaal_id=s.pk, partner_ids=[_org_id("gildebor")], gevraagde_actie="Opruimen", door=stadsdeelregisseur
    )
    bijwerken = EscalatieFormulier({f"esc{esc.pk}-referentie": "x" * 101}, escalatie=esc)
    assert not bijwerken.is_valid()
    assert "Referentie is te lang: 101 tekens, maximaal 100." in bijwerken.errors["referentie"][0]


def _org_id(code: str) -> int:
    from toegang.models import Organisatie

    return Organisatie.objects.get(code=code).pk


def test_a_direct_service_call_is_full_cleaned_and_writes_nothing(stadsdeelregisseur):
    lon, lat = punt_in(BOVENHOEK)
    velden = {
        "omschrijving": "Afval.",
        "categorie": categorie("afval-naast-container"),
        "bron": "bewoner",
        "datum_voorval": date(2026, 3, 14),
        "lon": lon,
        "lat": lat,
    }
    with pytest.raises(ValidationError) as exc:
        services.signaal_melden(door=stadsdeelregisseur, **{**velden, "aantal_bewoners": 0, "bron": "telegram"})
    assert "geheel getal van 1" in exc.value.message_dict["aantal_bewoners"][0]
    assert "bron" in exc.value.message_dict  # the model field's choices
    assert not Signaal.objects.exists() and not Historie.objects.exists()
    s = services.signaal_melden(door=stadsdeelregisseur, **velden)
    with pytest.raises(ValidationError) as exc:
        services.escaleren(
            signaal_id=s.pk,
            partner_ids=[_org_id("gildebor")],
            gevraagde_actie="x",
            werkdagen=300,
            door=stadsdeelregisseur,
        )
    assert "1 tot 250" in exc.value.message_dict["werkdagen"][0]
    assert not Escalatie.objects.exists()
