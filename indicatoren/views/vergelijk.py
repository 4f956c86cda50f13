"""Compare 2 to 6 areas side by side, and list the areas most similar to one area."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from lib.perioden import OngeldigePeriode, normaliseer_periode
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied

from ..cache import onthouden
from ..charts_vergelijk import Paneel, Staaf, afstand_figuur, vergelijk_figuur
from ..gelijkenis import (
    AANTAL,
    MAX_GEBIEDEN,
    MIN_GEBIEDEN,
    MIN_OVERLAP,
    IndicatorInfo,
    VergelijkWaarde,
    domein_tabel,
    gelijkenis_samenvatting,
    gelijkenis_tabel,
    lees_codes,
    nummer_bronnen,
    overzicht_tabel,
    samenvatting_domein,
    unieke_labels,
    vergelijk_rijen,
    vergelijkbaar_matrix,
)
from ..gelijkenis_lezen import gelijkenis_matrix
from ..models import Indicator, KernsetItem, Waarde
from ..profiel import kernset_codes
from ..verschillen import grootste_verschillen
from ..weergave import toon_van
from .opzoeken import gebied_of_404, gemeente_van, wijk_van

_NIET_IN_LINK = ("formaat", "tabel", "toevoegen")


def _querystring(params) -> str:
    """The deep-link query string without the download and 'add' parameters (commas kept readable)."""
    params = params.copy()
    for naam in _NIET_IN_LINK:
        params.pop(naam, None)
    return params.urlencode(safe=",")


def _keuzelijst(gemeente_code: str) -> list[tuple[str, list[Gebied]]]:
    """The gemeente, its wijken and per wijk its buurten, for the 'add an area' list (1 query)."""
    gebieden = list(
        Gebied.objects.filter(
            Q(code=gemeente_code) | Q(ouder__code=gemeente_code) | Q(ouder__ouder__code=gemeente_code)
        ).order_by("code")
    )
    gemeente = [g for g in gebieden if g.niveau == codes.GEMEENTE]
    wijken = [g for g in gebieden if g.niveau == codes.WIJK]
    buurten = defaultdict(list)
    for g in gebieden:
        if g.niveau == codes.BUURT:
            buurten[g.ouder_id].append(g)
    groepen = [("Gemeente", gemeente), ("Wijken", wijken)]
    groepen += [(f"Buurten in {w.weergavenaam}", buurten[w.id]) for w in wijken if buurten[w.id]]
    return [(naam, lijst) for naam, lijst in groepen if lijst]


def vergelijk(request):
    """Two to six areas side by side: a table per domain and bar charts per indicator.

    Queries (fixed, the same for 2 or 6 areas and any number of indicators): the areas with their
    parents; the values of those areas with indicator and domain; the areas of the own gemeente
    for the 'add an area' list. The start page and the 'wrong number' page only run the last one.
    """
    gekozen = lees_codes(*request.GET.getlist("gebieden"))
    toevoegen = lees_codes(*request.GET.getlist("toevoegen"))
    if toevoegen:
        params = request.GET.copy()
        params["gebieden"] = ",".join(lees_codes(",".join(gekozen), ",".join(toevoegen)))
        return HttpResponseRedirect(f"{reverse('indicatoren:vergelijk')}?{_querystring(params)}")

    context = {
        "gekozen_tekst": ",".join(gekozen),
        "min_gebieden": MIN_GEBIEDEN,
        "max_gebieden": MAX_GEBIEDEN,
    }
    if "gebieden" not in request.GET:
        context["keuzelijst"] = _keuzelijst(settings.GEMEENTE_CODE)
        return render(request, "indicatoren/vergelijk.html", context)
    if not MIN_GEBIEDEN <= len(gekozen) <= MAX_GEBIEDEN:
        context["keuzelijst"] = _keuzelijst(settings.GEMEENTE_CODE)
        context["melding"] = (
            f"Kies {MIN_GEBIEDEN} tot {MAX_GEBIEDEN} verschillende gebieden om te vergelijken; "
            f"u koos er {len(gekozen)}."
        )
        return render(request, "indicatoren/vergelijk.html", context, status=400)

    per_code = {g.code: g for g in Gebied.objects.met_ouders().filter(code__in=gekozen)}
    onbekend = [c for c in gekozen if c not in per_code]
    if onbekend:
        raise Http404(
            f"Er is geen gebied met code {', '.join(repr(c) for c in onbekend)}. "
            "Vergelijk bijvoorbeeld /vergelijk/?gebieden=WK016403,WK016400."
        )
    gebieden = [per_code[c] for c in gekozen]
    ids = [g.id for g in gebieden]

    toegang = toegang_van(request.user)
    waarden = list(Waarde.objects.zichtbaar_voor(toegang).voor_gebieden(ids))
    met_cijfers = {w.indicator.code: w.indicator for w in waarden}  # display order (query order)
    gevraagd = lees_codes(*request.GET.getlist("indicatoren"), hoofdletters=False)
    onbekend = [c for c in gevraagd if c not in met_cijfers]
    if onbekend:
        raise Http404(
            f"Er is geen indicator met code {', '.join(repr(c) for c in onbekend)} met cijfers voor deze gebieden."
        )
    perioden = sorted({w.periode for w in waarden})
    periode = None
    if request.GET.get("periode"):
        try:
            periode = normaliseer_periode(request.GET["periode"])
        except OngeldigePeriode as exc:
            raise Http404(str(exc)) from exc
        if periode not in perioden:
            raise Http404(
                f"Voor deze gebieden zijn geen cijfers van periode {periode}; "
                f"wel van: {', '.join(perioden) or 'geen enkele periode'}."
            )

    rijen = [
        VergelijkWaarde(w.gebied_id, w.indicator, w.periode, w.waarde, w.status, w.toelichting, w.bron)
        for w in waarden
        if not gevraagd or w.indicator.code in gevraagd
    ]
    domeinen = vergelijk_rijen(rijen, ids, periode=periode)
    labels = unieke_labels([(g.code, g.weergavenaam) for g in gebieden])
    urls = [reverse("indicatoren:gebied", args=[g.code]) for g in gebieden]
    kolommen, overzicht_rijen, dec = overzicht_tabel(domeinen, labels)
    overzicht = Paginatabel(
        "vergelijking",
        f"Vergelijking van {', '.join(labels)}",
        kolommen,
        overzicht_rijen,
        f"{len(overzicht_rijen)} indicatoren voor {len(gebieden)} gebieden naast elkaar.",
        rij_decimalen=dec,
    )
    grafieken = []
    for d in domeinen:
        kolommen, domein_rijen, dec = domein_tabel(d, labels, gekozen)
        tabel = Paginatabel(
            f"grafiek-{d.domein.code}",
            f"{d.domein.naam}: {len(d.rijen)} indicator{'en' if len(d.rijen) != 1 else ''} vergeleken",
            kolommen,
            domein_rijen,
            samenvatting_domein(d, labels),
            rij_decimalen=dec,
        )
        panelen = [
            Paneel(
                f"{r.indicator.naam} ({r.periode})",
                r.indicator.eenheid,
                [
                    Staaf(label, c.getoond.waarde if c.getoond else None, c.tekst, c.reden, url)
                    for label, url, c in zip(labels, urls, r.cellen, strict=True)
                ],
            )
            for r in d.rijen
        ]
        figuur = vergelijk_figuur(panelen, titel="", kolommen=3 if len(gebieden) <= 3 else 2)
        grafieken.append({"id": f"grafiek-{d.domein.code}", "tabel": tabel, "figuur": figuur})
    naam = "vergelijking-" + "-".join(gekozen)
    if (bestand := download_antwoord(request, [overzicht] + [g["tabel"] for g in grafieken], naam)) is not None:
        return bestand

    verschillen = grootste_verschillen(domeinen, labels)
    params = request.GET.copy()
    kolomkoppen = []
    for g, label, url in zip(gebieden, labels, urls, strict=True):
        zonder = [c for c in gekozen if c != g.code]
        params["gebieden"] = ",".join(zonder)
        kolomkoppen.append(
            {
                "gebied": g,
                "label": label,
                "url": url,
                "verwijder": _querystring(params) if len(zonder) >= MIN_GEBIEDEN else "",
            }
        )
    context.update(
        {
            "keuzelijst": _keuzelijst(settings.GEMEENTE_CODE),
            "gebieden": gebieden,
            "kolomkoppen": kolomkoppen,
            "domeinen": domeinen,
            "verschillen": verschillen,
            "groot_verschil": {v.indicator.code for v in verschillen},
            "bronnen": nummer_bronnen(domeinen),
            "overzicht": overzicht,
            "grafieken": grafieken,
            "querystring": _querystring(request.GET),
            "perioden": perioden,
            "periode": periode,
            "indicatoren_keuze": list(met_cijfers.values()),
            "gevraagd": set(gevraagd),
            "vol": len(gebieden) >= MAX_GEBIEDEN,
        }
    )
    return render(request, "indicatoren/vergelijk.html", context)


# --- similar areas -------------------------------------------------------------------------------


def _lijsten(gebied: Gebied, gemeente_naam: str | None) -> list[dict]:
    """The candidate lists for an area: the same level in its gemeente, the other level (wijk or
    buurt) in its gemeente, and the same level elsewhere where national data is loaded. Which areas
    each list holds is decided in the database (`gelijkenis_lezen.gelijkenis_matrix`)."""
    if gebied.niveau == codes.GEMEENTE:
        return [_lijst("gemeenten", "Gemeenten in Nederland", "gemeenten")]
    wijken = _lijst("wijken", f"Wijken in {gemeente_naam}", "wijken")
    buurten = _lijst("buurten", f"Buurten in {gemeente_naam}", "buurten")
    if gebied.niveau == codes.WIJK:
        return [wijken, buurten, _lijst("landelijk", "Wijken in andere gemeenten", "wijken")]
    return [buurten, wijken, _lijst("landelijk", "Buurten in andere gemeenten", "buurten")]


def _lijst(id_: str, titel: str, groep: str) -> dict:
    return {"id": id_, "titel": titel, "groep": groep}


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
    gemeente_code = gemeente.code if gemeente else codes.gemeente_code(gebied.code)
    gemeente_naam = gemeente.weergavenaam if gemeente else gemeente_code
    wijk = wijk_van(gebied)

    kernset = kernset_codes(
        list(
            KernsetItem.objects.voor_wijk(wijk.id if wijk else None).values_list(
                "gebied_id", "indicator__code", "indicator__domein__code"
            )
        ),
        wijk.id if wijk else None,
    )
    relatief = {
        i.code: i for i in Indicator.objects.zichtbaar_voor(toegang).filter(absoluut=False).select_related("domein")
    }
    gevraagd = lees_codes(*request.GET.getlist("indicatoren"), hoofdletters=False)
    onbekend = [c for c in gevraagd if c not in relatief]
    if onbekend:
        raise Http404(
            f"Er is geen relatieve indicator met code {', '.join(repr(c) for c in onbekend)}. "
            "Aantallen (zoals inwoners of woningen) tellen niet mee: ze groeien met de omvang van een gebied."
        )

    lijsten = _lijsten(gebied, gemeente_naam)
    eigen = Waarde.objects.zichtbaar_voor(toegang).filter(
        gebied=gebied, indicator_id__in=[i.id for i in relatief.values()]
    )
    getoond = {}
    doel_getallen: dict[str, dict[str, float | None]] = defaultdict(dict)
    for i_code, periode, waarde, status, toelichting, bron in eigen.values_list(
        "indicator__code", "periode", "waarde", "status", "toelichting", "bron"
    ):
        zichtbaar = toon_van(relatief[i_code], waarde, status, toelichting)
        getoond[(gebied.code, i_code, periode)] = (zichtbaar, bron)
        doel_getallen[i_code][periode] = zichtbaar.waarde

    met_getal = {c for c, per in doel_getallen.items() if any(w is not None for w in per.values())}
    # Default: the relative kernset indicators with a number for this area (the others are named once).
    kern = [c for c in relatief if c in kernset]
    gekozen = [c for c in relatief if c in gevraagd] if gevraagd else [c for c in kern if c in met_getal]
    info = {c: IndicatorInfo(c, i.naam, i.eenheid, i.decimalen) for c, i in relatief.items()}
    kern_zonder_getal = [info[c] for c in kern if c not in met_getal] if not gevraagd else []

    matrix: dict[str, Any] = {  # the arguments of gelijkenis_matrix, also its cache key
        "doel_id": gebied.id,
        "doel_niveau": gebied.niveau,
        "gemeente_id": gemeente.id if gemeente else None,
        "lijsten": [lijst["id"] for lijst in lijsten],
        "indicatoren": {relatief[c].id: c for c in gekozen},
        "relatief": sorted(i.id for i in relatief.values()),  # the visitor's visible relative indicators
    }
    # The heavy part, shared by all workers until the next write of values or areas (indicatoren/cache.py)
    per_lijst = onthouden(
        "vergelijkbaar",
        sorted(matrix.items()),
        lambda: gelijkenis_matrix(**matrix, doel_getallen=doel_getallen),
    )
    namen = {gebied.code: gebied.weergavenaam}
    for kand in per_lijst.values():
        namen.update(kand.namen)
    uitkomsten_ruw = []
    for lijst in lijsten:
        kand = per_lijst.get(lijst["id"])
        res = None
        if kand and gekozen:
            res = vergelijkbaar_matrix(gebied.code, doel_getallen, kand.codes, kand.kolommen, gekozen)
        uitkomsten_ruw.append((lijst, kand, res))
    # Status and source of the shown numbers of the most similar areas (1 query for all lists).
    buren_codes = {b.gebied for _, _, res in uitkomsten_ruw if res for b in res.buren}
    if buren_codes:
        for g_code, i_code, periode, waarde, status, toelichting, bron in (
            Waarde.objects.zichtbaar_voor(toegang)
            .filter(gebied__code__in=buren_codes, indicator_id__in=[relatief[c].id for c in gekozen])
            .values_list("gebied__code", "indicator__code", "periode", "waarde", "status", "toelichting", "bron")
        ):
            getoond[(g_code, i_code, periode)] = (toon_van(relatief[i_code], waarde, status, toelichting), bron)

    tabellen, uitkomsten = [], []
    for lijst, kand, res in uitkomsten_ruw:
        uitkomst = {"lijst": lijst, "aantal_kandidaten": len(kand.codes) if kand else 0}
        if res is not None:
            kolommen, tabel_rijen, dec = gelijkenis_tabel(res, info, namen, getoond)
            tabel = Paginatabel(
                lijst["id"],
                f"{lijst['titel']}: het meest vergelijkbaar met {gebied.weergavenaam}",
                kolommen,
                tabel_rijen,
                gelijkenis_samenvatting(res, namen, lijst["groep"]),
                decimalen=dec,
            )
            tabellen.append(tabel)
            uitkomst.update(
                {
                    "res": res,
                    "tabel": tabel,
                    "gebruikt": [(info[s.indicator], s) for s in res.gebruikt],
                    "weggelaten": [(info[w.indicator], w.reden) for w in res.weggelaten],
                    "uitgesloten": [(namen.get(c, c), c, reden) for c, reden in res.uitgesloten],
                }
            )
            if res.buren:
                buur_labels = unieke_labels([(b.gebied, namen.get(b.gebied, b.gebied)) for b in res.buren])
                uitkomst["figuur"] = afstand_figuur(
                    buur_labels,
                    [b.afstand for b in res.buren],
                    [reverse("indicatoren:gebied", args=[b.gebied]) for b in res.buren],
                    titel=f"Afstand tot {gebied.weergavenaam}",
                )
                uitkomst["buren"] = [(b, namen.get(b.gebied, b.gebied)) for b in res.buren]
                uitkomst["vergelijk_link"] = (
                    reverse("indicatoren:vergelijk")
                    + "?gebieden="
                    + ",".join([gebied.code] + [b.gebied for b in res.buren][: MAX_GEBIEDEN - 1])
                )
        uitkomsten.append(uitkomst)

    if (bestand := download_antwoord(request, tabellen, f"vergelijkbaar-{gebied.code}")) is not None:
        return bestand
    keuze = [i for c, i in relatief.items() if c in met_getal or c in gekozen]
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
            "kern_zonder_getal": kern_zonder_getal,
            "standaard": not gevraagd,
            "keuze": keuze,
            "aantal": AANTAL,
            "min_overlap": MIN_OVERLAP,
            "querystring": _querystring(request.GET),
        },
    )
