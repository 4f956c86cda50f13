"""Query parameter fields of the API and how a request's parameters are read.

Parameters are checked for form by serializers built from these fields (which also document them in the
OpenAPI schema); an unknown or empty parameter is a 400 that names it, never a silent "all".
"""

import re

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

GEBIED_PATROON = r"^[A-Za-z]{2}[0-9]{2,8}$"  # NL01, GM0164, WK016403, BU01640300
SLUG_PATROON = r"^[a-z0-9][a-z0-9_\-]{0,59}$"
MAX_CODES = 200
MAX_LIJST_TEKENS = 5000
# Parameters every list accepts besides its own filters.
ALGEMEEN = {"limit", "offset", "format"}
MAX_ID = 2**63 - 1  # the largest primary key (bigint)


def id_parameter(naam: str, beschrijving: str) -> OpenApiParameter:
    """A numeric id in the path, with its bounds in the schema."""
    return OpenApiParameter(
        naam, {"type": "integer", "minimum": 1, "maximum": MAX_ID}, OpenApiParameter.PATH, description=beschrijving
    )


def lees_id(tekst: str) -> int | None:
    """The id in a path, or None for anything that is no id (text, 0, beyond bigint): the caller answers 404."""
    pk = int(tekst) if tekst.isascii() and tekst.isdigit() and len(tekst) <= 19 else 0
    return pk if 0 < pk <= MAX_ID else None


class CodeVeld(serializers.RegexField):
    """A code with a clear message naming the value when it does not fit."""

    def __init__(self, patroon: str, soort: str, **kwargs):
        self.soort = soort
        self.patroon = re.compile(patroon)
        super().__init__(patroon, max_length=100, **kwargs)

    def to_internal_value(self, data):
        tekst = str(data).strip()
        if not self.patroon.fullmatch(tekst):
            raise ValidationError(f"'{data}' is geen geldige {self.soort}.")
        return tekst


class CodeLijst(serializers.ListField):
    """One or more codes, comma-separated (`?x=a,b`); repeating the parameter (`?x=a&x=b`) works too.

    Documented as one string with a pattern (see CodeLijstSchema), as clients mostly send it."""

    def __init__(self, patroon: str, soort: str, **kwargs):
        super().__init__(child=CodeVeld(patroon, soort), allow_empty=False, required=False, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        if sum(len(str(item)) for item in data) > MAX_LIJST_TEKENS:
            raise ValidationError(f"hoogstens {MAX_LIJST_TEKENS} tekens.")
        delen = [deel for item in data for deel in str(item).split(",") if deel.strip()]
        if not delen:
            raise ValidationError("geef ten minste één code.")
        if len(delen) > MAX_CODES:
            raise ValidationError(f"hoogstens {MAX_CODES} codes per verzoek, niet {len(delen)}.")
        try:
            return list(dict.fromkeys(super().to_internal_value(delen)))
        except ValidationError as exc:  # {"0": [...], "3": [...]} -> one flat list of messages
            detail = exc.detail
            meldingen = [str(m) for fouten in detail.values() for m in fouten] if isinstance(detail, dict) else detail
            raise ValidationError(meldingen) from exc


class CodeLijstSchema(OpenApiSerializerFieldExtension):
    target_class = CodeLijst

    def map_serializer_field(self, auto_schema, direction):
        kern = self.target.child.patroon.pattern.removeprefix("^").removesuffix("$")
        return {"type": "string", "pattern": f"^{kern}(,{kern})*$", "maxLength": MAX_LIJST_TEKENS}


class GeenParameters(serializers.Serializer):
    """An endpoint without query parameters (besides `format`)."""


def lege_parameters(query_params) -> list[str]:
    """The parameters given without a value (`?niveau=`, `?niveau=&niveau=`, `?niveau=%20`)."""
    return sorted(n for n in query_params if not any(str(v).strip() for v in query_params.getlist(n)))


LEEG = "is leeg: geef een waarde of laat de parameter weg."


def lees_parameters(request, serializer_class, *, extra=ALGEMEEN) -> dict:
    """The validated query parameters; unknown ones are refused (a typo must not silently mean 'all'),
    and so are empty ones (`?niveau=` is a mistake, not 'every level')."""
    serializer = serializer_class(data=request.query_params)
    onbekend = sorted(set(request.query_params) - set(serializer.fields) - set(extra))
    if onbekend:
        toegestaan = ", ".join(sorted(set(serializer.fields) | set(extra)))
        raise ValidationError(
            {"parameters": [f"onbekende parameter(s): {', '.join(onbekend)} (toegestaan: {toegestaan})."]}
        )
    if leeg := lege_parameters(request.query_params):
        raise ValidationError({naam: [f"'{naam}' {LEEG}"] for naam in leeg})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
