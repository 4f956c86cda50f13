"""Each Open311 view as a `.json` and a `.xml` view, each with its own operation in the OpenAPI schema (the
answers and errors of the XML calls are documented as text/xml strings)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view

from api.parameters import SLUG_PATROON

from . import schema
from .views import (
    MAX_ID,
    TOKEN_PATROON,
    DiscoveryView,
    ServiceDefinitieView,
    ServicesView,
    VerzoekenParameters,
    VerzoekenView,
    VerzoekTokenView,
    VerzoekView,
)

OMSCHRIJVING = {
    400: "Ongeldige parameters; de fouten zeggen wat er mis is. Er is niets geschreven.",
    403: "api_key ontbreekt of is ongeldig, of geen toestemming.",
    404: "Niet gevonden (of een onbekende jurisdiction_id).",
    429: "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
}
MEDIA = {"json": "application/json", "xml": "text/xml"}
# The specification's error list (drf-spectacular wraps a list serializer in an array for 2xx answers only).
FOUTEN = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "code": {"type": "integer", "description": "De HTTP-statuscode"},
            "description": {"type": "string", "description": "Wat er mis is"},
        },
        "required": ["code", "description"],
    },
}
JURISDICTIE = OpenApiParameter(
    "jurisdiction_id",
    {"type": "string", "enum": [settings.OPEN311_JURISDICTIE]},
    OpenApiParameter.QUERY,
    required=False,
    description="Mag weg: deze server heeft één jurisdictie (een andere geeft 404).",
)


def _antwoorden(formaat: str, succes: int, ok, codes: tuple[int, ...]) -> dict:
    media = MEDIA[formaat]
    uit = {(succes, media): ok if formaat == "json" else OpenApiTypes.STR}
    for c in codes:
        fout = FOUTEN if formaat == "json" else OpenApiTypes.STR
        uit[(c, media)] = OpenApiResponse(fout, description=OMSCHRIJVING[c])
    return uit


def formaten(basis, naam: str, methoden: dict) -> dict[str, type]:
    """`basis` as a .json and a .xml view, each with its operation in the schema.

    methoden: method -> dict(summary, ok, succes=200, codes, parameters, request)."""
    uit = {}
    for formaat in ("json", "xml"):
        klasse = type(f"{basis.__name__}{formaat.capitalize()}", (basis,), {"formaat": formaat})
        schemas = {}
        for methode, m in methoden.items():
            schemas[methode] = extend_schema(
                tags=["open311"],
                operation_id=f"open311_{naam}_{methode}_{formaat}",
                summary=f"{m['summary']} ({formaat.upper()})",
                description=m.get("description", ""),
                parameters=[JURISDICTIE, *m.get("parameters", [])],
                request=m.get("request"),
                responses=_antwoorden(formaat, m.get("succes", 200), m["ok"], m.get("codes", (400, 403, 404, 429))),
            )
        uit[formaat] = extend_schema_view(**schemas)(klasse)
    return uit


def _pad(naam: str, beschrijving: str, *, soort=str, **schema_kwargs) -> OpenApiParameter:
    return OpenApiParameter(naam, soort, OpenApiParameter.PATH, description=beschrijving, **schema_kwargs)


DISCOVERY = formaten(
    DiscoveryView, "discovery", {"get": {"summary": "Service discovery", "ok": schema.DiscoverySerializer}}
)
SERVICES = formaten(
    ServicesView,
    "services",
    {
        "get": {
            "summary": "De services: de signaalcategorieën, met hun hoofdcategorie als group",
            "ok": schema.ServiceSerializer(many=True),
        }
    },
)
SERVICE = formaten(
    ServiceDefinitieView,
    "service_definition",
    {
        "get": {
            "summary": "De definitie (extra attributen) van één service",
            "ok": schema.ServiceDefinitieSerializer,
            "parameters": [
                _pad("service_code", "Code uit services", soort={"type": "string", "pattern": SLUG_PATROON})
            ],
        }
    },
)
VERZOEKEN = formaten(
    VerzoekenView,
    "requests",
    {
        "get": {
            "summary": "Verzoeken (signalen), nieuwste eerst: standaard de laatste 90 dagen, hoogstens 1.000",
            "description": "Zonder sleutel: categorie, plek (afgerond), status en tijden; de omschrijving en het "
            "adres alleen voor wie het signaal mag lezen. Nooit naam, e-mail of telefoon van een melder.",
            "ok": schema.VerzoekSerializer(many=True),
            "parameters": [VerzoekenParameters],
        },
        "post": {
            "summary": "Een verzoek indienen: wordt een signaal, ingedeeld in zijn buurt",
            "description": "Met de API-sleutel van een account dat signalen mag melden (een stadsdeelregisseur in "
            "zijn wijken, of een beheerder). Dezelfde controles als het formulier van het Wijkportaal.",
            "ok": schema.NieuwVerzoekSerializer(many=True),
            "succes": 201,
            "request": {"application/x-www-form-urlencoded": schema.VerzoekInvoerSerializer},
        },
    },
)
VERZOEK = formaten(
    VerzoekView,
    "request",
    {
        "get": {
            "summary": "Eén verzoek",
            "ok": schema.VerzoekSerializer(many=True),
            "parameters": [
                _pad(
                    "service_request_id",
                    "Het nummer van het verzoek",
                    soort={"type": "integer", "minimum": 1, "maximum": MAX_ID},
                )
            ],
        }
    },
)
TOKEN = formaten(
    VerzoekTokenView,
    "token",
    {
        "get": {
            "summary": "Het verzoeknummer bij een token (uit het antwoord op POST requests)",
            "ok": schema.Open311TokenSerializer(many=True),
            "parameters": [_pad("token", "Het token", soort={"type": "string", "pattern": TOKEN_PATROON})],
        }
    },
)
