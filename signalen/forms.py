"""Forms of the signalen pages: they bind and render; the services validate (one set of Dutch messages
for pages and API). `fouten_overnemen` puts a service's ValidationError on the right fields."""

from django import forms
from django.core.exceptions import ValidationError

from .models import OMSCHRIJVING_MAX, Bron, EscalatieStatus, Status
from .services import NOTITIE_MAX


def fouten_overnemen(form: forms.Form, fout: ValidationError) -> None:
    """Each message of a service's ValidationError on its field, or on the form when there is no such field."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            for melding in lijst:
                form.add_error(veld if veld in form.fields else None, melding)
    else:
        for melding in fout.messages:
            form.add_error(None, melding)


def _tekstvak(rijen=4, **attrs):
    return forms.Textarea(attrs={"rows": rijen, **attrs})


class MeldFormulier(forms.Form):
    """Log a signal. Categories and wijken are passed in (loaded once by the view)."""

    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        widget=_tekstvak(5, maxlength=OMSCHRIJVING_MAX),
        help_text="Wat is er aan de hand? Zet hier geen namen of contactgegevens van bewoners in.",
    )
    categorie = forms.CharField(label="Categorie", required=False, widget=forms.Select)
    bron = forms.CharField(label="Bron", required=False, widget=forms.Select(choices=[("", "— kies —"), *Bron.choices]))
    aantal_bewoners = forms.CharField(
        label="Aantal bewoners dat dit aankaartte",
        required=False,
        initial=1,
        widget=forms.NumberInput(attrs={"min": 1, "max": 10000, "step": 1}),
    )
    datum_voorval = forms.CharField(
        label="Datum van het voorval", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    adres = forms.CharField(
        label="Adres of plek (tekst)", required=False, widget=forms.TextInput(attrs={"maxlength": 200})
    )
    lon = forms.CharField(
        label="Lengtegraad (lon)",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "bijv. 6,7930", "autocomplete": "off"}),
    )
    lat = forms.CharField(
        label="Breedtegraad (lat)",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "bijv. 52,2660", "autocomplete": "off"}),
    )
    wijk = forms.CharField(label="Of: de hele wijk", required=False, widget=forms.Select)
    melder_naam = forms.CharField(label="Naam melder", required=False, widget=forms.TextInput(attrs={"maxlength": 150}))
    melder_telefoon = forms.CharField(
        label="Telefoon melder", required=False, widget=forms.TextInput(attrs={"maxlength": 30, "inputmode": "tel"})
    )
    melder_email = forms.CharField(
        label="E-mail melder", required=False, widget=forms.EmailInput(attrs={"maxlength": 254})
    )
    melder_toestemming = forms.BooleanField(
        label="De melder wil de uitkomst per e-mail horen",
        required=False,
        help_text="Alleen met toestemming van de melder. Bij afsluiten krijgt de melder dan uw uitleg en de vraag "
        "of het is opgelost.",
    )
    # Step 2 (only when similar open signals were found): new problem, or duplicate of one of them.
    duplicaat_van = forms.CharField(required=False, widget=forms.HiddenInput)
    keuze = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categorieen=(), wijken=(), **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [("", "— kies —")]
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

    def service_velden(self) -> dict:
        d = self.cleaned_data
        return {
            "omschrijving": d["omschrijving"],
            "categorie_id": d["categorie"],
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
            "duplicaat_van_id": d["duplicaat_van"] or None,
            "melder_toestemming": d["melder_toestemming"],
        }

    def add_error(self, field, error):
        # The service reports location problems under 'locatie': show them at the top of the form.
        if field == "locatie":
            field = None
        super().add_error(field, error)


class StatusFormulier(forms.Form):
    naar = forms.CharField(label="Nieuwe status", required=False, widget=forms.Select)
    notitie = forms.CharField(
        label="Notitie",
        required=False,
        widget=_tekstvak(3, maxlength=NOTITIE_MAX),
        help_text="Intern. Verplicht bij heropenen; bij afhandelen en annuleren mag hij leeg blijven: dan is de "
        "uitleg voor de melder de notitie.",
    )
    uitleg = forms.CharField(
        label="Uitleg voor de melder",
        required=False,
        widget=_tekstvak(5, maxlength=3000),
        help_text="Verplicht bij afhandelen en annuleren: wat is er gedaan? Begint met de standaardtekst van de "
        "categorie; pas die aan voor deze melding. Wil de melder het horen, dan krijgt hij of zij deze tekst per "
        "e-mail.",
    )
    versie = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].widget.choices = [(s, Status(s).label) for s in keuzes]


class EscalerenFormulier(forms.Form):
    partners = forms.MultipleChoiceField(
        label="Partners", required=False, choices=(), widget=forms.CheckboxSelectMultiple
    )
    gevraagde_actie = forms.CharField(label="Gevraagde actie", required=False, widget=_tekstvak(3, maxlength=1000))
    werkdagen = forms.CharField(
        label="Termijn (werkdagen)",
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": 250, "step": 1}),
        help_text="Werkdagen: zonder weekend en feestdagen.",
    )
    versie = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(str(p.id), p.naam) for p in partners]


class DuplicaatFormulier(forms.Form):
    hoofd = forms.CharField(
        label="Duplicaat van signaalnummer", required=False, widget=forms.NumberInput(attrs={"min": 1, "step": 1})
    )
    notitie = forms.CharField(label="Notitie", required=False, widget=_tekstvak(2, maxlength=NOTITIE_MAX))
    versie = forms.CharField(required=False, widget=forms.HiddenInput)


class EscalatieFormulier(forms.Form):
    status = forms.CharField(label="Status", required=False, widget=forms.Select)
    referentie = forms.CharField(
        label="Referentie partner", required=False, widget=forms.TextInput(attrs={"maxlength": 100})
    )
    notitie = forms.CharField(label="Notitie", required=False, widget=_tekstvak(2, maxlength=NOTITIE_MAX))
    versie = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, escalatie, keuzes=(), **kwargs):
        kwargs.setdefault("prefix", f"esc{escalatie.pk}")
        super().__init__(*args, **kwargs)
        self.escalatie = escalatie
        self.fields["status"].widget.choices = [("", f"{escalatie.get_status_display()} (ongewijzigd)")] + [
            (s, EscalatieStatus(s).label) for s in keuzes
        ]
