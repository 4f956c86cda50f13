"""The look every Plotly figure shares, as plain dicts: layout, escaping of text, line styles, maps.

Every figure uses the same font, separators for Dutch numbers and no Plotly logo, and draws lines with
distinct dash styles and markers as well as colours (never colour alone). The figures themselves live in
the `charts` modules of the apps; this module has no ORM and no request.
"""


class PlotlyOpmaak(str):
    """Text that is already Plotly markup (escaped pieces joined with `<br>` or `<b>`): not escaped again."""


def plotly_tekst(tekst) -> str:
    """Text for a Plotly title, label, annotation, name or hover. Plotly renders a subset of HTML in all of
    these (`<a href>` becomes a clickable link, `<b>`, `<br>`, ...), so text from people or files (an
    agenda action, an area or indicator name, a unit) is escaped; Plotly shows `&lt;` as `<`. The one
    place this is done for every chart (indicatoren, signalen, wijkagenda)."""
    if isinstance(tekst, PlotlyOpmaak):
        return tekst
    return str(tekst).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_opmaak(sjabloon: str, *delen) -> PlotlyOpmaak:
    """Markup of our own around escaped text: plotly_opmaak("<b>{}</b>", titel)."""
    return PlotlyOpmaak(sjabloon.format(*(plotly_tekst(d) for d in delen)))


KLEUREN = ["#154273", "#d4462b", "#2e7d32", "#7b3fa0", "#b8860b", "#00838f"]
STREEPJES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLEN = ["circle", "square", "diamond", "triangle-up", "x", "star"]
LETTER = {"family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", "size": 13}


def basis_layout(titel: str, *, x_titel: str = "", y_titel: str = "") -> dict:
    return {
        "title": {"text": plotly_tekst(titel), "font": {"size": 16}},
        "separators": ",.",
        "font": dict(LETTER),
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "xaxis": {"title": {"text": plotly_tekst(x_titel)}},
        "yaxis": {"title": {"text": plotly_tekst(y_titel)}, "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "x unified",
    }


def verticale_lijn(periode: str, *, kleur: str, stijl: str, breedte: float) -> dict:
    """A vertical line over the whole plot height at one period of a category x-axis."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": periode,
        "x1": periode,
        "y0": 0,
        "y1": 1,
        "line": {"color": kleur, "dash": stijl, "width": breedte},
    }


# --- maps -----------------------------------------------------------------------------------------------


def kaart_geo() -> dict:
    """The `geo` of every map: no base map (no tiles, no world topojson): only the stored boundaries are drawn."""
    return {
        "fitbounds": "locations",
        "visible": False,
        "scope": "world",
        "resolution": 110,
        "projection": {"type": "mercator"},
    }


def kaart_layout(titel: str, **extra) -> dict:
    """`basis_layout` for a map: no axes or legend, hover per area, the `geo` of `kaart_geo`; `extra`
    (height, margin, ...) is laid over it."""
    layout = basis_layout(titel)
    for sleutel in ("xaxis", "yaxis", "legend"):
        layout.pop(sleutel, None)
    layout.update({"hovermode": "closest", "showlegend": False, "geo": kaart_geo(), **extra})
    return layout


def namen_spoor(namen: list[str], punten: list[tuple[float, float]], *, kleur, **extra) -> dict:
    """The trace that writes area names on a map, each at an inner point (lon, lat) of its area.

    `kleur`: one text colour or one per name; `extra` adds to the trace (customdata and a hovertemplate
    for names that open a profile on click); without a hovertemplate the names show no hover."""
    spoor = {
        "type": "scattergeo",
        "name": "Namen",
        "mode": "text",
        "lon": [p[0] for p in punten],
        "lat": [p[1] for p in punten],
        "text": list(namen),
        "textfont": {"size": 11, "color": kleur},
        "showlegend": False,
    }
    if "hovertemplate" not in extra:
        spoor["hoverinfo"] = "skip"
    spoor.update(extra)
    return spoor
