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


def afwijkingen_figuur(rijen: list[tuple[str, float, str]], *, titel: str) -> dict:
    """Horizontal bars of the standardised difference with polarity applied.

    rijen: (label, score, oordeel) with oordeel "beter", "slechter" or "hoger"/"lager" (neutral:
    the plain z). Positive is better than Hengelo (or higher, for neutral indicators)."""
    kleur = {"beter": BETER, "slechter": SLECHTER}
    patroon = {"beter": "", "slechter": "/"}
    layout = basis_layout(titel, x_titel="← slechter · standaardverschil · beter →")
    layout["yaxis"] = {"automargin": True, "autorange": "reversed", "title": {"text": ""}}
    layout["xaxis"]["zeroline"] = True
    layout["xaxis"]["zerolinecolor"] = "#1a1a1a"
    layout["xaxis"]["range"] = _symmetrisch(score for _, score, _ in rijen)
    layout["height"] = _hoogte(len(rijen))
    layout["hovermode"] = "closest"
    layout["showlegend"] = False
    # The judgement as text next to the zero line, on the side away from the bar: it never runs into the
    # indicator names on the left, also on a phone.
    layout["annotations"] = [
        {
            "x": 0,
            "y": plotly_tekst(label),
            "xref": "x",
            "yref": "y",
            "text": f"{oordeel} ({score:+.1f})".replace(".", ","),
            "showarrow": False,
            "xanchor": "left" if score < 0 else "right",
            "xshift": 4 if score < 0 else -4,
            "font": {"size": 12, "color": "#1a1a1a"},
        }
        for label, score, oordeel in rijen
    ]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [plotly_tekst(label) for label, _, _ in rijen],
                "x": [round(score, 2) for _, score, _ in rijen],
                "text": [f"{oordeel} ({score:+.1f})".replace(".", ",") for _, score, oordeel in rijen],
                "textposition": "none",
                "marker": {
                    "color": [kleur.get(o, NEUTRAAL) for _, _, o in rijen],
                    "pattern": {"shape": [patroon.get(o, ".") for _, _, o in rijen]},
                },
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        "layout": layout,
    }


def veranderingen_figuur(rijen: list[tuple[str, float, str]], *, titel: str) -> dict:
    """Horizontal bars of the relative change in percent. rijen: (label, percent, oordeel or richting)."""
    kleur = {"verbeterd": BETER, "verslechterd": SLECHTER}
    layout = basis_layout(titel, x_titel="Verandering sinds de vorige periode (%)")
    layout["yaxis"] = {"automargin": True, "autorange": "reversed", "title": {"text": ""}}
    layout["xaxis"]["zeroline"] = True
    layout["xaxis"]["zerolinecolor"] = "#1a1a1a"
    layout["xaxis"]["range"] = _symmetrisch(p for _, p, _ in rijen)
    layout["height"] = _hoogte(len(rijen))
    layout["hovermode"] = "closest"
    layout["showlegend"] = False
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [plotly_tekst(label) for label, _, _ in rijen],
                "x": [round(p, 1) for _, p, _ in rijen],
                "text": [f"{p:+.1f}% {woord}".replace(".", ",") for _, p, woord in rijen],
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {
                    "color": [kleur.get(w, NEUTRAAL) for _, _, w in rijen],
                    "pattern": {
                        "shape": ["" if w == "verbeterd" else "/" if w == "verslechterd" else "." for *_, w in rijen]
                    },
                },
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        "layout": layout,
    }


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
