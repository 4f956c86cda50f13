"""Bar charts for comparing areas, as plain Plotly dicts from plain rows (no ORM, no request).

Areas keep the same colour and fill pattern in every panel, and their names are on the axis, so
colour is never the only way to tell them apart. Every bar carries its value as a text label; an
area without a number gets no bar (never a 0) but the label "geen getal (reden)".
"""

import math
import textwrap
from dataclasses import dataclass

from lib.getallen import formatteer_getal
from lib.grafieken import KLEUREN, basis_layout, plotly_opmaak, plotly_tekst

PATRONEN = ["", "/", "\\", "x", ".", "+"]
_STAAF_HOOGTE = 30  # px per bar
_TITEL_RUIMTE = 36  # px above a panel for its title
_AS_RUIMTE = 56  # px below a panel for its axis and unit


@dataclass(frozen=True)
class Staaf:
    label: str  # area name on the axis
    waarde: float | None  # None: no number (the bar is left out)
    tekst: str  # the shown value, or the status text
    reden: str = ""
    url: str = ""  # opened on click (the area's profile)


@dataclass(frozen=True)
class Paneel:
    titel: str
    eenheid: str
    staven: list[Staaf]


def staaf_label(staaf: Staaf) -> str:
    if staaf.waarde is not None:
        return staaf.tekst
    return f"geen getal ({staaf.reden or staaf.tekst})"


def _as(naam: str, i: int) -> str:
    """Axis names: layout key ('xaxis', 'xaxis2') and trace reference ('x', 'x2')."""
    return naam if i == 1 else f"{naam}{i}"


def _afbreken(tekst: str, breedte: int = 28) -> str:
    return "<br>".join(plotly_tekst(r) for r in textwrap.wrap(tekst, breedte)) or plotly_tekst(tekst)


def vergelijk_figuur(panelen: list[Paneel], *, titel: str = "", kolommen: int = 2) -> dict:
    """Small multiples: one panel of horizontal bars per indicator (each its own unit and scale),
    one bar per area in the same order in every panel."""
    n = max(1, len(panelen))
    kol = max(1, min(kolommen, n))
    rijen = math.ceil(n / kol)
    aantal_staven = max((len(p.staven) for p in panelen), default=1)
    paneel_hoogte = _TITEL_RUIMTE + _AS_RUIMTE + _STAAF_HOOGTE * aantal_staven
    vlak = rijen * paneel_hoogte
    layout = basis_layout(titel)
    if not titel:
        layout.pop("title")
    layout.pop("xaxis")
    layout.pop("yaxis")
    layout.update(
        {
            "showlegend": False,
            "hovermode": "closest",
            "height": vlak + (80 if titel else 20),
            "margin": {"l": 20, "r": 30, "t": 60 if titel else 0, "b": 20},
            "bargap": 0.25,
        }
    )
    data, annotaties = [], []
    for i, paneel in enumerate(panelen, start=1):
        k, r = (i - 1) % kol, (i - 1) // kol
        x0, x1 = k / kol + (0.0 if k == 0 else 0.04), (k + 1) / kol - 0.04
        y1 = 1 - r / rijen - _TITEL_RUIMTE / vlak
        y0 = 1 - (r + 1) / rijen + _AS_RUIMTE / vlak
        labels = [plotly_tekst(s.label) for s in paneel.staven]
        getallen = [s.waarde for s in paneel.staven if s.waarde is not None]
        x_as = {
            "domain": [x0, x1],
            "anchor": _as("y", i),
            "rangemode": "tozero",
            "exponentformat": "none",
            "separatethousands": True,
            "title": {"text": plotly_tekst(paneel.eenheid), "font": {"size": 11}, "standoff": 4},
            "zeroline": True,
        }
        if getallen and min(getallen) >= 0:
            # Room for the value labels right of the longest bar.
            x_as["range"] = [0, (max(getallen) or 1) * 1.22]
        layout[_as("xaxis", i)] = x_as
        layout[_as("yaxis", i)] = {
            "domain": [y0, y1],
            "anchor": _as("x", i),
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "automargin": True,
        }
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": plotly_tekst(paneel.titel),
                "xaxis": _as("x", i),
                "yaxis": _as("y", i),
                "y": labels,
                "x": [s.waarde for s in paneel.staven],
                "text": [plotly_tekst(s.tekst) if s.waarde is not None else "" for s in paneel.staven],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": [s.url for s in paneel.staven],
                "hovertext": [plotly_tekst(f"{s.label}: {staaf_label(s)}") for s in paneel.staven],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "marker": {
                    "color": [KLEUREN[j % len(KLEUREN)] for j in range(len(paneel.staven))],
                    "line": {"color": "#1a1a1a", "width": 1},
                    "pattern": {
                        "shape": [PATRONEN[j % len(PATRONEN)] for j in range(len(paneel.staven))],
                        "fgcolor": "#ffffff",
                        "solidity": 0.35,
                    },
                },
            }
        )
        annotaties.append(
            {
                "text": plotly_opmaak("<b>{}</b>", paneel.titel),
                "x": x0,
                "y": y1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 6,
                "showarrow": False,
                "font": {"size": 13},
            }
        )
        for s in paneel.staven:
            if s.waarde is None:
                annotaties.append(
                    {
                        "text": _afbreken(staaf_label(s), 60),
                        "x": 0,
                        "y": plotly_tekst(s.label),
                        "xref": _as("x", i),
                        "yref": _as("y", i),
                        "xanchor": "left",
                        "xshift": 4,
                        "showarrow": False,
                        "font": {"size": 11, "color": "#3d3d3d"},
                    }
                )
    layout["annotations"] = annotaties
    return {"data": data, "layout": layout}


def afstand_figuur(labels: list[str], afstanden: list[float], urls: list[str], *, titel: str) -> dict:
    """Horizontal bars of the distance to the target, the most similar at the top."""
    layout = basis_layout(titel, x_titel="Afstand (0 = gelijk; lager = meer vergelijkbaar)")
    layout.update(
        {
            "showlegend": False,
            "hovermode": "closest",
            "height": 140 + 48 * max(1, len(labels)),
            "margin": {"l": 20, "r": 40, "t": 50, "b": 60},
        }
    )
    layout["yaxis"] = {"type": "category", "autorange": "reversed", "automargin": True}
    layout["xaxis"].update({"rangemode": "tozero", "exponentformat": "none"})
    tekst = [formatteer_getal(a, 2) for a in afstanden]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [plotly_tekst(label) for label in labels],
                "x": afstanden,
                "text": tekst,
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": urls,
                "hovertemplate": "%{y}: afstand %{text}<extra></extra>",
                "marker": {"color": KLEUREN[0]},
            }
        ],
        "layout": layout,
    }
