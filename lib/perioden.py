"""Periods and month arithmetic, in one place for every app.

Periods as stored on a Waarde: '2024' (year), '2024-03' (month), '2024-Q1' (quarter). Months as text
('YYYY-MM') for counts and charts; a moment some months back as a date(time). Calendar arithmetic is
`dateutil.relativedelta` (it keeps the day of the month where it can and clamps to the month's last day
where it cannot: 31 March minus one month is 28/29 February).
"""

import re
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

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


# --- months ('YYYY-MM') ----------------------------------------------------------------------------------


def maand_van(dag: date) -> str:
    """'YYYY-MM' of the month `dag` (a date or datetime) lies in."""
    return f"{dag.year:04d}-{dag.month:02d}"


def maand_begin(maand: str) -> date:
    """The first day of month 'YYYY-MM'."""
    return date(int(maand[:4]), int(maand[5:7]), 1)


def maand_einde(maand: str) -> date:
    """The last day of month 'YYYY-MM'."""
    return maand_begin(maand) + relativedelta(months=1, days=-1)


def maand_verschuif(maand: str, stappen: int) -> str:
    """The month `stappen` months after (negative: before) 'YYYY-MM'."""
    return maand_van(maand_begin(maand) + relativedelta(months=stappen))


def maanden_tussen(eerste: str, laatste: str) -> list[str]:
    """All months from `eerste` to `laatste` inclusive ('YYYY-MM'); empty when `laatste` lies before."""
    uit = []
    while eerste <= laatste:
        uit.append(eerste)
        eerste = maand_verschuif(eerste, 1)
    return uit


def laatste_volledige_maanden(vandaag: date, aantal: int = 24) -> list[str]:
    """The `aantal` complete months before the running month of `vandaag`, oldest first ('YYYY-MM').

    The running month is never among them: on 1 December 2026 the last is '2026-11'."""
    laatste = maand_verschuif(maand_van(vandaag), -1)
    return [maand_verschuif(laatste, -i) for i in range(aantal - 1, -1, -1)]


def maanden_terug(moment: datetime, maanden: int) -> datetime:
    """The same moment `maanden` months earlier, on the month's last day when the day does not exist
    there (31 March - 1 month = 28/29 February)."""
    return moment - relativedelta(months=maanden)


def maand_label(periode: str) -> str:
    """'2026-11' -> 'nov 2026'; other periods unchanged."""
    if _MAAND.match(periode):
        return f"{MAANDEN_KORT[int(periode[5:7]) - 1]} {periode[:4]}"
    return periode


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


def periode_begin(periode: str) -> date:
    """The first day of a period: 2024 -> 2024-01-01, 2024-03 -> 2024-03-01, 2024-Q2 -> 2024-04-01."""
    jaar = int(periode[:4])
    if m := _KWARTAAL.match(periode):
        return date(jaar, 3 * (int(m.group(2)) - 1) + 1, 1)
    if _MAAND.match(periode):
        return date(jaar, int(periode[5:7]), 1)
    return date(jaar, 1, 1)


def periode_na(periode: str) -> date:
    """The first day after a period (a year, quarter or month)."""
    stap = relativedelta(months=3) if _KWARTAAL.match(periode) else relativedelta(months=1)
    return periode_begin(periode) + (stap if len(periode) > 4 else relativedelta(years=1))


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
        tekst = maand_label(periode)
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
