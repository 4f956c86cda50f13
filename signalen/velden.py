"""The form fields of signalen's inputs: each reads what a browser sends (text) and what JSON sends (numbers,
null, lists), and says in Dutch what is wrong, naming the field as the page does."""

import math
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError

from .models import Bron, Categorie, Signaal


def _geheel(waarde) -> int | None:
    """A whole number from JSON (int, not bool) or a form (digits); None when it is not one."""
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, str) and waarde.strip().isdigit():
        return int(waarde.strip())
    return None


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


class Tekst(forms.CharField):
    """Free text: stripped, with the label in its messages (required, too long, not text at all)."""

    def __init__(self, *, label: str, max_length: int, required: bool = False, naam: str | None = None, **kwargs):
        # Not CharField's max_length: its validator would add a second message.
        self.maximum = max_length
        self.naam = naam or label  # how the messages call it (the page's label may say more)
        super().__init__(label=label, required=required, strip=True, **kwargs)

    def to_python(self, value):
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValidationError(f"{self.naam} moet tekst zijn.", code="invalid")
        return value.strip()

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(f"{self.naam} is verplicht.", code="required")
        if len(value) > self.maximum:
            raise ValidationError(
                f"{self.naam} is te lang: {len(value)} tekens, maximaal {self.maximum}. Vat het samen.",
                code="max_length",
            )

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.maximum)}


class Coordinaat(forms.Field):
    """A coordinate in decimal degrees: absent, a JSON number or text with a comma or point."""

    def __init__(self, *, voorbeeld: str, **kwargs):
        super().__init__(required=False, **kwargs)
        self.voorbeeld = voorbeeld

    def to_python(self, value) -> float | None:
        if _leeg(value):
            return None
        if isinstance(value, bool):
            raise ValidationError(f"{self.label} moet een getal zijn, bijv. {self.voorbeeld}.", code="invalid")
        if isinstance(value, int | float):
            getal = float(value)
        else:
            try:
                getal = float(str(value).strip().replace(",", "."))
            except ValueError:
                raise ValidationError(
                    f"{self.label} moet een getal zijn (decimale graden WGS84), bijv. {self.voorbeeld}; "
                    f"'{str(value)[:40]}' is dat niet.",
                    code="invalid",
                ) from None
        if not math.isfinite(getal):
            raise ValidationError(f"{self.label} moet een eindig getal zijn.", code="invalid")
        return getal


class Datum(forms.Field):
    """A date: a date object or ISO text (JJJJ-MM-DD, what <input type=date> sends)."""

    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

    def to_python(self, value) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str) and value.strip():
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                raise ValidationError(
                    f"{self.label} is geen datum; gebruik JJJJ-MM-DD, bijv. 2026-03-14.", code="invalid"
                ) from None
        return None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(f"{self.label} is verplicht.", code="required")


class Geheel(forms.Field):
    """A whole number (JSON int or digits); `melding` when it is not one, None when left empty."""

    def __init__(self, *, melding: str, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.melding = melding

    def to_python(self, value) -> int | None:
        if _leeg(value):
            return None
        getal = _geheel(value)
        if getal is None:
            raise ValidationError(self.melding.format(waarde=str(value)[:40]), code="invalid")
        return getal

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.melding.format(waarde=""), code="required")


class Versie(Geheel):
    """The hidden version a change is based on (optimistic locking); its error belongs to the whole form."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(melding="Het formulier mist een geldige versie; laad de pagina opnieuw.", **kwargs)


class Keuze(forms.CharField):
    """A code chosen from a list that the service judges (a status: allowed or not depends on the current one)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.Select, **kwargs)

    def to_python(self, value):
        return value.strip() if isinstance(value, str) else ""


class BronVeld(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.Select(choices=[("", "— kies —"), *Bron.choices]), **kwargs)

    def to_python(self, value):
        return value if isinstance(value, str) else ("" if value is None else str(value))

    def validate(self, value):
        if value not in Bron.values:
            raise ValidationError(
                f"Onbekende bron '{value[:40]}': kies uit {', '.join(b.label.lower() for b in Bron)}.",
                code="invalid_choice",
            )


class CategorieVeld(forms.Field):
    """An active category, by id (the page's select) or by code (the API's key); 1 query."""

    widget = forms.Select

    def __init__(self, *, sleutel: str = "pk", **kwargs):
        super().__init__(required=False, **kwargs)
        self.sleutel = sleutel

    def to_python(self, value) -> Categorie | None:
        if _leeg(value):
            return None
        qs = Categorie.objects.select_related("hoofdcategorie").filter(actief=True)
        if self.sleutel == "code":
            categorie = qs.filter(code=value).first() if isinstance(value, str) else None
        else:
            pk = _geheel(value)
            categorie = qs.filter(pk=pk).first() if pk is not None else None
        if categorie is None:
            raise ValidationError(
                f"Onbekende categorie '{str(value)[:40]}': kies een categorie uit de lijst.", code="invalid_choice"
            )
        return categorie

    def validate(self, value):
        if value is None:
            raise ValidationError("Kies een categorie.", code="required")


class WijkVeld(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.Select, **kwargs)

    def to_python(self, value) -> str:
        return value.strip().upper() if isinstance(value, str) else ""


class SignaalVeld(forms.Field):
    """Another signal, by number (1 query)."""

    def to_python(self, value) -> Signaal | None:
        if _leeg(value):
            return None
        pk = _geheel(value)
        signaal = Signaal.objects.filter(pk=pk).first() if pk is not None else None
        if signaal is None:
            raise ValidationError(f"Er is geen signaal met nummer {str(value)[:40]}.", code="invalid")
        return signaal


class PartnersVeld(forms.MultipleChoiceField):
    """Organisations by number; the service checks that they exist and take signals."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value) -> list[int]:  # type: ignore[override]  # ids, not the choices' text
        if _leeg(value):
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        ids, fouten = [], []
        for waarde in value:
            pk = _geheel(waarde)
            if pk is None:
                fouten.append(ValidationError(f"'{str(waarde)[:40]}' is geen organisatie.", code="invalid"))
            elif pk not in ids:
                ids.append(pk)
        if fouten:
            raise ValidationError(fouten)
        return ids

    def validate(self, value):
        if not value:
            raise ValidationError("Kies minstens één partner.", code="required")
