"""The signals panel of the profile's first screen (issue 11): the monthly signal rates of the area against
the gemeente as small multiples. Plain functions on plain rows (no ORM, no request), tested on hand-checked
examples in tests/indicatoren/test_eerste_scherm.py."""

import re
import statistics
from dataclasses import dataclass

from lib.getallen import formatteer_getal
from lib.perioden import maand_label

from .eerste_scherm import PER_1000, SIGNALEN_DOMEIN, Lijn, _lijn
from .profiel import ProfielWaarde
from .weergave import toon_waarde


@dataclass
class Paneel:
    """One category: the rate per 1,000 inhabitants per month for the area and for Hengelo."""

    code: str
    naam: str
    maanden: list[str]
    eigen: list[float | None]
    gemeente: list[float | None]
    per_1000: bool = True  # False: counts (no inhabitants known), without the Hengelo line
    breedte: int = 220
    hoogte: int = 70
    lijn_eigen: Lijn | None = None
    lijn_gemeente: Lijn | None = None
    hoogste: float = 0.0

    @property
    def hoogste_tekst(self) -> str:
        return formatteer_getal(self.hoogste, 2 if self.per_1000 else 0)

    @property
    def gemiddelde_eigen(self) -> float | None:
        return _gemiddelde(self.eigen[-12:])

    @property
    def gemiddelde_gemeente(self) -> float | None:
        return _gemiddelde(self.gemeente[-12:])

    @property
    def zin(self) -> str:
        """The last 12 complete months in one sentence, with both numbers."""
        e, h = self.gemiddelde_eigen, self.gemiddelde_gemeente
        laatste12 = self.maanden[-12:]
        periode = f"{maand_label(laatste12[0])} t/m {maand_label(laatste12[-1])}"
        if e is None:
            return f"Geen cijfers voor {periode}."
        if not self.per_1000:
            return f"Gemiddeld {formatteer_getal(e, 1)} signalen per maand ({periode})."
        tekst = f"Gemiddeld {formatteer_getal(e, 2)} per 1.000 inwoners per maand ({periode})"
        if h is not None:
            tekst += f"; Hengelo {formatteer_getal(h, 2)}"
        return tekst + "."

    @property
    def oordeel(self) -> str:
        """'hoger' / 'lager' / 'vergelijkbaar' than Hengelo over the last 12 months (10% margin), '' without numbers."""
        e, h = self.gemiddelde_eigen, self.gemiddelde_gemeente
        if e is None or h is None:
            return ""
        if h == 0:
            return "hoger" if e > 0 else "vergelijkbaar"
        verschil = (e - h) / h
        return "hoger" if verschil > 0.1 else "lager" if verschil < -0.1 else "vergelijkbaar"


def _gemiddelde(waarden: list[float | None]) -> float | None:
    getallen = [w for w in waarden if w is not None]
    return statistics.fmean(getallen) if getallen else None


def categorie_naam(indicator_naam: str) -> str:
    """'Signalen zwerfvuil per 1.000 inwoners (per maand)' -> 'Zwerfvuil'; 'Signalen per 1.000 ...' -> 'Alle signalen';
    'Signalen groen (aantal per maand)' -> 'Groen'."""
    naam = re.sub(r"\s*(per 1\.000 inwoners|\(aantal per maand\)).*$", "", indicator_naam).strip()
    naam = re.sub(r"^Signalen\s*", "", naam).strip()
    return naam[:1].upper() + naam[1:] if naam else "Alle signalen"


def signalen_panelen(
    rijen: list[ProfielWaarde], *, gebied_id: int, gemeente_id: int | None, maanden: list[str], eenheid: str = PER_1000
) -> list[Paneel]:
    """Small multiples of the monthly signal rates (per 1,000 inhabitants) of the area against Hengelo over
    `maanden` (complete months only, see `laatste_volledige_maanden`). The total comes first, then the
    categories by the area's rate over the last 12 months, highest first. Panels without any number in the
    period are left out. Each panel has its own y-scale (from 0 to its highest value, printed)."""
    index = {m: i for i, m in enumerate(maanden)}
    per_indicator: dict[int, dict] = {}
    for rij in rijen:
        ind = rij.indicator
        if ind.domein.code != SIGNALEN_DOMEIN or ind.eenheid != eenheid or rij.periode not in index:
            continue
        if rij.gebied_id not in (gebied_id, gemeente_id):
            continue
        p = per_indicator.setdefault(
            ind.id, {"ind": ind, "eigen": [None] * len(maanden), "gemeente": [None] * len(maanden)}
        )
        reeks = p["eigen"] if rij.gebied_id == gebied_id else p["gemeente"]
        reeks[index[rij.periode]] = toon_waarde(rij).waarde
    panelen = []
    for p in per_indicator.values():
        ind = p["ind"]
        if all(w is None for w in p["eigen"]):
            continue
        if gemeente_id == gebied_id:
            p["gemeente"] = [None] * len(maanden)
        panelen.append(
            Paneel(ind.code, categorie_naam(ind.naam), maanden, p["eigen"], p["gemeente"], per_1000=eenheid == PER_1000)
        )
    totaal = [p for p in panelen if p.naam == "Alle signalen"]
    rest = sorted(
        (p for p in panelen if p.naam != "Alle signalen" and not p.naam.lower().startswith("van ")),
        key=lambda p: (-(p.gemiddelde_eigen or 0), p.naam),
    )
    panelen = totaal + rest
    for paneel in panelen:
        getallen = [w for w in paneel.eigen + paneel.gemeente if w is not None]
        paneel.hoogste = max(getallen) if getallen else 0.0
        hoog = paneel.hoogste or 1.0
        if not paneel.per_1000:
            paneel.gemeente = [None] * len(maanden)  # counts of a buurt and of the city are not comparable
        maat = {"breedte": paneel.breedte, "hoogte": paneel.hoogte, "laag": 0, "hoog": hoog, "rand": 4}
        paneel.lijn_eigen = _lijn(paneel.eigen, **maat)
        paneel.lijn_gemeente = _lijn(paneel.gemeente, **maat)
    return panelen
