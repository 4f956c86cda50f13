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
