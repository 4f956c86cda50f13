"""Agenda actions as markers on the trend charts of their linked indicators (`/gebied/<code>/trend/<ind>/`).

indicatoren does not know this app: its trend view calls the function named in settings.TREND_MARKERINGEN.
One query, only for users who may see the agenda; a partner sees only its own organisation's actions.
"""

from dataclasses import dataclass
from datetime import date

from signalen.publicatie import DATASET as SIGNAAL_DATASET
from wijken import codes

from .models import Actie
from .regels import mag_agenda_zien
from .voortgang import periode_van_datum

LABEL_MAX = 40


@dataclass(frozen=True)
class Markering:
    datum: date
    periode: str | None  # where it goes on the chart; None: outside the loaded periods
    tekst: str  # the label on the chart: what, by whom, since when
    opgave: str
    status: str


def _kort(tekst: str) -> str:
    return tekst if len(tekst) <= LABEL_MAX else tekst[: LABEL_MAX - 1].rstrip() + "…"


def signaalcategorie_van(indicator) -> str | None:
    """The main signal category a published signal count is about ("Signalen_zwerfvuil",
    "SignalenPer1000_zwerfvuil", "Signalen12mPer1000_zwerfvuil" -> "zwerfvuil"); "" for the totals over all
    categories (also per source group); None for an indicator that is no signal count."""
    if getattr(getattr(indicator, "dataset", None), "code", "") != SIGNAAL_DATASET:
        return None
    return indicator.code.split("_", 1)[1] if "_" in indicator.code else ""


def trend_markeringen(*, toegang, gebied, indicator, perioden: list[str]) -> list[Markering]:
    """Markers of the agenda's actions on a trend: those of opgaven linked to the indicator and, on a signal
    count (issue 11), those of opgaven linked to its signal category."""
    wijk_id = gebied.id if gebied.niveau == codes.WIJK else gebied.ouder_id if gebied.niveau == codes.BUURT else None
    if wijk_id is None or not mag_agenda_zien(toegang):
        return []
    uit = []
    for actie in Actie.objects.markeringen(
        wijk_id=wijk_id, indicator_id=indicator.id, toegang=toegang, signaalcategorie=signaalcategorie_van(indicator)
    ):
        uit.append(
            Markering(
                actie.startdatum,
                periode_van_datum(actie.startdatum, perioden) if perioden else None,
                f"Actie: {_kort(actie.omschrijving)} ({actie.eigenaar.naam.split(' (')[0]}, "
                f"{actie.startdatum:%d-%m-%Y})",
                actie.opgave.titel,
                actie.get_status_display(),
            )
        )
    return uit
