"""REST API v1 for signals: the list and detail (who sees what: signalen.regels, as on the pages), logging a
signal through the same form and service as the page, and counts per area, month and category.

- medewerkers read all signals; a reporter's name and contact details only with `mag_melder_zien`;
- a partner reads only the signals escalated to its own organisation, with only its own escalations,
  through a separate serializer that has no personal-data fields at all;
- logging (POST) is for stadsdeelregisseurs (in their portfolio) and beheerders: the page's form
  (`signalen.forms.MeldFormulier`) validates the body and `signalen.services.signaal_melden` the place and the
  row; their Dutch messages come back per field in a 400; nothing is written on any error;
- aggregates: any logged-in account with a role; counted with the dashboard rules (a duplicate group once,
  cancelled signals not) and with the number of synthetic (demo) signals in every row.

Queries are fixed per request (tests/signalen/test_api.py): authentication, at most one per code filter,
a count and the page (with category, wijk and buurt joined), one for the escalations of the page, the audit row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from api.fouten import fouten
from api.parameters import GEBIED_PATROON, SLUG_PATROON, CodeLijst, CodeVeld, id_parameter, lees_id, lees_parameters
from api.views import ApiView
from wijken import codes
from wijken.models import Gebied

from . import services
from .forms import MeldFormulier, formulierfouten
from .models import GESLOTEN, OPEN, Bron, Categorie, Escalatie, EscalatieStatus, Historie, Signaal, Status
from .regels import (
    escalaties_filter,
    mag_melder_zien,
    mag_signaalcijfers_zien,
    mag_signalen_melden,
    mag_signalen_zien,
)

# Choice lists by name, so the OpenAPI enums get their own names (SPECTACULAR_SETTINGS ENUM_NAME_OVERRIDES).
STATUSSEN = Status.values
ESCALATIESTATUSSEN = EscalatieStatus.values
HISTORIESOORTEN = Historie.Soort.values
BRONNEN = Bron.values
MAAND_PATROON = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"
SIGNAAL_ID = id_parameter("signaal_id", "Het nummer van het signaal")


# --- parameters -------------------------------------------------------------------------------------------


class SignaalParameters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["open", "gesloten", *Status.values],
        required=False,
        help_text="Een status, of `open` / `gesloten` voor alle open of gesloten signalen.",
    )
    categorie = CodeVeld(
        SLUG_PATROON,
        "categoriecode",
        required=False,
        help_text="Code van een categorie; een hoofdcategorie omvat haar subcategorieën.",
    )
    gebied = CodeVeld(
        GEBIED_PATROON,
        "gebiedscode",
        required=False,
        help_text="Alleen signalen in dit gebied: de gemeente, een wijk of een buurt.",
    )
    bron = serializers.ChoiceField(choices=BRONNEN, required=False)
    te_laat = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: alleen open signalen over hun streefdatum of met een escalatie over de streefdatum.",
    )
    van = serializers.DateField(required=False, help_text="Datum van het voorval vanaf (JJJJ-MM-DD).")
    tot = serializers.DateField(required=False, help_text="Datum van het voorval tot en met (JJJJ-MM-DD).")
    synthetisch = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="false: alleen echte signalen; true: alleen synthetische demo-signalen; weglaten: beide.",
    )


class AggregaatParameters(serializers.Serializer):
    niveau = serializers.ChoiceField(
        choices=[codes.GEMEENTE, codes.WIJK, codes.BUURT],
        required=False,
        default=codes.WIJK,
        help_text="Per gemeente, wijk (standaard) of buurt. Per buurt tellen signalen over een hele wijk niet mee.",
    )
    gebied = CodeLijst(
        GEBIED_PATROON,
        "gebiedscode",
        help_text="Alleen signalen in deze gebieden (gemeente, wijk of buurt), gescheiden door komma's.",
    )
    maand_van = CodeVeld(MAAND_PATROON, "maand (JJJJ-MM)", required=False, help_text="Vanaf deze maand (JJJJ-MM).")
    maand_tot = CodeVeld(MAAND_PATROON, "maand (JJJJ-MM)", required=False, help_text="Tot en met deze maand.")
    categorie = CodeLijst(
        SLUG_PATROON, "categoriecode", help_text="Eén of meer hoofdcategorieën (code), gescheiden door komma's."
    )
    synthetisch = serializers.BooleanField(
        required=False, default=True, help_text="false: synthetische demo-signalen niet meetellen (standaard: wel)."
    )


# --- responses ----------------------------------------------------------------------------------------------


class CategorieSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    hoofdcategorie = serializers.CharField(allow_null=True, help_text="Code van de hoofdcategorie (leeg: zelf hoofd)")


class EscalatieSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partner = serializers.CharField(help_text="Code van de organisatie")
    gevraagde_actie = serializers.CharField()
    werkdagen = serializers.IntegerField(help_text="Termijn in werkdagen (zonder weekend en feestdagen)")
    streefdatum = serializers.DateField()
    te_laat = serializers.BooleanField(help_text="Open en over de streefdatum")
    referentie_partner = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=ESCALATIESTATUSSEN)
    aangemaakt_op = serializers.DateTimeField()
    afgerond_op = serializers.DateTimeField(allow_null=True)


class SignaalPartnerSerializer(serializers.Serializer):
    """What a partner sees of a signal escalated to it: never the reporter, never who logged it."""

    id = serializers.IntegerField()
    omschrijving = serializers.CharField()
    categorie = CategorieSerializer()
    bron = serializers.ChoiceField(choices=BRONNEN)
    aantal_bewoners = serializers.IntegerField()
    datum_voorval = serializers.DateField()
    adres = serializers.CharField(allow_blank=True, help_text="Adres of plek van het probleem (niet van de melder)")
    lon = serializers.FloatField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    wijk = serializers.CharField(help_text="CBS-code van de wijk")
    buurt = serializers.CharField(allow_null=True, help_text="CBS-code van de buurt (leeg: over de hele wijk)")
    grens_jaar = serializers.IntegerField(allow_null=True, help_text="Jaar van de buurtgrenzen van de indeling")
    status = serializers.ChoiceField(choices=STATUSSEN)
    streefdatum = serializers.DateField()
    te_laat = serializers.BooleanField()
    gemeld_op = serializers.DateTimeField()
    afgesloten_op = serializers.DateTimeField(allow_null=True)
    synthetisch = serializers.BooleanField(help_text="Gegenereerde demo-data, geen echte melding")
    escalaties = EscalatieSerializer(many=True, help_text="Voor een partner alleen die naar de eigen organisatie")


class MelderSerializer(serializers.Serializer):
    naam = serializers.CharField(allow_blank=True)
    telefoon = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class SignaalSerializer(SignaalPartnerSerializer):
    """A medewerker's view: also the workflow version, the duplicate group, who logged it and (only with the
    permission for personal data) the reporter."""

    # Not required in the schema: one documented shape for both roles; a partner's rows never have these keys.
    versie = serializers.IntegerField(required=False, help_text="Verhoogd bij elke wijziging (niet voor partners)")
    duplicaat_van = serializers.IntegerField(required=False, allow_null=True, help_text="Niet voor partners")
    aantal_duplicaten = serializers.IntegerField(
        required=False, help_text="Signalen gekoppeld als duplicaat van dit signaal (niet voor partners)"
    )
    bewoners_groep = serializers.IntegerField(
        required=False, help_text="Bewoners van dit signaal en zijn duplicaten samen (niet voor partners)"
    )
    gemeld_door = serializers.CharField(required=False, allow_null=True, help_text="Niet voor partners")
    melder = MelderSerializer(
        required=False,
        allow_null=True,
        help_text="Naam en contact van de melder: null als niet vastgelegd, verwijderd na de bewaartermijn, of "
        "als u geen persoonsgegevens mag zien; partners krijgen dit veld nooit",
    )


class HistorieSerializer(serializers.Serializer):
    tijdstip = serializers.DateTimeField()
    door = serializers.CharField()
    soort = serializers.ChoiceField(choices=HISTORIESOORTEN)
    escalatie = serializers.IntegerField(allow_null=True)
    van = serializers.CharField(allow_blank=True)
    naar = serializers.CharField(allow_blank=True)
    notitie = serializers.CharField(allow_blank=True)


class SignaalDetailSerializer(SignaalSerializer):
    historie = HistorieSerializer(many=True)


class SignaalInvoerSerializer(serializers.Serializer):
    """The input of POST /api/v1/signalen/ for the schema only: the body is validated by the page's form
    (`signalen.forms.MeldFormulier`, one validation path), so the messages are the page's."""

    omschrijving = serializers.CharField(max_length=5000)
    categorie = serializers.CharField(help_text="Code van de categorie, bijv. afval-naast-container")
    bron = serializers.ChoiceField(choices=BRONNEN)
    aantal_bewoners = serializers.IntegerField(required=False, default=1, min_value=1, max_value=10_000)
    datum_voorval = serializers.DateField(help_text="Niet in de toekomst")
    adres = serializers.CharField(required=False, allow_blank=True, max_length=200)
    lon = serializers.FloatField(required=False, allow_null=True, help_text="WGS84; samen met lat")
    lat = serializers.FloatField(required=False, allow_null=True, help_text="WGS84; samen met lon")
    wijk = serializers.CharField(
        required=False, allow_blank=True, help_text="Wijkcode als het signaal over de hele wijk gaat (zonder punt)"
    )
    melder_naam = serializers.CharField(required=False, allow_blank=True, max_length=150)
    melder_telefoon = serializers.CharField(required=False, allow_blank=True, max_length=30)
    melder_email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    duplicaat_van = serializers.IntegerField(required=False, allow_null=True, help_text="Nummer van het hoofdsignaal")


class AggregaatSerializer(serializers.Serializer):
    gebied = serializers.CharField(help_text="CBS-code van de gemeente, wijk of buurt")
    maand = serializers.CharField(help_text="Maand van het voorval, JJJJ-MM")
    categorie = serializers.CharField(help_text="Code van de hoofdcategorie")
    aantal = serializers.IntegerField(help_text="Signalen (een groep duplicaten telt één keer; geannuleerd niet)")
    synthetisch = serializers.IntegerField(help_text="Waarvan synthetische demo-signalen (geen echte meldingen)")


# --- rows ---------------------------------------------------------------------------------------------------


def _tijd(waarde):
    return serializers.DateTimeField().to_representation(waarde) if waarde else None


def escalatie_rij(e: Escalatie, vandaag) -> dict:
    return {
        "id": e.id,
        "partner": e.partner.code,
        "gevraagde_actie": e.gevraagde_actie,
        "werkdagen": e.werkdagen,
        "streefdatum": e.streefdatum.isoformat(),
        "te_laat": e.is_te_laat(vandaag),
        "referentie_partner": e.referentie_partner,
        "status": e.status,
        "aangemaakt_op": _tijd(e.aangemaakt_op),
        "afgerond_op": _tijd(e.afgerond_op),
    }


def signaal_rij(s: Signaal, *, partner: bool, melder_zien: bool, vandaag) -> dict:
    """A signal as the API delivers it; a partner's row has no personal-data keys at all."""
    cat = s.categorie
    escalaties = [escalatie_rij(e, vandaag) for e in s.api_escalaties]
    te_laat = s.is_te_laat(vandaag) or any(e["te_laat"] for e in escalaties)
    rij = {
        "id": s.id,
        "omschrijving": s.omschrijving,
        "categorie": {
            "code": cat.code,
            "naam": cat.naam,
            "hoofdcategorie": cat.hoofdcategorie.code if cat.hoofdcategorie is not None else None,
        },
        "bron": s.bron,
        "aantal_bewoners": s.aantal_bewoners,
        "datum_voorval": s.datum_voorval.isoformat(),
        "adres": s.adres,
        "lon": s.lon,
        "lat": s.lat,
        "wijk": s.wijk.code,
        "buurt": s.buurt.code if s.buurt is not None else None,
        "grens_jaar": s.grens_jaar,
        "status": s.status,
        "streefdatum": s.streefdatum.isoformat(),
        "te_laat": te_laat,
        "gemeld_op": _tijd(s.gemeld_op),
        "afgesloten_op": _tijd(s.afgesloten_op),
        "synthetisch": s.synthetisch,
        "escalaties": escalaties,
    }
    if partner:
        return rij
    melder = None
    if melder_zien and s.heeft_persoonsgegevens:
        melder = {"naam": s.melder_naam, "telefoon": s.melder_telefoon, "email": s.melder_email}
    rij.update(
        {
            "versie": s.versie,
            "duplicaat_van": s.duplicaat_van_id,
            "aantal_duplicaten": s.aantal_duplicaten,
            "bewoners_groep": s.bewoners_groep,
            "gemeld_door": s.gemeld_door.get_username() if s.gemeld_door is not None else None,
            "melder": melder,
        }
    )
    return rij


def historie_rij(h: Historie) -> dict:
    return {
        "tijdstip": _tijd(h.tijdstip),
        "door": h.door_naam,
        "soort": h.soort,
        "escalatie": h.escalatie_id,
        "van": h.van,
        "naar": h.naar,
        "notitie": h.notitie,
    }


def _signalen(toegang, *, vandaag):
    """The signals this caller may read, with everything a row needs: the page and one query for escalations."""
    esc = Escalatie.objects.filter(escalaties_filter(toegang)).select_related("partner").order_by("aangemaakt_op", "id")
    return (
        Signaal.objects.zichtbaar_voor(toegang)
        .met_lijstgegevens(vandaag=vandaag)
        .select_related("gemeld_door")
        .prefetch_related(Prefetch("escalaties", queryset=esc, to_attr="api_escalaties"))
    )


def _kan_lezen(toegang) -> None:
    if not mag_signalen_zien(toegang):
        raise exceptions.PermissionDenied("Uw account heeft geen toegang tot signalen.")


def _categorie_filter(code: str) -> Q:
    categorie = Categorie.objects.filter(code=code).values_list("id", "hoofdcategorie_id").first()
    if categorie is None:
        raise exceptions.ValidationError({"categorie": [f"onbekende categorie: '{code}'."]})
    pk, hoofd = categorie
    return Q(categorie_id=pk) if hoofd else Q(categorie_id=pk) | Q(categorie__hoofdcategorie_id=pk)


def _gebied_filter(code: str) -> Q:
    gebied = Gebied.objects.filter(code=code.upper()).values_list("id", "niveau").first()
    if gebied is None:
        raise exceptions.ValidationError({"gebied": [f"onbekende gebiedscode: '{code}'."]})
    return _binnen(*gebied)


def _binnen(gebied_id: int, niveau: str) -> Q:
    if niveau == codes.BUURT:
        return Q(buurt_id=gebied_id)
    if niveau == codes.WIJK:
        return Q(wijk_id=gebied_id)
    if niveau == codes.GEMEENTE:
        return Q(wijk__ouder_id=gebied_id)
    return Q(wijk__ouder__ouder_id=gebied_id)  # a land: its gemeenten's wijken


# --- views --------------------------------------------------------------------------------------------------


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
        _kan_lezen(toegang)
        vandaag = timezone.localdate()
        qs = _signalen(toegang, vandaag=vandaag)
        if "status" in p:
            qs = qs.filter(status__in={"open": OPEN, "gesloten": GESLOTEN}.get(p["status"], [p["status"]]))
        if "categorie" in p:
            qs = qs.filter(_categorie_filter(p["categorie"]))
        if "gebied" in p:
            qs = qs.filter(_gebied_filter(p["gebied"]))
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
        signaal = _signalen(toegang, vandaag=timezone.localdate()).get(pk=signaal.pk)
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
        _kan_lezen(toegang)
        pk = lees_id(signaal_id)
        vandaag = timezone.localdate()
        signaal = _signalen(toegang, vandaag=vandaag).filter(pk=pk).first() if pk else None
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
        qs = services.signaaltellingen(met_synthetisch=p["synthetisch"])  # the monthly aggregate
        if "gebied" in p:
            gezocht = {c.upper() for c in p["gebied"]}
            gevonden = list(Gebied.objects.filter(code__in=gezocht).values_list("code", "id", "niveau"))
            if onbekend := gezocht - {c for c, _, _ in gevonden}:
                lijst = ", ".join(f"'{c}'" for c in sorted(onbekend))
                raise exceptions.ValidationError({"gebied": [f"onbekende gebiedscode(s): {lijst}."]})
            voorwaarde = Q(pk__in=[])
            for _, gebied_id, niveau in gevonden:
                voorwaarde |= _binnen(gebied_id, niveau)
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
        rijen = services.aantallen_per_gebied(
            qs,
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
