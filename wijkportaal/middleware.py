from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader

from toegang.invoer import MELDING, bevat_stuurteken, querydict_bevat_stuurteken

FORMULIER = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def csp_met_ondergrond(beleid: str, ondergrond_url: str) -> str:
    """The policy with exactly the host of the configured map base layer (KAART_ONDERGROND_URL) added to
    img-src and connect-src (MapLibre fetches tiles and styles); unchanged when none is configured."""
    if not ondergrond_url:
        return beleid
    from urllib.parse import urlsplit

    delen = urlsplit(ondergrond_url)
    host = f"{delen.scheme}://{delen.netloc}"
    uit = []
    for regel in beleid.split(";"):
        naam = regel.strip().split(" ", 1)[0]
        uit.append(f"{regel.rstrip()} {host}" if naam in ("img-src", "connect-src") else regel)
    return ";".join(uit)


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header (Django 5.2 has no built-in CSP support)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        beleid = csp_met_ondergrond(settings.CONTENT_SECURITY_POLICY, getattr(settings, "KAART_ONDERGROND_URL", ""))
        response.headers.setdefault("Content-Security-Policy", beleid)
        return response


class ControletekensMiddleware:
    """Refuses a request whose path, query string or (URL-encoded) form fields hold a control character
    (toegang.invoer): 400 with a Dutch page, or JSON plus an audit row for the API.

    Multipart bodies of the API are left to its parsers (toegang.invoer), which check their fields:
    parsing them here would read an upload before the view could refuse its size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._verboden(request):
            return self._weigeren(request)
        return self.get_response(request)

    @staticmethod
    def _verboden(request) -> bool:
        if bevat_stuurteken(request.path_info, adres=True) or querydict_bevat_stuurteken(request.GET, adres=True):
            return True
        if request.method == "POST" and (
            request.content_type == FORMULIER
            or (request.content_type == MULTIPART and not request.path_info.startswith("/api/"))
        ):
            return querydict_bevat_stuurteken(request.POST)
        return False

    @staticmethod
    def _weigeren(request):
        if request.path_info.startswith("/open311/"):  # the Open311 error format, in the URL's format
            from open311.renderers import fout_antwoord
            from toegang.audit import audit_schrijven

            audit_schrijven(request, 400, None)
            return fout_antwoord(request.path_info, 400, MELDING)
        if request.path_info.startswith("/api/"):
            from toegang.audit import audit_schrijven

            audit_schrijven(request, 400, None)
            return JsonResponse({"detail": MELDING}, status=400)
        inhoud = loader.render_to_string("400_kaal.html", {"melding": MELDING})
        return HttpResponseBadRequest(inhoud)
