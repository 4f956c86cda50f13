"""The query parameters of the dashboards, parsed and validated in one place per page.

A view binds its form to `request.GET`; what the form's `cleaned_data` holds is what the selectors and
builders get. Messages are the ones the pages have always shown (tests pin them).
"""

from django import forms


class ProfielForm(forms.Form):
    """`?kaart=<indicator code>`: the indicator the locator map colours by. An unknown or unusable code is no
    error: the map falls back to its default (the link may be old, the indicator gone)."""

    kaart = forms.CharField(required=False)

    def kaart_code(self) -> str:
        return self.cleaned_data.get("kaart", "") if self.is_valid() else ""
