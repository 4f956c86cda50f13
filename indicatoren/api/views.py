"""REST API v1: gebieden, indicatoren, waarden (JSON or CSV) and partners' deliveries.

Who may read what (decided in indicatoren.regels, the same rules as the pages):
- gebieden: everyone, also without a key (area codes and boundaries are open data);
- indicatoren and waarden: anonymous clients the `openbaar` datasets (a public API, like CBS OData),
  medewerkers everything, partners `openbaar` + `partners` + their own organisation's datasets;
- uploading values: logged in, and only for datasets the caller may deliver to (`mag_leveren`: per
  dataset, by role; the datasets the portal writes itself by nobody).
Every value passes through `weergave.toon`: a CBS status or a value below the indicator's disclosure
threshold is delivered as `waarde: null` with `status` and `reden`, never as 0.

Queries per list request are fixed (see tests/api/test_queries.py): authentication (none, or
token + account, or session + user + account), one per code filter given, a count, the page, the
geometry of the page when asked, and the audit row.
"""

import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.db.models import JSONField, Q
from django.db.models.functions import Coalesce
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.fouten import fouten
from api.parameters import GEBIED_PATROON, GeenParameters, lees_parameters
from api.views import ApiView
from taken.api import TaakSerializer, taak_rij
from taken.services import taak_aanmaken
from wijken.models import Gebied, GebiedVersie

from ..models import Indicator, Waarde
from . import filters
from .levering import MAX_GEMELD, ImportFout, fouten_lijst, mag_ergens_leveren, waarden_leveren
from .paginering import SleutelPaginering
from .renderers import CsvRenderer
from .serializers import (
    WAARDE_KOLOMMEN,
    GebiedSerializer,
    IndicatorMeta,
    IndicatorSerializer,
    LeveringFoutSerializer,
    LeveringRapportSerializer,
    LeveringSerializer,
    WaardeSerializer,
    gebied_rij,
    indicator_rij,
    waarde_rij,
)

MAX_UPLOAD_BYTES = getattr(settings, "API_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
GEBIED_CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, pattern=GEBIED_PATROON, description="CBS-gebiedscode, bijv. WK016403"
)
INDICATOR_CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, pattern=filters.INDICATOR_PATROON, description="Indicatorcode"
)
LEZEN = ("Open data: zonder sleutel leesbaar. Met een sleutel of ingelogd ook wat uw organisatie mag zien.",)


def _geometrie(gebied_ids: list[int], jaar: int | None, *, kaartvorm: bool = False) -> dict[int, dict]:
    """The boundary in force in `jaar` (default: the newest) per gebied (1 query). With `kaartvorm`
    the map shape (simplified per level, coordinates rounded: wijken.geo.kaartvorm), for lists."""
    versies = GebiedVersie.objects.geldig_in(jaar or 2100).filter(gebied_id__in=gebied_ids)
    if kaartvorm:
        versies = versies.annotate(vorm=Coalesce("kaartvorm", "geometrie", output_field=JSONField()))
        return {v["gebied_id"]: {**v, "geometrie": v.pop("vorm")} for v in versies.values("gebied_id", "jaar", "vorm")}
    return {v["gebied_id"]: v for v in versies.values("gebied_id", "jaar", "geometrie")}


class GebiedenView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["gebieden"],
        summary="Gebieden (gemeenten, wijken, buurten)",
        description=LEZEN[0],
        parameters=[filters.GebiedParameters],
        responses={200: GebiedSerializer(many=True), **fouten(400, 401, 429)},
    )
    def get(self, request):
        p = lees_parameters(request, filters.GebiedParameters)
        qs = Gebied.objects.filter(niveau__in=[n.value for n in filters.NIVEAUS]).select_related("ouder")
        if "niveau" in p:
            qs = qs.filter(niveau=p["niveau"])
        if "ouder" in p:
            qs = qs.filter(filters.binnen(filters.los_gebied(p["ouder"])))
        if "code" in p:
            qs = qs.filter(id__in=filters.los_gebieden(p["code"], "code").values())
        pagina = self.paginate_queryset(qs.order_by("code"))
        versies = _geometrie([g.id for g in pagina], p.get("jaar"), kaartvorm=True) if p["geometrie"] and pagina else {}
        return self.get_paginated_response(
            [gebied_rij(g, versies.get(g.id), met_geometrie=p["geometrie"]) for g in pagina]
        )


class GebiedView(ApiView):
    permission_classes = [AllowAny]
    pagination_class = None

    @extend_schema(
        tags=["gebieden"],
        summary="Eén gebied",
        description="Open data. Onbekende code: 404.",
        parameters=[GEBIED_CODE, filters.GebiedDetailParameters],
        responses={200: GebiedSerializer, **fouten(400, 401, 404, 429)},
    )
    def get(self, request, code: str):
        p = lees_parameters(request, filters.GebiedDetailParameters, extra={"format"})
        gebied = None
        if re.fullmatch(GEBIED_PATROON, code):
            gebied = Gebied.objects.select_related("ouder").filter(code=code.upper()).first()
        if gebied is None:
            raise exceptions.NotFound(f"Er is geen gebied met code '{code}'.")
        versie = _geometrie([gebied.id], p.get("jaar")).get(gebied.id) if p["geometrie"] else None
        return Response(gebied_rij(gebied, versie, met_geometrie=p["geometrie"]))


def _indicatoren(toegang):
    return Indicator.objects.zichtbaar_voor(toegang).select_related("domein", "dataset", "dataset__eigenaar")


class IndicatorenView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["indicatoren"],
        summary="Indicatoren met hun metadata",
        description=LEZEN[0],
        parameters=[filters.IndicatorParameters],
        responses={200: IndicatorSerializer(many=True), **fouten(400, 401, 429)},
    )
    def get(self, request):
        p = lees_parameters(request, filters.IndicatorParameters)
        toegang = self.toegang()
        qs = _indicatoren(toegang)
        if "domein" in p:
            filters.controleer_domein(p["domein"])
            qs = qs.filter(domein__code=p["domein"])
        if "dataset" in p:
            filters.controleer_dataset(p["dataset"], toegang)
            qs = qs.filter(dataset__code=p["dataset"])
        pagina = self.paginate_queryset(qs.order_by("domein__volgorde", "volgorde", "code"))
        return self.get_paginated_response([indicator_rij(i) for i in pagina])


class IndicatorView(ApiView):
    permission_classes = [AllowAny]
    pagination_class = None

    @extend_schema(
        tags=["indicatoren"],
        summary="Eén indicator",
        description="Met metadata (domein, eenheid, bron, definitie, polariteit, dataset). Een indicator uit een "
        "dataset die u niet mag zien: 404.",
        parameters=[INDICATOR_CODE],
        responses={200: IndicatorSerializer, **fouten(400, 401, 404, 429)},
    )
    def get(self, request, code: str):
        lees_parameters(request, GeenParameters, extra={"format"})
        indicator = None
        if re.fullmatch(filters.INDICATOR_PATROON, code):
            indicator = _indicatoren(self.toegang()).filter(code=code).first()
        if indicator is None:
            raise exceptions.NotFound(f"Er is geen indicator met code '{code}' (of u mag hem niet zien).")
        return Response(indicator_rij(indicator))


class WaardenView(ApiView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, CsvRenderer]
    pagination_class = SleutelPaginering

    @extend_schema(
        tags=["waarden"],
        summary="Waarden in lange vorm (JSON of CSV)",
        description=LEZEN[0]
        + " Elke rij is één indicator, gebied en periode. `waarde` is null als er geen getal is of het niet "
        "geleverd mag worden (onthullingsdrempel, CBS-geheimhouding); `status` en `reden` zeggen waarom. "
        "`?format=csv` geeft dezelfde rijen als CSV-bestand. De rijen komen in een vaste volgorde (indicator, "
        "gebied, periode); volg `next` (of de Link-kop) voor de volgende pagina.",
        parameters=[filters.WaardeParameters],
        responses={
            (200, "application/json"): WaardeSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV met kop"),
            **fouten(400, 401, 429, media_type="application/json"),
        },
    )
    def get(self, request):
        p = lees_parameters(request, filters.WaardeParameters, extra=filters.WAARDEN_ALGEMEEN)
        # The caller's readable indicators (with the fields every row needs) are the access filter:
        # a value is delivered only for an indicator in this set.
        meta = {
            i: IndicatorMeta(*velden)
            for i, velden in filters.zichtbare_indicatoren(self.toegang(), p.get("indicator")).items()
        }
        qs = Waarde.objects.filter(indicator_id__in=list(meta))
        if "gebied" in p:
            qs = qs.filter(gebied_id__in=filters.los_gebieden(p["gebied"]).values())
        if "niveau" in p:
            qs = qs.filter(gebied__niveau=p["niveau"])
        if "ouder" in p:
            qs = qs.filter(filters.binnen(filters.los_gebied(p["ouder"]), prefix="gebied__"))
        if "periode" in p:
            qs = qs.filter(periode__in=p["periode"])
        if "periode_van" in p:
            qs = qs.filter(periode__gte=p["periode_van"])
        if "periode_tot" in p:
            qs = qs.filter(Q(periode__lte=p["periode_tot"]) | Q(periode__startswith=p["periode_tot"]))
        rijen = self.paginate_queryset(qs.values_list(*WAARDE_KOLOMMEN))  # ordered by the page key
        return self.get_paginated_response([waarde_rij(r, meta[r[0]]) for r in rijen])


class LeveringView(ApiView):
    """POST a long-format file; the same checks and all-or-nothing import as `manage.py import_waarden`."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]
    pagination_class = None

    @extend_schema(
        tags=["waarden"],
        summary="Waarden leveren (CSV of XLSX in lange vorm)",
        description="Alle rijen worden eerst gecontroleerd: onbekende indicator- of gebiedscodes, perioden, "
        "dubbele rijen, statussen, en of u voor de dataset van elke indicator mag leveren. Is er één rij fout, "
        "dan wordt niets geschreven en krijgt u de fouten met hun regelnummer (400): het aantal, en de eerste "
        f"{MAX_GEMELD}. Hoogstens "
        f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Een groot bestand (standaard boven 1 MB) wordt op de "
        "achtergrond geïmporteerd: 202, met een taak om te volgen.",
        request=LeveringSerializer,
        responses={
            200: LeveringRapportSerializer,
            202: OpenApiResponse(
                TaakSerializer,
                description="Een groot bestand wordt op de achtergrond geïmporteerd: volg de taak (`url`, ook in "
                "de Location-kop) tot zij klaar is; dan staat hetzelfde verslag in `resultaat`, of alle fouten "
                "per regel in `fout`.",
            ),
            400: OpenApiResponse(LeveringFoutSerializer, description="Fouten per regel; er is niets geschreven."),
            **fouten(401, 403, 413, 429),
        },
    )
    def post(self, request):
        if not mag_ergens_leveren(self.toegang()):
            raise exceptions.PermissionDenied(
                "U levert geen datasets aan het Wijkportaal: uw organisatie of uw rol levert geen waarden per upload."
            )
        lengte = request.META.get("CONTENT_LENGTH") or "0"
        if lengte.isdigit() and int(lengte) > MAX_UPLOAD_BYTES + 64 * 1024:
            return self._te_groot()  # refused before the body is read
        invoer = LeveringSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)  # errors become the report's shape in handle_exception
        bestand = invoer.validated_data["bestand"]
        if bestand.size > MAX_UPLOAD_BYTES:
            return self._te_groot()
        naam = Path(bestand.name or "levering").name
        achtervoegsel = Path(naam).suffix.lower()
        if achtervoegsel not in {".csv", ".txt", ".tsv", ".xlsx"}:
            return self._fout(naam, [{"regel": None, "melding": "verwacht een .csv- of .xlsx-bestand"}])
        bron = invoer.validated_data.get("bron") or self._standaard_bron(naam)
        if bestand.size > settings.TAKEN_UPLOAD_DREMPEL_BYTES:
            return self._als_taak(bestand, naam, achtervoegsel, bron)
        with tempfile.TemporaryDirectory(prefix="levering-") as map_:
            pad = Path(map_) / f"levering{achtervoegsel}"
            with pad.open("wb") as uit:
                for stuk in bestand.chunks():
                    uit.write(stuk)
            try:
                rapport = waarden_leveren(pad, toegang=self.toegang(), bron=bron, bestandsnaam=naam)
            except ImportFout as exc:
                return self._fout(naam, fouten_lijst(exc), aantal=len(exc.fouten))
        self.audit_aantal = rapport.nieuw + rapport.gewijzigd
        return Response(
            {
                "bestand": naam,
                "gelezen": rapport.gelezen,
                "nieuw": rapport.nieuw,
                "gewijzigd": rapport.gewijzigd,
                "ongewijzigd": rapport.ongewijzigd,
            }
        )

    def handle_exception(self, exc):
        """A 400 for the request itself (no file, unreadable form) gets the same shape as a file's report."""
        response = super().handle_exception(exc)
        if response.status_code == 400 and isinstance(response.data, dict) and "fouten" not in response.data:
            meldingen = [
                f"{veld}: {melding}" if veld != "detail" else str(melding)
                for veld, lijst in response.data.items()
                for melding in (lijst if isinstance(lijst, list) else [lijst])
            ]
            response.data = {
                "detail": "De levering is niet gelezen, er is niets geïmporteerd.",
                "aantal_fouten": len(meldingen),
                "fouten": [{"regel": None, "melding": m} for m in meldingen],
            }
        return response

    def _als_taak(self, bestand, naam: str, achtervoegsel: str, bron: str) -> Response:
        """A large file is imported by a background job: 202 at once, with the job to follow."""
        taak = taak_aanmaken(
            soort="levering",
            omschrijving=f"Levering {naam}",
            door=self.request.user,
            parameters={"bron": bron, "achtervoegsel": achtervoegsel},
            bestand=(naam, b"".join(bestand.chunks())),
        )
        taak.refresh_from_db()  # without a worker (first run) it has already run
        rij = taak_rij(taak, self.request)
        return Response(rij, status=status.HTTP_202_ACCEPTED, headers={"Location": rij["url"]})

    def _standaard_bron(self, naam: str) -> str:
        account = getattr(self.request.user, "account", None)
        wie = account.organisatie.naam if account is not None else self.request.user.get_username()
        return f"{wie}, geleverd via de API ({naam})"[:300]

    @staticmethod
    def _fout(naam: str, lijst: list[dict], aantal: int | None = None) -> Response:
        aantal = len(lijst) if aantal is None else aantal
        detail = f"{naam}: {aantal} fout(en), er is niets geïmporteerd."
        if aantal > len(lijst):
            detail += f" Hieronder de eerste {len(lijst)}."
        return Response(
            {"detail": detail, "aantal_fouten": aantal, "fouten": lijst}, status=status.HTTP_400_BAD_REQUEST
        )

    @staticmethod
    def _te_groot() -> Response:
        mb = MAX_UPLOAD_BYTES // (1024 * 1024)
        return Response(
            {"detail": f"Het bestand is te groot: hoogstens {mb} MB per levering. Splits het bestand."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
