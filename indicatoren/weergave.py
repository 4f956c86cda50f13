"""How one value is shown: the number in Dutch notation, or the reason it is not shown.

One function for pages, exports and (later) the API, so disclosure control is applied
identically everywhere: a CBS symbol or a value below the indicator's threshold is never a 0.
"""

from dataclasses import dataclass

from lib.getallen import formatteer_getal

from .models import STATUS_MET_WAARDE, Status


@dataclass(frozen=True)
class Getoond:
    tekst: str  # what the reader sees: "83.058", "geheim (CBS)", "minder dan 10"
    waarde: float | None  # the number that may be shown, or None
    status: str  # stored status, or onder_drempel when the threshold hides the number
    reden: str  # why there is no number ("" when there is one)
    noot: str = ""  # with a number: what the reader must know to read it (e.g. "inwoners van 2024")


STATUS_KORT = {
    Status.ONBEKEND: "onbekend (CBS)",
    Status.GEHEIM: "geheim (CBS)",
    Status.NIHIL: "nihil (CBS)",
    Status.ONBETROUWBAAR: "onbetrouwbaar (CBS)",
    Status.ONDER_DREMPEL: "onder de drempel",
}


# Plain strings, so the hot path (the API's waarden list) is a set lookup.
_MET_WAARDE = frozenset(s.value for s in STATUS_MET_WAARDE)


def beslis(
    waarde: float | None, status: str, drempel: float | None = None, toelichting: str = ""
) -> tuple[float | None, str, str]:
    """The disclosure decision alone: (the number that may be shown or None, status, reason).

    `toon` adds the Dutch text for pages and exports; the API, which delivers numbers, uses this
    directly. Both therefore withhold exactly the same values for exactly the same reasons."""
    if waarde is None or status not in _MET_WAARDE:
        return None, status, toelichting or Status(status).label
    if drempel is not None and abs(waarde) < drempel:
        return None, Status.ONDER_DREMPEL.value, f"onder de onthullingsdrempel van {drempel:g}"
    return waarde, status, ""


def toon(
    waarde: float | None, status: str, *, decimalen: int = 0, drempel: float | None = None, toelichting: str = ""
) -> Getoond:
    getal, getoonde_status, reden = beslis(waarde, status, drempel, toelichting)
    if getal is None:
        if getoonde_status != status and drempel is not None:  # a number withheld by the threshold
            tekst = f"minder dan {formatteer_getal(drempel, 0)}"
        else:
            bekend = Status(status)
            tekst = STATUS_KORT[bekend] if bekend in STATUS_KORT else str(bekend.label)
        return Getoond(tekst, None, getoonde_status, reden)
    tekst = formatteer_getal(getal, decimalen)
    if status == Status.VOORLOPIG:
        tekst += " (voorlopig)"
    elif status == Status.NADER_VOORLOPIG:
        tekst += " (nader voorlopig)"
    # A stored note beside a number (e.g. a rate over the population of another year) is shown with it.
    return Getoond(tekst, getal, status, "", toelichting)


def toon_van(indicator, waarde: float | None, status: str, toelichting: str = "") -> Getoond:
    """A value of `indicator` as shown: its decimals and disclosure threshold applied. The one place an
    indicator's value becomes a `Getoond` (pages, exports, profile, map, trend, comparison, wijkanalyse)."""
    return toon(
        waarde, status, decimalen=indicator.decimalen, drempel=indicator.onthullingsdrempel, toelichting=toelichting
    )


def toon_waarde(w, indicator=None) -> Getoond:
    """A Waarde (or a row with waarde, status and toelichting) of `indicator`, by default its own
    (loaded with select_related)."""
    return toon_van(indicator or w.indicator, w.waarde, w.status, w.toelichting)
