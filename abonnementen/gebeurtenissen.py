"""What happened in a period, read from the apps that own it (nothing is written there).

`gebeurtenissen(van, tot)` returns every event of [van, tot) once, as plain `Item`s: a fixed number of
queries per period (history rows, escalations and signals that went past their due date, agenda results,
new values), however many subscribers there are. Who gets which item is decided afterwards by the plain
functions of `selectie.py`.

Items never carry a reporter's personal data: a signal is named by number, category and buurt.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max
from django.utils import timezone

from .models import Soort


@dataclass(frozen=True)
class Item:
    sleutel: str  # stable identity: the same event has the same key in every run
    soort: str
    tijdstip: datetime
    wijk_id: int
    wijk_naam: str
    titel: str
    pad: str  # link into the portal
    buurt_id: int | None = None
    categorie_id: int | None = None  # the signal's main category
    partner_id: int | None = None  # the organisation the event concerns (escalations, agenda actions)
    dataset: tuple[str, int | None] | None = None  # (zichtbaarheid, eigenaar_id) for new figures
    alleen_medewerkers: bool = False
    openbaar_pad: str = ""  # the link for a resident (public pages), when there is one


def middernacht(dag: date) -> datetime:
    """00:00 local time (Europe/Amsterdam) of a day, as an aware datetime (DST-correct)."""
    return timezone.make_aware(datetime.combine(dag, time.min))


def signaalnaam(signaal) -> str:
    naam = f"Signaal #{signaal.pk}: {signaal.categorie}"
    if signaal.buurt_id:
        naam += f" in {signaal.buurt.weergavenaam}"
    if signaal.synthetisch:
        naam += " (synthetisch)"
    return naam


def signaal_velden(signaal) -> dict:
    return {
        "wijk_id": signaal.wijk_id,
        "wijk_naam": signaal.wijk.weergavenaam,
        "buurt_id": signaal.buurt_id,
        "categorie_id": signaal.categorie.hoofd_id,
        "pad": f"/signalen/{signaal.pk}/",
    }


def _historie(van: datetime, tot: datetime) -> list[Item]:
    from signalen.models import EscalatieStatus, Historie, Status

    rijen = (
        Historie.objects.filter(tijdstip__gte=van, tijdstip__lt=tot, soort__in=[Historie.Soort.STATUS, "escalatie"])
        .select_related("signaal__wijk", "signaal__buurt", "signaal__categorie__hoofdcategorie", "escalatie__partner")
        .order_by("tijdstip", "id")
    )
    items = []
    for h in rijen:
        s = h.signaal
        basis = {"sleutel": f"historie:{h.pk}", "tijdstip": h.tijdstip, **signaal_velden(s)}
        if h.soort == Historie.Soort.STATUS and not h.van:
            items.append(Item(soort=Soort.NIEUW_SIGNAAL, titel=f"Nieuw: {signaalnaam(s)}", **basis))
        elif h.soort == Historie.Soort.STATUS:
            overgang = f"{Status(h.van).label.lower()} → {Status(h.naar).label.lower()}"
            items.append(Item(soort=Soort.STATUS, titel=f"{signaalnaam(s)}: {overgang}", **basis))
        elif h.escalatie_id and not h.van:
            esc = h.escalatie
            items.append(
                Item(
                    soort=Soort.ESCALATIE,
                    partner_id=esc.partner_id,
                    titel=f"{signaalnaam(s)}: doorgezet naar {esc.partner.naam}, uiterlijk {esc.streefdatum:%d-%m-%Y}",
                    **basis,
                )
            )
        elif h.escalatie_id:
            esc = h.escalatie
            overgang = f"{EscalatieStatus(h.van).label.lower()} → {EscalatieStatus(h.naar).label.lower()}"
            items.append(
                Item(
                    soort=Soort.STATUS,
                    partner_id=esc.partner_id,
                    titel=f"{signaalnaam(s)}: escalatie bij {esc.partner.naam} {overgang}",
                    **basis,
                )
            )
    return items


def _te_laat(van: datetime, tot: datetime) -> list[Item]:
    """Signals and escalations, still open, that went past their due date in the period: overdue from the
    first day after the due date, at 00:00 local time."""
    from signalen.models import ESCALATIE_OPEN, OPEN, Escalatie, Signaal

    eerste = timezone.localdate(van) - timedelta(days=1)
    laatste = timezone.localdate(tot - timedelta(microseconds=1)) - timedelta(days=1)
    items = []
    escalaties = (
        Escalatie.objects.filter(status__in=ESCALATIE_OPEN, streefdatum__gte=eerste, streefdatum__lte=laatste)
        .select_related("partner", "signaal__wijk", "signaal__buurt", "signaal__categorie__hoofdcategorie")
        .order_by("streefdatum", "id")
    )
    for esc in escalaties:
        moment = middernacht(esc.streefdatum + timedelta(days=1))
        if van <= moment < tot:
            items.append(
                Item(
                    sleutel=f"te-laat:escalatie:{esc.pk}:{esc.streefdatum:%Y-%m-%d}",
                    soort=Soort.TE_LAAT,
                    tijdstip=moment,
                    partner_id=esc.partner_id,
                    titel=f"Te laat bij {esc.partner.naam}: {signaalnaam(esc.signaal)} "
                    f"(streefdatum {esc.streefdatum:%d-%m-%Y})",
                    **signaal_velden(esc.signaal),
                )
            )
    signalen = (
        Signaal.objects.filter(status__in=OPEN, streefdatum__gte=eerste, streefdatum__lte=laatste)
        .select_related("wijk", "buurt", "categorie__hoofdcategorie")
        .order_by("streefdatum", "id")
    )
    for s in signalen:
        moment = middernacht(s.streefdatum + timedelta(days=1))
        if van <= moment < tot:
            items.append(
                Item(
                    sleutel=f"te-laat:signaal:{s.pk}:{s.streefdatum:%Y-%m-%d}",
                    soort=Soort.TE_LAAT,
                    tijdstip=moment,
                    titel=f"Over de afhandeltermijn: {signaalnaam(s)} (streefdatum {s.streefdatum:%d-%m-%Y})",
                    **signaal_velden(s),
                )
            )
    return items


def _agenda(van: datetime, tot: datetime) -> list[Item]:
    """Results on the wijkagenda: actions completed in the period, reviews held in it."""
    from wijkagenda.models import Actie, ActieStatus, Bespreking

    items = []
    acties = Actie.objects.filter(
        status=ActieStatus.AFGEROND, bijgewerkt_op__gte=van, bijgewerkt_op__lt=tot
    ).select_related("opgave__wijk", "eigenaar")
    for a in acties:
        wijk = a.opgave.wijk
        items.append(
            Item(
                sleutel=f"agenda:actie:{a.pk}:afgerond",
                soort=Soort.AGENDA,
                tijdstip=a.bijgewerkt_op,
                wijk_id=wijk.pk,
                wijk_naam=wijk.weergavenaam,
                partner_id=a.eigenaar_id,
                titel=f"Actie afgerond ({a.eigenaar.naam}): {a.omschrijving}",
                pad=f"/gebied/{wijk.code}/agenda/",
            )
        )
    dagen = (timezone.localdate(van), timezone.localdate(tot - timedelta(microseconds=1)))
    for b in Bespreking.objects.filter(datum__gte=dagen[0], datum__lte=dagen[1]).select_related("wijk"):
        moment = middernacht(b.datum)
        if van <= moment < tot:
            items.append(
                Item(
                    sleutel=f"agenda:bespreking:{b.pk}",
                    soort=Soort.AGENDA,
                    tijdstip=moment,
                    wijk_id=b.wijk_id,
                    wijk_naam=b.wijk.weergavenaam,
                    alleen_medewerkers=True,
                    titel=f"Wijkagenda besproken op {b.datum:%d-%m-%Y}",
                    pad=f"/gebied/{b.wijk.code}/agenda/",
                )
            )
    return items


def _edities(van: datetime, tot: datetime) -> list[Item]:
    """New or changed figures for a wijk or its buurten, one item per wijk and dataset (the signal counts,
    republished every night, are left out: they are news on their own)."""
    from indicatoren.models import Waarde
    from signalen.publicatie import DATASET as SIGNALEN_DATASET
    from wijken.models import Gebied, Niveau

    rijen = (
        Waarde.objects.filter(
            bijgewerkt_op__gte=van, bijgewerkt_op__lt=tot, gebied__niveau__in=[Niveau.WIJK, Niveau.BUURT]
        )
        .exclude(indicator__dataset__code=SIGNALEN_DATASET)
        .values(
            "indicator__dataset_id",
            "indicator__dataset__naam",
            "indicator__dataset__zichtbaarheid",
            "indicator__dataset__eigenaar_id",
            "gebied__niveau",
            "gebied_id",
            "gebied__ouder_id",
        )
        .annotate(n=Count("id"), laatst=Max("bijgewerkt_op"))
        .order_by()
    )
    per: dict[tuple[int, int], dict] = {}
    for r in rijen:
        wijk_id = r["gebied_id"] if r["gebied__niveau"] == Niveau.WIJK else r["gebied__ouder_id"]
        sleutel = (wijk_id, r["indicator__dataset_id"])
        d = per.setdefault(sleutel, {**r, "n": 0, "laatst": r["laatst"]})
        d["n"] += r["n"]
        d["laatst"] = max(d["laatst"], r["laatst"])
    wijken = Gebied.objects.in_bulk({w for w, _ in per}, field_name="id") if per else {}
    items = []
    for (wijk_id, dataset_id), d in per.items():
        wijk = wijken.get(wijk_id)
        if wijk is None or wijk.niveau != Niveau.WIJK:
            continue
        items.append(
            Item(
                sleutel=f"editie:{dataset_id}:{wijk_id}:{timezone.localdate(d['laatst']):%Y-%m-%d}",
                soort=Soort.EDITIE,
                tijdstip=d["laatst"],
                wijk_id=wijk_id,
                wijk_naam=wijk.weergavenaam,
                dataset=(d["indicator__dataset__zichtbaarheid"], d["indicator__dataset__eigenaar_id"]),
                titel=f"Nieuwe cijfers: {d['indicator__dataset__naam']} ({d['n']} waarden voor {wijk.weergavenaam})",
                pad=f"/gebied/{wijk.code}/",
                openbaar_pad=f"/openbaar/gebied/{wijk.code}/",
            )
        )
    return items


def gebeurtenissen(*, van: datetime, tot: datetime, soorten=None) -> list[Item]:
    """Every event of [van, tot), newest first."""
    soorten = set(soorten or Soort.values)
    items: list[Item] = []
    if soorten & {Soort.NIEUW_SIGNAAL, Soort.STATUS, Soort.ESCALATIE}:
        items += _historie(van, tot)
    if Soort.TE_LAAT in soorten:
        items += _te_laat(van, tot)
    if Soort.AGENDA in soorten:
        items += _agenda(van, tot)
    if Soort.EDITIE in soorten:
        items += _edities(van, tot)
    return sorted((i for i in items if i.soort in soorten), key=lambda i: (i.tijdstip, i.sleutel), reverse=True)
