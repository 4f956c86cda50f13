"""Input shape and validation of every signalen input, for the pages and the API alike.

One validation path per input: the page binds the form to the POST, the API binds the same form to the JSON
body; a valid form hands typed values to the service (`service_velden()`), which checks what depends on the
database's current state (the workflow, the portfolio, the location) and calls `full_clean()` on what it
writes. The fields (signalen.velden) read what a browser sends (text) and what JSON sends (numbers, null,
lists) and say in Dutch what is wrong; `fouten_overnemen` puts a service's ValidationError on the right fields.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .models import MAX_BEWONERS, MAX_WERKDAGEN, NOTITIE_MAX, OMSCHRIJVING_MAX, EscalatieStatus, Status
from .velden import (
    BronVeld,
    CategorieVeld,
    Coordinaat,
    Datum,
    Geheel,
    Keuze,
    PartnersVeld,
    SignaalVeld,
    Tekst,
    Versie,
    WijkVeld,
)

TELEFOON = re.compile(r"^[0-9+()\- ]{6,30}$")


def fouten_overnemen(form: forms.Form, fout: ValidationError) -> None:
    """Each message of a service's ValidationError on its field, or on the form when there is no such field."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            for melding in lijst:
                form.add_error(veld if veld in form.fields else None, melding)
    else:
        for melding in fout.messages:
            form.add_error(None, melding)


def formulierfouten(form: forms.Form) -> ValidationError:
    """An invalid form's errors as one ValidationError per field (what a service raises)."""
    return ValidationError({veld: list(lijst) for veld, lijst in form.errors.as_data().items()})


def _tekstvak(rijen=4, **attrs):
    return forms.Textarea(attrs={"rows": rijen, **attrs})


# --- forms --------------------------------------------------------------------------------------------------


class Formulier(forms.Form):
    # No HTML `required`: the browser would refuse in its own words; the server's Dutch messages name the field.
    use_required_attribute = False


class VersieFormulier(Formulier):
    versie = Versie()

    def clean(self):
        # A bad hidden version is about the whole form: the user cannot see or fix the field.
        if "versie" in self._errors:
            fouten = self._errors.pop("versie")
            self.add_error(None, ValidationError(list(fouten.as_data())))
        return super().clean()


class MeldFormulier(Formulier):
    """Log a signal (page and API). Categories and wijken for the selects are passed in (loaded once by the
    view); the API passes `categorie_sleutel="code"`."""

    omschrijving = Tekst(
        label="Omschrijving",
        max_length=OMSCHRIJVING_MAX,
        required=True,
        widget=_tekstvak(5),
        help_text="Wat is er aan de hand? Zet hier geen namen of contactgegevens van bewoners in.",
    )
    categorie = CategorieVeld(label="Categorie")
    bron = BronVeld(label="Bron")
    aantal_bewoners = Geheel(
        label="Aantal bewoners dat dit aankaartte",
        melding=f"Aantal bewoners moet een geheel getal van 1 tot en met {MAX_BEWONERS} zijn.",
        required=True,
        initial=1,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_BEWONERS, "step": 1}),
    )
    datum_voorval = Datum(label="Datum van het voorval", required=True)
    adres = Tekst(label="Adres of plek (tekst)", naam="Adres", max_length=200, widget=forms.TextInput)
    lon = Coordinaat(
        label="Lengtegraad (lon)",
        voorbeeld="6.7930",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "bijv. 6,7930", "autocomplete": "off"}),
    )
    lat = Coordinaat(
        label="Breedtegraad (lat)",
        voorbeeld="52.2660",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "bijv. 52,2660", "autocomplete": "off"}),
    )
    wijk = WijkVeld(label="Of: de hele wijk")
    melder_naam = Tekst(label="Naam melder", max_length=150, widget=forms.TextInput)
    melder_telefoon = Tekst(label="Telefoon melder", max_length=30, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    melder_email = Tekst(label="E-mail melder", max_length=254, widget=forms.EmailInput)
    melder_toestemming = forms.BooleanField(
        label="De melder wil de uitkomst per e-mail horen",
        required=False,
        help_text="Alleen met toestemming van de melder. Bij afsluiten krijgt de melder dan uw uitleg en de vraag "
        "of het is opgelost.",
    )
    # Step 2 (only when similar open signals were found): new problem, or duplicate of one of them.
    duplicaat_van = SignaalVeld(required=False, widget=forms.HiddenInput)
    keuze = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categorieen=(), wijken=(), categorie_sleutel: str = "pk", **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["categorie"]
        assert isinstance(veld, CategorieVeld)
        veld.sleutel = categorie_sleutel
        keuzes: list[tuple[str, object]] = [("", "— kies —")]
        groep = None
        for c in categorieen:
            if c.hoofdcategorie_id is None:
                groep = [(str(c.id), f"{c.naam} (algemeen)")]
                keuzes.append((c.naam, groep))
            elif groep is not None:
                groep.append((str(c.id), c.naam))
        self.fields["categorie"].widget.choices = keuzes
        self.fields["wijk"].widget.choices = [("", "— alleen als er geen punt is —")] + [
            (w.code, f"{w.weergavenaam} ({w.code})") for w in wijken
        ]

    def clean_melder_telefoon(self):
        telefoon = self.cleaned_data["melder_telefoon"]
        if telefoon and not TELEFOON.match(telefoon):
            raise ValidationError("Telefoonnummer: alleen cijfers, spaties, +, - en haakjes (6 tot 30 tekens).")
        return telefoon

    def clean_melder_email(self):
        email = self.cleaned_data["melder_email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(f"'{email[:60]}' is geen geldig e-mailadres.") from None
        return email

    def service_velden(self) -> dict:
        """The typed keyword arguments of `services.signaal_melden` / `melding_controleren`."""
        d = self.cleaned_data
        return {
            "omschrijving": d["omschrijving"],
            "categorie": d["categorie"],
            "bron": d["bron"],
            "aantal_bewoners": d["aantal_bewoners"],
            "datum_voorval": d["datum_voorval"],
            "adres": d["adres"],
            "lon": d["lon"],
            "lat": d["lat"],
            "wijk_code": d["wijk"],
            "melder_naam": d["melder_naam"],
            "melder_telefoon": d["melder_telefoon"],
            "melder_email": d["melder_email"],
            "duplicaat_van": d["duplicaat_van"],
            "melder_toestemming": d.get("melder_toestemming", False),
        }

    def add_error(self, field, error):
        # The service reports location problems under 'locatie': show them at the top of the form.
        if field == "locatie":
            field = None
        super().add_error(field, error)


class StatusFormulier(VersieFormulier):
    naar = Keuze(label="Nieuwe status")
    notitie = Tekst(
        label="Notitie",
        max_length=NOTITIE_MAX,
        widget=_tekstvak(3),
        help_text="Intern. Verplicht bij heropenen; bij afhandelen en annuleren mag hij leeg blijven: dan is de "
        "uitleg voor de melder de notitie.",
    )
    uitleg = Tekst(
        label="Uitleg voor de melder",
        max_length=3000,
        widget=_tekstvak(5),
        help_text="Verplicht bij afhandelen en annuleren: wat is er gedaan? Begint met de standaardtekst van de "
        "categorie; pas die aan voor deze melding. Wil de melder het horen, dan krijgt hij of zij deze tekst per "
        "e-mail.",
    )

    def __init__(self, *args, keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].widget.choices = [(s, Status(s).label) for s in keuzes]

    def service_velden(self) -> dict:
        d = self.cleaned_data
        return {"naar": d["naar"], "notitie": d["notitie"], "versie": d["versie"], "uitleg": d["uitleg"]}


class EscalerenFormulier(VersieFormulier):
    partners = PartnersVeld(label="Partners", required=False, choices=())
    gevraagde_actie = Tekst(label="Gevraagde actie", max_length=1000, required=True, widget=_tekstvak(3))
    werkdagen = Geheel(
        label="Termijn (werkdagen)",
        melding=f"De termijn is een geheel aantal werkdagen van 1 tot {MAX_WERKDAGEN}.",
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_WERKDAGEN, "step": 1}),
        help_text="Werkdagen: zonder weekend en feestdagen.",
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(str(p.id), p.naam) for p in partners]

    def service_velden(self) -> dict:
        d = self.cleaned_data
        return {
            "partner_ids": d["partners"],
            "gevraagde_actie": d["gevraagde_actie"],
            "werkdagen": d["werkdagen"],
            "versie": d["versie"],
        }


class DuplicaatFormulier(VersieFormulier):
    """Link as a duplicate of another signal (`actie` empty) or unlink (`actie=ontkoppelen`)."""

    hoofd = Geheel(
        label="Duplicaat van signaalnummer",
        melding="'{waarde}' is geen signaalnummer.",
        widget=forms.NumberInput(attrs={"min": 1, "step": 1}),
    )
    notitie = Tekst(label="Notitie", max_length=NOTITIE_MAX, widget=_tekstvak(2))
    actie = forms.CharField(required=False, widget=forms.HiddenInput)

    @property
    def ontkoppelen(self) -> bool:
        return self.cleaned_data.get("actie") == "ontkoppelen"

    def clean(self):
        schoon = super().clean()
        if not self.ontkoppelen and "hoofd" not in self._errors and schoon.get("hoofd") is None:
            self.add_error("hoofd", "Vul het nummer in van het signaal waarvan dit een duplicaat is.")
        return schoon


class EscalatieFormulier(VersieFormulier):
    status = Keuze(label="Status")
    referentie = Tekst(label="Referentie partner", naam="Referentie", max_length=100, widget=forms.TextInput)
    notitie = Tekst(label="Notitie", max_length=NOTITIE_MAX, widget=_tekstvak(2))

    def __init__(self, *args, escalatie, keuzes=(), **kwargs):
        kwargs.setdefault("prefix", f"esc{escalatie.pk}")
        super().__init__(*args, **kwargs)
        self.escalatie = escalatie
        self.fields["status"].widget.choices = [("", f"{escalatie.get_status_display()} (ongewijzigd)")] + [
            (s, EscalatieStatus(s).label) for s in keuzes
        ]

    def service_velden(self) -> dict:
        d = self.cleaned_data
        return {
            "status": d["status"] or None,
            "referentie": d["referentie"],
            "notitie": d["notitie"],
            "versie": d["versie"],
        }
