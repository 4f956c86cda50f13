"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2/, in JSON and XML.

Each call exists twice, `<call>.json` and `<call>.xml`, as the specification's URLs have it; the format is
the URL's, not the Accept header's. Errors are the specification's list `[{"code": .., "description": ..}]`
(XML `<errors><error>..`) with the HTTP status. Throttled and audited like every API view (toegang.api.ApiView).
The signals are read with the rules of `verzoeken`; a new request is logged by signalen's own service.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.parameters import SLUG_PATROON, CodeLijst, lees_parameters
from api.views import ApiView
from signalen import services
from signalen.forms import MeldFormulier, formulierfouten
from signalen.models import Categorie
from signalen.regels import mag_signalen_melden
from toegang.authentication import TokenAuthenticatie
from toegang.regels import toegang_van

from . import schema
from .authentication import ApiKeyAuthenticatie
from .renderers import Open311JSONRenderer, Open311XMLRenderer
from .verzoeken import MAX_VERZOEKEN, STANDAARD_DAGEN, status_filter, verzoek_rij, verzoeken

SPECIFICATIE = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00+01:00"  # the date this implementation last changed its contract
TOKEN_ZOUT = "open311-token"
TOKEN_PATROON = r"^[A-Za-z0-9_:\-]{1,200}$"  # what django.core.signing.dumps produces
MAX_ID = 2**63 - 1
EXTRA = {"api_key"}
# The specification's own names for the fields of signalen's service, in its error messages.
VELDNAMEN = {
    "omschrijving": "description",
    "categorie": "service_code",
    "lon": "long",
    "lat": "lat",
    "locatie": "lat/long",
    "adres": "address_string",
    "melder_naam": "first_name/last_name",
    "melder_email": "email",
    "melder_telefoon": "phone",
    "__all__": "request",
}


def _fouten(code: int, data) -> list[dict]:
    """Any DRF error body as the specification's list of errors."""
    if isinstance(data, dict):
        uit = []
        for veld, meldingen in data.items():
            for melding in meldingen if isinstance(meldingen, list) else [meldingen]:
                tekst = str(melding) if veld == "detail" else f"{VELDNAMEN.get(veld, veld)}: {melding}"
                uit.append({"code": code, "description": tekst})
        return uit or [{"code": code, "description": "Fout"}]
    if isinstance(data, list):
        return [{"code": code, "description": str(m)} for m in data] or [{"code": code, "description": "Fout"}]
    return [{"code": code, "description": str(data)}]


class Open311View(ApiView):
    formaat = "json"
    authentication_classes = [ApiKeyAuthenticatie, TokenAuthenticatie, SessionAuthentication]
    permission_classes = [AllowAny]
    pagination_class = None
    xml_wortel = "response"
    xml_element: str | None = None

    def get_renderers(self):
        return [Open311XMLRenderer() if self.formaat == "xml" else Open311JSONRenderer()]

    def perform_content_negotiation(self, request, force=False):
        renderer = self.get_renderers()[0]
        return renderer, renderer.media_type

    def handle_exception(self, exc):
        # Not ApiView's (its errors are always JSON): Open311 answers an error in the format asked for.
        response = APIView.handle_exception(self, exc)
        response.data = _fouten(response.status_code, response.data)
        self.xml_wortel_antwoord, self.xml_element_antwoord = "errors", "error"
        renderer = self.get_renderers()[0]
        self.request.accepted_renderer, self.request.accepted_media_type = renderer, renderer.media_type
        return response

    def parameters(self, klasse=serializers.Serializer) -> dict:
        p = lees_parameters(self.request, klasse, extra=EXTRA | {"jurisdiction_id"})
        jurisdictie = self.request.query_params.get("jurisdiction_id")
        if jurisdictie is not None and jurisdictie.strip() != settings.OPEN311_JURISDICTIE:
            raise exceptions.NotFound(
                f"Onbekende jurisdiction_id; deze server kent alleen '{settings.OPEN311_JURISDICTIE}'."
            )
        return p


class VerzoekenParameters(serializers.Serializer):
    service_request_id = CodeLijst(
        r"^[0-9]{1,18}$",
        "verzoeknummer",
        help_text="Eén of meer nummers, gescheiden door komma's; gaat voor alle andere filters (de specificatie).",
    )
    service_code = CodeLijst(SLUG_PATROON, "service_code", help_text="Eén of meer categorieën (service_code).")
    start_date = serializers.DateTimeField(
        required=False, help_text="Gemeld vanaf (ISO 8601). Standaard 90 dagen voor end_date."
    )
    end_date = serializers.DateTimeField(
        required=False, help_text="Gemeld tot en met (ISO 8601); met start_date hoogstens 90 dagen. Standaard nu."
    )
    status = CodeLijst(r"^(open|closed)$", "status (open of closed)", help_text="open, closed of open,closed.")


def _periode(p: dict):
    """The requested range (default: the last 90 days); a range of more than 90 days is refused."""
    try:
        eind = p.get("end_date") or (p["start_date"] + timedelta(days=STANDAARD_DAGEN) if "start_date" in p else None)
        eind = min(eind, timezone.now()) if eind and "end_date" not in p else (eind or timezone.now())
        begin = p.get("start_date") or eind - timedelta(days=STANDAARD_DAGEN)
    except OverflowError as exc:
        raise exceptions.ValidationError({"start_date": ["ligt buiten het bereik van een datum."]}) from exc
    if begin > eind:
        raise exceptions.ValidationError({"end_date": ["ligt voor start_date."]})
    if eind - begin > timedelta(days=STANDAARD_DAGEN):
        raise exceptions.ValidationError(
            {"end_date": [f"start_date en end_date liggen meer dan {STANDAARD_DAGEN} dagen uit elkaar."]}
        )
    return begin, eind


class DiscoveryView(Open311View):
    xml_wortel = "discovery"

    def get(self, request):
        self.parameters()
        basis = request.build_absolute_uri("/open311/v2/")
        return Response(
            {
                "changeset": CHANGESET,
                "contact": settings.OPEN311_CONTACT,
                "key_service": "Een API-sleutel maakt u zelf: log in op het Wijkportaal en maak hem aan via "
                f"{request.build_absolute_uri('/api/v1/tokens/')} (POST, ingelogd in de browser). "
                "Een partner zonder account vraagt er een aan bij de gemeente.",
                "endpoints": [
                    {
                        "specification": SPECIFICATIE,
                        "url": basis,
                        "changeset": CHANGESET,
                        "type": "production",
                        "formats": ["application/json", "text/xml"],
                    }
                ],
            }
        )


class ServicesView(Open311View):
    xml_wortel, xml_element = "services", "service"

    def get(self, request):
        self.parameters()
        rijen = []
        for c in Categorie.objects.actief().boom():
            hoofd = c.hoofdcategorie.naam if c.hoofdcategorie_id else c.naam
            rijen.append(
                {
                    "service_code": c.code,
                    "service_name": c.naam,
                    "description": c.beschrijving,
                    "metadata": False,
                    "type": "realtime",
                    "keywords": "",
                    "group": hoofd,
                }
            )
        return Response(rijen)


class ServiceDefinitieView(Open311View):
    xml_wortel = "service_definition"

    def get(self, request, service_code: str):
        self.parameters()
        categorie = Categorie.objects.actief().filter(code=service_code).first()
        if categorie is None:
            raise exceptions.NotFound(f"Er is geen service met service_code '{service_code[:60]}'.")
        # No category asks for attributes beyond the standard fields (metadata false in services).
        return Response({"service_code": categorie.code, "attributes": []})


class VerzoekenView(Open311View):
    xml_wortel, xml_element = "service_requests", "request"

    def get(self, request):
        p = self.parameters(VerzoekenParameters)
        toegang = self.toegang()
        qs = verzoeken(toegang)
        if "service_request_id" in p:
            qs = qs.filter(pk__in=[int(i) for i in p["service_request_id"] if 0 < int(i) <= MAX_ID])
        else:
            begin, eind = _periode(p)
            qs = qs.filter(gemeld_op__gte=begin, gemeld_op__lte=eind)
            if "service_code" in p:
                bekend = set(Categorie.objects.filter(code__in=p["service_code"]).values_list("code", flat=True))
                if onbekend := sorted(set(p["service_code"]) - bekend):
                    raise exceptions.ValidationError({"service_code": [f"onbekend: {', '.join(onbekend)}."]})
                qs = qs.filter(categorie__code__in=p["service_code"])
            if "status" in p:
                qs = qs.filter(status_filter(set(p["status"])))
        anoniem = not request.user.is_authenticated
        rijen = qs.order_by("-gemeld_op", "-id")[:MAX_VERZOEKEN]
        return Response([verzoek_rij(s, anoniem=anoniem) for s in rijen])

    def post(self, request):
        data = request.data
        if not hasattr(data, "keys"):
            raise exceptions.ValidationError({"detail": "Verwacht de parameters van het verzoek als formulier."})
        velden = set(schema.VerzoekInvoerSerializer().fields)
        onbekend = sorted(k for k in data if k not in velden and not k.startswith("attribute["))
        if onbekend:
            raise exceptions.ValidationError({"detail": f"onbekende parameter(s): {', '.join(onbekend)}."})
        invoer = schema.VerzoekInvoerSerializer(data=data)
        invoer.is_valid(raise_exception=True)
        v = invoer.validated_data
        if not request.user.is_authenticated:
            raise exceptions.PermissionDenied("api_key ontbreekt: een verzoek indienen kan alleen met een API-sleutel.")
        if not mag_signalen_melden(self.toegang()):  # before any validation, as the service would
            raise exceptions.PermissionDenied("Alleen stadsdeelregisseurs (en beheerders) kunnen signalen melden.")
        # The page's form validates it (one validation path), then signalen's own service logs it.
        form = MeldFormulier(
            {
                "omschrijving": v.get("description", ""),
                "categorie": v["service_code"],
                "bron": settings.OPEN311_BRON,
                "aantal_bewoners": "1",
                "datum_voorval": timezone.localdate().isoformat(),
                "adres": v.get("address_string", ""),
                "lon": "" if v.get("long") is None else str(v["long"]),
                "lat": "" if v.get("lat") is None else str(v["lat"]),
                "melder_naam": " ".join(x for x in (v.get("first_name", ""), v.get("last_name", "")) if x),
                "melder_telefoon": v.get("phone", ""),
                "melder_email": v.get("email", ""),
            },
            categorie_sleutel="code",
        )
        try:
            if not form.is_valid():
                raise formulierfouten(form)
            signaal = services.signaal_melden(door=request.user, **form.service_velden())
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            meldingen = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            raise exceptions.ValidationError(meldingen) from exc
        self.audit_aantal = 1
        notitie = f"Gemeld in {signaal.wijk.weergavenaam}; streefdatum {signaal.streefdatum:%d-%m-%Y}."
        return Response(
            [
                {
                    "service_request_id": str(signaal.pk),
                    "service_notice": notitie,
                    "account_id": None,
                    "token": signing.dumps(signaal.pk, salt=TOKEN_ZOUT),
                }
            ],
            status=status.HTTP_201_CREATED,
        )


class VerzoekView(Open311View):
    xml_wortel, xml_element = "service_requests", "request"

    def get(self, request, service_request_id: str):
        self.parameters()
        tekst = service_request_id
        pk = int(tekst) if tekst.isascii() and tekst.isdigit() and len(tekst) <= 19 else 0
        signaal = verzoeken(self.toegang()).filter(pk=pk).first() if 0 < pk <= MAX_ID else None
        if signaal is None:
            raise exceptions.NotFound(f"Er is geen verzoek met service_request_id {tekst[:20]}.")
        return Response([verzoek_rij(signaal, anoniem=not request.user.is_authenticated)])


class VerzoekTokenView(Open311View):
    xml_wortel, xml_element = "service_requests", "request"

    def get(self, request, token: str):
        self.parameters()
        try:
            pk = signing.loads(token, salt=TOKEN_ZOUT)
        except signing.BadSignature as exc:
            raise exceptions.NotFound("Onbekend token.") from exc
        if not verzoeken(toegang_van(None)).filter(pk=pk).exists():
            raise exceptions.NotFound("Het verzoek bij dit token bestaat niet meer.")
        return Response([{"service_request_id": str(pk), "token": token}])
