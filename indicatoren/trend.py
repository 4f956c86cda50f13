"""Trend rows and texts for one indicator in one area, with references. Plain functions."""

from dataclasses import dataclass
from datetime import date

from lib.getallen import formatteer_getal
from lib.perioden import is_compleet, jaar_van, maand_label, periode_tekst
from lib.tabellen import Paginatabel
from wijken import codes

from .charts import trend_figuur
from .weergave import Getoond, toon_waarde


def reeks(perioden: list[str], per_periode: dict[str, Getoond]) -> list[tuple[str, float | None]]:
    return [(p, per_periode[p].waarde if p in per_periode else None) for p in perioden]


def vanaf_volledig_venster(perioden: list[str], met_getal: set[str], venster: int | None) -> tuple[list[str], str]:
    """A rolling series (a value counts the `venster` months up to its month) has no number until the first
    window is complete: start the series at its first number instead of drawing empty lead-in months
    (issue 11), and say so. Returns (periods, sentence; "" when nothing was left off)."""
    if not venster or not perioden:
        return perioden, ""
    eerste = next((p for p in perioden if p in met_getal), None)
    if eerste is None or eerste == perioden[0]:
        return perioden, ""
    weg = perioden.index(eerste)

    return perioden[weg:], (
        f"De reeks begint in {maand_label(eerste)}: de eerste maand waarin het venster van {venster} maanden "
        f"compleet is ({weg} eerdere maand{'en' if weg != 1 else ''} zonder volledig venster weggelaten). "
    )


def wijzigingen_op_perioden(wijzigingen: list[tuple[int, int, float]], perioden: list[str]) -> list[tuple[str, str]]:
    """Place each boundary change (from year, to year, share) on the first period at or after the
    new indeling, when that lies within the series; the label says which indeling changed."""
    uit = []
    for jaar_van_, jaar_tot, aandeel in wijzigingen:
        na = [p for p in perioden if jaar_van(p) >= jaar_tot]
        voor = [p for p in perioden if jaar_van(p) < jaar_tot]
        if na and voor:
            uit.append((na[0], f"grens gewijzigd ({jaar_van_}→{jaar_tot}, {aandeel:.0%})"))
    return uit


def samenvatting(naam: str, gebied: str, punten: list[tuple[str, float | None]], eenheid: str, decimalen: int) -> str:
    from .eerste_scherm import getal_met_eenheid

    # Natural Dutch: "11.975 inwoners", "10%", months as "nov 2026" (issue 11).
    met_getal = [(maand_label(p), w) for p, w in punten if w is not None]

    def getal(w: float) -> str:
        return getal_met_eenheid(formatteer_getal(w, decimalen), eenheid, naam)

    if not met_getal:
        return f"Voor {gebied} is geen getal van {naam.lower()} bekend in de geladen perioden."
    if len(met_getal) == 1:
        p, w = met_getal[0]
        return f"{naam} in {gebied}: {getal(w)} in {p} (één periode bekend)."
    (p0, w0), (p1, w1) = met_getal[0], met_getal[-1]
    # A long (e.g. monthly) series can peak in between: comparing only the ends would hide it.
    tussen = ""
    (ph, wh), (pl, wl) = max(met_getal, key=lambda pw: pw[1]), min(met_getal, key=lambda pw: pw[1])
    if wh > max(w0, w1):
        tussen += f"; het hoogst was {getal(wh)} in {ph}"
    if wl < min(w0, w1):
        tussen += f"; het laagst was {getal(wl)} in {pl}"
    if w1 == w0:
        if tussen:
            return f"{naam} in {gebied} was in {p1} even hoog als in {p0}: {getal(w1)}{tussen}."
        return f"{naam} in {gebied} bleef van {p0} tot {p1} gelijk op {getal(w1)}."
    beweging = "steeg" if w1 > w0 else "daalde"
    ontbreekt = len(punten) - len(met_getal)
    extra = f" ({ontbreekt} periode{'n' if ontbreekt != 1 else ''} zonder getal)" if ontbreekt else ""
    return f"{naam} in {gebied} {beweging} van {getal(w0)} in {p0} naar {getal(w1)} in {p1}{extra}{tussen}."


# --- the trend page: series, figure and table from the rows `selectors.trend_waarden` reads ----------


@dataclass
class Trend:
    """One indicator over the loaded periods: the area's series and the references that have values."""

    perioden: list[str]
    eigen: dict[str, tuple]  # periode -> (Waarde, Getoond) of the area itself
    series: list[tuple[str, dict[str, Getoond]]]  # (name, periode -> shown value): area, gemeente, Nederland
    nl_geladen: bool
    ingekort: str = ""  # a rolling series starts at its first complete window: the sentence that says so


def bouw_trend(waarden: list, *, gebied, gemeente, indicator) -> Trend:
    """`waarden`: the indicator's values of the area, its gemeente and Nederland (with `niveau` annotated).
    A reference line only where the reference has values for this indicator."""

    def getoond(w) -> Getoond:
        return toon_waarde(w, indicator)

    eigen = {w.periode: (w, getoond(w)) for w in waarden if w.gebied_id == gebied.id}
    series = [(gebied.weergavenaam, {p: g for p, (_, g) in eigen.items()})]
    referentie = [w for w in waarden if gemeente and w.gebied_id == gemeente.id != gebied.id]
    if referentie:
        series.append((gemeente.weergavenaam, {w.periode: getoond(w) for w in referentie}))
    land = [w for w in waarden if w.niveau == codes.LAND]
    if land:
        series.append(("Nederland", {w.periode: getoond(w) for w in land}))
    perioden, ingekort = vanaf_volledig_venster(
        sorted({w.periode for w in waarden}),
        {p for p, (_, g) in eigen.items() if g.waarde is not None},
        getattr(indicator, "venster", None),
    )
    return Trend(perioden, eigen, series, bool(land), ingekort)


def trend_figuur_en_tabel(
    trend: Trend, *, gebied, indicator, markeringen: list, interventies: list, vandaag: date
) -> tuple[dict, Paginatabel]:
    """The chart and the table behind it. The running month is drawn apart and left out of the summary:
    it is not over yet."""
    perioden, series = trend.perioden, trend.series
    punten = reeks(perioden, series[0][1])
    lopend = {p for p in perioden if not is_compleet(p, vandaag)}
    titel = f"{indicator.naam} in {gebied.weergavenaam}"
    figuur = trend_figuur(
        [(naam, reeks(perioden, r)) for naam, r in series],
        titel=titel,
        eenheid=indicator.eenheid,
        wijzigingen=markeringen,
        interventies=[(m.periode, m.tekst) for m in interventies if m.periode],
        lopend=lopend,
    )
    kolommen = ["periode"] + [f"{naam}" for naam, _ in series] + [f"status {gebied.weergavenaam}", "reden", "bron"]
    rijen = []
    for p in perioden:
        w, g = trend.eigen.get(p, (None, None))
        rijen.append(
            [p]
            + [r[p].waarde if p in r else None for _, r in series]
            + [g.status if g else "geen waarde", (g.reden or g.noot) if g else "", w.bron if w else ""]
        )
    tabel = Paginatabel(
        "trend",
        titel,
        kolommen,
        rijen,
        (f"Elke waarde telt de {indicator.venster} maanden tot en met de genoemde maand. " if indicator.venster else "")
        + trend.ingekort
        + samenvatting(
            indicator.naam,
            gebied.weergavenaam,
            [(p, w) for p, w in punten if p not in lopend],
            indicator.eenheid,
            indicator.decimalen,
        )
        + "".join(
            f" {periode_tekst(p).capitalize()} is nog niet compleet (lopende maand) en telt in deze "
            "samenvatting niet mee."
            for p in sorted(lopend)
        ),
        decimalen=dict.fromkeys(range(1, 1 + len(series)), indicator.decimalen),
    )
    return figuur, tabel
