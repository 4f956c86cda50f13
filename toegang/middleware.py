"""Session limits and caching rules for logged-in use.

- Idle timeout: a session unused for settings.SESSIE_INACTIEF_MINUTEN (default 30) is logged out; every
  request slides it on (written at most once a minute, so a busy page does not write the session each time).
- Absolute limit: SESSIE_MAX_UREN (default 10, a working day) after log-in the session ends, however active.
- Every download (Content-Disposition: attachment) by a logged-in user writes an audit row.
- `Cache-Control: no-store` (with Django's never-cache headers) on every answer to a logged-in person or an
  API key: such answers may hold residents' personal data or non-public figures, and no browser cache or
  proxy should keep them. Anonymous public pages and open API reads keep their own caching.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import add_never_cache_headers

from .audit import audit_pagina

LAATST_ACTIEF = "toegang:laatst_actief"
INGELOGD_OP = "toegang:ingelogd_op"
BIJWERKEN_NA_SECONDEN = 60


def sessie_begonnen(sender, request, user, **kwargs):
    """At log-in (user_logged_in, connected in apps.py): the moment the absolute limit counts from. Set here,
    where log-in writes the session anyway, so an ordinary request within the minute writes nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[INGELOGD_OP] = int(time.time())


def _is_download(request, response) -> bool:
    return "attachment" in response.get("Content-Disposition", "") and not request.path_info.startswith("/api/")


class SessieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._sessie_bewaken(request)
        response = self.get_response(request)
        ingelogd = getattr(request, "user", None) is not None and request.user.is_authenticated
        if ingelogd or request.META.get("HTTP_AUTHORIZATION"):
            add_never_cache_headers(response)
        if ingelogd and _is_download(request, response):
            # A CSV/XLSX download of the pages leaves the portal as a file: who took which one. (The API
            # audits each of its own requests.)
            audit_pagina(request, aantal=None, status=response.status_code)
        return response

    @staticmethod
    def _sessie_bewaken(request) -> None:
        if not request.user.is_authenticated:
            return
        nu = int(time.time())
        sessie = request.session
        ingelogd_op = sessie.get(INGELOGD_OP)
        if ingelogd_op is None:  # a session from before these limits
            sessie[INGELOGD_OP] = ingelogd_op = nu
        laatst = sessie.get(LAATST_ACTIEF, ingelogd_op)
        if nu - laatst > settings.SESSIE_INACTIEF_MINUTEN * 60 or nu - ingelogd_op > settings.SESSIE_MAX_UREN * 3600:
            logout(request)  # flushes the session; LoginRequiredMiddleware then sends the person to log in
            return
        if nu - laatst >= BIJWERKEN_NA_SECONDEN:
            sessie[LAATST_ACTIEF] = nu
