"""Compare 2 to 6 areas side by side (/vergelijk/): form -> selectors -> builders (`vergelijking`) -> render."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from lib.tabellen import download_antwoord
from toegang.regels import toegang_van

from ..forms import VergelijkForm
from ..models import Waarde
from ..selectors import gebieden_per_code, keuzelijst
from ..vergelijking import (
    MAX_GEBIEDEN,
    MIN_GEBIEDEN,
    kolomkoppen,
    lees_codes,
    nummer_bronnen,
    unieke_labels,
    vergelijk_rijen,
    vergelijk_tabellen,
)
from ..verschillen import grootste_verschillen

_NIET_IN_LINK = ("formaat", "tabel", "toevoegen")


def link_query(params) -> str:
    """The deep-link query string without the download and 'add' parameters (commas kept readable)."""
    params = params.copy()
    for naam in _NIET_IN_LINK:
        params.pop(naam, None)
    return params.urlencode(safe=",")


def vergelijk(request):
    """Two to six areas side by side: a table per domain and bar charts per indicator.

    Queries (fixed, the same for 2 or 6 areas and any number of indicators): the areas with their
    parents; the values of those areas with indicator and domain; the areas of the own gemeente
    for the 'add an area' list. The start page and the 'wrong number' page only run the last one.
    """
    form = VergelijkForm(request.GET)
    vraag = form.cleaned_or_404()
    gekozen = vraag["gebieden"]
    if vraag["toevoegen"]:
        params = request.GET.copy()
        params["gebieden"] = ",".join(lees_codes(",".join(gekozen), ",".join(vraag["toevoegen"])))
        return HttpResponseRedirect(f"{reverse('indicatoren:vergelijk')}?{link_query(params)}")
    context = {"gekozen_tekst": ",".join(gekozen), "min_gebieden": MIN_GEBIEDEN, "max_gebieden": MAX_GEBIEDEN}
    if "gebieden" not in request.GET or not MIN_GEBIEDEN <= len(gekozen) <= MAX_GEBIEDEN:
        context["keuzelijst"] = keuzelijst(settings.GEMEENTE_CODE)
        if "gebieden" not in request.GET:
            return render(request, "indicatoren/vergelijk.html", context)
        context["melding"] = (
            f"Kies {MIN_GEBIEDEN} tot {MAX_GEBIEDEN} verschillende gebieden om te vergelijken; "
            f"u koos er {len(gekozen)}."
        )
        return render(request, "indicatoren/vergelijk.html", context, status=400)

    per_code = gebieden_per_code(gekozen)
    if onbekend := [c for c in gekozen if c not in per_code]:
        raise Http404(
            f"Er is geen gebied met code {', '.join(repr(c) for c in onbekend)}. "
            "Vergelijk bijvoorbeeld /vergelijk/?gebieden=WK016403,WK016400."
        )
    return _vergelijking(request, form, [per_code[c] for c in gekozen], context)


def _vergelijking(request, form: VergelijkForm, gebieden: list, context: dict):
    """The comparison of known areas: values, the asked indicators and period, tables, charts, page."""
    gekozen, ids = [g.code for g in gebieden], [g.id for g in gebieden]
    waarden = list(Waarde.objects.zichtbaar_voor(toegang_van(request.user)).voor_gebieden(ids))
    met_cijfers = {w.indicator.code: w.indicator for w in waarden}  # display order (query order)
    gevraagd = form.cleaned_data["indicatoren"]
    if onbekend := [c for c in gevraagd if c not in met_cijfers]:
        raise Http404(
            f"Er is geen indicator met code {', '.join(repr(c) for c in onbekend)} met cijfers voor deze gebieden."
        )
    perioden = sorted({w.periode for w in waarden})
    if (periode := form.periode_of_404()) is not None and periode not in perioden:
        raise Http404(
            f"Voor deze gebieden zijn geen cijfers van periode {periode}; "
            f"wel van: {', '.join(perioden) or 'geen enkele periode'}."
        )
    rijen = [w for w in waarden if not gevraagd or w.indicator.code in gevraagd]
    domeinen = vergelijk_rijen(rijen, ids, periode=periode)
    labels = unieke_labels([(g.code, g.weergavenaam) for g in gebieden])
    urls = [reverse("indicatoren:gebied", args=[g.code]) for g in gebieden]
    overzicht, grafieken = vergelijk_tabellen(domeinen, labels=labels, urls=urls, gekozen=gekozen)
    naam = "vergelijking-" + "-".join(gekozen)
    if (bestand := download_antwoord(request, [overzicht] + [g["tabel"] for g in grafieken], naam)) is not None:
        return bestand
    verschillen = grootste_verschillen(domeinen, labels)
    koppen = kolomkoppen(gebieden, labels=labels, urls=urls, params=request.GET.copy(), querystring=link_query)
    context |= {
        "keuzelijst": keuzelijst(settings.GEMEENTE_CODE),
        "gebieden": gebieden,
        "kolomkoppen": koppen,
        "domeinen": domeinen,
        "verschillen": verschillen,
        "groot_verschil": {v.indicator.code for v in verschillen},
        "bronnen": nummer_bronnen(domeinen),
        "overzicht": overzicht,
        "grafieken": grafieken,
        "querystring": link_query(request.GET),
        "perioden": perioden,
        "periode": periode,
        "indicatoren_keuze": list(met_cijfers.values()),
        "gevraagd": set(gevraagd),
        "vol": len(gebieden) >= MAX_GEBIEDEN,
    }
    return render(request, "indicatoren/vergelijk.html", context)
