"""Figures of the signalen figures page: residents' and professionals' signals side by side.
Plain functions from plain rows (no ORM, no request); bars carry a pattern as well as a colour."""

from lib.grafieken import KLEUREN, STREEPJES, SYMBOLEN, basis_layout, plotly_tekst
from lib.perioden import maand_label

PATRONEN = ["", "/"]


def naast_elkaar_figuur(categorieen: list[str], reeksen: list[tuple[str, list[int]]], *, titel: str) -> dict:
    """Horizontal bars per category, one bar per source group (bewoners, professionals) side by side."""
    data = []
    categorieen = [plotly_tekst(c) for c in categorieen]  # names from the admin: no Plotly markup
    for i, (naam, waarden) in enumerate(reeksen):
        naam = plotly_tekst(naam)
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": naam,
                "y": categorieen,
                "x": waarden,
                "text": [str(w) for w in waarden],
                "textposition": "outside",
                "marker": {
                    "color": KLEUREN[i % len(KLEUREN)],
                    "pattern": {
                        "shape": PATRONEN[i % len(PATRONEN)],
                        "fillmode": "overlay",
                        "fgcolor": "#ffffff",
                        "size": 8,
                        "solidity": 0.35,
                    },
                    "line": {"color": "#3d3d3d", "width": 0.5},
                },
                "hovertemplate": f"{naam}: %{{x}} signalen<extra>%{{y}}</extra>",
            }
        )
    layout = basis_layout(titel, x_titel="Aantal signalen", y_titel="")
    layout.update(
        {
            "barmode": "group",
            "hovermode": "closest",
            "height": max(360, 60 + 48 * len(categorieen)),
            "margin": {"l": 230, "r": 40, "t": 50, "b": 60},
        }
    )
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    return {"data": data, "layout": layout}


def maanden_figuur(maanden: list[str], reeksen: list[tuple[str, list[int]]], *, titel: str) -> dict:
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": plotly_tekst(naam),
            "x": [maand_label(m) for m in maanden],
            "y": waarden,
            "line": {"color": KLEUREN[i % len(KLEUREN)], "dash": STREEPJES[i % len(STREEPJES)], "width": 2.5},
            "marker": {"symbol": SYMBOLEN[i % len(SYMBOLEN)], "size": 8},
            "hovertemplate": f"{plotly_tekst(naam)}: %{{y}} signalen<extra></extra>",
        }
        for i, (naam, waarden) in enumerate(reeksen)
    ]
    layout = basis_layout(titel, x_titel="Maand van het voorval", y_titel="Aantal signalen")
    layout["xaxis"]["type"] = "category"
    return {"data": data, "layout": layout}
