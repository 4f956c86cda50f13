"""The query parameters of the dashboards, parsed and validated in one place per page.

A view binds its form to `request.GET` and asks `cleaned_or_404()`: a parameter that cannot be read is a
404 with the message of the first bad field (in field order), as the pages have always answered; what
`cleaned_data` holds is what the selectors and builders get. Empty parameters (`?jaar=`) are refused before,
with a 400 (`parameters.lege_parameters_antwoord`).
"""

import re

from django import forms
from django.http import Http404

from lib.perioden import OngeldigePeriode, normaliseer_periode
from wijken import codes

from .vergelijking import lees_codes

JAAR = re.compile(r"^[0-9]{4}$")  # ASCII digits only: full-width digits are no year
NIVEAUS = {codes.WIJK: ("wijk", "wijken"), codes.BUURT: ("buurt", "buurten")}


class DashboardForm(forms.Form):
    def cleaned_or_404(self) -> dict:
        if not self.is_valid():
            raise Http404(next(iter(self.errors.values()))[0])
        return self.cleaned_data


class JaarVeld(forms.CharField):
    """A year as four digits, or None when not given."""

    def clean(self, value):
        waarde = super().clean(value)
        if not waarde:
            return None
        if not JAAR.match(waarde):
            raise forms.ValidationError(
                f"'{waarde}' is geen jaar: gebruik vier cijfers, bijvoorbeeld {self.label}=2024."
            )
        return waarde


class ProfielForm(forms.Form):
    """`?kaart=<indicator code>`: the indicator the locator map colours by. An unknown or unusable code is no
    error: the map falls back to its default (the link may be old, the indicator gone)."""

    kaart = forms.CharField(required=False)

    def kaart_code(self) -> str:
        return self.cleaned_data.get("kaart", "") if self.is_valid() else ""


class CombineerForm(DashboardForm):
    """/combineer/: `niveau` (wijk, the default, or buurt), `jaar`, indicator codes `x` and `y` among those
    the visitor may see (`indicatoren`: code -> Indicator), and `formulier=1` when sent by the page's form."""

    niveau = forms.CharField(required=False)
    jaar = JaarVeld(required=False, label="jaar")
    x = forms.CharField(required=False)
    y = forms.CharField(required=False)
    formulier = forms.CharField(required=False, strip=False)

    def __init__(self, data, *, indicatoren: dict):
        super().__init__(data)
        self.indicatoren = indicatoren

    def clean_niveau(self) -> str:
        niveau = (self.cleaned_data["niveau"] or codes.WIJK).lower()
        if niveau not in NIVEAUS:
            raise forms.ValidationError(f"Onbekend niveau '{niveau}': kies niveau=wijk of niveau=buurt.")
        return niveau

    def _indicator(self, as_: str):
        code = self.cleaned_data[as_]
        if code and code not in self.indicatoren:
            raise forms.ValidationError(f"Er is geen indicator met code '{code}' (gevraagd als {as_}).")
        return self.indicatoren.get(code) if code else None

    def clean_x(self):
        return self._indicator("x")

    def clean_y(self):
        return self._indicator("y")

    def clean_formulier(self) -> bool:
        return self.cleaned_data["formulier"] == "1"


class IndexForm(DashboardForm):
    """/gebied/<code>/index/: the base year (`basisjaar`, the gemeente = 100) and the area's year (`jaar`)."""

    basisjaar = JaarVeld(required=False, label="basisjaar")
    jaar = JaarVeld(required=False, label="jaar")


class CodesVeld(forms.Field):
    """Codes from one or more comma (or space) separated parameters (`?gebieden=A,B&gebieden=C`), duplicates
    removed, order kept (`vergelijking.lees_codes`); area codes upper-cased, indicator codes as given."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, hoofdletters: bool = True, **kwargs):
        super().__init__(required=False, **kwargs)
        self.hoofdletters = hoofdletters

    def clean(self, value) -> list[str]:
        return lees_codes(*(value or []), hoofdletters=self.hoofdletters)


class VergelijkForm(DashboardForm):
    """/vergelijk/: the areas (`gebieden`), areas to add (`toevoegen`), a choice of indicators and a period.

    The period is checked when it is asked for (`periode_of_404`): its message comes after those about the
    areas and indicators, which need the database."""

    gebieden = CodesVeld()
    toevoegen = CodesVeld()
    indicatoren = CodesVeld(hoofdletters=False)
    periode = forms.CharField(required=False, strip=False)

    def periode_of_404(self) -> str | None:
        tekst = self.cleaned_data["periode"]
        if not tekst:
            return None
        try:
            return normaliseer_periode(tekst)
        except OngeldigePeriode as exc:
            raise Http404(str(exc)) from exc


class VergelijkbaarForm(DashboardForm):
    """/gebied/<code>/vergelijkbaar/: a choice of relative indicators (default: the area's kernset)."""

    indicatoren = CodesVeld(hoofdletters=False)
