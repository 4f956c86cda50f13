"""Input of the residents' voice pages (issue 13); the services validate the rules."""

from django import forms

from signalen.models import Categorie
from wijken import codes
from wijken.models import Gebied

from .forms import Datum
from .models import Participatieniveau


class KoppelForm(forms.Form):
    signaal = forms.IntegerField(
        label="Signaalnummer", required=False, min_value=1, help_text="Eén signaal, of laat leeg en kies een cluster."
    )
    categorie = forms.ModelChoiceField(
        label="Of een cluster: categorie", required=False, queryset=Categorie.objects.none(), empty_label="— geen —"
    )
    buurt = forms.ModelChoiceField(
        label="in buurt", required=False, queryset=Gebied.objects.none(), empty_label="— de hele wijk —"
    )
    vanaf = forms.DateField(label="met een voorval vanaf", required=False, widget=Datum())

    def __init__(self, *args, wijk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = Categorie.objects.filter(hoofdcategorie__isnull=True).order_by(
            "volgorde", "naam"
        )
        self.fields["buurt"].queryset = Gebied.objects.filter(ouder=wijk, niveau=codes.BUURT).order_by("code")


class PublicatieForm(forms.Form):
    gepubliceerd = forms.BooleanField(label="Openbaar tonen in 'Jij zei, wij deden'", required=False)
    samenvatting = forms.CharField(
        label="Voor bewoners: wat is er gedaan",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Openbaar. Geen namen en geen teksten uit meldingen.",
    )


class BesluitForm(forms.Form):
    op_agenda = forms.ChoiceField(
        label="Op de wijkagenda?",
        required=False,
        choices=[("ja", "Ja, we nemen het op de agenda"), ("nee", "Nee, niet op de agenda")],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label="Reden (openbaar)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def keuze(self) -> bool | None:
        return {"ja": True, "nee": False}.get(self.cleaned_data.get("op_agenda") or "")


class SteunForm(forms.Form):
    email = forms.CharField(
        label="Uw e-mailadres",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Alleen om uw steun te bevestigen; we tonen het nergens en tellen elk adres één keer.",
    )
    onderwerp = forms.CharField(widget=forms.HiddenInput, max_length=40)


class RondeForm(forms.Form):
    niveau = forms.ChoiceField(
        label="Participatieniveau",
        required=False,
        choices=[("", "— kies —"), *Participatieniveau.choices],
        help_text="Hoeveel invloed hebben deelnemers? (Denkkader Participatie)",
    )
    terugkoppeldatum = forms.DateField(
        label="Terugkoppeling uiterlijk op",
        required=False,
        widget=Datum(),
        help_text="Op deze datum horen deelnemers wat we met hun reacties doen.",
    )


class AfrondForm(forms.Form):
    wat_doen_we_ermee = forms.CharField(
        label="Wat doen we ermee (openbaar)", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
