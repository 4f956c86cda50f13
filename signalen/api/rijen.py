"""Rows as the API delivers them, the signals a caller may read, and the filters of the list."""

from django.db.models import Prefetch, Q
from rest_framework import exceptions, serializers

from wijken import codes
from wijken.models import Gebied

from ..models import Categorie, Escalatie, Historie, Signaal
from ..regels import escalaties_filter, mag_signalen_zien


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


def leesbare_signalen(toegang, *, vandaag):
    """The signals this caller may read, with everything a row needs: the page and one query for escalations."""
    esc = Escalatie.objects.filter(escalaties_filter(toegang)).select_related("partner").order_by("aangemaakt_op", "id")
    return (
        Signaal.objects.zichtbaar_voor(toegang)
        .met_lijstgegevens(vandaag=vandaag)
        .select_related("gemeld_door")
        .prefetch_related(Prefetch("escalaties", queryset=esc, to_attr="api_escalaties"))
    )


def kan_lezen(toegang) -> None:
    if not mag_signalen_zien(toegang):
        raise exceptions.PermissionDenied("Uw account heeft geen toegang tot signalen.")


def categorie_filter(code: str) -> Q:
    categorie = Categorie.objects.filter(code=code).values_list("id", "hoofdcategorie_id").first()
    if categorie is None:
        raise exceptions.ValidationError({"categorie": [f"onbekende categorie: '{code}'."]})
    pk, hoofd = categorie
    return Q(categorie_id=pk) if hoofd else Q(categorie_id=pk) | Q(categorie__hoofdcategorie_id=pk)


def gebied_filter(code: str) -> Q:
    gebied = Gebied.objects.filter(code=code.upper()).values_list("id", "niveau").first()
    if gebied is None:
        raise exceptions.ValidationError({"gebied": [f"onbekende gebiedscode: '{code}'."]})
    return binnen(*gebied)


def binnen(gebied_id: int, niveau: str) -> Q:
    if niveau == codes.BUURT:
        return Q(buurt_id=gebied_id)
    if niveau == codes.WIJK:
        return Q(wijk_id=gebied_id)
    if niveau == codes.GEMEENTE:
        return Q(wijk__ouder_id=gebied_id)
    return Q(wijk__ouder__ouder_id=gebied_id)  # a land: its gemeenten's wijken
