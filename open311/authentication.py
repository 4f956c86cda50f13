"""Open311's `api_key`: the partner's API token of the portal (toegang.models.ApiToken), sent as the query or
form parameter the specification names. The same key works as `Authorization: Token <key>`.

A missing or invalid key is a 403, as the specification says (its error: "api_key was not provided or is
invalid"); reads without a key are allowed and get the public fields only."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from toegang.authentication import gebruiker_van_sleutel


class ApiKeyAuthenticatie(BaseAuthentication):
    def authenticate(self, request):
        sleutel = request.query_params.get("api_key")
        if sleutel is None and request.method not in ("GET", "HEAD", "OPTIONS"):
            data = request.data
            sleutel = data.get("api_key") if hasattr(data, "get") else None
        if sleutel is None:
            return None
        if not isinstance(sleutel, str) or not sleutel.strip() or not sleutel.isascii():
            raise exceptions.AuthenticationFailed("Ongeldige api_key.")
        return gebruiker_van_sleutel(sleutel.strip())

    def authenticate_header(self, request):
        return None  # an Open311 client gets 403 for a missing or invalid key, not a 401 challenge


class ApiKeyAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthenticatie
    name = "open311ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "query",
            "name": "api_key",
            "description": "De API-sleutel van uw account (dezelfde als `Authorization: Token <sleutel>`); bij "
            "POST mag hij ook in het formulier staan.",
        }
