"""Query parameters of the API: checked for form here (serializers, which also document them in the
OpenAPI schema), then resolved against the database in `los_*` with the caller's access, so an
unknown or invisible code is a 400 that names it. Nothing reaches a query unchecked.
"""

import re

from django.db.models import Q
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from wijken.models import Gebied, Niveau

from ..models import PERIODE_REGEX, Dataset, Domein, Indicator

INDICATOR_PATROON = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$"
GEBIED_PATROON = r"^[A-Za-z]{2}[0-9]{2,8}$"  # NL01, GM0164, WK016403, BU01640300
SLUG_PATROON = r"^[a-z0-9][a-z0-9_\-]{0,59}$"
MAX_CODES = 200
MAX_LIJST_TEKENS = 5000
# The API's area levels are those that hold data (stadsdeel/subbuurt are not in use).
NIVEAUS = [Niveau.LAND, Niveau.GEMEENTE, Niveau.WIJK, Niveau.BUURT]


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
        super().__init__(
            child=CodeVeld(patroon, soort), allow_empty=False, required=False, **kwargs
        )

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


def _niveau_veld():
    return serializers.ChoiceField(
        choices=[(n.value, n.label) for n in NIVEAUS],
        required=False,
        help_text="Alleen gebieden van dit niveau.",
        error_messages={"invalid_choice": "onbekend niveau '{input}' (kies uit land, gemeente, wijk, buurt)."},
    )


def _ouder_veld():
    return CodeVeld(
        GEBIED_PATROON,
        "gebiedscode",
        required=False,
        help_text="Alleen gebieden die in dit gebied liggen (direct of een niveau dieper): "
        "`ouder=GM0164&niveau=buurt` geeft alle buurten van Hengelo.",
    )


class GeenParameters(serializers.Serializer):
    """An endpoint without query parameters (besides `format`)."""


class GebiedParameters(serializers.Serializer):
    niveau = _niveau_veld()
    ouder = _ouder_veld()
    code = CodeLijst(GEBIED_PATROON, "gebiedscode", help_text="Eén of meer gebiedscodes, gescheiden door komma's.")
    geometrie = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Ook de grens (GeoJSON, WGS84) meeleveren; standaard niet. In deze lijst is dat de kaartvorm: "
        "vereenvoudigd per niveau (buurt ca. 10 m, wijk 20 m, gemeente 300 m) en afgerond op 5 decimalen "
        "(gemeente 3). De volledige grens levert /api/v1/gebieden/{code}/?geometrie=true.",
    )
    jaar = serializers.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        help_text="Met `geometrie`: de grens van de indeling die in dit jaar gold (standaard de nieuwste).",
    )


class GebiedDetailParameters(serializers.Serializer):
    geometrie = serializers.BooleanField(
        required=False, default=False, help_text="Ook de grens (GeoJSON, WGS84) meeleveren; standaard niet."
    )
    jaar = serializers.IntegerField(required=False, min_value=1900, max_value=2100, help_text="Jaar van de indeling.")


class IndicatorParameters(serializers.Serializer):
    domein = CodeVeld(SLUG_PATROON, "domeincode", required=False, help_text="Alleen indicatoren van dit domein.")
    dataset = CodeVeld(SLUG_PATROON, "datasetcode", required=False, help_text="Alleen indicatoren uit deze dataset.")


class WaardeParameters(serializers.Serializer):
    indicator = CodeLijst(
        INDICATOR_PATROON, "indicatorcode", help_text="Eén of meer indicatorcodes, gescheiden door komma's."
    )
    gebied = CodeLijst(GEBIED_PATROON, "gebiedscode", help_text="Eén of meer gebiedscodes, gescheiden door komma's.")
    niveau = _niveau_veld()
    ouder = _ouder_veld()
    periode = CodeLijst(
        PERIODE_REGEX, "periode (2024, 2024-03 of 2024-Q1)", help_text="Eén of meer perioden, gescheiden door komma's."
    )
    periode_van = CodeVeld(
        PERIODE_REGEX, "periode (2024, 2024-03 of 2024-Q1)", required=False, help_text="Vanaf deze periode."
    )
    periode_tot = CodeVeld(
        PERIODE_REGEX,
        "periode (2024, 2024-03 of 2024-Q1)",
        required=False,
        help_text="Tot en met deze periode (`2022` omvat ook 2022-05 en 2022-Q3). Ligt hij voor periode_van, "
        "dan is het antwoord leeg.",
    )



# Parameters every list accepts besides its own filters.
ALGEMEEN = {"limit", "offset", "format"}
WAARDEN_ALGEMEEN = {"limit", "na", "format"}


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


# --- resolving codes with the caller's access (one query per given filter) -----------------------


def _onbekend(veld: str, soort: str, codes) -> ValidationError:
    lijst = ", ".join(f"'{c}'" for c in sorted(codes))
    return ValidationError({veld: [f"onbekende {soort}: {lijst}."]})


def los_gebieden(codes: list[str], veld: str = "gebied") -> dict[str, int]:
    gezocht = [c.upper() for c in codes]
    gevonden = dict(Gebied.objects.filter(code__in=gezocht).values_list("code", "id"))
    if ontbrekend := set(gezocht) - set(gevonden):
        raise _onbekend(veld, "gebiedscode(s)", ontbrekend)
    return gevonden


def los_gebied(code: str, veld: str = "ouder") -> int:
    return los_gebieden([code], veld)[code.upper()]


def zichtbare_indicatoren(toegang, codes: list[str] | None = None) -> dict[int, tuple]:
    """id -> (code, eenheid, decimalen, onthullingsdrempel) of the indicators this caller may read,
    only those named in `codes` when given (1 query). A named indicator the caller may not see is
    reported as unknown: its existence is not revealed."""
    qs = Indicator.objects.zichtbaar_voor(toegang)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    gevonden = {r[0]: r[1:] for r in qs.values_list("id", "code", "eenheid", "decimalen", "onthullingsdrempel")}
    if codes is not None and (ontbrekend := set(codes) - {m[0] for m in gevonden.values()}):
        raise _onbekend("indicator", "indicator(en)", ontbrekend)
    return gevonden


def controleer_domein(code: str) -> None:
    if not Domein.objects.filter(code=code).exists():
        raise _onbekend("domein", "domein", [code])


def controleer_dataset(code: str, toegang) -> None:
    if not Dataset.objects.zichtbaar_voor(toegang).filter(code=code).exists():
        raise _onbekend("dataset", "dataset", [code])


def binnen(ouder_id: int, *, prefix: str = "") -> Q:
    """Areas directly or one level deeper inside `ouder_id` (a buurt lies in its wijk and its gemeente)."""
    return Q(**{f"{prefix}ouder_id": ouder_id}) | Q(**{f"{prefix}ouder__ouder_id": ouder_id})
