"""Anonymisation: the reporter's name and contact details go when the retention term has passed, and are
redacted wherever they were written down (description, address, escalations, history notes, audit log).

`patroon_persoonsgegevens` is also what the services use to refuse notes that contain those details."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from berichten.services import adres_vergeten
from lib import perioden
from toegang.services import audit_persoonsgegevens_verwijderen

from .models import GESLOTEN, OPEN, Escalatie, Historie, Signaal, Terugkoppeling

SYSTEEM = "systeem"


VERWIJDERD = "(verwijderd)"


def patroon_persoonsgegevens(naam: str, telefoon: str, email: str) -> re.Pattern | None:
    """A pattern for a reporter's name, phone number and e-mail address as they may appear in free text: the
    name with any white space, the phone number with any separators (and 06 also as +31 6 / 0031 6)."""
    delen = []
    if len(naam.strip()) >= 2:
        delen.append(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in naam.split()) + r"(?!\w)")
    cijfers = re.sub(r"\D", "", telefoon)
    if len(cijfers) >= 6:
        scheiding = r"[\s\-().]*"
        varianten = {cijfers}
        if cijfers.startswith("0") and not cijfers.startswith("00"):
            varianten |= {"31" + cijfers[1:], "0031" + cijfers[1:]}
        for v in sorted(varianten, key=len, reverse=True):
            delen.append(r"\+?" + scheiding.join(v) if v.startswith("31") else scheiding.join(v))
    if email.strip():
        delen.append(re.escape(email.strip()))
    return re.compile("|".join(f"(?:{d})" for d in delen), re.IGNORECASE) if delen else None


def _te_anonimiseren(grens):
    """Signals whose reporter data is due: closed before `grens`; a duplicate whose group's first signal was
    closed before it (a duplicate is not closed on its own); or still open but logged before it."""
    return (
        Signaal.objects.filter(
            Q(status__in=GESLOTEN, afgesloten_op__lte=grens)
            | Q(duplicaat_van__status__in=GESLOTEN, duplicaat_van__afgesloten_op__lte=grens)
            | Q(status__in=OPEN, gemeld_op__lte=grens)
        )
        .exclude(melder_naam="", melder_telefoon="", melder_email="")
        .order_by("pk")
    )


@transaction.atomic
def persoonsgegevens_verwijderen(*, maanden: int | None = None, nu=None) -> int:
    """Blank the reporter's name and contact details of signals past the retention term (`maanden`, default
    settings.SIGNALEN_BEWAARTERMIJN_MAANDEN, 12): closed more than that long ago, duplicates of a signal
    closed that long ago, and open signals logged that long ago. The same name, phone number and e-mail
    address are redacted wherever they were written down: the description and address, the escalations'
    requested action and reference, the history notes, and the audit log's paths and parameters. Each signal
    gets a history row saying what was removed. Returns the number of signals."""
    if maanden is None:
        maanden = getattr(settings, "SIGNALEN_BEWAARTERMIJN_MAANDEN", 12)
    if isinstance(maanden, bool) or not isinstance(maanden, int) or maanden < 0:
        raise ValidationError({"maanden": ["De bewaartermijn is een geheel aantal maanden (0 of meer)."]})
    nu = nu or timezone.now()
    grens = perioden.maanden_terug(nu, maanden)
    signalen = list(_te_anonimiseren(grens).select_for_update(of=("self",)))
    if not signalen:
        return 0
    escalaties: dict[int, list[Escalatie]] = {}
    for e in Escalatie.objects.select_for_update().filter(signaal__in=signalen).order_by("pk"):
        escalaties.setdefault(e.signaal_id, []).append(e)
    uitleggen: dict[int, list[Terugkoppeling]] = {}
    for t in Terugkoppeling.objects.filter(signaal__in=signalen).only("pk", "signaal_id", "uitleg"):
        uitleggen.setdefault(t.signaal_id, []).append(t)
    notities: dict[int, list[Historie]] = {}
    for h in Historie.objects.filter(signaal__in=signalen).exclude(notitie="").only("pk", "signaal_id", "notitie"):
        notities.setdefault(h.signaal_id, []).append(h)

    nieuwe_historie, gewijzigde_escalaties = [], []
    for s in signalen:
        patroon = patroon_persoonsgegevens(s.melder_naam, s.melder_telefoon, s.melder_email)
        geteld = {"de omschrijving of het adres": 0, "gevraagde acties": 0, "historieregels": 0, "auditregels": 0}
        if patroon is not None:
            omschrijving, adres = patroon.sub(VERWIJDERD, s.omschrijving), patroon.sub(VERWIJDERD, s.adres)
            if (omschrijving, adres) != (s.omschrijving, s.adres):
                s.omschrijving, s.adres = omschrijving, adres[:200]
                geteld["de omschrijving of het adres"] = 1
            for e in escalaties.get(s.pk, []):
                actie = patroon.sub(VERWIJDERD, e.gevraagde_actie)
                referentie = patroon.sub(VERWIJDERD, e.referentie_partner)
                if (actie, referentie) != (e.gevraagde_actie, e.referentie_partner):
                    e.gevraagde_actie, e.referentie_partner = actie[:1000], referentie[:100]
                    gewijzigde_escalaties.append(e)
                    geteld["gevraagde acties"] += 1
            for h in notities.get(s.pk, []):
                notitie = patroon.sub(VERWIJDERD, h.notitie)
                if notitie != h.notitie:
                    Historie.objects.notitie_redigeren(h.pk, notitie)
                    geteld["historieregels"] += 1
            for t in uitleggen.get(s.pk, []):  # the explanation mailed to the reporter (issue 13)
                uitleg = patroon.sub(VERWIJDERD, t.uitleg)
                if uitleg != t.uitleg:
                    Terugkoppeling.objects.filter(pk=t.pk).update(uitleg=uitleg)
        if s.melder_email:
            adres_vergeten(s.melder_email)  # the outbox keeps the address and the mailed text
        geteld["auditregels"] = audit_persoonsgegevens_verwijderen(
            teksten=[s.melder_naam, s.melder_telefoon, re.sub(r"\D", "", s.melder_telefoon), s.melder_email]
        )
        s.melder_naam = s.melder_telefoon = s.melder_email = ""
        s.melder_toestemming = False
        s.geanonimiseerd_op = nu
        ook = [f"{n} {wat}" if wat != "de omschrijving of het adres" else wat for wat, n in geteld.items() if n]
        nieuwe_historie.append(
            Historie(
                signaal_id=s.pk,
                soort=Historie.Soort.ANONIMISERING,
                tijdstip=nu,
                door=None,
                door_naam=SYSTEEM,
                notitie=(
                    f"Naam en contactgegevens van de melder verwijderd: bewaartermijn van {maanden} maanden "
                    f"verstreken (uitgevoerd op {timezone.localtime(nu):%d-%m-%Y})."
                    + (f" Ook weggehaald uit {', '.join(ook)}." if ook else "")
                ),
            )
        )
    Signaal.objects.bulk_update(
        signalen,
        [
            "melder_naam",
            "melder_telefoon",
            "melder_email",
            "melder_toestemming",
            "geanonimiseerd_op",
            "omschrijving",
            "adres",
        ],
    )
    Escalatie.objects.bulk_update(gewijzigde_escalaties, ["gevraagde_actie", "referentie_partner"])
    Historie.objects.bulk_create(nieuwe_historie)
    return len(signalen)
