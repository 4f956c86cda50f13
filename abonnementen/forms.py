"""The input of the subscription pages; the services validate again and write."""

from django import forms

from signalen.models import Categorie
from wijken.models import Gebied, Niveau

from .models import Ritme, Soort


class GebiedKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.weergavenaam if obj.niveau == Niveau.WIJK else f"— {obj.weergavenaam} (buurt)"


class AbonnementForm(forms.Form):
    soorten = forms.MultipleChoiceField(
        label="Waarover", widget=forms.CheckboxSelectMultiple, error_messages={"required": "Kies minstens één soort."}
    )
    ritme = forms.ChoiceField(
        label="Hoe vaak",
        choices=Ritme.choices,
        initial=Ritme.DAGELIJKS,
        widget=forms.RadioSelect,
        help_text="Herinneringen en de lijst van te late escalaties komen elke ochtend, los van deze keuze.",
    )
    gebieden = GebiedKeuze(
        label="Wijken en buurten",
        queryset=Gebied.objects.none(),
        required=False,
        help_text="Leeg: alles wat u mag zien. Een wijk omvat haar buurten.",
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    categorieen = forms.ModelMultipleChoiceField(
        label="Categorieën van signalen",
        queryset=Categorie.objects.none(),
        required=False,
        help_text="Leeg: alle categorieën.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, soorten: list[str], gemeente_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes, gebieden, categorieen = self.fields["soorten"], self.fields["gebieden"], self.fields["categorieen"]
        assert isinstance(keuzes, forms.MultipleChoiceField)  # the fields declared above
        assert isinstance(gebieden, forms.ModelMultipleChoiceField)
        assert isinstance(categorieen, forms.ModelMultipleChoiceField)
        keuzes.choices = [(s, Soort(s).label) for s in soorten]
        gebieden.queryset = (
            Gebied.objects.filter(niveau__in=[Niveau.WIJK, Niveau.BUURT])
            .filter(models_q(gemeente_code))
            .order_by("code")
        )
        categorieen.queryset = Categorie.objects.filter(hoofdcategorie__isnull=True).order_by("volgorde", "naam")


def models_q(gemeente_code: str):
    from django.db.models import Q

    return Q(ouder__code=gemeente_code) | Q(ouder__ouder__code=gemeente_code)


class VolgenForm(forms.Form):
    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        help_text="U krijgt eerst een e-mail om uw adres te bevestigen. Wij gebruiken het alleen hiervoor.",
        error_messages={"invalid": "Vul een geldig e-mailadres in.", "required": "Vul uw e-mailadres in."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
