"""Figures of the combine pages as plain Plotly dicts: a scatter with reference lines and the index bars.

No ORM, no request. Areas are named by a text label next to each point and bars carry their number,
so neither chart relies on colour.
"""

from lib.getallen import formatteer_getal
from lib.grafieken import KLEUREN, PlotlyOpmaak, basis_layout, plotly_tekst

REFERENTIE_LIJN = {"color": "#595959", "dash": "dash", "width": 1.5}


def _referentie(as_: str, waarde: float, tekst: str) -> tuple[dict, dict]:
    """A dashed line across the plot at `waarde` on axis `as_` ("x": vertical line) with its label."""
    if as_ == "x":
        lijn = {"type": "line", "xref": "x", "yref": "paper", "x0": waarde, "x1": waarde, "y0": 0, "y1": 1}
        label = {"x": waarde, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom", "xanchor": "left"}
    else:
        lijn = {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": waarde, "y1": waarde}
        label = {"x": 1, "y": waarde, "xref": "paper", "yref": "y", "yanchor": "bottom", "xanchor": "right"}
    lijn["line"] = REFERENTIE_LIJN
    label.update({"text": plotly_tekst(tekst), "showarrow": False, "font": {"size": 11, "color": "#3d3d3d"}})
    return lijn, label


def afbreken(tekst: str, breedte: int = 60) -> PlotlyOpmaak:
    """Break a long title over lines (Plotly does not wrap titles by itself); the text is escaped."""
    regels, regel = [], ""
    for woord in tekst.split():
        if regel and len(regel) + 1 + len(woord) > breedte:
            regels.append(regel)
            regel = woord
        else:
            regel = f"{regel} {woord}" if regel else woord
    regels.append(regel)
    return PlotlyOpmaak("<br>".join(plotly_tekst(r) for r in regels))


def _labelposities(punten) -> list[str]:
    """Alternate labels above and below the points in order of x, so neighbours overlap less."""
    volgorde = sorted(range(len(punten)), key=lambda i: (punten[i][1], punten[i][2]))
    posities = [""] * len(punten)
    for rang, i in enumerate(volgorde):
        posities[i] = "top center" if rang % 2 == 0 else "bottom center"
    return posities


def spreiding_figuur(
    punten: list[tuple[str, float, float, str]],
    *,
    titel: str,
    x_titel: str,
    y_titel: str,
    referentie_x: tuple[float, str] | None = None,
    referentie_y: tuple[float, str] | None = None,
    x_decimalen: int = 0,
    y_decimalen: int = 0,
) -> dict:
    """Points (naam, x, y, url) labelled with the area name; a click opens `url`. Optional dashed
    reference lines (value, label), e.g. Hengelo."""
    namen = [plotly_tekst(p[0]) for p in punten]
    x_html, y_html = plotly_tekst(x_titel), plotly_tekst(y_titel)
    data = [
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "Gebieden",
            "x": [p[1] for p in punten],
            "y": [p[2] for p in punten],
            "text": namen,
            "textposition": _labelposities(punten),
            "textfont": {"size": 11},
            "customdata": [p[3] for p in punten],
            "marker": {"symbol": "circle", "size": 10, "color": KLEUREN[0], "line": {"width": 1, "color": "#fff"}},
            "hovertext": [
                f"{n}<br>{x_html}: {formatteer_getal(x, x_decimalen)}<br>{y_html}: {formatteer_getal(y, y_decimalen)}"
                for n, (_, x, y, _) in zip(namen, punten, strict=True)
            ],
            "hoverinfo": "text",
            "showlegend": False,
        }
    ]
    layout = basis_layout(afbreken(titel, 90), x_titel=afbreken(x_titel, 70), y_titel=afbreken(y_titel, 40))
    layout["hovermode"] = "closest"
    layout["yaxis"]["rangemode"] = "normal"
    layout["xaxis"]["rangemode"] = "normal"
    layout["xaxis"]["zeroline"] = False
    layout["xaxis"]["tickformat"] = ",~f"  # 2.000 instead of 2k (Dutch separators from basis_layout)
    layout["yaxis"]["tickformat"] = ",~f"
    layout["yaxis"]["zeroline"] = False
    layout["margin"] = {"l": 90, "r": 30, "t": 80, "b": 70}
    vormen, labels = [], []
    for as_, ref in (("x", referentie_x), ("y", referentie_y)):
        if ref is not None:
            lijn, label = _referentie(as_, ref[0], ref[1])
            vormen.append(lijn)
            labels.append(label)
    layout["shapes"] = vormen
    layout["annotations"] = labels
    # Let the axes include the reference lines, which Plotly's autorange may leave outside.
    for as_, ref in (("x", referentie_x), ("y", referentie_y)):
        waarden = [p[1] if as_ == "x" else p[2] for p in punten] + ([ref[0]] if ref else [])
        if waarden:
            laag, hoog = min(waarden), max(waarden)
            rand = (hoog - laag) * 0.08 or abs(hoog) * 0.1 or 1
            layout[f"{as_}axis"]["range"] = [laag - rand, hoog + rand]
    return {"data": data, "layout": layout}


def index_figuur(balken: list[tuple[str, float | None]], *, titel: str) -> dict:
    """Horizontal bars per domain (naam, index or None) with a dashed line at 100 = Hengelo; a domain
    without index is named in the chart as "geen index" so its absence is visible too."""
    namen = [plotly_tekst(n) for n, _ in balken]
    waarden = [w for _, w in balken]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "Index",
            "y": namen,
            "x": waarden,
            "text": [formatteer_getal(w, 1) if w is not None else "" for w in waarden],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": KLEUREN[0]},
            "hovertemplate": "%{y}: %{x:.1f}<extra></extra>",
            "showlegend": False,
        }
    ]
    layout = basis_layout(afbreken(titel, 90), x_titel="Index (Hengelo = 100)")
    layout["hovermode"] = "closest"
    layout["yaxis"] = {"autorange": "reversed", "type": "category", "automargin": True}
    hoogste = max([w for w in waarden if w is not None] + [100])
    layout["xaxis"]["range"] = [0, hoogste * 1.15]
    layout["margin"] = {"l": 20, "r": 30, "t": 70, "b": 60}
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": 100,
            "x1": 100,
            "y0": 0,
            "y1": 1,
            "line": REFERENTIE_LIJN,
        }
    ]
    layout["annotations"] = [
        {
            "x": 100,
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "text": "Hengelo = 100",
            "showarrow": False,
            "font": {"size": 11, "color": "#3d3d3d"},
        }
    ] + [
        {
            "x": 0,
            "y": plotly_tekst(naam),
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "text": "geen index",
            "showarrow": False,
            "font": {"size": 11, "color": "#595959"},
        }
        for naam, w in balken
        if w is None
    ]
    layout["height"] = max(300, 60 + 40 * len(balken))
    return {"data": data, "layout": layout}
