"""Signals as dashboard figures and hotspots: plain functions from plain rows, tested without a database.

Counting rules (docs in the signalen README section of the report):
- a duplicate group is one problem: only the group's first signal (duplicaat_van empty) is counted;
- a cancelled signal (geannuleerd: logged by mistake) is not counted;
- the month is the month of the event (datum_voorval);
- the rate is per 1,000 inhabitants of that year (CBS AantalInwoners), or of the latest earlier year;
  without a population the rate is left out with status 'onbekend' and the reason, never 0.
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from lib.perioden import andere_perioden_tekst, periode_tekst

from .models import BRONGROEPEN

TOTAAL = "totaal"
K = TypeVar("K")  # the key of a series (e.g. buurt and category)
PER_DUIZEND = 1000
VENSTER = 12  # months in the rolling rate that headlines a profile (a single month is too noisy)


class Signaaltelling(NamedTuple):
    """Signals of one gebied in one month for one main category and source group."""

    gebied_id: int
    maand: str  # 'YYYY-MM'
    categorie: str  # code of the main category
    brongroep: str  # key of BRONGROEPEN
    aantal: int


@dataclass(frozen=True)
class Definitie:
    code: str
    naam: str
    groep: str  # TOTAAL, 'bron:<groep>' or 'cat:<code>'
    per_duizend: bool
    definitie: str


class Publicatierij(NamedTuple):
    indicator: str
    gebied_id: int
    periode: str
    waarde: float | None
    status: str
    toelichting: str


def definities(categorieen: list[tuple[str, str]]) -> list[Definitie]:
    """The published indicators: all signals, per source group, per main category; count and rate."""
    # (group, count code, rate code, name, what is counted)
    groepen = [(TOTAAL, "Signalen", "SignalenPer1000", "Signalen", "alle signalen")]
    for code, (naam, bronnen) in BRONGROEPEN.items():
        groepen.append(
            (
                f"bron:{code}",
                f"Signalen{code.capitalize()}",
                f"Signalen{code.capitalize()}Per1000",
                f"Signalen van {naam.lower()}",
                f"bron {', '.join(bronnen)}",
            )
        )
    for code, naam in categorieen:
        groepen.append(
            (
                f"cat:{code}",
                f"Signalen_{code}",
                f"SignalenPer1000_{code}",
                f"Signalen {naam[:1].lower()}{naam[1:]}",
                f"hoofdcategorie {naam}",
            )
        )
    uit = []
    regels = (
        "Een groep duplicaten telt als één signaal; geannuleerde signalen tellen niet mee; "
        "de maand is de maand van het voorval."
    )
    for groep, code_aantal, code_per_duizend, naam, wat in groepen:
        uit.append(
            Definitie(
                code_aantal,
                f"{naam} (aantal per maand)",
                groep,
                False,
                f"Aantal signalen per maand ({wat}). {regels}",
            )
        )
        uit.append(
            Definitie(
                code_per_duizend,
                f"{naam} per 1.000 inwoners (per maand)",
                groep,
                True,
                f"Aantal signalen per maand ({wat}) per 1.000 inwoners (CBS AantalInwoners van dat jaar, "
                f"of het laatste eerdere jaar). {regels}",
            )
        )
    # Category codes are slugs (a-z, 0-9, '-'), so 'Signalen_<code>' never collides with the others.
    return uit


def inwoners_voor(reeks: dict[int, float | None], jaar: int) -> tuple[float | None, int | None]:
    """The population for `jaar`: that year's, or the latest earlier year's with a number."""
    kandidaten = [j for j, w in reeks.items() if j <= jaar and w is not None and w > 0]
    if not kandidaten:
        return None, None
    j = max(kandidaten)
    return reeks[j], j


def per_duizend(aantal: int, inwoners: float) -> float:
    return aantal * PER_DUIZEND / inwoners


def indicatorrijen(
    tellingen: list[Signaaltelling],
    *,
    gebieden: dict[int, str],
    inwoners: dict[int, dict[int, float | None]],
    maanden: list[str],
    defs: list[Definitie],
    lopende_maand: str | None = None,
) -> list[Publicatierij]:
    """One row per indicator, gebied and month; months without signals are a real 0.

    gebieden: id -> display name (for reasons). inwoners: gebied id -> {year: AantalInwoners}.
    The running month is 'voorlopig' (it is not over yet)."""
    opgeteld: dict[tuple[int, str, str], int] = defaultdict(int)
    for t in tellingen:
        opgeteld[(t.gebied_id, t.maand, TOTAAL)] += t.aantal
        opgeteld[(t.gebied_id, t.maand, f"bron:{t.brongroep}")] += t.aantal
        opgeteld[(t.gebied_id, t.maand, f"cat:{t.categorie}")] += t.aantal
    uit: list[Publicatierij] = []
    for gebied_id, naam in gebieden.items():
        reeks = inwoners.get(gebied_id, {})
        for maand in maanden:
            status = "voorlopig" if maand == lopende_maand else "beschikbaar"
            toelichting = "lopende maand: nog niet compleet" if status == "voorlopig" else ""
            jaar = int(maand[:4])
            bevolking, bevolkingsjaar = inwoners_voor(reeks, jaar)
            for d in defs:
                aantal = opgeteld.get((gebied_id, maand, d.groep), 0)
                if not d.per_duizend:
                    uit.append(Publicatierij(d.code, gebied_id, maand, float(aantal), status, toelichting))
                elif bevolking is None:
                    uit.append(
                        Publicatierij(
                            d.code,
                            gebied_id,
                            maand,
                            None,
                            "onbekend",
                            f"geen inwonertal (CBS AantalInwoners) van {naam} voor {jaar} of eerder",
                        )
                    )
                else:
                    reden = toelichting
                    if bevolkingsjaar != jaar:
                        reden = "; ".join(x for x in (toelichting, f"inwoners van {bevolkingsjaar}") if x)
                    uit.append(Publicatierij(d.code, gebied_id, maand, per_duizend(aantal, bevolking), status, reden))
    return uit


def rollende_definities(defs: list[Definitie]) -> list[Definitie]:
    """Per published rate, its rolling 12-month rate: 'SignalenPer1000' -> 'Signalen12mPer1000'.

    The prefix 'Signalen12m' is used by no other definition, so the codes never collide."""
    uit = []
    for d in defs:
        if not d.per_duizend:
            continue
        uit.append(
            Definitie(
                d.code.replace("Signalen", f"Signalen{VENSTER}m", 1),
                d.naam.replace("(per maand)", f"({VENSTER} maanden)"),
                d.groep,
                True,
                d.definitie.replace("per maand", f"in de {VENSTER} maanden tot en met de genoemde maand", 1)
                + f" Alleen complete maanden; de periode van een waarde is de laatste maand van de {VENSTER}.",
            )
        )
    return uit


def rollende_rijen(
    tellingen: list[Signaaltelling],
    *,
    gebieden: dict[int, str],
    inwoners: dict[int, dict[int, float | None]],
    maanden: list[str],
    defs: list[Definitie],
    lopende_maand: str | None = None,
    venster: int = VENSTER,
) -> list[Publicatierij]:
    """Per rolling definition, gebied and complete month M: the signals of the `venster` months up to and
    including M per 1,000 inhabitants of M's year (or the latest earlier year, said in the note).

    The running month gets no row (it is not over); a month whose window starts before the first month
    of `maanden` (registration had not begun) is 'onbekend' with that reason, never a low number."""
    opgeteld: dict[tuple[int, str, str], int] = defaultdict(int)
    for t in tellingen:
        opgeteld[(t.gebied_id, t.maand, TOTAAL)] += t.aantal
        opgeteld[(t.gebied_id, t.maand, f"bron:{t.brongroep}")] += t.aantal
        opgeteld[(t.gebied_id, t.maand, f"cat:{t.categorie}")] += t.aantal
    complete = [m for m in maanden if m != lopende_maand]
    uit: list[Publicatierij] = []
    for gebied_id, naam in gebieden.items():
        reeks = inwoners.get(gebied_id, {})
        for i, maand in enumerate(complete):
            jaar = int(maand[:4])
            if i + 1 < venster:
                reden = f"minder dan {venster} maanden signalen geregistreerd (sinds {periode_tekst(complete[0])})"
                uit.extend(Publicatierij(d.code, gebied_id, maand, None, "onbekend", reden) for d in defs)
                continue
            bevolking, bevolkingsjaar = inwoners_voor(reeks, jaar)
            if bevolking is None:
                reden = f"geen inwonertal (CBS AantalInwoners) van {naam} voor {jaar} of eerder"
                uit.extend(Publicatierij(d.code, gebied_id, maand, None, "onbekend", reden) for d in defs)
                continue
            noot = andere_perioden_tekst(str(jaar), {"inwoners": str(bevolkingsjaar)})
            window = complete[i + 1 - venster : i + 1]
            for d in defs:
                aantal = sum(opgeteld.get((gebied_id, m, d.groep), 0) for m in window)
                uit.append(Publicatierij(d.code, gebied_id, maand, per_duizend(aantal, bevolking), "beschikbaar", noot))
    return uit


# --- hotspots -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Beoordeling:
    laatste: int
    gemiddelde: float
    sd: float
    drempel: float

    @property
    def factor(self) -> float | None:
        return self.laatste / self.gemiddelde if self.gemiddelde else None


def hotspot_beoordeling(
    reeks: list[int], *, basis_maanden: int = 12, sd_factor: float = 2.0, min_aantal: int = 5
) -> Beoordeling | None:
    """A Beoordeling when the last month is clearly above its own baseline, else None.

    reeks: counts per month, oldest first, the last one being the month judged; the `basis_maanden`
    before it are the baseline (months without signals are 0: include them). Clearly above means
    more than mean + sd_factor x sample SD of the baseline AND at least `min_aantal` signals (so one
    or two signals in a quiet buurt are no hotspot)."""
    if len(reeks) < basis_maanden + 1:
        raise ValueError(f"een reeks van {basis_maanden + 1} maanden nodig, kreeg {len(reeks)}")
    basis = reeks[-basis_maanden - 1 : -1]
    laatste = reeks[-1]
    gemiddelde = statistics.fmean(basis)
    sd = statistics.stdev(basis) if len(basis) > 1 else 0.0
    drempel = gemiddelde + sd_factor * sd
    if laatste >= min_aantal and laatste > drempel and not math.isclose(laatste, drempel):
        return Beoordeling(laatste, gemiddelde, sd, drempel)
    return None


def hotspots(reeksen: Mapping[K, list[int]], **kwargs) -> list[tuple[K, Beoordeling]]:
    """Every series key whose last month is a hotspot, the largest excess over the threshold first."""
    uit = [(k, b) for k, reeks in reeksen.items() if (b := hotspot_beoordeling(reeks, **kwargs))]
    uit.sort(key=lambda kb: (-(kb[1].laatste - kb[1].drempel), str(kb[0])))
    return uit
