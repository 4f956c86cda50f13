"""Signals as Open311 service requests: the one query behind a list, and one row per request.

Who sees what (toegang.regels, as on the pages and in /api/v1/):
- everyone (also without a key): service, status, times, the responsible agency, the wijk and buurt, and the
  point, rounded to 3 decimals (about 100 m) for anonymous clients;
- the description and the address text only where the caller may read the signal itself: medewerkers all,
  a partner those escalated to its own organisation;
- a reporter's name, e-mail or phone: never, for no role (there is no field for them).
"""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from signalen.models import ESCALATIE_OPEN, OPEN, Escalatie, Historie, Signaal, Status
from toegang.regels import Toegang

MAX_VERZOEKEN = 1000  # the specification's default upper limit of one answer
STANDAARD_DAGEN = 90  # without dates: the last 90 days; a range may not span more
ANONIEM_DECIMALEN = 3


class VerzoekAnnotaties(TypedDict):
    """What verzoeken() annotates on each signal."""

    bijgewerkt_op: datetime | None
    agentschap: str | None
    escalatie_streefdatum: date | None
    mag_details: bool


if TYPE_CHECKING:  # the installed django_stubs_ext's runtime WithAnnotations takes other parameters
    from django_stubs_ext import WithAnnotations

    Verzoek = WithAnnotations[Signaal, VerzoekAnnotaties]


def tijd(waarde: datetime | None) -> str | None:
    """ISO 8601 with the offset, as the specification requires (e.g. 2026-11-30T09:15:00+01:00)."""
    return timezone.localtime(waarde).isoformat(timespec="seconds") if waarde else None


def _dag_einde(dag: date | None) -> str | None:
    if dag is None:
        return None
    return tijd(timezone.make_aware(datetime.combine(dag, time(23, 59, 59))))


def verzoeken(toegang: Toegang) -> "QuerySet[Verzoek]":
    """All signals with what a row needs, in one query: category (and its main category), wijk, buurt, the
    last history time, the agency of the open (else the latest) escalation and its due date, and whether
    this caller may read the description."""
    escalaties = Escalatie.objects.filter(signaal=OuterRef("pk")).annotate(
        open_eerst=Case(
            When(status__in=ESCALATIE_OPEN, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )
    verantwoordelijk = escalaties.order_by("-open_eerst", "-aangemaakt_op", "-id")
    laatst = Historie.objects.filter(signaal=OuterRef("pk")).order_by("-tijdstip", "-id").values("tijdstip")[:1]
    details: Value | Exists
    if toegang.is_medewerker:
        details = Value(True, output_field=BooleanField())
    elif toegang.is_partner and toegang.organisatie_id is not None:
        details = Exists(Escalatie.objects.filter(signaal=OuterRef("pk"), partner_id=toegang.organisatie_id))
    else:
        details = Value(False, output_field=BooleanField())
    return Signaal.objects.select_related("categorie", "categorie__hoofdcategorie", "wijk", "buurt").annotate(
        bijgewerkt_op=Subquery(laatst),
        agentschap=Subquery(verantwoordelijk.values("partner__naam")[:1]),
        escalatie_streefdatum=Subquery(
            escalaties.filter(status__in=ESCALATIE_OPEN).order_by("-aangemaakt_op", "-id").values("streefdatum")[:1]
        ),
        mag_details=details,
    )


def open_of_gesloten(status: str) -> str:
    return "open" if status in OPEN else "closed"


def status_filter(statussen: set[str]) -> Q:
    if statussen == {"open"}:
        return Q(status__in=OPEN)
    if statussen == {"closed"}:
        return ~Q(status__in=OPEN)
    return Q()


def verzoek_rij(s: "Verzoek", *, anoniem: bool) -> dict[str, Any]:
    """One service request with the specification's fields, in its order, and our extended attributes."""
    details = bool(s.mag_details)
    lat, lon = s.lat, s.lon
    if anoniem and lat is not None and lon is not None:  # both or neither (signaal_lon_lat_samen)
        lat, lon = round(lat, ANONIEM_DECIMALEN), round(lon, ANONIEM_DECIMALEN)
    verwacht = (
        s.escalatie_streefdatum if s.escalatie_streefdatum and s.is_open else (s.streefdatum if s.is_open else None)
    )
    return {
        "service_request_id": str(s.pk),
        "status": open_of_gesloten(s.status),
        "status_notes": Status(s.status).label,
        "service_name": s.categorie.naam,
        "service_code": s.categorie.code,
        "description": s.omschrijving if details else None,
        "agency_responsible": s.agentschap or settings.OPEN311_AGENTSCHAP,
        "service_notice": None,
        "requested_datetime": tijd(s.gemeld_op),
        "updated_datetime": tijd(s.bijgewerkt_op or s.gemeld_op),
        "expected_datetime": _dag_einde(verwacht),
        "address": (s.adres or None) if details else None,
        "address_id": None,
        "zipcode": None,
        "lat": lat,
        "long": lon,
        "media_url": None,
        "extended_attributes": {
            "wijk": s.wijk.code,
            "buurt": s.buurt.code if s.buurt is not None else None,
            "grens_jaar": s.grens_jaar,
            "synthetisch": s.synthetisch,
        },
    }
