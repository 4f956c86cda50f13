"""Audit log of the API: who read or changed what, with which parameters, and how many rows.

Pages are audited too where they show residents' personal data (`audit_pagina`, e.g. a signal's detail
page with the reporter's name and contact details) and for every download (CSV/XLSX) by a logged-in
user (toegang.middleware.SessieMiddleware). The user name is kept on the row: deleting an account
leaves its audit trail readable.

Partner data is shared under agreements, so every API request (also a refused one) leaves one
AuditRegel: user, token, method, path, query parameters (and the uploaded file's name), status and
the number of rows delivered or written. Views mix in `AuditMixin`; a view may set
`self.audit_aantal` when the row count is not simply the length of the response's results.
"""

import re
from urllib.parse import urlencode

from django.db import DatabaseError, transaction
from rest_framework import exceptions

from .adres import client_adres
from .models import ApiToken, AuditRegel

MAX_PARAMETERS = 1000
# What a query parameter of the portal holds: codes, periods, numbers, lists, sort keys, formats, file names.
# Anything else (spaces, '@', other free text: a name or an e-mail address pasted into a URL) is not kept.
_CODEACHTIG = re.compile(r"[\w.,:\-/*]{0,100}")
WEGGELATEN = "(weggelaten)"
# Parameters that carry a secret (the Open311 `api_key`): never stored, whatever they look like.
GEHEIM = frozenset({"api_key"})


def _schoon(tekst: str, lengte: int) -> str:
    """PostgreSQL text cannot hold NUL characters; a request may (e.g. %00 in a path)."""
    return tekst.replace("\x00", "\ufffd")[:lengte]


def _aantal_uit(data, methode: str, status: int) -> int | None:
    if status >= 400:
        return None
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return len(data["results"])
    if isinstance(data, list):
        return len(data)
    if methode == "GET" and isinstance(data, dict):
        return 1
    return None


def _codeachtig(tekst: str) -> str:
    return tekst if _CODEACHTIG.fullmatch(tekst) else WEGGELATEN


def _parameters(request) -> str:
    """The query parameters (and uploaded files' names) as far as they are code-like: the audit log must
    not become a store of the personal data someone typed into a URL."""
    paren = [
        (_codeachtig(k), WEGGELATEN if k.lower() in GEHEIM else _codeachtig(v))
        for k, waarden in request.GET.lists()
        for v in waarden
    ]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        # The names of uploaded files, never their content or other body fields (a key could be among them).
        paren += [(_codeachtig(veld), _codeachtig(bestand.name or "")) for veld, bestand in request.FILES.items()]
    return _schoon(urlencode(paren, safe="()/,:*"), MAX_PARAMETERS)


def audit_schrijven(request, status: int, aantal: int | None) -> AuditRegel:
    """One audit row for a DRF request (its user and token as far as authentication got) or a page."""
    try:
        gebruiker, token = request.user, getattr(request, "auth", None)  # a plain Django request has no auth
    except exceptions.APIException:  # authentication itself failed before the view ran
        gebruiker, token = None, None
    if gebruiker is not None and not gebruiker.is_authenticated:
        gebruiker = None
    django_request = getattr(request, "_request", request)
    return AuditRegel.objects.create(
        gebruiker=gebruiker,
        gebruikersnaam=gebruiker.get_username()[:150] if gebruiker is not None else "",
        token=token if isinstance(token, ApiToken) else None,
        methode=request.method[:8],
        pad=_schoon(django_request.path, 500),
        parameters=_parameters(django_request),
        status=status,
        aantal=aantal,
        ip=client_adres(django_request),
    )


class AuditMixin:
    """Writes an AuditRegel for every response of a DRF view, errors included (an unhandled exception too:
    it is recorded as a 500 before Django's own error handling takes over)."""

    audit_aantal: int | None = None

    def raise_uncaught_exception(self, exc):
        try:
            with transaction.atomic():
                audit_schrijven(self.request, 500, None)
        except DatabaseError:  # the database itself may be what failed: never hide the original error
            pass
        super().raise_uncaught_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        aantal = self.audit_aantal
        if aantal is None:
            aantal = _aantal_uit(getattr(response, "data", None), request.method, response.status_code)
        elif response.status_code >= 400:
            aantal = None
        audit_schrijven(request, response.status_code, aantal)
        return response


def audit_pagina(request, *, aantal: int | None = 1, status: int = 200) -> AuditRegel:
    """An audit row for an HTML page that showed residents' personal data (e.g. a signal's reporter)."""
    return audit_schrijven(request, status, aantal)
