"""Control characters are refused at the edge: a NUL in a URL, a query, a form field or a JSON body
would otherwise reach PostgreSQL (which cannot store it in text) and end as an unhandled 500.

One rule for the whole portal, used by `wijkportaal.middleware.ControletekensMiddleware` (path,
query string, form fields), by the API's parsers (JSON and multipart bodies), and by the file
readers of indicatoren (an uploaded CSV).
"""

import re

from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

# C0 control characters and DEL. Tab, line feed and carriage return are ordinary in multi-line text
# (a form's textarea, a CSV), but never belong in a URL or a query.
_IN_TEKST = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_IN_ADRES = re.compile(r"[\x00-\x1f\x7f]")

MELDING = "Het verzoek bevat een ongeldig stuurteken (bijv. een NUL-teken); haal het weg en probeer het opnieuw."


def eerste_stuurteken(tekst: str, *, adres: bool = False) -> int | None:
    """The position of the first refused control character in `tekst`, or None."""
    gevonden = (_IN_ADRES if adres else _IN_TEKST).search(tekst)
    return gevonden.start() if gevonden else None


def teken_naam(teken: str) -> str:
    return f"U+{ord(teken):04X}"


def bevat_stuurteken(waarde, *, adres: bool = False) -> bool:
    """True when any string in a (nested) JSON-like value, keys included, holds a refused character."""
    if isinstance(waarde, str):
        return eerste_stuurteken(waarde, adres=adres) is not None
    if isinstance(waarde, dict):
        return any(bevat_stuurteken(k, adres=adres) or bevat_stuurteken(v, adres=adres) for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return any(bevat_stuurteken(v, adres=adres) for v in waarde)
    return False


def querydict_bevat_stuurteken(qd, *, adres: bool = False) -> bool:
    return any(
        bevat_stuurteken(sleutel, adres=adres) or any(bevat_stuurteken(w, adres=adres) for w in waarden)
        for sleutel, waarden in qd.lists()
    )


class StrikteJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if bevat_stuurteken(data):
            raise ParseError(MELDING)
        return data


class StrikteFormParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if querydict_bevat_stuurteken(data):
            raise ParseError(MELDING)
        return data


class StrikteMultiPartParser(MultiPartParser):
    """The form fields of a multipart body (an uploaded file's content is checked by its reader)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data_en_bestanden = super().parse(stream, media_type, parser_context)
        if querydict_bevat_stuurteken(data_en_bestanden.data) or any(
            bevat_stuurteken(f.name or "", adres=True) for f in data_en_bestanden.files.values()
        ):
            raise ParseError(MELDING)
        return data_en_bestanden


# The same rule in the OpenAPI schema, so clients (and schemathesis) know that these characters are refused:
# a JSON-schema pattern per free string. OpenAPI 3.0 has no pattern for field names (propertyNames), so a
# request body's contract is its declared fields (additionalProperties false); unknown ones are ignored or
# refused by the view, and a control character in any name is refused at the edge.
PATROON_TEKST = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
PATROON_ADRES = r"^[^\x00-\x1f\x7f]*$"


def _vrije_tekst(schema: dict) -> bool:
    return schema.get("type") == "string" and not ({"pattern", "enum", "format"} & schema.keys())


def schema_geen_stuurtekens(result, generator, request, public):
    """drf-spectacular post-processing hook: every free string of a request body gets PATROON_TEKST, every
    free string query or path parameter PATROON_ADRES, and request bodies declare their fields only."""
    for naam, schema in result.get("components", {}).get("schemas", {}).items():
        if not naam.endswith("Request") or schema.get("type") != "object":
            continue
        for veld in schema.get("properties", {}).values():
            if _vrije_tekst(veld):
                veld["pattern"] = PATROON_TEKST
        schema["additionalProperties"] = False
    for pad in result.get("paths", {}).values():
        for operatie in pad.values():
            if not isinstance(operatie, dict):
                continue
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") in {"query", "path"} and _vrije_tekst(parameter.get("schema", {})):
                    parameter["schema"]["pattern"] = PATROON_ADRES
            # The edge answers any operation with 400 when its address holds a control character.
            operatie.setdefault("responses", {}).setdefault(
                "400",
                {
                    "description": "Ongeldig verzoek, bijv. een stuurteken (NUL) in het adres of de invoer.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
                },
            )
    return result
