"""The profile's locator map and the home page's city map (issue 11): which indicator colours the map, its
rows, figure and table, built from the areas `selectors.locatiekaart_gebieden` read. No ORM and no request
here; the classes and the base figure are those of /kaart/ (`kaart.py`)."""

import re
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse

from lib.grafieken import kaart_layout, namen_spoor
from lib.perioden import maand_label
from lib.tabellen import Paginatabel
from wijken import codes

from .eerste_scherm import PER_1000, SIGNALEN_DOMEIN
from .kaart import KaartGebied, indeling, samenvatting
from .weergave import Getoond, toon_van

JAAR = re.compile(r"^\d{4}$")


def kaart_keuzes(domeinen, maanden: list[str]) -> list[tuple[str, list]]:
    """The indicators the locator map can colour by: yearly figures outside the signals domain, per domain; and
    the signal rates per 1,000 inhabitants as their monthly mean over the last 12 complete months."""
    keuzes = [
        (d.domein.naam, [k for k in d.alle if JAAR.match(k.periode)])
        for d in domeinen
        if d.domein.code != SIGNALEN_DOMEIN and any(JAAR.match(k.periode) for k in d.alle)
    ]
    laatste12 = maanden[-12:]
    if laatste12:
        label = f"gemiddelde per maand, {maand_label(laatste12[0])} t/m {maand_label(laatste12[-1])}"
        signalen = [
            SimpleNamespace(indicator=k.indicator, periode=label, perioden=laatste12)
            for d in domeinen
            if d.domein.code == SIGNALEN_DOMEIN
            for k in d.alle
            if k.indicator.eenheid == PER_1000
            and "bewoners" not in k.indicator.code.lower()
            and "professionals" not in k.indicator.code.lower()
        ]
        if signalen:
            keuzes.append(("Signalen (laatste 12 volledige maanden)", signalen))
    return keuzes


def standaard_kaart(tegels, keuzes):
    """A rate, not a count, by default: the first tile that is not an absolute number, else the first choice."""
    for t in tegels:
        if not t.indicator.absoluut and JAAR.match(t.kengetal.periode):
            return t.kengetal
    for t in tegels:
        if JAAR.match(t.kengetal.periode):
            return t.kengetal
    return keuzes[0][1][0] if keuzes else None


def kies_kaart(keuzes, tegels, code: str):
    """The choice with indicator `code` (from ?kaart=), else the default; None when there is nothing to show."""
    per_code = {k.indicator.code: k for _, groep in keuzes for k in groep}
    return per_code.get(code) or standaard_kaart(tegels, keuzes)


def geen_kaart_melding(gekozen, gebieden, *, naam: str) -> str:
    """Why there is no map ('' when there is one): no boundaries loaded, or no yearly figures to colour by."""
    if gekozen is not None and any(g.geo for g in gebieden):
        return ""
    if gekozen is not None:
        return (
            f"Geen kaart: voor {naam} zijn geen wijkgrenzen geladen "
            "(python manage.py load_hengelo laadt de CBS Wijk- en buurtkaart van Hengelo)."
        )
    return "Geen kaart: er zijn voor dit gebied geen cijfers per jaar om de kaart mee te kleuren."


def _kaart_rij(g, gekozen) -> KaartGebied:
    ind = gekozen.indicator
    if g.w_status is None:
        getoond = Getoond("geen waarde", None, "geen waarde", f"geen cijfer geladen voor {gekozen.periode}")
    else:
        getoond = toon_van(ind, g.w_waarde, g.w_status, g.w_toelichting)
    return KaartGebied(
        g.code,
        g.weergavenaam,
        g.geo,
        getoond.waarde,
        getoond.tekst,
        getoond.status,
        getoond.reden,
        reverse("indicatoren:gebied", args=[g.code]),
    )


def locatiekaart(gebieden: list, *, gebied, gemeente, kaart_wijk, gekozen) -> dict:
    """The map's part of the first screen's context: figure, table, legend and the words around them.

    The wijk's buurten are coloured when the indicator is known per buurt; otherwise the wijken of the
    gemeente are, and the page says so (CBS publishes many figures per wijk only)."""
    ind = gekozen.indicator
    context = {}
    kleur_niveau = codes.WIJK
    if kaart_wijk is not None:
        if any(g.niveau == codes.BUURT and g.w_status is not None for g in gebieden):
            kleur_niveau = codes.BUURT
        else:
            context["kaart_opmerking"] = (
                f"{ind.naam} is niet per buurt geladen: de kaart kleurt de wijken van {gemeente.weergavenaam}."
            )
    rijen = [_kaart_rij(g, gekozen) for g in gebieden if g.niveau == kleur_niveau]
    klassen = indeling([r.waarde for r in rijen], decimalen=ind.decimalen, polariteit=ind.polariteit)
    omgeving = [
        Omgeving(g.code, g.weergavenaam, g.geo, reverse("indicatoren:gebied", args=[g.code]))
        for g in gebieden
        if kleur_niveau == codes.BUURT and g.niveau == codes.WIJK and g.id != kaart_wijk.id
    ]
    focus_gebied = next((g for g in gebieden if g.id == gebied.id), None)
    focus = (
        Omgeving(gebied.code, gebied.weergavenaam, focus_gebied.geo, "")
        if focus_gebied is not None and kaart_wijk is not None
        else None
    )
    meervoud = "buurten" if kleur_niveau == codes.BUURT else "wijken"
    binnen = kaart_wijk.weergavenaam if kleur_niveau == codes.BUURT else gemeente.weergavenaam
    titel = f"{ind.naam}, {meervoud} van {binnen} ({gekozen.periode})"
    return context | {
        "kaart_figuur": locatiekaart_figuur(
            rijen, klassen, omgeving=omgeving, focus=focus, titel=titel, eenheid=ind.eenheid
        ),
        "kaart_tabel": locatiekaart_tabel(rijen, klassen, titel=titel, gekozen=gekozen, meervoud=meervoud),
        "kaart_gekozen": gekozen,
        "kaart_legenda": klassen,
        "kaart_meervoud": meervoud,
        "kaart_binnen": binnen,
        "kaart_andere_wijken": bool(omgeving),
    }


def locatiekaart_tabel(rijen: list[KaartGebied], klassen: list, *, titel: str, gekozen, meervoud: str) -> Paginatabel:
    ind = gekozen.indicator
    return Paginatabel(
        "locatiekaart",
        titel,
        ["gebied", "code", "waarde", "klasse"],
        [
            [
                r.naam,
                r.code,
                r.tekst,
                next((k.label for k in klassen if r.waarde is not None and k.bevat(r.waarde)), "geen getal"),
            ]
            for r in rijen
        ],
        samenvatting(
            rijen, naam=ind.naam, jaar=gekozen.periode, meervoud=meervoud, decimalen=ind.decimalen, eenheid=ind.eenheid
        ),
    )


CONTEXT_KLEUR = "#eeeeee"
FOCUS_RAND = "#1a1a1a"


@dataclass
class Omgeving:
    """An area drawn as grey context around the coloured ones (a neighbouring wijk), clickable."""

    code: str
    naam: str
    geometrie: dict | None
    url: str


def locatiekaart_figuur(
    gekleurd: list, klassen: list, *, omgeving: list[Omgeving], focus: Omgeving | None, titel: str, eenheid: str
) -> dict:
    """The profile's locator map: the coloured areas (`KaartGebied` rows, classes as on /kaart/) drawn over
    the grey surrounding wijken, and the profile's own area outlined thick on top. Every area opens its
    profile on click (customdata[0] is its URL)."""
    from .kaart import kaart_figuur

    figuur = kaart_figuur(gekleurd, klassen, titel=titel, eenheid=eenheid)
    rondom = [o for o in omgeving if o.geometrie]
    if rondom:
        figuur["data"].insert(
            0,
            {
                "type": "choropleth",
                "name": "Andere wijken",
                "geojson": {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "id": o.code, "geometry": o.geometrie} for o in rondom],
                },
                "featureidkey": "id",
                "locations": [o.code for o in rondom],
                "z": [0] * len(rondom),
                "zmin": 0,
                "zmax": 1,
                "colorscale": [[0, CONTEXT_KLEUR], [1, CONTEXT_KLEUR]],
                "showscale": False,
                "marker": {"line": {"color": "#9e9e9e", "width": 0.6}},
                "customdata": [[o.url, o.naam] for o in rondom],
                "hovertemplate": "<b>%{customdata[1]}</b><br><i>Klik voor het profiel</i><extra></extra>",
            },
        )
    if focus is not None and focus.geometrie:
        figuur["data"].append(
            {
                "type": "choropleth",
                "name": focus.naam,
                "geojson": {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "id": focus.code, "geometry": focus.geometrie}],
                },
                "featureidkey": "id",
                "locations": [focus.code],
                "z": [0],
                "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                "showscale": False,
                "marker": {"line": {"color": FOCUS_RAND, "width": 3}},
                "hoverinfo": "skip",
            }
        )
    figuur["layout"]["title"] = {"text": ""}  # the figure caption above the map carries the title
    figuur["layout"]["height"] = 420
    figuur["layout"]["margin"] = {"l": 5, "r": 5, "t": 5, "b": 5}
    return figuur


# --- city map (home page) -----------------------------------------------------------------------------

STAD_KLEUR = "#dbe6f1"


def stadskaart_figuur(wijken: list[Omgeving], *, gemarkeerd: frozenset[str] = frozenset()) -> dict:
    """The wijken of the city, each with its name on the map; a click opens the wijk's profile
    (customdata[0] is its URL). Wijken in `gemarkeerd` (e.g. the user's portfolio) are drawn darker."""
    from .kaart import RAND_KLEUR, _binnenpunt

    op_kaart = [w for w in wijken if w.geometrie]
    data = [
        {
            "type": "choropleth",
            "name": "Wijken",
            "geojson": {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "id": w.code, "geometry": w.geometrie} for w in op_kaart],
            },
            "featureidkey": "id",
            "locations": [w.code for w in op_kaart],
            "z": [1 if w.code in gemarkeerd else 0 for w in op_kaart],
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0, STAD_KLEUR], [0.5, STAD_KLEUR], [0.5, "#8fb1d6"], [1, "#8fb1d6"]],
            "showscale": False,
            "marker": {"line": {"color": RAND_KLEUR, "width": 1}},
            "customdata": [[w.url, w.naam] for w in op_kaart],
            "hovertemplate": "<b>%{customdata[1]}</b><br><i>Klik voor het profiel</i><extra></extra>",
        }
    ]
    labels = [(w, p) for w in op_kaart if w.geometrie and (p := _binnenpunt(w.geometrie))]
    if labels:
        data.append(
            namen_spoor(
                [w.naam for w, _ in labels],
                [p for _, p in labels],
                kleur="#1a1a1a",
                customdata=[[w.url, w.naam] for w, _ in labels],
                hovertemplate="<b>%{customdata[1]}</b><br><i>Klik voor het profiel</i><extra></extra>",
            )
        )
    layout = kaart_layout("", title={"text": ""}, height=480, margin={"l": 5, "r": 5, "t": 5, "b": 5})
    return {"data": data, "layout": layout}
