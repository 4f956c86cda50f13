"""The composite index per domain on the profile's first screen (gemeente = 100), built from the profile's
rows with the same arithmetic as /gebied/<code>/index/ (`analyse.samengestelde_index`). No ORM, no request."""

import re

from lib.tabellen import Paginatabel
from wijken import codes

from .analyse import index_samenvatting, samengestelde_index
from .charts_combineer import index_figuur
from .eerste_scherm import SIGNALEN_DOMEIN
from .weergave import toon_waarde

JAAR = re.compile(r"^\d{4}$")


def domeinindex(gebied, gemeente, rijen) -> dict:
    """Context for the index block in the latest year the gemeente has figures for: `index_figuur` and
    `index_tabel`, or `index_melding` when no domain can be scored; nothing outside a wijk or buurt."""
    if gemeente is None or gemeente.id == gebied.id or gebied.niveau not in (codes.WIJK, codes.BUURT):
        return {}
    jaren = sorted({r.periode for r in rijen if r.gebied_id == gemeente.id and JAAR.match(r.periode)})
    if not jaren:
        return {}
    jaar = jaren[-1]
    indicatoren = {r.indicator.code: r.indicator for r in rijen if r.indicator.domein.code != SIGNALEN_DOMEIN}
    eigen = {r.indicator.code: toon_waarde(r) for r in rijen if r.gebied_id == gebied.id and r.periode == jaar}
    ref = {r.indicator.code: toon_waarde(r) for r in rijen if r.gebied_id == gemeente.id and r.periode == jaar}
    domeinen = samengestelde_index(
        indicatoren.values(),
        eigen,
        ref,
        gebied_naam=gebied.weergavenaam,
        jaar=jaar,
        referentie_naam=gemeente.weergavenaam,
        basisjaar=jaar,
    )
    domeinen = [d for d in domeinen if d.scores]
    if not domeinen:
        return {
            "index_melding": f"Geen index per domein: voor {jaar} zijn er geen indicatoren met een richting "
            f"(beter/slechter) en een getal voor zowel {gebied.weergavenaam} als {gemeente.weergavenaam}."
        }
    titel = f"Index per domein: {gebied.weergavenaam} {jaar}, {gemeente.weergavenaam} = 100"
    tekst = index_samenvatting(domeinen, gebied.weergavenaam, jaar, jaar)
    figuur = index_figuur([(d.domein.naam, d.index) for d in domeinen], titel=titel)
    figuur["layout"]["height"] = max(220, 70 + 45 * len(domeinen))
    tabel = Paginatabel(
        "domeinindex",
        titel,
        ["domein", "index", "indicatoren meegeteld"],
        [[d.domein.naam, d.index_tekst, ", ".join(s.indicator.naam for s in d.scores)] for d in domeinen],
        tekst,
    )
    return {"index_figuur": figuur, "index_tabel": tabel}
