"""The views of the signals API (see the package's docstring for who sees what)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from api.fouten import fouten
from api.parameters import lees_id, lees_parameters
from api.views import ApiView
from wijken.models import Gebied

from .. import services
from ..forms import MeldFormulier, formulierfouten
from ..models import GESLOTEN, OPEN, Categorie, Historie, Signaal
from ..regels import escalaties_filter, mag_melder_zien, mag_signaalcijfers_zien, mag_signalen_melden
from .rijen import binnen, categorie_filter, gebied_filter, historie_rij, kan_lezen, leesbare_signalen, signaal_rij
from .serializers import (
    SIGNAAL_ID,
    AggregaatParameters,
    AggregaatSerializer,
    SignaalDetailSerializer,
    SignaalInvoerSerializer,
    SignaalParameters,
    SignaalSerializer,
)


class SignalenView(ApiView):
    @extend_schema(
        tags=["signalen"],
        summary="Signalen (nieuwste eerst)",
        description="Medewerkers zien alle signalen; naam en contact van de melder alleen met toestemming voor "
        "persoonsgegevens. Een partner ziet alleen de signalen die aan de eigen organisatie zijn doorgezet, met "
        "alleen de eigen escalaties en nooit gegevens van de melder. Zonder inlog: 401.",
        parameters=[SignaalParameters],
        responses={200: SignaalSerializer(many=True), **fouten(400, 401, 403, 429)},
    )
    def get(self, request):
        p = lees_parameters(request, SignaalParameters)
        toegang = self.toegang()
        kan_lezen(toegang)
        vandaag = timezone.localdate()
        qs = leesbare_signalen(toegang, vandaag=vandaag)
        if "status" in p:
            qs = qs.filter(status__in={"open": OPEN, "gesloten": GESLOTEN}.get(p["status"], [p["status"]]))
        if "categorie" in p:
            qs = qs.filter(categorie_filter(p["categorie"]))
        if "gebied" in p:
            qs = qs.filter(gebied_filter(p["gebied"]))
        if "bron" in p:
            qs = qs.filter(bron=p["bron"])
        if p.get("te_laat") is not None:
            te_laat = Signaal.objects.te_laat(vandaag=vandaag).values("pk")
            qs = qs.filter(pk__in=te_laat) if p["te_laat"] else qs.exclude(pk__in=te_laat)
        if "van" in p:
            qs = qs.filter(datum_voorval__gte=p["van"])
        if "tot" in p:
            qs = qs.filter(datum_voorval__lte=p["tot"])
        if p.get("synthetisch") is not None:
            qs = qs.filter(synthetisch=p["synthetisch"])
        pagina = self.paginate_queryset(qs.order_by("-gemeld_op", "-id"))
        partner, melder = toegang.is_partner, mag_melder_zien(toegang)
        return self.get_paginated_response(
            [signaal_rij(s, partner=partner, melder_zien=melder, vandaag=vandaag) for s in pagina]
        )

    @extend_schema(
        tags=["signalen"],
        summary="Een signaal melden",
        description="Voor stadsdeelregisseurs (in een wijk van hun portefeuille) en beheerders. Dezelfde controles "
        "als het formulier: een punt wordt met de buurtgrenzen van dit jaar in zijn buurt en wijk geplaatst, een "
        "punt buiten Hengelo geweigerd. Bij een fout: per veld de melding (400) en er is niets geschreven.",
        request=SignaalInvoerSerializer,
        responses={201: SignaalSerializer, **fouten(400, 401, 403, 429)},
    )
    def post(self, request):
        data = request.data
        if not hasattr(data, "keys"):
            raise exceptions.ValidationError({"detail": "Verwacht een JSON-object met de velden van het signaal."})
        velden = set(SignaalInvoerSerializer().fields)
        onbekend = sorted(set(data.keys()) - velden)
        if onbekend:
            raise exceptions.ValidationError(
                {"velden": [f"onbekende veld(en): {', '.join(onbekend)} (toegestaan: {', '.join(sorted(velden))})."]}
            )
        toegang = self.toegang()
        if not mag_signalen_melden(toegang):  # before any validation, as the service would
            raise exceptions.PermissionDenied("Alleen stadsdeelregisseurs (en beheerders) kunnen signalen melden.")
        invoer = data.copy() if hasattr(data, "getlist") else dict(data)
        if "aantal_bewoners" not in invoer:
            invoer["aantal_bewoners"] = 1
        # The page's form validates the body too (one validation path); the API's key of a category is its code.
        form = MeldFormulier(invoer, categorie_sleutel="code")
        try:
            if not form.is_valid():
                raise formulierfouten(form)
            signaal = services.signaal_melden(door=request.user, **form.service_velden())
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            raise exceptions.ValidationError(_meldingen(exc)) from exc
        self.audit_aantal = 1
        signaal = leesbare_signalen(toegang, vandaag=timezone.localdate()).get(pk=signaal.pk)
        return Response(
            signaal_rij(signaal, partner=False, melder_zien=mag_melder_zien(toegang), vandaag=timezone.localdate()),
            status=status.HTTP_201_CREATED,
        )


def _meldingen(exc: ValidationError) -> dict:
    """The form's and the service's messages per API field (the form's fields are the API's; form-wide: detail)."""
    namen = {"__all__": "detail"}
    if not hasattr(exc, "error_dict"):
        return {"detail": " ".join(exc.messages)}
    return {namen.get(veld, veld): lijst for veld, lijst in exc.message_dict.items()}


class SignaalView(ApiView):
    pagination_class = None

    @extend_schema(
        tags=["signalen"],
        summary="Eén signaal, met historie en escalaties",
        description="Een signaal dat u niet mag zien (voor een partner: niet aan de eigen organisatie doorgezet) "
        "geeft 404, net als een onbekend nummer.",
        parameters=[SIGNAAL_ID],
        responses={200: SignaalDetailSerializer, **fouten(401, 403, 404, 429)},
    )
    def get(self, request, signaal_id: str):
        lees_parameters(request, serializers.Serializer, extra={"format"})
        toegang = self.toegang()
        kan_lezen(toegang)
        pk = lees_id(signaal_id)
        vandaag = timezone.localdate()
        signaal = leesbare_signalen(toegang, vandaag=vandaag).filter(pk=pk).first() if pk else None
        if signaal is None:
            raise exceptions.NotFound(f"Er is geen signaal met nummer {signaal_id[:20]} dat u mag zien.")
        historie = Historie.objects.filter(signaal=signaal)
        if toegang.is_partner:
            historie = historie.filter(escalaties_filter(toegang, prefix="escalatie__"))
        rij = signaal_rij(signaal, partner=toegang.is_partner, melder_zien=mag_melder_zien(toegang), vandaag=vandaag)
        rij["historie"] = [historie_rij(h) for h in historie.order_by("tijdstip", "id")]
        return Response(rij)


class SignaalAggregatenView(ApiView):
    @extend_schema(
        tags=["signalen"],
        summary="Aantallen signalen per gebied, maand en hoofdcategorie",
        description="Voor medewerkers van de gemeente (dezelfde regel als de pagina /signalen/cijfers/ en de "
        "gepubliceerde signaalindicatoren: een partner ziet alleen de signalen die naar hem zijn doorgezet). "
        "Geteld zoals op de dashboards: een groep duplicaten "
        "telt één keer, geannuleerde signalen tellen niet; de maand is die van het voorval. `synthetisch` zegt "
        "hoeveel van de signalen in een rij synthetische demo-data zijn. Alleen rijen met signalen.",
        parameters=[AggregaatParameters],
        responses={200: AggregaatSerializer(many=True), **fouten(400, 401, 403, 429)},
    )
    def get(self, request):
        p = lees_parameters(request, AggregaatParameters)
        if not mag_signaalcijfers_zien(self.toegang()):
            raise exceptions.PermissionDenied("Signaalcijfers over alle signalen zijn er alleen voor medewerkers.")
        qs = Signaal.objects.per_maand(met_synthetisch=p["synthetisch"])  # the monthly aggregate
        if "gebied" in p:
            gezocht = {c.upper() for c in p["gebied"]}
            gevonden = list(Gebied.objects.filter(code__in=gezocht).values_list("code", "id", "niveau"))
            if onbekend := gezocht - {c for c, _, _ in gevonden}:
                lijst = ", ".join(f"'{c}'" for c in sorted(onbekend))
                raise exceptions.ValidationError({"gebied": [f"onbekende gebiedscode(s): {lijst}."]})
            voorwaarde = Q(pk__in=[])
            for _, gebied_id, niveau in gevonden:
                voorwaarde |= binnen(gebied_id, niveau)
            qs = qs.filter(voorwaarde)
        if "categorie" in p:
            bekend = set(
                Categorie.objects.filter(code__in=p["categorie"], hoofdcategorie__isnull=True).values_list(
                    "code", flat=True
                )
            )
            if onbekend := set(p["categorie"]) - bekend:
                lijst = ", ".join(f"'{c}'" for c in sorted(onbekend))
                raise exceptions.ValidationError({"categorie": [f"onbekende hoofdcategorie(ën): {lijst}."]})
        rijen = qs.per_gebied(
            niveau=p["niveau"],
            maand_van=p.get("maand_van"),
            maand_tot=p.get("maand_tot"),
            categorieen=p.get("categorie"),
        )
        pagina = self.paginate_queryset(rijen)
        return self.get_paginated_response(pagina)


def schema_strikte_invoer(result, generator, request, public):
    """drf-spectacular post-processing hook: POST /api/v1/signalen/ refuses fields it does not know (a
    misspelt field would otherwise be dropped silently), so the schema says so: additionalProperties false."""
    invoer = result.get("components", {}).get("schemas", {}).get("SignaalInvoerRequest")
    if invoer is not None:
        invoer["additionalProperties"] = False
    return result
