"""The areas most like one area (/gebied/<code>/vergelijkbaar/): form -> selectors and the cached matrix
read -> the one similarity computation (`gelijkenis.vergelijkbaar_matrix`) -> builders -> render."""

from django.http import Http404
from django.shortcuts import render

from lib.tabellen import download_antwoord
from toegang.regels import toegang_van
from wijken import codes

from ..cache import onthouden
from ..forms import VergelijkbaarForm
from ..gelijkenis import AANTAL, MIN_OVERLAP, IndicatorInfo, vergelijkbaar_matrix
from ..gelijkenis_lezen import gelijkenis_matrix
from ..gelijkenis_pagina import doel_getallen_van, lijst_uitkomst, lijsten_voor
from ..selectors import getoonde_waarden, kernset_van, relatieve_indicatoren
from .opzoeken import gebied_of_404, gemeente_van, wijk_van
from .vergelijk import link_query


def vergelijkbaar(request, code: str):
    """The areas most like one area on its relative core indicators (z-scores, see gelijkenis.py).

    Queries (fixed, whatever the number of candidates or indicators): the area with its parents;
    the kernset of its wijk; the relative indicators; the values of the area and all candidate
    areas for those indicators.
    """
    gebied = gebied_of_404(code)
    if gebied.niveau not in (codes.GEMEENTE, codes.WIJK, codes.BUURT):
        raise Http404(
            f"Vergelijkbare gebieden zijn er voor gemeenten, wijken en buurten, niet voor {gebied.weergavenaam}."
        )
    toegang = toegang_van(request.user)
    gemeente = gemeente_van(gebied)
    if gemeente:
        gemeente_naam = gemeente.weergavenaam
    else:
        gm_code = codes.gemeente_code(gebied.code)
        assert gm_code is not None  # a gemeente, wijk or buurt (checked above), never a land
        gemeente_naam = gm_code
    kernset = kernset_van(wijk_van(gebied))
    relatief = relatieve_indicatoren(toegang)
    gevraagd = VergelijkbaarForm(request.GET).cleaned_or_404()["indicatoren"]
    if onbekend := [c for c in gevraagd if c not in relatief]:
        raise Http404(
            f"Er is geen relatieve indicator met code {', '.join(repr(c) for c in onbekend)}. "
            "Aantallen (zoals inwoners of woningen) tellen niet mee: ze groeien met de omvang van een gebied."
        )
    lijsten = lijsten_voor(gebied, gemeente_naam)
    getoond = getoonde_waarden(toegang, indicatoren=relatief, gebied=gebied)
    doel_getallen = doel_getallen_van(getoond)
    met_getal = {c for c, per in doel_getallen.items() if any(w is not None for w in per.values())}
    # Default: the relative kernset indicators with a number for this area (the others are named once).
    kern = [c for c in relatief if c in kernset]
    gekozen = [c for c in relatief if c in gevraagd] if gevraagd else [c for c in kern if c in met_getal]
    info = {c: IndicatorInfo(c, i.naam, i.eenheid, i.decimalen) for c, i in relatief.items()}
    ruw, namen = _gelijkenissen(gebied, gemeente, lijsten, relatief, gekozen, doel_getallen)
    # Status and source of the shown numbers of the most similar areas (1 query for all lists).
    if buren := {b.gebied for _, _, res in ruw if res for b in res.buren}:
        getoond |= getoonde_waarden(toegang, indicatoren={c: relatief[c] for c in gekozen}, gebied__code__in=buren)
    uitkomsten = [
        lijst_uitkomst(lijst, kand, res, gebied=gebied, info=info, namen=namen, getoond=getoond)
        for lijst, kand, res in ruw
    ]
    tabellen = [u["tabel"] for u in uitkomsten if "tabel" in u]
    if (bestand := download_antwoord(request, tabellen, f"vergelijkbaar-{gebied.code}")) is not None:
        return bestand
    return render(
        request,
        "indicatoren/vergelijkbaar.html",
        {
            "gebied": gebied,
            "gemeente": gemeente,
            "uitkomsten": uitkomsten,
            "gekozen": [info[c] for c in gekozen],
            "gekozen_codes": set(gekozen),
            "kernset": kernset,
            "kern_zonder_getal": [info[c] for c in kern if c not in met_getal] if not gevraagd else [],
            "standaard": not gevraagd,
            "keuze": [i for c, i in relatief.items() if c in met_getal or c in gekozen],
            "aantal": AANTAL,
            "min_overlap": MIN_OVERLAP,
            "querystring": link_query(request.GET),
        },
    )


def _gelijkenissen(gebied, gemeente, lijsten, relatief, gekozen, doel_getallen) -> tuple[list, dict[str, str]]:
    """Per list (list, candidates, result) and the names of all candidates: the cached matrix read, then the
    similarity computation on each list's matrix."""
    matrix = {
        "doel_id": gebied.id,
        "doel_niveau": gebied.niveau,
        "gemeente_id": gemeente.id if gemeente else None,
        "lijsten": [lijst["id"] for lijst in lijsten],
        "indicatoren": {relatief[c].id: c for c in gekozen},
        "relatief": sorted(i.id for i in relatief.values()),  # the visitor's visible relative indicators
    }
    # The heavy part, shared by all workers until the next write of values or areas (indicatoren/cache.py)
    per_lijst = onthouden(
        "vergelijkbaar", sorted(matrix.items()), lambda: gelijkenis_matrix(**matrix, doel_getallen=doel_getallen)
    )
    namen = {gebied.code: gebied.weergavenaam}
    for kand in per_lijst.values():
        namen.update(kand.namen)
    ruw = []
    for lijst in lijsten:
        kand = per_lijst.get(lijst["id"])
        res = (
            vergelijkbaar_matrix(gebied.code, doel_getallen, kand.codes, kand.kolommen, gekozen)
            if kand and gekozen
            else None
        )
        ruw.append((lijst, kand, res))
    return ruw, namen
