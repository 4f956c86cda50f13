"""Judging a value against a reference (Hengelo, Nederland) by the indicator's polarity.

Plain functions: no ORM, no request. The judgement is always given as a word and an icon,
so that colour is never the only carrier of meaning (WCAG 1.4.1).
"""

from dataclasses import dataclass

from .models import Polariteit

# Within this relative margin a value counts as "vergelijkbaar" with its reference.
MARGE = 0.05


@dataclass(frozen=True)
class Oordeel:
    code: str  # beter | slechter | vergelijkbaar | hoger | lager
    woord: str  # shown to the reader
    icoon: str  # shown next to the word, aria-hidden
    verschil: float  # value minus reference
    relatief: float | None  # verschil / |reference|, None when the reference is 0


def oordeel(
    waarde: float | None, referentie: float | None, polariteit: str, *, absoluut: bool = False, marge: float = MARGE
) -> Oordeel | None:
    """Better/worse than the reference, or None when no fair comparison is possible
    (a missing number, or an absolute count that grows with the size of the area)."""
    if waarde is None or referentie is None or absoluut:
        return None
    verschil = waarde - referentie
    relatief = verschil / abs(referentie) if referentie else None
    if (relatief is not None and abs(relatief) < marge) or (relatief is None and verschil == 0):
        return Oordeel("vergelijkbaar", "vergelijkbaar", "≈", verschil, relatief)
    hoger = verschil > 0
    if polariteit == Polariteit.NEUTRAAL:
        return Oordeel(
            "hoger" if hoger else "lager", "hoger" if hoger else "lager", "↑" if hoger else "↓", verschil, relatief
        )
    beter = hoger == (polariteit == Polariteit.HOGER_BETER)
    if beter:
        return Oordeel("beter", "beter", "▲", verschil, relatief)
    return Oordeel("slechter", "slechter", "▼", verschil, relatief)
