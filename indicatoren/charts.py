"""Plotly figures as plain dicts, built from plain rows. No ORM, no request: tested without a database.

The shared look (font, Dutch separators, line styles) is `lib.grafieken`.
Monthly periods ("2026-11") are shown as Dutch month labels ("nov 2026").
"""

import math
from collections.abc import Sequence

from lib.grafieken import KLEUREN, STREEPJES, SYMBOLEN, basis_layout, plotly_tekst, verticale_lijn
from lib.perioden import LOPEND, maand_label


def maand_ticks(perioden: list[str], *, maximaal: int = 9) -> dict:
    """Horizontal tick labels on a long category axis, never cut off: every n-th period counted back from
    the latest (which is always labelled), at most `maximaal`; grafieken.js thins them further on a narrow
    canvas. Short axes keep Plotly's own ticks."""
    if len(perioden) <= 12:
        return {"automargin": True}
    stap = math.ceil(len(perioden) / maximaal)
    labels = [maand_label(p) for p in perioden][::-1][::stap][::-1]
    return {"tickmode": "array", "tickvals": labels, "ticktext": labels, "tickangle": 0, "automargin": True}


def trend_figuur(
    reeksen: list[tuple[str, list[tuple[str, float | None]]]],
    *,
    titel: str,
    eenheid: str,
    wijzigingen: Sequence[tuple[str, str]] = (),
    interventies: Sequence[tuple[str, str]] = (),
    lopend: frozenset[str] | set[str] = frozenset(),
) -> dict:
    """Lines per area over periods; None leaves a gap. Periods in `lopend` (the running month) are left
    off the lines; the first area's value there is drawn as an open marker named "lopende maand, nog niet
    compleet", so an incomplete month is never read as a fall. `wijzigingen`: (period, text) marked by a
    vertical dotted line with a label (a change of boundaries between editions). `interventies`:
    (period, text) of actions taken (from the wijkagenda), a dashed line with a text label inside the
    plot, stacked when several fall in one period (text, not colour alone, carries the meaning)."""
    data = []
    eenheid_html = plotly_tekst(eenheid)
    for i, (naam, punten) in enumerate(reeksen):
        naam = plotly_tekst(naam)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": naam,
                "x": [maand_label(p) for p, _ in punten],
                "y": [None if p in lopend else w for p, w in punten],
                "connectgaps": False,
                "line": {
                    "color": KLEUREN[i % len(KLEUREN)],
                    "dash": STREEPJES[i % len(STREEPJES)],
                    "width": 3 if i == 0 else 2,
                },
                "marker": {"symbol": SYMBOLEN[i % len(SYMBOLEN)], "size": 8},
                "hovertemplate": f"{naam}: %{{y:,}} {eenheid_html}<extra></extra>",
            }
        )
    if reeksen and (onaf := [(p, w) for p, w in reeksen[0][1] if p in lopend and w is not None]):
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"{plotly_tekst(reeksen[0][0])}: {LOPEND}",
                "x": [maand_label(p) for p, _ in onaf],
                "y": [w for _, w in onaf],
                "marker": {"symbol": "circle-open", "size": 11, "color": KLEUREN[0], "line": {"width": 2}},
                "hovertemplate": f"{LOPEND}: %{{y:,}} {eenheid_html}<extra></extra>",
            }
        )
    layout = basis_layout(titel, x_titel="Periode", y_titel=eenheid)
    layout["xaxis"]["type"] = "category"
    layout["xaxis"].update(maand_ticks([p for p, _ in reeksen[0][1]] if reeksen else []))
    # the legend at the bottom of the canvas, under the tick labels and the axis title (never over them)
    layout["margin"]["b"] = 100
    layout["legend"] = {"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0}
    layout["shapes"] = [
        verticale_lijn(maand_label(periode), kleur="#595959", stijl="dot", breedte=1.5) for periode, _ in wijzigingen
    ]
    layout["annotations"] = [
        {
            "x": maand_label(periode),
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "text": plotly_tekst(tekst),
            "showarrow": False,
            "yanchor": "bottom",
            "font": {"size": 11, "color": "#3d3d3d"},
        }
        for periode, tekst in wijzigingen
    ]
    categorieen = [p for p, _ in reeksen[0][1]] if reeksen else []
    if interventies and categorieen:
        # Plotly widens an autoranged axis to fit annotation texts: keep the axis on the periods themselves.
        layout["xaxis"].update({"range": [-0.5, len(categorieen) - 0.5], "autorange": False})
    for rang, (periode, tekst) in enumerate(interventies):
        # one label per line, stacked; in the right half the text runs to the left, so it stays on the canvas
        rechts = periode in categorieen and categorieen.index(periode) > len(categorieen) / 2
        layout["shapes"].append(verticale_lijn(maand_label(periode), kleur="#7b3fa0", stijl="dash", breedte=2))
        layout["annotations"].append(
            {
                "x": maand_label(periode),
                "y": 0.97 - 0.09 * (rang % 8),
                "xref": "x",
                "yref": "paper",
                "text": f"▲ {plotly_tekst(tekst)}",
                "showarrow": False,
                "xanchor": "right" if rechts else "left",
                "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 11, "color": "#4a2463"},
            }
        )
    return {"data": data, "layout": layout}
