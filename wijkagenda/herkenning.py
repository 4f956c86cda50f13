"""Herkenning (issue 13, item 4): a recognition round on a draft wijkanalyse.

The stadsdeelregisseur opens a round on the analysis of a wijk or buurt, with its participation level (the
Denkkader Participatie: informeren ... meebeslissen) and the date by which participants hear what is done
with their reactions. The statements are the analysis' sentences at that moment, kept with the round, so a
closed round stays readable with the analysis it was about. Residents (on the public page) and partners
(logged in) mark each statement "herken ik / deels / herken ik niet", with an optional comment (internal).
Results per statement are shown with their number of reactions, and only from MIN_REACTIES on. A round past
its date without a published "wat doen we ermee" is overdue on the regisseur's worklist.

Statements use only open data (what the public profile shows) and the signal counts per category.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from toegang.models import Rol
from toegang.regels import ANONIEM, Toegang, toegang_van
from wijken import codes
from wijken.models import Gebied

from . import lezen, teksten
from .models import Herkenningsreactie, Herkenningsronde, Oordeel, Participatieniveau
from .regels import mag_agenda_bewerken

MIN_REACTIES = 5
OPMERKING_MAX = 1000
TERUGKOPPELING_MAX = 4000


def wijk_id_van(gebied: Gebied) -> int:
    return gebied.id if gebied.niveau == codes.WIJK else gebied.ouder_id


def mag_ronde_beheren(toegang: Toegang, gebied: Gebied) -> bool:
    return mag_agenda_bewerken(toegang, wijk_id_van(gebied))


def stellingen_van_analyse(gebied: Gebied, toegang: Toegang, *, vandaag: date | None = None) -> list[dict]:
    """The analysis' sentences as statements: [{sleutel, deel, tekst}]. Indicators of open datasets only (the
    statements are public); signal sentences when this access sees signal figures."""
    vandaag = vandaag or timezone.localdate()
    naam = gebied.weergavenaam
    ia = lezen.indicatoranalyse(gebied, ANONIEM, vandaag=vandaag)
    delen: list[tuple[str, list]] = [(d.domein.naam, teksten.zinnen_domein(d, naam)) for d in ia.domeinen]
    delen.append(("Veranderingen", teksten.zinnen_veranderingen(ia.veranderingen, naam)))
    sb = lezen.signaalanalyse(
        gebied, toegang, vandaag=vandaag, inwoners=ia.inwoners, inwoners_gemeente=ia.inwoners_gemeente
    )
    if sb is not None:
        delen.append(("Signalen", teksten.zinnen_signalen(sb, naam)))
    uit = []
    for deel, zinnen in delen:
        for zin in zinnen:
            uit.append({"sleutel": f"s{len(uit) + 1}", "deel": deel, "tekst": zin.tekst})
    return uit


@transaction.atomic
def ronde_openen(
    *, door, gebied: Gebied, niveau: str, terugkoppeldatum: date | None, stellingen: list[dict], nu=None
) -> Herkenningsronde:
    """Open a round. Refused without a participation level or a feedback date (today or later), without
    statements, or while another round on the same area is open."""
    if not mag_ronde_beheren(toegang_van(door), gebied):
        raise PermissionDenied("Alleen de stadsdeelregisseur van deze wijk (of een beheerder) opent een ronde.")
    nu = nu or timezone.now()
    fouten: dict[str, list[str]] = {}
    if niveau not in Participatieniveau.values:
        fouten["niveau"] = [
            "Kies het participatieniveau: "
            + ", ".join(n.label.lower() for n in Participatieniveau)
            + ". Zo weten deelnemers hoeveel invloed ze hebben."
        ]
    if terugkoppeldatum is None:
        fouten["terugkoppeldatum"] = ["Kies de datum waarop deelnemers horen wat we met hun reacties doen."]
    elif terugkoppeldatum < timezone.localdate(nu):
        fouten["terugkoppeldatum"] = ["De datum van de terugkoppeling ligt in het verleden."]
    if not stellingen:
        fouten["__all__"] = ["De analyse heeft geen uitspraken om op te reageren."]
    if Herkenningsronde.objects.select_for_update().filter(gebied=gebied, gesloten_op__isnull=True).exists():
        fouten.setdefault("__all__", []).append(
            f"Er loopt al een herkenningsronde over {gebied.weergavenaam}; rond die eerst af."
        )
    if fouten:
        raise ValidationError(fouten)
    ronde = Herkenningsronde(
        gebied=gebied,
        niveau=niveau,
        terugkoppeldatum=terugkoppeldatum,
        stellingen=[{"sleutel": s["sleutel"], "deel": s["deel"], "tekst": s["tekst"]} for s in stellingen],
        geopend_op=nu,
        geopend_door=door,
    )
    ronde.full_clean()
    ronde.save()
    return ronde


@transaction.atomic
def reageren(*, ronde_id: int, oordelen: dict[str, str], opmerkingen: dict[str, str] | None = None, door=None, nu=None):
    """One participant's reactions: a mark per statement they chose to mark (at least one), a comment each.
    A logged-in partner is recorded as partner (with the organisation), everyone else as resident."""
    ronde = Herkenningsronde.objects.filter(pk=ronde_id).first()
    if ronde is None or not ronde.is_open:
        raise ValidationError({"__all__": ["Deze herkenningsronde is gesloten: reageren kan niet meer."]})
    opmerkingen = opmerkingen or {}
    sleutels = {s["sleutel"] for s in ronde.stellingen}
    fouten: dict[str, list[str]] = {}
    gekozen = {k: v for k, v in oordelen.items() if v}
    for k, v in gekozen.items():
        if k not in sleutels:
            fouten.setdefault("__all__", []).append(f"Onbekende uitspraak '{k[:20]}'.")
        elif v not in Oordeel.values:
            fouten.setdefault(k, []).append("Kies herken ik, deels of herken ik niet.")
    for k, tekst in opmerkingen.items():
        if len((tekst or "").strip()) > OPMERKING_MAX:
            fouten.setdefault(k, []).append(f"Een opmerking is maximaal {OPMERKING_MAX} tekens.")
        if (tekst or "").strip() and k not in gekozen:
            fouten.setdefault(k, []).append("Kies ook of u deze uitspraak herkent.")
    if not gekozen and not fouten:
        fouten["__all__"] = ["Geef bij minstens één uitspraak aan of u die herkent."]
    if fouten:
        raise ValidationError(fouten)
    toegang = toegang_van(door)
    partner = toegang.is_partner
    inzending = uuid.uuid4()
    nu = nu or timezone.now()
    Herkenningsreactie.objects.bulk_create(
        Herkenningsreactie(
            ronde=ronde,
            inzending=inzending,
            stelling=k,
            oordeel=v,
            opmerking=(opmerkingen.get(k) or "").strip(),
            soort=Herkenningsreactie.Soort.PARTNER if partner else Herkenningsreactie.Soort.BEWONER,
            organisatie_id=toegang.organisatie_id if partner else None,
            aangemaakt_op=nu,
        )
        for k, v in gekozen.items()
    )
    return inzending


@transaction.atomic
def ronde_afronden(*, door, ronde_id: int, wat_doen_we_ermee: str, nu=None) -> Herkenningsronde:
    """Publish "wat doen we ermee" and close the round (no more reactions; it stays readable)."""
    ronde = Herkenningsronde.objects.select_for_update().select_related("gebied").filter(pk=ronde_id).first()
    if ronde is None:
        raise ValidationError({"__all__": [f"Er is geen herkenningsronde met nummer {ronde_id}."]})
    if not mag_ronde_beheren(toegang_van(door), ronde.gebied):
        raise PermissionDenied("Alleen de stadsdeelregisseur van deze wijk (of een beheerder) rondt een ronde af.")
    tekst = (wat_doen_we_ermee or "").strip()
    if not tekst:
        raise ValidationError({"wat_doen_we_ermee": ["Schrijf op wat we met de reacties doen: dat is openbaar."]})
    if len(tekst) > TERUGKOPPELING_MAX:
        raise ValidationError({"wat_doen_we_ermee": [f"Maximaal {TERUGKOPPELING_MAX} tekens ({len(tekst)})."]})
    if ronde.gepubliceerd_op is not None:
        raise ValidationError({"__all__": ["Deze ronde is al afgerond."]})
    nu = nu or timezone.now()
    ronde.wat_doen_we_ermee = tekst
    ronde.gepubliceerd_op = nu
    ronde.gesloten_op = ronde.gesloten_op or nu
    ronde.full_clean()
    ronde.save(update_fields=["wat_doen_we_ermee", "gepubliceerd_op", "gesloten_op"])
    return ronde


# --- reads -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Uitslag:
    sleutel: str
    deel: str
    tekst: str
    aantal: int
    herken: int
    deels: int
    niet: int

    @property
    def getoond(self) -> bool:
        """Below MIN_REACTIES the split is not shown: too few to mean anything, and it could point at a person."""
        return self.aantal >= MIN_REACTIES

    def procent(self, n: int) -> int:
        return round(100 * n / self.aantal) if self.aantal else 0

    @property
    def procent_herken(self) -> int:
        return self.procent(self.herken)

    @property
    def procent_deels(self) -> int:
        return self.procent(self.deels)

    @property
    def procent_niet(self) -> int:
        return self.procent(self.niet)


def uitslag(ronde: Herkenningsronde) -> list[Uitslag]:
    """Per statement (in the order of the analysis) the number of reactions and the split (1 query)."""
    tellingen: dict[str, dict[str, int]] = {}
    for r in ronde.reacties.values("stelling", "oordeel").annotate(n=Count("id")).order_by():
        tellingen.setdefault(r["stelling"], {})[r["oordeel"]] = r["n"]
    uit = []
    for s in ronde.stellingen:
        t = tellingen.get(s["sleutel"], {})
        uit.append(
            Uitslag(
                s["sleutel"],
                s["deel"],
                s["tekst"],
                sum(t.values()),
                t.get(Oordeel.HERKEN, 0),
                t.get(Oordeel.DEELS, 0),
                t.get(Oordeel.HERKEN_NIET, 0),
            )
        )
    return uit


def te_laat_voor(toegang: Toegang, *, vandaag=None):
    """Rounds overdue (past the date, nothing published) in the wijken this access manages (1 query)."""
    qs = Herkenningsronde.objects.te_laat(vandaag).select_related("gebied")
    if toegang.rol != Rol.BEHEERDER:
        wijken = toegang.portefeuille
        qs = qs.filter(Q(gebied_id__in=wijken) | Q(gebied__ouder_id__in=wijken))
    return qs.order_by("terugkoppeldatum", "id")
