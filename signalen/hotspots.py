"""Hotspots: buurten where a main category's count in a month is clearly above its own 12-month baseline
(the judgement itself is the plain function `cijfers.hotspots`)."""

from dataclasses import dataclass

from lib import perioden
from wijken.models import Gebied

from . import cijfers
from .models import Categorie, Signaal


@dataclass(frozen=True)
class Hotspot:
    buurt: Gebied
    categorie: Categorie
    maand: str
    beoordeling: cijfers.Beoordeling
    reeks: list[int]
    synthetisch: int  # how many of the judged month's signals are synthetic demo data (shown as such)


def hotspots_berekenen(*, maand: str, min_aantal: int = 5, sd_factor: float = 2.0) -> list[Hotspot]:
    """Buurten where a main category's count in `maand` is clearly above its own 12-month baseline.

    Queries: the counts per buurt, main category and month over 13 months (1), buurten and categories (2)."""
    eerste = perioden.maand_verschuif(maand, -12)
    maanden = perioden.maanden_tussen(eerste, maand)
    rijen = (
        Signaal.objects.per_maand()
        .filter(buurt__isnull=False)
        .in_maanden(eerste, maand)
        .met_hoofd(op="id")
        .per("buurt_id", "hoofd", "maand", "synthetisch")
    )
    index = {m: i for i, m in enumerate(maanden)}
    reeksen: dict[tuple[int, int], list[int]] = {}
    synthetisch: dict[tuple[int, int], int] = {}
    for buurt_id, hoofd, m, is_synthetisch, n in rijen:
        deze_maand = perioden.maand_van(m)
        reeksen.setdefault((buurt_id, hoofd), [0] * len(maanden))[index[deze_maand]] += n
        if is_synthetisch and deze_maand == maand:
            synthetisch[(buurt_id, hoofd)] = synthetisch.get((buurt_id, hoofd), 0) + n
    gevonden = cijfers.hotspots(reeksen, min_aantal=min_aantal, sd_factor=sd_factor)
    if not gevonden:
        return []
    buurten = Gebied.objects.select_related("ouder").in_bulk({k[0] for k, _ in gevonden})
    categorieen = Categorie.objects.in_bulk({k[1] for k, _ in gevonden})
    return [
        Hotspot(buurten[b], categorieen[c], maand, beoordeling, reeksen[(b, c)], synthetisch.get((b, c), 0))
        for (b, c), beoordeling in gevonden
    ]
