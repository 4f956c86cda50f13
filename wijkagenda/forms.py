"""Input shape and validation of the agenda and network pages; the views then call the services."""

from django import forms

from indicatoren.models import Indicator
from signalen.models import Categorie
from toegang.models import Organisatie

from .models import Actie, ActieStatus, Bespreking, NetwerkContact, Opgave


class Datum(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _organisaties():
    return Organisatie.objects.exclude(soort=Organisatie.Soort.BRON).order_by("naam")


class OpgaveForm(forms.ModelForm):
    class Meta:
        model = Opgave
        fields = [
            "titel",
            "domein",
            "beschrijving",
            "indicatoren",
            "signaalcategorieen",
            "partners",
            "geopend_op",
            "status",
        ]
        widgets = {"geopend_op": Datum(), "beschrijving": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicatoren"].queryset = Indicator.objects.select_related("domein").exclude(
            domein__code="signalen"
        )
        self.fields["signaalcategorieen"].queryset = Categorie.objects.filter(hoofdcategorie__isnull=True)
        self.fields["partners"].queryset = _organisaties()


class ActieForm(forms.ModelForm):
    class Meta:
        model = Actie
        fields = ["omschrijving", "eigenaar", "startdatum", "streefdatum", "status", "toelichting"]
        widgets = {"startdatum": Datum(), "streefdatum": Datum(), "toelichting": forms.Textarea(attrs={"rows": 3})}
        labels = {"eigenaar": "Eigenaar (organisatie)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = _organisaties()


class VoortgangForm(forms.Form):
    """A partner's progress on its own action: the status and what was done."""

    status = forms.ChoiceField(choices=ActieStatus.choices)
    toelichting = forms.CharField(label="Wat is er gedaan?", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class BesprekingForm(forms.ModelForm):
    class Meta:
        model = Bespreking
        fields = ["datum", "besproken", "besluiten", "opgaven"]
        widgets = {
            "datum": Datum(),
            "besproken": forms.Textarea(attrs={"rows": 4}),
            "besluiten": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"besproken": "Wat is besproken", "besluiten": "Besluiten en afspraken"}

    def __init__(self, *args, wijk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opgaven"].queryset = Opgave.objects.filter(wijk=wijk)


class NetwerkContactForm(forms.ModelForm):
    class Meta:
        model = NetwerkContact
        fields = ["organisatie", "rol", "contactpersoon", "bereikbaar", "overlegritme", "overleg"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = _organisaties()
