import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied, GebiedVersie

from ..kaart import GEEN_GETAL, GEEN_GETAL_KLEUR, KaartGebied, indeling, kaart_figuur, klasse_index, samenvatting
from ..models import Waarde
from ..tabellen import Tabel, download_antwoord
from ..weergave import Getoond, toon
from .gemeen import indicator_of_404

NIVEAUS = {codes.WIJK: ("wijk", "wijken"), codes.BUURT: ("buurt", "buurten")}
# A rate by default (issue 11): a count mostly shows which areas are large. The first one loaded is used.
STANDAARD_INDICATOREN = ("Bevolkingsdichtheid", "InwonersPerWoning", "AantalInwoners")
JAAR = re.compile(r"^\d{4}$")


def _keuzes(paren) -> tuple[list[tuple[str, list[tuple[str, str]]]], dict[str, list[str]]]:
    """(indicator code, naam, domein, domein volgorde, indicator volgorde, periode) rows -> the
    indicators grouped by domain for the form, and the years per indicator code."""
    jaren: dict[str, set[str]] = {}
    indicatoren = {}
    for code, naam, domein, domein_volgorde, volgorde, periode in paren:
        jaren.setdefault(code, set()).add(periode)
        indicatoren[code] = (domein_volgorde, domein, volgorde, naam, code)
    groepen: dict[str, list[tuple[str, str]]] = {}
    for _, domein, _, naam, code in sorted(indicatoren.values(), key=lambda r: (r[0], r[1], r[2], r[4])):
        groepen.setdefault(domein, []).append((code, naam))
    return list(groepen.items()), {code: sorted(j) for code, j in jaren.items()}


def _deeplink(indicator: str, niveau: str, jaar: str) -> str:
    return urlencode({"indicator": indicator, "niveau": niveau, "jaar": jaar})


def kaart(request):
    """Choropleth of one indicator over the wijken or buurten of the gemeente in one year.

    Queries (fixed, the same for wijk and buurt level, whatever the number of areas):
    1. the indicators with year values at this level and their years (form and validation);
    2. the chosen indicator with its domain;
    3. the boundary versions in force in that year, with their gebied;
    4. the values of that indicator and year for the level and for the gemeente (reference).
    """
    niveau = request.GET.get("niveau") or codes.WIJK
    if niveau not in NIVEAUS:
        raise Http404(f"Onbekend niveau '{niveau}': de kaart toont 'wijk' of 'buurt'.")
    enkelvoud, meervoud = NIVEAUS[niveau]
    jaar = (request.GET.get("jaar") or "").strip()
    if jaar and not JAAR.match(jaar):
        raise Http404(f"'{jaar}' is geen jaar: geef een jaartal van vier cijfers, bijvoorbeeld jaar=2024.")
    gevraagd = (request.GET.get("indicator") or "").strip()
    bijstellen = request.GET.get("bijstellen") == "1"  # sent by the form: adjust instead of 404
    toegang = toegang_van(request.user)
    gemeente_code = settings.GEMEENTE_CODE

    paren = (
        Waarde.objects.op_niveau(niveau=niveau, gemeente_code=gemeente_code)
        .zichtbaar_voor(toegang)
        .filter(periode__regex=r"^[0-9]{4}$")
        .order_by()
        .values_list(
            "indicator__code",
            "indicator__naam",
            "indicator__domein__naam",
            "indicator__domein__volgorde",
            "indicator__volgorde",
            "periode",
        )
        .distinct()
    )
    groepen, jaren_per_code = _keuzes(paren)
    meldingen = []
    if not jaren_per_code:
        if gevraagd:
            indicator = indicator_of_404(gevraagd, toegang)
            raise Http404(f"Voor '{indicator.naam}' zijn geen cijfers per {enkelvoud} geladen.")
        return render(request, "indicatoren/kaart.html", {"niveau": niveau, "meervoud": meervoud, "leeg": True})

    standaard = next((c for c in STANDAARD_INDICATOREN if c in jaren_per_code), groepen[0][1][0][0])
    code = gevraagd or standaard
    if code not in jaren_per_code:
        indicator = indicator_of_404(code, toegang)  # unknown or not visible: 404 with its own message
        if not bijstellen:
            raise Http404(
                f"Voor '{indicator.naam}' zijn geen cijfers per {enkelvoud} geladen. "
                f"Kies op de kaartpagina een indicator die per {enkelvoud} bekend is, of een ander niveau."
            )
        meldingen.append(
            f"Voor {indicator.naam} zijn geen cijfers per {enkelvoud}; de kaart toont een andere indicator."
        )
        code = standaard
    indicator = indicator_of_404(code, toegang)
    jaren = jaren_per_code[code]
    if not jaar:
        jaar = jaren[-1]
    elif jaar not in jaren:
        if not bijstellen:
            raise Http404(
                f"Voor '{indicator.naam}' per {enkelvoud} zijn geen cijfers van {jaar}. "
                f"Wel van: {', '.join(jaren)}. Bijvoorbeeld: /kaart/?{_deeplink(code, niveau, jaren[-1])}"
            )
        meldingen.append(
            f"Van {indicator.naam} per {enkelvoud} zijn geen cijfers van {jaar}; de kaart toont {jaren[-1]}."
        )
        jaar = jaren[-1]

    versies = list(
        GebiedVersie.objects.geldig_in(int(jaar))
        .filter(gebied__in=Gebied.objects.op_niveau(niveau, gemeente_code))
        .select_related("gebied")
        .order_by("gebied__code")
    )
    waarden = list(
        (
            Waarde.objects.op_niveau(
                niveau=niveau, gemeente_code=gemeente_code, indicator_ids=[indicator.id], periode=jaar
            )
            | Waarde.objects.op_niveau(
                niveau=codes.GEMEENTE, gemeente_code=gemeente_code, indicator_ids=[indicator.id], periode=jaar
            )
        ).zichtbaar_voor(toegang)
    )

    def getoond(w) -> Getoond:
        return toon(
            w.waarde,
            w.status,
            decimalen=indicator.decimalen,
            drempel=indicator.onthullingsdrempel,
            toelichting=w.toelichting,
        )

    gemeente_waarde = next((w for w in waarden if w.gebied.niveau == codes.GEMEENTE), None)
    per_gebied = {w.gebied_id: w for w in waarden if w.gebied.niveau == niveau}
    gebieden = {v.gebied_id: (v.gebied, v.geometrie) for v in versies}
    for w in per_gebied.values():  # a value for an area without a boundary: in the table, not on the map
        gebieden.setdefault(w.gebied_id, (w.gebied, None))

    rijen_kaart, bronnen = [], {}
    for gebied_id, (gebied, geometrie) in sorted(gebieden.items(), key=lambda kv: kv[1][0].code):
        w = per_gebied.get(gebied_id)
        g = getoond(w) if w else Getoond("geen waarde", None, "geen waarde", f"geen cijfer geladen voor {jaar}")
        bronnen[gebied.code] = w.bron if w else ""
        rijen_kaart.append(
            KaartGebied(
                gebied.code,
                gebied.weergavenaam,
                geometrie,
                g.waarde,
                g.tekst,
                g.status,
                g.reden,
                reverse("indicatoren:gebied", args=[gebied.code]),
            )
        )

    referentie = getoond(gemeente_waarde) if gemeente_waarde else None
    gebruik_referentie = referentie is not None and referentie.waarde is not None and not indicator.absoluut
    klassen = indeling(
        [r.waarde for r in rijen_kaart],
        decimalen=indicator.decimalen,
        referentie=referentie.waarde if gebruik_referentie else None,
        referentie_naam=gemeente_waarde.gebied.weergavenaam if gemeente_waarde else "",
        polariteit=indicator.polariteit,
    )
    titel = f"{indicator.naam} per {enkelvoud}, {jaar}"
    figuur = kaart_figuur(rijen_kaart, klassen, titel=titel, eenheid=indicator.eenheid)

    tabel_rijen = []
    aantallen = [0] * (len(klassen) + 1)
    for r in rijen_kaart:
        index = klasse_index(r.waarde, klassen)
        aantallen[len(klassen) if index is None else index] += 1
        tabel_rijen.append(
            [
                r.naam,
                r.code,
                r.waarde,
                indicator.eenheid,
                GEEN_GETAL if index is None else klassen[index].label,
                r.status,
                r.reden if r.geometrie else (r.reden + "; " if r.reden else "") + "geen grens: niet op de kaart",
                jaar,
                bronnen[r.code],
            ]
        )
    tabel = Tabel(
        "kaart",
        titel,
        ["gebied", "code", "waarde", "eenheid", "klasse", "status", "reden", "periode", "bron"],
        tabel_rijen,
        samenvatting(
            rijen_kaart,
            naam=indicator.naam,
            jaar=jaar,
            meervoud=meervoud,
            decimalen=indicator.decimalen,
            eenheid=indicator.eenheid,
        ),
        decimalen={2: indicator.decimalen},
    )
    if (bestand := download_antwoord(request, [tabel], f"kaart-{indicator.code}-{niveau}-{jaar}")) is not None:
        return bestand

    legenda = [(k.label, k.kleur, n) for k, n in zip(klassen, aantallen, strict=False)]
    return render(
        request,
        "indicatoren/kaart.html",
        {
            "indicator": indicator,
            "niveau": niveau,
            "enkelvoud": enkelvoud,
            "meervoud": meervoud,
            "jaar": jaar,
            "jaren": jaren,
            "groepen": groepen,
            "niveaus": [(k, v[1]) for k, v in NIVEAUS.items()],
            "figuur": figuur,
            "tabel": tabel,
            "legenda": legenda,
            "geen_getal": aantallen[-1],
            "geen_getal_kleur": GEEN_GETAL_KLEUR,
            "referentie": referentie,
            "referentie_naam": gemeente_waarde.gebied.weergavenaam if gemeente_waarde else "",
            "divergerend": gebruik_referentie and indicator.polariteit in ("hoger_beter", "hoger_slechter"),
            "gebieden": rijen_kaart,
            "niet_op_kaart": [r for r in rijen_kaart if not r.geometrie],
            "indelingen": sorted({v.jaar for v in versies}),
            "meldingen": meldingen,
            "querystring": _deeplink(indicator.code, niveau, jaar),
        },
    )
