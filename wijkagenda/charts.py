"""Figures of the wijkanalyse as Plotly dicts, from plain rows (no ORM): tested without a database.

Meaning is never carried by colour alone: bars carry a text label ("beter", "slechter", "hoger") and
a pattern, and every figure has a table with the same numbers next to it.
"""

from lib.grafieken import KLEUREN, basis_layout, plotly_tekst

BETER, SLECHTER, NEUTRAAL = "#1b6b2f", "#a4262c", "#595959"


def _hoogte(n: int) -> int:
    return max(260, 90 + 34 * n)


def _symmetrisch(getallen) -> list[float]:
    """An x range centred on 0 with room for the text labels outside the bars."""
    grens = max((abs(g) for g in getallen), default=0) * 1.8
    return [-(grens or 1), grens or 1]


def _liggende_staven(
    rijen: list[tuple[str, float, str]], *, titel: str, x_titel: str, x: list[float], tekst: list[str], kleur, patroon
) -> dict:
    """Horizontal bars around 0 (labels on the y axis), without a legend. The text of each bar stands next to
    the zero line on the side away from the bar, so it never runs into the names on the left (also on a
    phone)."""
    layout = basis_layout(titel, x_titel=x_titel)
    layout["yaxis"] = {"automargin": True, "autorange": "reversed", "title": {"text": ""}}
    layout["xaxis"]["zeroline"] = True
    layout["xaxis"]["zerolinecolor"] = "#1a1a1a"
    layout["xaxis"]["range"] = _symmetrisch(getal for _, getal, _ in rijen)
    layout["height"] = _hoogte(len(rijen))
    layout["hovermode"] = "closest"
    layout["showlegend"] = False
    layout["annotations"] = [
        {
            "x": 0,
            "y": plotly_tekst(label),
            "xref": "x",
            "yref": "y",
            "text": t,
            "showarrow": False,
            "xanchor": "left" if getal < 0 else "right",
            "xshift": 4 if getal < 0 else -4,
            "font": {"size": 12, "color": "#1a1a1a"},
        }
        for (label, getal, _), t in zip(rijen, tekst, strict=True)
    ]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [plotly_tekst(label) for label, _, _ in rijen],
                "x": x,
                "text": tekst,
                "textposition": "none",
                "marker": {"color": kleur, "pattern": {"shape": patroon}},
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        "layout": layout,
    }


def afwijkingen_figuur(rijen: list[tuple[str, float, str]], *, titel: str) -> dict:
    """Horizontal bars of the standardised difference with polarity applied.

    rijen: (label, score, oordeel) with oordeel "beter", "slechter" or "hoger"/"lager" (neutral:
    the plain z). Positive is better than the gemeente (or higher, for neutral indicators)."""
    kleur = {"beter": BETER, "slechter": SLECHTER}
    patroon = {"beter": "", "slechter": "/"}
    return _liggende_staven(
        rijen,
        titel=titel,
        x_titel="← slechter · standaardverschil · beter →",
        x=[round(score, 2) for _, score, _ in rijen],
        tekst=[f"{oordeel} ({score:+.1f})".replace(".", ",") for _, score, oordeel in rijen],
        kleur=[kleur.get(o, NEUTRAAL) for _, _, o in rijen],
        patroon=[patroon.get(o, ".") for _, _, o in rijen],
    )


def veranderingen_figuur(rijen: list[tuple[str, float, str]], *, titel: str) -> dict:
    """Horizontal bars of the relative change in percent. rijen: (label, percent, oordeel or richting)."""
    kleur = {"verbeterd": BETER, "verslechterd": SLECHTER}
    return _liggende_staven(
        rijen,
        titel=titel,
        x_titel="Verandering (%)",
        x=[round(p, 1) for _, p, _ in rijen],
        tekst=[f"{p:+.1f}% {woord}".replace(".", ",") for _, p, woord in rijen],
        kleur=[kleur.get(w, NEUTRAAL) for _, _, w in rijen],
        patroon=["" if w == "verbeterd" else "/" if w == "verslechterd" else "." for *_, w in rijen],
    )


def signalen_figuur(
    categorieen: list[str], gebied: tuple[str, list[float | None]], gemeente: list[float | None], *, titel: str
) -> dict:
    """Grouped bars: signals per 1,000 inhabitants per category, the area next to Hengelo."""
    naam, waarden = gebied
    naam, categorieen = plotly_tekst(naam), [plotly_tekst(c) for c in categorieen]
    layout = basis_layout(titel, y_titel="signalen per 1.000 inwoners")
    layout["barmode"] = "group"
    layout["xaxis"]["type"] = "category"
    layout["hovermode"] = "x unified"
    layout["height"] = 380
    return {
        "data": [
            {
                "type": "bar",
                "name": naam,
                "x": categorieen,
                "y": waarden,
                "marker": {"color": KLEUREN[0]},
                "text": [naam] * len(categorieen),
                "textposition": "none",
                "hovertemplate": f"{naam}: %{{y:,.2f}}<extra></extra>",
            },
            {
                "type": "bar",
                "name": "Hengelo",
                "x": categorieen,
                "y": gemeente,
                "marker": {"color": "#9ab0c9", "pattern": {"shape": "/"}},
                "hovertemplate": "Hengelo: %{y:,.2f}<extra></extra>",
            },
        ],
        "layout": layout,
    }
