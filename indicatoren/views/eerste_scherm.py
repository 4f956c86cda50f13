"""The first screen of the profile (issue 11): assembled from the profile's rows, plus one query for the
locator map (which also gives the profile its list of sub-areas)."""

from datetime import date

from django.conf import settings

from lib.perioden import laatste_volledige_maanden
from wijken import codes

from ..domeinindex import domeinindex
from ..eerste_scherm import EersteScherm, bouw_tegels
from ..locatiekaart import geen_kaart_melding, kaart_keuzes, kies_kaart, locatiekaart
from ..selectors import Profiel, locatiekaart_gebieden
from ..signalenpaneel import signalen_panelen


def eerste_scherm(profiel: Profiel, *, toegang, kaart_code: str = "", vandaag: date | None = None) -> dict:
    """Context for templates/indicatoren/_in_het_kort.html, and the sub-areas of the profile (`kinderen`).

    The locator map is coloured by indicator `kaart_code` (?kaart=) among the profile's own yearly figures."""
    gebied, gemeente, wijk, rijen = profiel.gebied, profiel.gemeente, profiel.wijk, profiel.rijen
    scherm = EersteScherm(tegels=bouw_tegels(profiel.domeinen, rijen, gebied.id))
    scherm.maanden = laatste_volledige_maanden(vandaag or date.today(), 24)
    scherm.panelen = signalen_panelen(
        rijen, gebied_id=gebied.id, gemeente_id=gemeente.id if gemeente else None, maanden=scherm.maanden
    )
    if not scherm.panelen:  # no rates (no inhabitants known for the area): the counts, without comparison
        scherm.panelen = signalen_panelen(
            rijen, gebied_id=gebied.id, gemeente_id=None, maanden=scherm.maanden, eenheid="signalen"
        )
        scherm.per_1000 = False
    # Signals are logged for the portal's own gemeente only: elsewhere the panel would always be empty.
    context = {"scherm": scherm, "toon_signalen": gemeente is not None and gemeente.code == settings.GEMEENTE_CODE}

    keuzes = kaart_keuzes(profiel.domeinen, scherm.maanden)
    gekozen = kies_kaart(keuzes, scherm.tegels, kaart_code)
    kaart_wijk = wijk if gebied.niveau in (codes.WIJK, codes.BUURT) else None
    gebieden = (
        locatiekaart_gebieden(
            gemeente=gemeente,
            wijk=kaart_wijk,
            indicator_id=gekozen.indicator.id if gekozen else None,
            periode=gekozen.periode if gekozen else None,
            toegang=toegang,
            perioden=getattr(gekozen, "perioden", None),
        )
        if gemeente is not None
        else []
    )
    context["kinderen"] = [g for g in gebieden if g.ouder_id == gebied.id]
    naam = gemeente.weergavenaam if gemeente else gebied.weergavenaam
    if melding := geen_kaart_melding(gekozen, gebieden, naam=naam):
        context["kaart_melding"] = melding
        return context
    context.update(locatiekaart(gebieden, gebied=gebied, gemeente=gemeente, kaart_wijk=kaart_wijk, gekozen=gekozen))
    context["kaart_keuzes"] = keuzes
    context.update(domeinindex(gebied, gemeente, rijen))
    return context
