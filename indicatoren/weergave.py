"""How one value is shown: the number in Dutch notation, or the reason it is not shown.

One function for pages, exports and (later) the API, so disclosure control is applied
identically everywhere: a CBS symbol or a value below the indicator's threshold is never a 0.
"""

from dataclasses import dataclass

from .models import STATUS_MET_WAARDE, Status


@dataclass(frozen=True)
class Getoond:
    tekst: str  # what the reader sees: "83.058", "geheim (CBS)", "minder dan 10"
    waarde: float | None  # the number that may be shown, or None
    status: str  # stored status, or onder_drempel when the threshold hides the number
    reden: str  # why there is no number ("" when there is one)


def formatteer_getal(waarde: float, decimalen: int) -> str:
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


STATUS_KORT = {
    Status.ONBEKEND: "onbekend (CBS)",
    Status.GEHEIM: "geheim (CBS)",
    Status.NIHIL: "nihil (CBS)",
    Status.ONBETROUWBAAR: "onbetrouwbaar (CBS)",
    Status.ONDER_DREMPEL: "onder de drempel",
}


def toon(
    waarde: float | None, status: str, *, decimalen: int = 0, drempel: float | None = None, toelichting: str = ""
) -> Getoond:
    if status not in STATUS_MET_WAARDE or waarde is None:
        reden = toelichting or Status(status).label
        return Getoond(STATUS_KORT.get(status, Status(status).label), None, status, reden)
    if drempel is not None and abs(waarde) < drempel:
        tekst = f"minder dan {formatteer_getal(drempel, 0)}"
        return Getoond(tekst, None, Status.ONDER_DREMPEL, f"onder de onthullingsdrempel van {drempel:g}")
    tekst = formatteer_getal(waarde, decimalen)
    if status == Status.VOORLOPIG:
        tekst += " (voorlopig)"
    elif status == Status.NADER_VOORLOPIG:
        tekst += " (nader voorlopig)"
    return Getoond(tekst, waarde, status, "")


def toon_waarde(w) -> Getoond:
    """A Waarde with its indicator loaded (select_related)."""
    return toon(
        w.waarde,
        w.status,
        decimalen=w.indicator.decimalen,
        drempel=w.indicator.onthullingsdrempel,
        toelichting=w.toelichting,
    )
