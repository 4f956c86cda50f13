"""Shared helpers of the API tests. Their fixtures (`partnerdata`, fresh throttles) live in conftest.py.


Partner data for the access tests, on top of the real CBS data:
- welbions-intern (intern, owned by Welbions = partner A): WelbionsHuurachterstanden, threshold 10:
  WK016403/2024 = 42, WK016400/2024 = 3 (below the threshold: delivered as null, onder_drempel);
- politie-intern (intern, owned by Politie = partner B): PolitieWoninginbraken WK016403/2024 = 17;
- politie-gedeeld (partners, owned by Politie): PolitieOverlast WK016403/2024 = 120, WK016400/2024 geheim.
"""

import io
from pathlib import Path

import yaml
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "openapi.yaml"


def token_client(gebruiker, naam: str = "test") -> tuple[Client, str]:
    """A client that authenticates with a fresh API token of `gebruiker` (no session)."""
    from toegang.services import token_aanmaken

    token, sleutel = token_aanmaken(gebruiker=gebruiker, naam=naam)
    return Client(HTTP_AUTHORIZATION=f"Token {sleutel}"), sleutel


def csv_bestand(tekst: str, naam: str = "levering.csv") -> io.BytesIO:
    bestand = io.BytesIO(tekst.encode("utf-8"))
    bestand.name = naam
    return bestand


def upload(client: Client, tekst: str | bytes, naam: str = "levering.csv", **extra):
    inhoud = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    return client.post("/api/v1/waarden/upload/", {"bestand": bestand, **extra})


# --- contract: responses against the committed OpenAPI schema ----------------------------------------

_SCHEMA = None


def openapi_schema():
    global _SCHEMA
    if _SCHEMA is None:
        import schemathesis

        _SCHEMA = schemathesis.openapi.from_dict(yaml.safe_load(OPENAPI.read_text(encoding="utf-8")))
    return _SCHEMA


def _operatie_pad(pad: str) -> str:
    """'/api/v1/gebieden/WK016403/' -> '/api/v1/gebieden/{code}/' (the template in the schema)."""
    import re

    templates = {
        r"^/api/v1/gebieden/[^/]+/$": "/api/v1/gebieden/{code}/",
        r"^/api/v1/indicatoren/[^/]+/$": "/api/v1/indicatoren/{code}/",
        r"^/api/v1/tokens/[^/]+/$": "/api/v1/tokens/{token_id}/",
        r"^/api/v1/signalen/[^/]+/$": "/api/v1/signalen/{signaal_id}/",
        r"^/api/v1/taken/[^/]+/$": "/api/v1/taken/{taak_id}/",
    }
    for patroon, template in templates.items():
        if re.match(patroon, pad) and pad != "/api/v1/waarden/upload/":
            return template
    return pad


def controleer_contract(response, methode: str, pad: str) -> None:
    """Validate a Django test response against the committed schema: status documented, content type,
    headers and body (schemathesis' own response checks). Raises on any violation."""
    import requests
    from schemathesis.core.transport import Response

    schema = openapi_schema()
    pad_zonder_query = pad.split("?")[0]
    operatie = schema[_operatie_pad(pad_zonder_query)][methode.upper()]
    gedocumenteerd = set(operatie.definition.raw["responses"])
    if str(response.status_code) not in gedocumenteerd and "default" not in gedocumenteerd:
        raise AssertionError(
            f"{methode.upper()} {pad}: status {response.status_code} "
            f"staat niet in het schema ({sorted(gedocumenteerd)})"
        )
    verzoek = requests.Request(method=methode.upper(), url=f"http://testserver{pad}").prepare()
    headers = {naam.lower(): [waarde] for naam, waarde in response.items()}
    antwoord = Response(
        status_code=response.status_code,
        headers=headers,
        content=b"".join(response.streaming_content) if response.streaming else response.content,
        request=verzoek,
        elapsed=0.0,
        verify=False,
    )
    operatie.validate_response(antwoord)
