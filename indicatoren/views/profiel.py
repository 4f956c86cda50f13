from django.conf import settings
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone

from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes

from ..leeg import nederland_niet_geladen, profiel_leeg
from ..models import KernsetItem, Waarde
from ..profiel import ProfielWaarde, bouw_profiel, kernset_codes, niet_geladen
from .eerste_scherm import eerste_scherm
from .opzoeken import gebied_of_404, gemeente_van, wijk_van


def gebied(request, code: str):
    """Profile of a gemeente, wijk or buurt.

    Queries (fixed, whatever the number of indicators): gebied with parents; values of the
    gebied, its gemeente and Nederland with indicator and domain; kernset; kinderen.
    """
    gebied = gebied_of_404(code)
    gemeente = gemeente_van(gebied)
    wijk = wijk_van(gebied)
    referentie_ids = {gebied.id} | ({gemeente.id} if gemeente else set())
    waarden = (
        Waarde.objects.zichtbaar_voor(toegang_van(request.user))
        .met_land(referentie_ids)
        .select_related("indicator", "indicator__domein")
        .annotate(niveau=F("gebied__niveau"))
    )
    rijen, nl_id = [], None
    for w in waarden:
        if w.niveau == codes.LAND:
            nl_id = w.gebied_id
        rijen.append(ProfielWaarde(w.gebied_id, w.indicator, w.periode, w.waarde, w.status, w.toelichting, w.bron))
    kernset = kernset_codes(
        list(
            KernsetItem.objects.voor_wijk(wijk.id if wijk else None).values_list(
                "gebied_id", "indicator__code", "indicator__domein__code"
            )
        ),
        wijk.id if wijk else None,
    )
    domeinen = bouw_profiel(
        rijen,
        gebied_id=gebied.id,
        gemeente_id=gemeente.id if gemeente else None,
        nl_id=nl_id,
        kernset=kernset,
        vandaag=timezone.localdate(),
    )
    tabel = profiel_tabel(gebied, domeinen, gemeente)
    # The first screen (tiles, signals panel, locator map, domain index); its map query also gives the
    # sub-areas, so the budget stays the same.
    scherm = eerste_scherm(
        request,
        gebied=gebied,
        gemeente=gemeente,
        wijk=wijk,
        domeinen=domeinen,
        rijen=rijen,
        toegang=toegang_van(request.user),
    )
    if gemeente is None:  # an area outside the configured gemeente: its sub-areas as before
        scherm["kinderen"] = list(gebied.kinderen.order_by("code"))
    tabellen = [tabel] + [scherm[t] for t in ("kaart_tabel", "index_tabel") if t in scherm]
    if (bestand := download_antwoord(request, tabellen, f"profiel-{gebied.code}")) is not None:
        return bestand
    return render(
        request,
        "indicatoren/profiel.html",
        {
            **scherm,
            "gebied": gebied,
            "gemeente": gemeente,
            "domeinen": domeinen,
            "aantal": sum(len(d.alle) for d in domeinen),
            "tabel": tabel,
            "toon_gemeente": gemeente is not None and gemeente.id != gebied.id,
            "toon_nl": nl_id is not None,
            "nl_reden": nederland_niet_geladen(settings.GEMEENTE_CODE),
            "niet_geladen": niet_geladen(rijen, gebied_id=gebied.id),
            "leeg": profiel_leeg(gebied.weergavenaam, settings.GEMEENTE_CODE),
            "laad_cbs": f"python manage.py load_cbs --gemeente {settings.GEMEENTE_CODE}",
        },
    )


def profiel_tabel(gebied, domeinen, gemeente) -> Paginatabel:
    kolommen = [
        "domein",
        "indicator",
        "code",
        "periode",
        "waarde",
        "eenheid",
        "status",
        "reden",
        f"waarde {gemeente.weergavenaam}" if gemeente else "waarde gemeente",
        "oordeel t.o.v. gemeente",
        "waarde Nederland",
        "bron",
    ]
    rijen = []
    for d in domeinen:
        for k in d.alle:
            rijen.append(
                [
                    d.domein.naam,
                    k.indicator.naam,
                    k.indicator.code,
                    k.periode_tekst or k.periode,
                    k.eigen.waarde,
                    k.indicator.eenheid,
                    k.eigen.status,
                    k.eigen.reden or k.eigen.noot,
                    k.gemeente.waarde if k.gemeente else None,
                    k.oordeel_gemeente.woord if k.oordeel_gemeente else "",
                    k.nl.waarde if k.nl else None,
                    k.bron,
                ]
            )
    return Paginatabel(
        "profiel",
        f"Profiel {gebied.weergavenaam} ({gebied.code})",
        kolommen,
        rijen,
        f"{len(rijen)} indicatoren voor {gebied.weergavenaam}.",
    )
