"""Response shapes of the API. They document the OpenAPI schema; the contract tests check that every
response matches it. Values are built by `waarde_rij` (plain tuples in, plain dicts out: the waarden
list is the hot path), always through `weergave.beslis` (the decision inside `weergave.toon`), so
disclosure control is the pages' own.
"""

from typing import NamedTuple

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lib.importrapport import MAX_GEMELD
from wijken.models import Gebied

from ..models import Polariteit, Soort, Status, Zichtbaarheid
from ..weergave import beslis
from .filters import NIVEAUS


@extend_schema_field(OpenApiTypes.OBJECT)
class GeoJsonVeld(serializers.JSONField):
    pass


class GebiedSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code, bijv. GM0164, WK016403, BU01640300")
    naam = serializers.CharField(allow_null=True, help_text="Naam in de nieuwste indeling (leeg: onbekend)")
    niveau = serializers.ChoiceField(choices=[n.value for n in NIVEAUS])
    ouder = serializers.CharField(allow_null=True, help_text="Code van het gebied één niveau hoger")
    indeling = serializers.IntegerField(
        required=False, allow_null=True, help_text="Alleen met ?geometrie=true: jaar van de indeling van de grens"
    )
    geometrie = GeoJsonVeld(
        required=False, allow_null=True, help_text="Alleen met ?geometrie=true: GeoJSON-geometrie in WGS84"
    )


def gebied_rij(gebied: Gebied, versie: dict | None = None, *, met_geometrie: bool = False) -> dict:
    rij = {
        "code": gebied.code,
        "naam": gebied.naam or None,
        "niveau": gebied.niveau,
        "ouder": gebied.ouder.code if gebied.ouder is not None else None,
    }
    if met_geometrie:
        rij["indeling"] = versie["jaar"] if versie else None
        rij["geometrie"] = versie["geometrie"] if versie else None
    return rij


class DomeinSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class DatasetSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    zichtbaarheid = serializers.ChoiceField(choices=Zichtbaarheid.values)
    eigenaar = serializers.CharField(help_text="Code van de organisatie die de dataset levert")
    licentie = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    domein = DomeinSerializer()
    dataset = DatasetSerializer()
    eenheid = serializers.CharField()
    decimalen = serializers.IntegerField()
    definitie = serializers.CharField()
    bron = serializers.CharField()
    polariteit = serializers.ChoiceField(choices=Polariteit.values)
    onthullingsdrempel = serializers.FloatField(
        allow_null=True, help_text="Waarden kleiner dan deze drempel worden niet geleverd (waarde null)"
    )
    absoluut = serializers.BooleanField(help_text="Een aantal dat met de omvang van het gebied groeit")
    soort = serializers.ChoiceField(choices=Soort.values)
    formule = serializers.CharField(help_text="Alleen bij afgeleide indicatoren")


def indicator_rij(i) -> dict:
    """An Indicator with domein, dataset and dataset.eigenaar loaded (select_related)."""
    return {
        "code": i.code,
        "naam": i.naam,
        "domein": {"code": i.domein.code, "naam": i.domein.naam},
        "dataset": {
            "code": i.dataset.code,
            "naam": i.dataset.naam,
            "zichtbaarheid": i.dataset.zichtbaarheid,
            "eigenaar": i.dataset.eigenaar.code,
            "licentie": i.dataset.licentie,
        },
        "eenheid": i.eenheid,
        "decimalen": i.decimalen,
        "definitie": i.definitie,
        "bron": i.bron,
        "polariteit": i.polariteit,
        "onthullingsdrempel": i.onthullingsdrempel,
        "absoluut": i.absoluut,
        "soort": i.soort,
        "formule": i.formule,
    }


class WaardeSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    gebied = serializers.CharField()
    periode = serializers.CharField(help_text="2024, 2024-03 of 2024-Q1")
    waarde = serializers.FloatField(
        allow_null=True,
        help_text="Het getal, of null als het niet geleverd mag worden of er geen is: zie status en reden. "
        "Nooit 0 in plaats van 'geen getal'.",
    )
    status = serializers.ChoiceField(choices=Status.values)
    reden = serializers.CharField(help_text="Waarom er geen getal is (leeg als er een getal is)")
    eenheid = serializers.CharField()
    bron = serializers.CharField()


# The columns of a waarden page. The first three are the page key (SleutelPaginering: the unique
# index's columns); the indicator's own fields come from `IndicatorMeta`, read once per request.
WAARDE_KOLOMMEN = ("indicator_id", "gebied_id", "periode", "gebied__code", "waarde", "status", "toelichting", "bron")
CSV_KOLOMMEN = ("indicator", "gebied", "periode", "waarde", "status", "reden", "eenheid", "bron")


class IndicatorMeta(NamedTuple):
    code: str
    eenheid: str
    decimalen: int
    drempel: float | None


def waarde_rij(rij: tuple, meta: IndicatorMeta) -> dict:
    """One value as the API delivers it; disclosure control by `weergave.beslis`, the decision behind the
    pages' `toon` (the API delivers the number, not its Dutch text)."""
    _, _, periode, gebied, waarde, status, toelichting, bron = rij
    waarde, status, reden = beslis(waarde, status, meta.drempel, toelichting)
    return {
        "indicator": meta.code,
        "gebied": gebied,
        "periode": periode,
        "waarde": waarde,
        "status": status,
        "reden": reden,
        "eenheid": meta.eenheid,
        "bron": bron,
    }


class RegelFoutSerializer(serializers.Serializer):
    regel = serializers.IntegerField(allow_null=True, help_text="Regel (CSV) of rij (XLSX); null: het hele bestand")
    melding = serializers.CharField()


class LeveringSerializer(serializers.Serializer):
    """The upload: a file in the long format."""

    bestand = serializers.FileField(
        help_text="CSV (UTF-8; ',' ';' of tab) of XLSX met de kolommen indicator, gebied, periode, waarde "
        "en optioneel status, bron, toelichting"
    )
    bron = serializers.CharField(
        required=False, max_length=300, help_text="Bron voor rijen zonder eigen bronkolom (standaard: uw organisatie)"
    )


class LeveringRapportSerializer(serializers.Serializer):
    bestand = serializers.CharField()
    gelezen = serializers.IntegerField()
    nieuw = serializers.IntegerField()
    gewijzigd = serializers.IntegerField()
    ongewijzigd = serializers.IntegerField()


class LeveringFoutSerializer(serializers.Serializer):
    detail = serializers.CharField()
    aantal_fouten = serializers.IntegerField(
        help_text=f"Alle fouten in het bestand; `fouten` noemt er hoogstens {MAX_GEMELD}"
    )
    fouten = RegelFoutSerializer(many=True)
