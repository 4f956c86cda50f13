"""The first screen of the profile (issue 11): assembled from the rows the profile view already read, plus
one query for the locator map (which also gives the profile its list of sub-areas)."""

import re
from datetime import date
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse

from lib.perioden import laatste_volledige_maanden, maand_label
from lib.tabellen import Paginatabel
from wijken import codes

from ..analyse import index_samenvatting, samengestelde_index
from ..charts_combineer import index_figuur
from ..eerste_scherm import (
    PER_1000,
    SIGNALEN_DOMEIN,
    EersteScherm,
    Omgeving,
    bouw_tegels,
    locatiekaart_figuur,
    signalen_panelen,
)
from ..kaart import KaartGebied, indeling, samenvatting
from ..selectors import locatiekaart_gebieden
from ..weergave import Getoond, toon_van, toon_waarde

JAAR = re.compile(r"^\d{4}$")


def _kaart_keuzes(domeinen, maanden: list[str]) -> list[tuple[str, list]]:
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


def _standaard_kaart(tegels, keuzes):
    """A rate, not a count, by default: the first tile that is not an absolute number, else the first choice."""
    for t in tegels:
        if not t.indicator.absoluut and JAAR.match(t.kengetal.periode):
            return t.kengetal
    for t in tegels:
        if JAAR.match(t.kengetal.periode):
            return t.kengetal
    return keuzes[0][1][0] if keuzes else None


def eerste_scherm(request, *, gebied, gemeente, wijk, domeinen, rijen, toegang, vandaag: date | None = None):
    """Context for templates/indicatoren/_in_het_kort.html, and the sub-areas of the profile."""
    scherm = EersteScherm(tegels=bouw_tegels(domeinen, rijen, gebied.id))
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

    # Locator map: the indicator by ?kaart=<code>, among the profile's own yearly figures.
    keuzes = _kaart_keuzes(domeinen, scherm.maanden)
    per_code = {k.indicator.code: k for _, groep in keuzes for k in groep}
    gekozen = per_code.get((request.GET.get("kaart") or "").strip()) or _standaard_kaart(scherm.tegels, keuzes)
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
    kinderen = [g for g in gebieden if g.ouder_id == gebied.id]
    context["kinderen"] = kinderen
    if gekozen is None or not any(g.geo for g in gebieden):
        naam = gemeente.weergavenaam if gemeente else gebied.weergavenaam
        context["kaart_melding"] = (
            f"Geen kaart: voor {naam} zijn geen wijkgrenzen geladen "
            "(python manage.py load_hengelo laadt de CBS Wijk- en buurtkaart van Hengelo)."
            if gekozen is not None
            else "Geen kaart: er zijn voor dit gebied geen cijfers per jaar om de kaart mee te kleuren."
        )
        return context
    ind = gekozen.indicator
    # The wijk's buurten are coloured when the indicator is known per buurt; otherwise the wijken of the
    # gemeente are, and the page says so (CBS publishes many figures per wijk only).
    kleur_niveau = codes.WIJK
    if kaart_wijk is not None:
        if any(g.niveau == codes.BUURT and g.w_status is not None for g in gebieden):
            kleur_niveau = codes.BUURT
        else:
            context["kaart_opmerking"] = (
                f"{ind.naam} is niet per buurt geladen: de kaart kleurt de wijken van {gemeente.weergavenaam}."
            )
    rijen_kaart = []
    for g in gebieden:
        if g.niveau != kleur_niveau:
            continue
        if g.w_status is None:
            getoond = Getoond("geen waarde", None, "geen waarde", f"geen cijfer geladen voor {gekozen.periode}")
        else:
            getoond = toon_van(ind, g.w_waarde, g.w_status, g.w_toelichting)
        rijen_kaart.append(
            KaartGebied(
                g.code,
                g.weergavenaam,
                g.geo,
                getoond.waarde,
                getoond.tekst,
                getoond.status,
                getoond.reden,
                reverse("indicatoren:gebied", args=[g.code]),
            )
        )
    klassen = indeling([r.waarde for r in rijen_kaart], decimalen=ind.decimalen, polariteit=ind.polariteit)
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
    figuur = locatiekaart_figuur(rijen_kaart, klassen, omgeving=omgeving, focus=focus, titel=titel, eenheid=ind.eenheid)
    tabel = Paginatabel(
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
            for r in rijen_kaart
        ],
        samenvatting(
            rijen_kaart,
            naam=ind.naam,
            jaar=gekozen.periode,
            meervoud=meervoud,
            decimalen=ind.decimalen,
            eenheid=ind.eenheid,
        ),
    )
    context.update(
        {
            "kaart_figuur": figuur,
            "kaart_tabel": tabel,
            "kaart_keuzes": keuzes,
            "kaart_gekozen": gekozen,
            "kaart_legenda": klassen,
            "kaart_meervoud": meervoud,
            "kaart_binnen": binnen,
            "kaart_andere_wijken": bool(omgeving),
        }
    )
    context.update(_domeinindex(gebied, gemeente, rijen))
    return context


def _domeinindex(gebied, gemeente, rijen) -> dict:
    """The composite index per domain (Hengelo = 100) in the latest year Hengelo has figures for, from the
    profile's rows: the same arithmetic as /gebied/<code>/index/."""
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
