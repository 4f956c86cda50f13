"""The API's error format: `{"detail": "..."}`, or per parameter or field a list of messages.

`fouten(400, 404, ...)` documents those answers in the OpenAPI schema; every operation documents 400.
"""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class FoutSerializer(serializers.Serializer):
    """A refused request: `detail`, or per parameter a list of messages."""

    detail = serializers.CharField(required=False)


OMSCHRIJVING = {
    400: "Ongeldige parameters of invoer; de melding zegt wat er mis is. Er is niets geschreven.",
    401: "Geen of een ongeldige API-sleutel.",
    403: "Geen toestemming voor deze handeling.",
    404: "Niet gevonden (of niet zichtbaar voor u).",
    413: "Het bestand is te groot.",
    429: "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
}


def fouten(*codes: int, media_type: str | None = None) -> dict:
    """Documented error responses (all JSON: {"detail": ...} or per parameter a list of messages).

    `media_type`: for views that also render another format, pin the errors to JSON."""
    return {
        (code, media_type) if media_type else code: OpenApiResponse(FoutSerializer, description=OMSCHRIJVING[code])
        for code in codes
    }
