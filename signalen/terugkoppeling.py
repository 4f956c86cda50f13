"""Feedback to the reporter (issue 13, item 2): the explanation written at closing, the e-mail with the
single-use link "Is het opgelost? ja / nee", the answer, and the figures that catch generic replies.

Rules:
- Closing a signal (afgehandeld or geannuleerd) needs an explanation written for the reporter. The form starts
  from the category's template (`Uitlegsjabloon`, else the main category's, else `STANDAARD_SJABLOON`); closing
  with that text unchanged is refused. Without a separate explanation the closing note is the explanation.
- When the reporter left an e-mail address and consented (`Signaal.melder_toestemming`), the outcome is mailed
  after the transaction commits (berichten), with a link valid for 14 days that works once.
- "nee" reopens the signal (status heropend, a history row by the reporter, back on the worklist); "ja" only
  records the answer. An expired, used or unknown link says so and changes nothing.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from berichten.services import bericht_versturen, portaal_url
from berichten.tokens import GELDIG, nieuw_token, token_hash

from .models import GESLOTEN, Antwoord, Antwoordlink, Historie, Signaal, Status, Terugkoppeling, Uitlegsjabloon

UITLEG_MAX = 3000
STANDAARD_SJABLOON = (
    "Beste melder,\n\nBedankt voor uw melding. Wat we hebben gedaan: [vul in].\n\n"
    "Is het probleem er nog? Laat het ons weten via de link in deze e-mail."
)
DOOR_MELDER = "melder (via de link in de e-mail)"


def normaal(tekst: str) -> str:
    """Whitespace and case do not make a text different: the form and the statistics compare this."""
    return re.sub(r"\s+", " ", (tekst or "")).strip().lower()


def sjabloon_voor(categorie) -> str:
    """The starting text of the explanation for a signal of this category."""
    sjablonen = {
        s.categorie_id: s.tekst
        for s in Uitlegsjabloon.objects.filter(categorie_id__in=[categorie.id, categorie.hoofd_id])
    }
    return sjablonen.get(categorie.id) or sjablonen.get(categorie.hoofd_id) or STANDAARD_SJABLOON


def uitleg_controleren(signaal: Signaal, uitleg: str, fouten: dict) -> str:
    """The explanation for the reporter when closing: required, at most UITLEG_MAX characters, and not the
    unchanged template. Problems go into `fouten` under 'uitleg'."""
    uitleg = (uitleg or "").strip()
    if not uitleg:
        fouten.setdefault("uitleg", []).append(
            "Schrijf een uitleg voor de melder: wat is er gedaan, of waarom wordt het signaal gesloten."
        )
    elif len(uitleg) > UITLEG_MAX:
        fouten.setdefault("uitleg", []).append(f"De uitleg is te lang: {len(uitleg)} tekens, maximaal {UITLEG_MAX}.")
    elif normaal(uitleg) in {normaal(sjabloon_voor(signaal.categorie)), normaal(STANDAARD_SJABLOON)}:
        fouten.setdefault("uitleg", []).append(
            "De uitleg is nog de standaardtekst. Pas hem aan voor deze melder: wat is er bij deze melding "
            "gedaan? Bewoners die twee keer hetzelfde algemene antwoord krijgen, voelen zich niet gehoord."
        )
    return uitleg


def na_afsluiten(signaal: Signaal, *, uitleg: str, naar: str, door, nu: datetime) -> Terugkoppeling:
    """Record the closure's explanation and, when the reporter consented, queue the e-mail with the answer link.
    Called by signalen.services.status_wijzigen inside its transaction."""
    laatste = signaal.escalaties.order_by("-aangemaakt_op", "-id").values_list("partner_id", flat=True).first()
    tk = Terugkoppeling.objects.create(
        signaal=signaal,
        naar=naar,
        uitleg=uitleg,
        tekst_hash=hashlib.sha256(normaal(uitleg).encode()).hexdigest(),
        categorie_id=signaal.categorie_id,
        partner_id=laatste,
        door=door,
        tijdstip=nu,
        gemaild=bool(signaal.melder_email and signaal.melder_toestemming),
    )
    if tk.gemaild:
        token, hash_ = nieuw_token()
        link = Antwoordlink.objects.create(terugkoppeling=tk, token_hash=hash_, verloopt_op=nu + GELDIG)
        bericht_versturen(
            aan=signaal.melder_email,
            onderwerp=f"Uw melding over {signaal.categorie.naam.lower()}: "
            + ("afgehandeld" if naar == Status.AFGEHANDELD else "gesloten"),
            sjabloon="signalen/afgesloten",
            context={
                "naam": signaal.melder_naam,
                "categorie": str(signaal.categorie),
                "wijk": signaal.wijk.weergavenaam,
                "gemeld_op": timezone.localtime(signaal.gemeld_op),
                "uitleg": uitleg,
                "link": portaal_url(reverse("signalen:antwoord", args=[token])),
                "geldig_tot": timezone.localtime(link.verloopt_op),
            },
            sleutel=f"terugkoppeling-{tk.pk}",
        )
    return tk


# --- the answer ------------------------------------------------------------------------------------------


class LinkOngeldig(ValidationError):
    """Unknown, expired or already used: the page says which, and nothing changes."""


@dataclass(frozen=True)
class Linkstand:
    link: Antwoordlink | None
    fout: str  # "" when the link can be answered


def _stand(link: Antwoordlink | None, nu) -> str:
    if link is None:
        return "Deze link kennen we niet. Controleer of u de hele link uit de e-mail hebt gebruikt."
    if link.gebruikt_op is not None:
        return (
            f"Deze link is al gebruikt, op {timezone.localtime(link.gebruikt_op):%d-%m-%Y om %H:%M}: "
            f"u antwoordde '{link.get_antwoord_display().lower()}'. Er is niets veranderd."
        )
    if link.verloopt_op <= nu:
        return (
            f"Deze link is verlopen (hij was 14 dagen geldig, tot {timezone.localtime(link.verloopt_op):%d-%m-%Y}). "
            "Er is niets veranderd. Is het probleem er nog? Meld het dan opnieuw."
        )
    return ""


def link_bekijken(token: str, *, nu=None) -> Linkstand:
    """What the answer page shows for this token (no change)."""
    link = (
        Antwoordlink.objects.select_related("terugkoppeling__signaal__categorie", "terugkoppeling__signaal__wijk")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return Linkstand(link, _stand(link, nu or timezone.now()))


@transaction.atomic
def antwoord_geven(*, token: str, antwoord: str, nu=None) -> Antwoordlink:
    """The reporter answers "Is het opgelost?". Single use: the link row is locked and marked used in the same
    transaction as the reopening. Raises LinkOngeldig (nothing changes) or ValidationError for a bad answer."""
    nu = nu or timezone.now()
    if antwoord not in Antwoord.values:
        raise ValidationError({"antwoord": "Kies ja of nee."})
    link = (
        Antwoordlink.objects.select_for_update()
        .select_related("terugkoppeling")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if fout := _stand(link, nu):
        raise LinkOngeldig(fout, code="ongeldig")
    link.gebruikt_op = nu
    link.antwoord = antwoord
    link.save(update_fields=["gebruikt_op", "antwoord"])
    if antwoord == Antwoord.NEE:
        _heropenen(link.terugkoppeling.signaal_id, nu=nu)
    return link


def _heropenen(signaal_id: int, *, nu) -> None:
    signaal = Signaal.objects.select_for_update().get(pk=signaal_id)
    if signaal.status not in GESLOTEN:
        # Reopened meanwhile by staff: the answer is recorded, the status stays.
        return
    van = signaal.status
    signaal.status = Status.HEROPEND
    signaal.versie += 1
    signaal.afgesloten_op = None
    signaal.save(update_fields=["status", "versie", "afgesloten_op"])
    Historie.objects.create(
        signaal=signaal,
        soort=Historie.Soort.STATUS,
        tijdstip=nu,
        door=None,
        door_naam=DOOR_MELDER,
        van=van,
        naar=Status.HEROPEND,
        notitie="De melder antwoordde 'nee' op de vraag of het probleem is opgelost.",
    )


# --- catching generic replies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Terugkoppelcijfer:
    partner: str
    categorie: str
    afsluitingen: int
    gelijke_tekst: int  # closures whose text (normalised) is used by another closure too
    antwoorden: int
    nee: int

    @property
    def aandeel_gelijk(self) -> float:
        return self.gelijke_tekst / self.afsluitingen if self.afsluitingen else 0.0

    @property
    def aandeel_nee(self) -> float | None:
        return self.nee / self.antwoorden if self.antwoorden else None


def terugkoppelcijfers(*, sinds=None) -> list[Terugkoppelcijfer]:
    """Per partner (or the gemeente itself) and main category: closures, how many with a text that another
    closure also used, answers and "nee" answers (2 queries whatever the number of closures)."""
    qs = Terugkoppeling.objects.all()
    if sinds is not None:
        qs = qs.filter(tijdstip__gte=sinds)
    herhaald = set(qs.values("tekst_hash").annotate(n=Count("id")).filter(n__gt=1).values_list("tekst_hash", flat=True))
    rijen = (
        qs.values("partner__naam", "categorie__hoofdcategorie__naam", "categorie__naam", "tekst_hash")
        .annotate(
            n=Count("id"),
            antwoorden=Count("id", filter=Q(link__gebruikt_op__isnull=False)),
            nee=Count("id", filter=Q(link__antwoord=Antwoord.NEE)),
        )
        .order_by()
    )
    groepen: dict[tuple[str, str], list[int]] = {}
    for r in rijen:
        sleutel = (
            r["partner__naam"] or "Gemeente (zelf afgehandeld)",
            r["categorie__hoofdcategorie__naam"] or r["categorie__naam"],
        )
        g = groepen.setdefault(sleutel, [0, 0, 0, 0])
        g[0] += r["n"]
        g[1] += r["n"] if r["tekst_hash"] in herhaald else 0
        g[2] += r["antwoorden"]
        g[3] += r["nee"]
    return [
        Terugkoppelcijfer(p, c, *g)
        for (p, c), g in sorted(groepen.items(), key=lambda kv: (-kv[1][1] / kv[1][0], kv[0]))
    ]
