"""MOR reports as indicator rows: plain functions on plain counts (no ORM), tested on hand counts.

- a month without reports in an area is a real 0 from the first month with any report on; the running month is
  'voorlopig' (still growing);
- the rate is per 1,000 inhabitants of that year (CBS AantalInwoners), or of the latest earlier year (said in
  the note); without a population it is 'onbekend' with the reason, never 0;
- the rolling rate over 12 complete months headlines a profile (one month is noisy); before 12 months of
  reports it is 'onbekend'.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

TOTAAL = "totaal"
PER_DUIZEND = 1000
VENSTER = 12
CODE = "MorMeldingen"
NAAM = "Meldingen openbare ruimte"


class Meldingtelling(NamedTuple):
    gebied_id: int
    maand: str  # 'YYYY-MM'
    categorie: str  # MOR category code
    aantal: int


class Meldingrij(NamedTuple):
    indicator: str
    gebied_id: int
    periode: str
    waarde: float | None
    status: str
    toelichting: str


@dataclass(frozen=True)
class Meldingdefinitie:
    code: str
    naam: str
    groep: str  # TOTAAL or the MOR category code
    per_duizend: bool
    venster: int | None
    definitie: str


def definities(categorieen: dict[str, str]) -> list[Meldingdefinitie]:
    """Count and rate per month, in all and per MOR category, and the rolling 12-month rate in all."""
    regels = "Geteld uit de geïmporteerde meldingen van het meldingensysteem; de maand is die van het melden."
    groepen = [(TOTAAL, CODE, f"{CODE}Per1000", NAAM, "alle meldingen openbare ruimte")]
    groepen += [
        (code, f"{CODE}_{code}", f"{CODE}Per1000_{code}", f"{NAAM}: {naam[:1].lower()}{naam[1:]}", f"categorie {naam}")
        for code, naam in categorieen.items()
    ]
    uit = []
    for groep, code_aantal, code_rate, naam, wat in groepen:
        uit.append(
            Meldingdefinitie(
                code_aantal, f"{naam} (aantal per maand)", groep, False, None, f"Aantal {wat} per maand. {regels}"
            )
        )
        uit.append(
            Meldingdefinitie(
                code_rate,
                f"{naam} per 1.000 inwoners (per maand)",
                groep,
                True,
                None,
                f"Aantal {wat} per maand per 1.000 inwoners (CBS AantalInwoners van dat jaar, of het laatste "
                f"eerdere jaar). {regels}",
            )
        )
    uit.append(
        Meldingdefinitie(
            f"{CODE}{VENSTER}mPer1000",
            f"{NAAM} per 1.000 inwoners ({VENSTER} maanden)",
            TOTAAL,
            True,
            VENSTER,
            f"Alle meldingen openbare ruimte in de {VENSTER} complete maanden tot en met de genoemde maand, per 1.000 "
            f"inwoners. {regels}",
        )
    )
    return uit


def maanden_tussen(eerste: str, laatste: str) -> list[str]:
    j, m = int(eerste[:4]), int(eerste[5:7])
    uit = []
    while (j, m) <= (int(laatste[:4]), int(laatste[5:7])):
        uit.append(f"{j:04d}-{m:02d}")
        j, m = (j + 1, 1) if m == 12 else (j, m + 1)
    return uit


def inwoners_voor(reeks: dict[int, float | None], jaar: int) -> tuple[float | None, int | None]:
    kandidaten = [j for j, w in reeks.items() if j <= jaar and w]
    return (reeks[max(kandidaten)], max(kandidaten)) if kandidaten else (None, None)


def indicatorrijen(
    tellingen: list[Meldingtelling],
    *,
    gebieden: dict[int, str],
    inwoners: dict[int, dict[int, float | None]],
    maanden: list[str],
    defs: list[Meldingdefinitie],
    lopende_maand: str,
) -> list[Meldingrij]:
    opgeteld: dict[tuple[int, str, str], int] = defaultdict(int)
    for t in tellingen:
        opgeteld[(t.gebied_id, t.maand, TOTAAL)] += t.aantal
        opgeteld[(t.gebied_id, t.maand, t.categorie)] += t.aantal
    complete = [m for m in maanden if m != lopende_maand]
    uit: list[Meldingrij] = []
    for gebied_id, naam in gebieden.items():
        reeks = inwoners.get(gebied_id, {})
        for d in defs:
            if d.venster:
                for i, maand in enumerate(complete):
                    uit.append(_rollend(d, gebied_id, naam, maand, complete[max(0, i + 1 - d.venster) : i + 1],
                                        i + 1 >= d.venster, complete[0], reeks, opgeteld))  # fmt: skip
                continue
            for maand in maanden:
                lopend = maand == lopende_maand
                status, noot = ("voorlopig", "lopende maand: nog niet compleet") if lopend else ("beschikbaar", "")
                aantal = opgeteld.get((gebied_id, maand, d.groep), 0)
                if not d.per_duizend:
                    uit.append(Meldingrij(d.code, gebied_id, maand, float(aantal), status, noot))
                    continue
                bevolking, jaar = inwoners_voor(reeks, int(maand[:4]))
                if bevolking is None:
                    reden = f"geen inwonertal (CBS AantalInwoners) van {naam} voor {maand[:4]} of eerder"
                    uit.append(Meldingrij(d.code, gebied_id, maand, None, "onbekend", reden))
                    continue
                if jaar != int(maand[:4]):
                    noot = "; ".join(x for x in (noot, f"inwoners van {jaar}") if x)
                uit.append(Meldingrij(d.code, gebied_id, maand, aantal * PER_DUIZEND / bevolking, status, noot))
    return uit


def _rollend(d, gebied_id, naam, maand, venster, vol, eerste, reeks, opgeteld) -> Meldingrij:
    if not vol:
        reden = f"minder dan {d.venster} maanden meldingen geïmporteerd (sinds {eerste})"
        return Meldingrij(d.code, gebied_id, maand, None, "onbekend", reden)
    bevolking, jaar = inwoners_voor(reeks, int(maand[:4]))
    if bevolking is None:
        reden = f"geen inwonertal (CBS AantalInwoners) van {naam} voor {maand[:4]} of eerder"
        return Meldingrij(d.code, gebied_id, maand, None, "onbekend", reden)
    aantal = sum(opgeteld.get((gebied_id, m, d.groep), 0) for m in venster)
    noot = f"inwoners van {jaar}" if jaar != int(maand[:4]) else ""
    return Meldingrij(d.code, gebied_id, maand, aantal * PER_DUIZEND / bevolking, "beschikbaar", noot)
