"""Periods as stored on a Waarde: '2024' (year), '2024-03' (month), '2024-Q1' (quarter)."""

import re

_JAAR = re.compile(r"^(\d{4})$")
_MAAND = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_KWARTAAL = re.compile(r"^(\d{4})-Q([1-4])$")
# CBS StatLine period keys: 2024JJ00 (year), 2024KW01 (quarter), 2024MM03 (month).
_CBS = re.compile(r"^(\d{4})(JJ00|KW0([1-4])|MM(0[1-9]|1[0-2]))$")


class OngeldigePeriode(ValueError):
    pass


def normaliseer_periode(ruw) -> str:
    """Accept 2024, '2024', '2024-03', '2024-Q1', CBS '2024JJ00'/'2024KW01'/'2024MM03'."""
    if isinstance(ruw, bool):
        raise OngeldigePeriode(f"'{ruw}' is geen periode")
    if isinstance(ruw, float) and ruw.is_integer():
        ruw = int(ruw)
    tekst = str(ruw).strip().upper().rstrip("*").strip()
    if _JAAR.match(tekst) or _MAAND.match(tekst) or _KWARTAAL.match(tekst):
        jaar = int(tekst[:4])
    elif m := _CBS.match(tekst):
        jaar = int(m.group(1))
        if m.group(2) == "JJ00":
            tekst = m.group(1)
        elif m.group(3):
            tekst = f"{m.group(1)}-Q{m.group(3)}"
        else:
            tekst = f"{m.group(1)}-{m.group(4)}"
    else:
        raise OngeldigePeriode(
            f"'{ruw}' is geen periode (verwacht een jaar als 2024, een maand als 2024-03 of een kwartaal als 2024-Q1)"
        )
    if not 1900 <= jaar <= 2100:
        raise OngeldigePeriode(f"'{ruw}': jaar {jaar} ligt buiten 1900-2100")
    return tekst


def jaar_van(periode: str) -> int:
    return int(periode[:4])


# --- complete periods and how a period is named on a page ---------------------------------------------------
# A monthly or quarterly series is never headlined by the period that is still running: its count grows
# until the period is over (a month with 3 days of signals reads "0" and looks like a fall). Years are
# CBS editions with a reference date (1 January) or a published year total, never a running year.

MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
LOPEND = "lopende maand, nog niet compleet"


def is_maand(periode: str) -> bool:
    return bool(_MAAND.match(periode))


def is_kwartaal(periode: str) -> bool:
    return bool(_KWARTAAL.match(periode))


def lopende_maand(vandaag) -> str:
    """'YYYY-MM' of the month `vandaag` (a date) lies in."""
    return f"{vandaag.year:04d}-{vandaag.month:02d}"


def maand_verschuif(maand: str, stappen: int) -> str:
    index = int(maand[:4]) * 12 + int(maand[5:7]) - 1 + stappen
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def is_compleet(periode: str, vandaag) -> bool:
    """False for a month or quarter that has not ended before `vandaag` (the running one, or a later one)."""
    if m := _MAAND.match(periode):
        return (int(m.group(1)), int(m.group(2))) < (vandaag.year, vandaag.month)
    if m := _KWARTAAL.match(periode):
        return (int(m.group(1)), int(m.group(2))) < (vandaag.year, (vandaag.month - 1) // 3 + 1)
    return True


def complete_perioden(perioden, vandaag) -> list[str]:
    """The periods that may headline a page or end a trend summary, in the given order."""
    return [p for p in perioden if is_compleet(p, vandaag)]


def periode_sleutel(periode: str) -> tuple:
    """Chronological order of mixed periods: a year before its quarters, a quarter before its months."""
    jaar = int(periode[:4])
    if m := _KWARTAAL.match(periode):
        return (jaar, (int(m.group(2)) - 1) * 3 + 1, 1)
    if m := _MAAND.match(periode):
        return (jaar, int(m.group(2)), 2)
    return (jaar, 0, 0)


def kop_periode(perioden, vandaag) -> str | None:
    """The latest complete period (the headline), or None when only running periods are loaded."""
    compleet = complete_perioden(perioden, vandaag)
    return max(compleet, key=periode_sleutel) if compleet else None


def periode_tekst(periode: str, venster: int | None = None) -> str:
    """How a period reads on a page: '2024', 'nov 2026', '3e kwartaal 2024'; with a rolling window of
    `venster` months ending in month `periode`: 'dec 2025 t/m nov 2026'."""
    if m := _MAAND.match(periode):
        tekst = f"{MAANDEN_KORT[int(m.group(2)) - 1]} {m.group(1)}"
        if venster and venster > 1:
            return f"{periode_tekst(maand_verschuif(periode, 1 - venster))} t/m {tekst}"
        return tekst
    if m := _KWARTAAL.match(periode):
        return f"{m.group(2)}e kwartaal {m.group(1)}"
    return periode


def andere_perioden_tekst(periode: str, invoer: dict[str, str]) -> str:
    """The note for a value computed from inputs of other periods than its own, e.g. crime of 2023 per
    1,000 inhabitants of 2024: {'inwoners': '2024'} -> 'inwoners van 2024'. Empty when all match."""
    return "; ".join(f"{naam} van {periode_tekst(p)}" for naam, p in invoer.items() if p and p != periode)
