"""Publication of the signal counts as indicators of the dataset 'signalen' (through indicatoren's
services: signalen never writes indicatoren's tables), per gebied and month, as counts and per 1,000
inhabitants, and as rolling 12-month rates."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from indicatoren.selectors import inwoners_per_jaar
from lib import perioden
from wijken import codes
from wijken.models import Gebied

from . import cijfers
from .models import Categorie, Signaal, brongroep_van

DATASET = "signalen"
DOMEIN = "signalen"
BRON_INDICATOR = "Signalen (Wijkportaal Hengelo)"
# On the first screen of every wijk (default kernset, set when first published; a wijk's own choice still
# wins): the last complete month's count and the rolling 12-month rate.
KERNSET = ["Signalen12mPer1000", "Signalen"]


def tellingen(*, niveau: str, met_synthetisch: bool) -> list[cijfers.Signaaltelling]:
    """Per wijk or buurt, month, main category and source: the number of signals (1 query)."""
    veld = "wijk_id" if niveau == codes.WIJK else "buurt_id"
    qs = Signaal.objects.per_maand(met_synthetisch=met_synthetisch)
    if niveau == codes.BUURT:
        qs = qs.filter(buurt__isnull=False)
    return [
        cijfers.Signaaltelling(gebied_id, perioden.maand_van(maand), hoofd, brongroep_van(bron), n)
        for gebied_id, maand, hoofd, bron, n in qs.met_hoofd().per(veld, "maand", "hoofd", "bron")
    ]


@dataclass(frozen=True)
class Publicatie:
    signalen: int
    indicatoren: int
    waarden: int
    nieuw: int
    gewijzigd: int
    verwijderd: int
    met_synthetisch: bool


def signalen_publiceren(*, met_synthetisch: bool = False, nu=None) -> Publicatie:
    """Count the signals per gebied (gemeente, wijken, buurten) per month, by category and source group,
    as counts and per 1,000 inhabitants, and publish them as indicators of the dataset 'signalen'
    through the indicatoren service (the values of these indicators are replaced as a whole)."""
    from indicatoren.services import indicator_opslaan, kernset_standaard_zetten, waarden_vervangen

    nu = nu or timezone.now()
    gemeente = Gebied.objects.get(code=settings.GEMEENTE_CODE)
    gebieden = {
        g.id: g.weergavenaam
        for g in Gebied.objects.filter(
            Q(pk=gemeente.pk) | Q(niveau=codes.WIJK, ouder=gemeente) | Q(niveau=codes.BUURT, ouder__ouder=gemeente)
        ).order_by("code")
    }
    per_wijk = tellingen(niveau=codes.WIJK, met_synthetisch=met_synthetisch)
    per_buurt = tellingen(niveau=codes.BUURT, met_synthetisch=met_synthetisch)
    alle = per_wijk + per_buurt + [t._replace(gebied_id=gemeente.pk) for t in per_wijk]
    alle = [t for t in alle if t.gebied_id in gebieden]
    hoofdcategorieen = list(
        Categorie.objects.filter(hoofdcategorie__isnull=True).order_by("volgorde", "naam").values_list("code", "naam")
    )
    defs = cijfers.definities(hoofdcategorieen)
    lopend = perioden.maand_van(timezone.localdate(nu))
    maanden = perioden.maanden_tussen(min(t.maand for t in alle), lopend) if alle else []
    inwoners = inwoners_per_jaar(gebieden)
    rijen = cijfers.indicatorrijen(
        alle, gebieden=gebieden, inwoners=inwoners, maanden=maanden, defs=defs, lopende_maand=lopend
    )
    # The rolling 12-month rates headline profiles, maps and kernset (one month is noisy, the running one
    # incomplete): published next to the monthly figures, in the same replacement.
    rollend = cijfers.rollende_definities(defs)
    rijen += cijfers.rollende_rijen(
        alle, gebieden=gebieden, inwoners=inwoners, maanden=maanden, defs=rollend, lopende_maand=lopend
    )
    bron = BRON_INDICATOR + (" — inclusief synthetische demo-signalen" if met_synthetisch else "")
    alle_defs = [(d, None) for d in defs] + [(d, cijfers.VENSTER) for d in rollend]
    with transaction.atomic():
        for volgorde, (d, venster) in enumerate(alle_defs, start=1):
            indicator, stand = indicator_opslaan(
                code=d.code,
                velden={
                    "naam": d.naam,
                    "eenheid": "per 1.000 inwoners" if d.per_duizend else "signalen",
                    "decimalen": 2 if d.per_duizend else 0,
                    "definitie": d.definitie,
                    "bron": bron[:300],
                    "polariteit": "neutraal",
                    "absoluut": not d.per_duizend,
                    "soort": "basis",
                    "volgorde": (8000 if venster else 9000) + volgorde,
                    "venster": venster,
                },
                domein_code=DOMEIN,
                dataset_code=DATASET,
            )
            # Into the default kernset when first published; a beheerder's later choice is left alone.
            if d.code in KERNSET and stand == "nieuw":
                kernset_standaard_zetten(indicator, True, volgorde=KERNSET.index(d.code))
        resultaat = waarden_vervangen(indicator_codes=[d.code for d, _ in alle_defs], rijen=rijen, bron=bron)
    return Publicatie(
        signalen=sum(t.aantal for t in per_wijk),
        indicatoren=len(alle_defs),
        waarden=len(rijen),
        nieuw=resultaat.nieuw,
        gewijzigd=resultaat.gewijzigd,
        verwijderd=resultaat.verwijderd,
        met_synthetisch=met_synthetisch,
    )
