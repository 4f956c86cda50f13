"""Query parameters of the figures API: checked for form here (serializers built from the fields of
`api.parameters`, which also document them in the OpenAPI schema), then resolved against the database
in `los_*` with the caller's access, so an unknown or invisible code is a 400 that names it. Nothing
reaches a query unchecked.
"""

from django.db.models import Q
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from api.parameters import GEBIED_PATROON, SLUG_PATROON, CodeLijst, CodeVeld
from wijken.models import Gebied, Niveau

from ..models import PERIODE_REGEX, Dataset, Domein, Indicator

INDICATOR_PATROON = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$"
# The API's area levels are those that hold data (stadsdeel/subbuurt are not in use).
NIVEAUS = [Niveau.LAND, Niveau.GEMEENTE, Niveau.WIJK, Niveau.BUURT]


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


# Parameters the waarden list accepts besides its own filters (keyset pagination: `na`, no offset).
WAARDEN_ALGEMEEN = {"limit", "na", "format"}


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
