"""Sending: the digests (daily, weekly), immediate notifications and the reminders.

One mail per recipient per period, holding only that period's events (local days, Europe/Amsterdam), in
one transaction with the record of what it held (`Digest`, `Verzonden`) and the outbox row: a job that
runs twice (a retry, a second beat) sends nothing new, and an item sent once never comes again in the
same rhythm. Nothing is sent when there is nothing to say.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from berichten.services import bericht_versturen, portaal_url
from toegang.regels import ANONIEM, toegang_van
from wijken.models import Niveau

from .gebeurtenissen import Item, gebeurtenissen, middernacht, signaal_velden, signaalnaam
from .models import GEBEURTENISSEN, Abonnement, Digest, Ontvanger, Ritme, Soort, Verzonden
from .selectie import Filter, per_wijk, selecteer
from .services import standaard_voor_iedereen

DIRECT_TERUG = timedelta(days=1)  # immediate notifications look back this far (the job runs every 5 minutes)
HERINNERING_WERKDAGEN_VOOR = 2  # a partner is reminded this many working days before the due date


def periode(ritme: str, nu: datetime | None = None) -> tuple[datetime, datetime]:
    """[van, tot) of the digest sent at `nu`: yesterday 00:00-24:00 local time, or last week Monday to
    Monday. On a daylight-saving day that is 23 or 25 hours."""
    vandaag = timezone.localdate(nu or timezone.now())
    if ritme == Ritme.DAGELIJKS:
        return middernacht(vandaag - timedelta(days=1)), middernacht(vandaag)
    if ritme == Ritme.WEKELIJKS:
        maandag = vandaag - timedelta(days=vandaag.weekday())
        return middernacht(maandag - timedelta(days=7)), middernacht(maandag)
    raise ValueError(f"geen periode voor ritme {ritme!r}")


def filter_van(abonnement: Abonnement) -> Filter:
    gebieden = list(abonnement.gebieden.all())
    buurten = [g for g in gebieden if g.niveau == Niveau.BUURT]
    return Filter(
        soorten=frozenset(abonnement.soorten),
        wijken=frozenset(g.id for g in gebieden if g.niveau == Niveau.WIJK),
        buurten=frozenset(g.id for g in buurten),
        wijken_van_buurten=frozenset(g.ouder_id for g in buurten if g.ouder_id),
        categorieen=frozenset(c.id for c in abonnement.categorieen.all()),
    )


def _ontvangers(ritme: str):
    abonnementen = Abonnement.objects.actief().filter(ritme=ritme).met_alles()
    return (
        Ontvanger.objects.actief()
        .filter(abonnementen__ritme=ritme, abonnementen__afgemeld_op__isnull=True)
        .distinct()
        .select_related("gebruiker")
        .prefetch_related(Prefetch("abonnementen", queryset=abonnementen, to_attr="lopend"))
        .order_by("id")
    )


@dataclass(frozen=True)
class Regel:
    """An item as a mail shows it (absolute link)."""

    titel: str
    tijdstip: datetime
    link: str


def _regels(items: list[Item], *, bewoner: bool) -> list[dict]:
    groepen = []
    for groep in per_wijk(items):
        regels = [
            Regel(i.titel, i.tijdstip, portaal_url((i.openbaar_pad or i.pad) if bewoner else i.pad))
            for i in groep.items
        ]
        groepen.append({"wijk": groep.wijk_naam, "items": regels})
    return groepen


def _afmeldlinks(abonnementen: list[Abonnement]) -> list[dict]:
    return [
        {
            "wat": ", ".join(a.soort_labels).lower() or "dit abonnement",
            "link": portaal_url(f"/abonnementen/afmelden/{a.afmeld_token}/"),
        }
        for a in abonnementen
    ]


def _verstuur(
    *, ontvanger, ritme: str, van, tot, items: list[Item], abonnementen, onderwerp: str, kop: str, sleutel: str
) -> bool:
    """Record and queue one mail (one transaction). False when this mail was already sent."""
    try:
        with transaction.atomic():
            digest = Digest.objects.create(
                ontvanger=ontvanger,
                ritme=ritme,
                periode_van=van,
                periode_tot=tot,
                aantal=len(items),
                onderwerp=onderwerp[:200],
                bericht_sleutel=sleutel,
            )
            Verzonden.objects.bulk_create(
                Verzonden(
                    ontvanger=ontvanger,
                    ritme=ritme,
                    sleutel=i.sleutel,
                    digest=digest,
                    titel=i.titel[:300],
                    tijdstip=i.tijdstip,
                )
                for i in items
            )
            bewoner = ontvanger.gebruiker_id is None
            bericht_versturen(
                aan=ontvanger.adres,
                onderwerp=onderwerp[:200],
                sjabloon="abonnementen/digest",
                context={
                    "kop": kop,
                    "groepen": _regels(items, bewoner=bewoner),
                    "aantal": len(items),
                    "afmelden": _afmeldlinks(abonnementen),
                    "beheren": None if bewoner else portaal_url("/mijn/abonnementen/"),
                },
                sleutel=sleutel,
            )
    except IntegrityError:  # sent by another run meanwhile
        return False
    return True


def _toegang(ontvanger):
    return toegang_van(ontvanger.gebruiker) if ontvanger.gebruiker_id else ANONIEM


def _al_verzonden(ontvanger, ritme: str, sleutels) -> set[str]:
    return set(
        Verzonden.objects.filter(ontvanger=ontvanger, ritme=ritme, sleutel__in=list(sleutels)).values_list(
            "sleutel", flat=True
        )
    )


def _beschrijving(ritme: str, van: datetime, tot: datetime) -> str:
    eerste, laatste = timezone.localdate(van), timezone.localdate(tot) - timedelta(days=1)
    if ritme == Ritme.DAGELIJKS:
        return f"{eerste:%d-%m-%Y}"
    return f"{eerste:%d-%m-%Y} t/m {laatste:%d-%m-%Y}"


def digests_versturen(*, ritme: str, nu: datetime | None = None) -> dict[str, int]:
    """The daily (or weekly) digests of the period before `nu`. Returns {"verstuurd": n, "leeg": m}."""
    standaard_voor_iedereen()
    van, tot = periode(ritme, nu)
    items = gebeurtenissen(van=van, tot=tot, soorten=GEBEURTENISSEN)
    uitslag = {"verstuurd": 0, "leeg": 0}
    tekst = _beschrijving(ritme, van, tot)
    for ontvanger in _ontvangers(ritme):
        filters = [filter_van(a) for a in ontvanger.lopend]
        toegang = _toegang(ontvanger)
        kandidaten = selecteer(items, filters, toegang)
        gekozen = [
            i for i in kandidaten if i.sleutel not in _al_verzonden(ontvanger, ritme, [k.sleutel for k in kandidaten])
        ]
        if not gekozen:
            uitslag["leeg"] += 1
            continue
        soort = "Dagelijkse" if ritme == Ritme.DAGELIJKS else "Wekelijkse"
        if _verstuur(
            ontvanger=ontvanger,
            ritme=ritme,
            van=van,
            tot=tot,
            items=gekozen,
            abonnementen=ontvanger.lopend,
            onderwerp=f"Wijkportaal: {len(gekozen)} melding{'en' if len(gekozen) != 1 else ''} van {tekst}",
            kop=f"{soort} samenvatting van {tekst}",
            sleutel=f"digest-{ontvanger.pk}-{ritme}-{timezone.localdate(van):%Y%m%d}",
        ):
            uitslag["verstuurd"] += 1
    return uitslag


def direct_versturen(*, nu: datetime | None = None) -> dict[str, int]:
    """Immediate notifications: what happened since the subscription started (at most a day back) and was
    not sent yet; one mail per recipient per run."""
    nu = nu or timezone.now()
    items = gebeurtenissen(van=nu - DIRECT_TERUG, tot=nu, soorten=GEBEURTENISSEN)
    uitslag = {"verstuurd": 0, "leeg": 0}
    if not items:
        return uitslag
    for ontvanger in _ontvangers(Ritme.DIRECT):
        begin = min(a.aangemaakt_op for a in ontvanger.lopend)
        filters = [filter_van(a) for a in ontvanger.lopend]
        kandidaten = [i for i in selecteer(items, filters, _toegang(ontvanger)) if i.tijdstip >= begin]
        al = _al_verzonden(ontvanger, Ritme.DIRECT, [k.sleutel for k in kandidaten])
        gekozen = [i for i in kandidaten if i.sleutel not in al]
        if not gekozen:
            uitslag["leeg"] += 1
            continue
        vingerafdruk = hashlib.sha256("|".join(sorted(i.sleutel for i in gekozen)).encode()).hexdigest()[:24]
        onderwerp = gekozen[0].titel if len(gekozen) == 1 else f"Wijkportaal: {len(gekozen)} nieuwe meldingen"
        if _verstuur(
            ontvanger=ontvanger,
            ritme=Ritme.DIRECT,
            van=min(i.tijdstip for i in gekozen),
            tot=nu,
            items=gekozen,
            abonnementen=ontvanger.lopend,
            onderwerp=onderwerp,
            kop="Nieuw in het Wijkportaal",
            sleutel=f"direct-{ontvanger.pk}-{vingerafdruk}",
        ):
            uitslag["verstuurd"] += 1
    return uitslag


# --- reminders ----------------------------------------------------------------------------------------------


def _herinnering_items(vandaag: date, organisatie_id: int) -> list[Item]:
    from signalen.models import ESCALATIE_OPEN, Escalatie
    from signalen.werkdagen import werkdagen_later

    voor = werkdagen_later(vandaag, HERINNERING_WERKDAGEN_VOOR)
    escalaties = (
        Escalatie.objects.filter(partner_id=organisatie_id, status__in=ESCALATIE_OPEN, streefdatum__in=[vandaag, voor])
        .select_related("signaal__wijk", "signaal__buurt", "signaal__categorie__hoofdcategorie")
        .order_by("streefdatum", "id")
    )
    items = []
    for esc in escalaties:
        wanneer = "vandaag" if esc.streefdatum == vandaag else f"over {HERINNERING_WERKDAGEN_VOOR} werkdagen"
        moment = "op" if esc.streefdatum == vandaag else "voor"
        items.append(
            Item(
                sleutel=f"herinnering:{esc.pk}:{moment}:{esc.streefdatum:%Y-%m-%d}",
                soort=Soort.HERINNERING,
                tijdstip=middernacht(vandaag),
                partner_id=esc.partner_id,
                titel=f"Streefdatum {wanneer} ({esc.streefdatum:%d-%m-%Y}): {signaalnaam(esc.signaal)}",
                **signaal_velden(esc.signaal),
            )
        )
    return items


def te_laat_bij_partners(*, wijk_ids=None, vandaag: date | None = None):
    """The regisseur's list: open escalations past their due date, per partner, oldest first (1 query)."""
    from signalen.models import ESCALATIE_OPEN, Escalatie

    vandaag = vandaag or timezone.localdate()
    qs = Escalatie.objects.filter(status__in=ESCALATIE_OPEN, streefdatum__lt=vandaag).select_related(
        "partner", "signaal__wijk", "signaal__buurt", "signaal__categorie__hoofdcategorie"
    )
    if wijk_ids is not None:
        qs = qs.filter(signaal__wijk_id__in=list(wijk_ids))
    return qs.order_by("partner__naam", "streefdatum", "id")


def herinneringen_versturen(*, nu: datetime | None = None) -> dict[str, int]:
    """Partners: their escalations due in two working days and due today. Stadsdeelregisseurs: the
    escalations in their wijken overdue at a partner. One mail per recipient per day, only when there is
    something in it."""

    standaard_voor_iedereen()
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    van, tot = middernacht(vandaag), middernacht(vandaag + timedelta(days=1))
    uitslag = {"verstuurd": 0, "leeg": 0}
    ontvangers = (
        Ontvanger.objects.actief()
        .filter(gebruiker__isnull=False, abonnementen__afgemeld_op__isnull=True)
        .distinct()
        .select_related("gebruiker")
        .prefetch_related(Prefetch("abonnementen", queryset=Abonnement.objects.actief().met_alles(), to_attr="lopend"))
        .order_by("id")
    )
    for ontvanger in ontvangers:
        toegang = toegang_van(ontvanger.gebruiker)
        items: list[Item] = []
        gebruikt = []
        for a in ontvanger.lopend:
            if Soort.HERINNERING in a.soorten and toegang.is_partner and toegang.organisatie_id:
                f = filter_van(a)
                eigen = [i for i in _herinnering_items(vandaag, toegang.organisatie_id) if selecteer([i], [f], toegang)]
                items += eigen
                gebruikt.append(a)
            if Soort.TE_LAAT_LIJST in a.soorten and toegang.is_medewerker:
                f = filter_van(a)
                wijken = (set(f.wijken) | set(f.wijken_van_buurten)) or set(toegang.portefeuille) or None
                for esc in te_laat_bij_partners(wijk_ids=wijken, vandaag=vandaag):
                    dagen = (vandaag - esc.streefdatum).days
                    items.append(
                        Item(
                            sleutel=f"te-laat-lijst:{esc.pk}:{vandaag:%Y-%m-%d}",
                            soort=Soort.TE_LAAT_LIJST,
                            tijdstip=middernacht(esc.streefdatum + timedelta(days=1)),
                            partner_id=esc.partner_id,
                            titel=f"{esc.partner.naam}, {dagen} dag{'en' if dagen != 1 else ''} te laat "
                            f"(streefdatum {esc.streefdatum:%d-%m-%Y}): {signaalnaam(esc.signaal)}",
                            **signaal_velden(esc.signaal),
                        )
                    )
                gebruikt.append(a)
        items = list({i.sleutel: i for i in items}.values())
        if not items:
            uitslag["leeg"] += 1
            continue
        if _verstuur(
            ontvanger=ontvanger,
            ritme="herinnering",
            van=van,
            tot=tot,
            items=items,
            abonnementen=gebruikt,
            onderwerp=f"Wijkportaal: herinneringen van {vandaag:%d-%m-%Y} ({len(items)})",
            kop=f"Herinneringen van {vandaag:%d-%m-%Y}",
            sleutel=f"herinnering-{ontvanger.pk}-{vandaag:%Y%m%d}",
        ):
            uitslag["verstuurd"] += 1
    return uitslag
