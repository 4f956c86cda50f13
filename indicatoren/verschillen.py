"""The largest differences between compared areas (issue 11): a plain function over the compare rows, tested
without a database (tests/indicatoren/test_eerste_scherm.py)."""

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lib.getallen import formatteer_getal

if TYPE_CHECKING:
    from .models import Indicator

DREMPEL = 0.10  # below a 10% difference between the highest and lowest area nothing is highlighted


@dataclass(frozen=True)
class Verschil:
    indicator: "Indicator"
    periode: str
    hoogste: tuple[str, str]  # (area label, shown value)
    laagste: tuple[str, str]
    relatief: float  # (highest - lowest) / mean of the areas' numbers

    @property
    def zin(self) -> str:
        return (
            f"{self.indicator.naam} ({self.periode}): {self.hoogste[0]} {self.hoogste[1]} tegen "
            f"{self.laagste[0]} {self.laagste[1]}, {formatteer_getal(100 * self.relatief, 0)}% van het gemiddelde."
        )


def grootste_verschillen(domeinen, labels: list[str], *, aantal: int = 5) -> list[Verschil]:
    """Per row (indicator) the gap between the highest and the lowest area relative to their mean; the
    `aantal` largest, at least DREMPEL. Counts (absolute indicators) grow with an area's size and are left
    out, as are rows with fewer than two numbers or a mean of 0."""
    uit = []
    for d in domeinen:
        for r in d.rijen:
            if getattr(r.indicator, "absoluut", False):
                continue
            getallen = [
                (label, c.getoond.waarde, c.getoond.tekst)
                for label, c in zip(labels, r.cellen, strict=True)
                if c.getoond is not None and c.getoond.waarde is not None
            ]
            if len(getallen) < 2:
                continue
            gemiddelde = statistics.fmean(w for _, w, _ in getallen)
            if gemiddelde <= 0:
                continue
            hoog = max(getallen, key=lambda g: g[1])
            laag = min(getallen, key=lambda g: g[1])
            relatief = (hoog[1] - laag[1]) / gemiddelde
            if relatief >= DREMPEL:
                uit.append(Verschil(r.indicator, r.periode, (hoog[0], hoog[2]), (laag[0], laag[2]), relatief))
    uit.sort(key=lambda v: -v.relatief)
    return uit[:aantal]
