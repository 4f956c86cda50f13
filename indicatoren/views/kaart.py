import re
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import JSONField
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from lib.parameters import lege_parameters_antwoord
from lib.perioden import is_compleet, kop_periode, periode_tekst
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied, GebiedVersie

from ..kaart import (
    GEEN_GETAL,
    GEEN_GETAL_KLEUR,
    KaartGebied,
    indeling,
    kaart_figuur,
    klasse_index,
    klassenregel,
    samenvatting,
)
from ..leeg import kaart_leeg
from ..models import Waarde
from ..vergelijking import MAX_GEBIEDEN, MIN_GEBIEDEN
from ..weergave import Getoond, toon_waarde
from .opzoeken import indicator_of_404

NIVEAUS = {
    codes.WIJK: ("wijk", "wijken"),
    codes.BUURT: ("buurt", "buurten"),
    codes.GEMEENTE: ("gemeente", "gemeenten"),  # all gemeenten of the country
}
GEMEENTE = re.compile(r"^GM\d{4}$")
# A rate by default (issue 11): a count mostly shows which areas are large. The first one loaded is used.
STANDAARD_INDICATOREN = ("Bevolkingsdichtheid", "InwonersPerWoning", "AantalInwoners")
# Signal rates, offered as shortcuts when loaded: the last complete month and the last 12 months.
SIGNAALKAARTEN = ("SignalenPer1000", "Signalen12mPer1000")
# A year, or a month for monthly series (signals): the parameter keeps its public name 'jaar'.
JAAR = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


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


def _deeplink(indicator: str, niveau: str, jaar: str, gemeente: str | None = None) -> str:
    velden = {"indicator": indicator, "niveau": niveau, "jaar": jaar}
    if gemeente and gemeente != settings.GEMEENTE_CODE and niveau != codes.GEMEENTE:
        velden["gemeente"] = gemeente
    return urlencode(velden)


def kaart(request):
    """Choropleth of one indicator over the wijken or buurten of a gemeente (`?gemeente=`, default the
    own), or over all gemeenten of the country (`niveau=gemeente`), in one year.

    Queries (fixed, the same for wijk and buurt level, whatever the number of areas):
    1. the indicators with year values at this level and their years (form and validation);
    2. the chosen indicator with its domain;
    3. the boundary versions in force in that year, with their gebied;
    4. the values of that indicator and year for the level and for the gemeente (reference).
    """
    if (leeg := lege_parameters_antwoord(request, ["niveau", "jaar", "indicator"])) is not None:
        return leeg
    niveau = request.GET.get("niveau") or codes.WIJK
    if niveau not in NIVEAUS:
        raise Http404(f"Onbekend niveau '{niveau}': de kaart toont 'wijk' of 'buurt'.")
    enkelvoud, meervoud = NIVEAUS[niveau]
    jaar = (request.GET.get("jaar") or "").strip()
    if jaar and not JAAR.match(jaar):
        raise Http404(
            f"'{jaar}' is geen jaar: geef een jaartal van vier cijfers, bijvoorbeeld jaar=2024 "
            "(of een maand als jaar=2026-11 bij maandcijfers)."
        )
    gevraagd = (request.GET.get("indicator") or "").strip()
    bijstellen = request.GET.get("bijstellen") == "1"  # sent by the form: adjust instead of 404
    toegang = toegang_van(request.user)
    gekozen_gemeente = (request.GET.get("gemeente") or settings.GEMEENTE_CODE).strip().upper()
    if not GEMEENTE.match(gekozen_gemeente):
        raise Http404(f"'{gekozen_gemeente}' is geen gemeentecode: geef bijvoorbeeld gemeente=GM0164.")
    # The areas on the map: the wijken or buurten of one gemeente (default the own), or all gemeenten;
    # the reference is that gemeente, or Nederland for the national map.
    gemeente_code = None if niveau == codes.GEMEENTE else gekozen_gemeente
    referentie_niveau = codes.LAND if niveau == codes.GEMEENTE else codes.GEMEENTE

    paren = (
        Waarde.objects.op_niveau(niveau=niveau, gemeente_code=gemeente_code)
        .zichtbaar_voor(toegang)
        .filter(periode__regex=r"^[0-9]{4}(-[0-9]{2})?$")
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
        return render(
            request,
            "indicatoren/kaart.html",
            {"niveau": niveau, "meervoud": meervoud, "leeg": True, "leeg_uitleg": kaart_leeg(meervoud, gemeente_code)},
        )

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
    # The default is the latest complete period: a running month never headlines the map.
    vandaag = timezone.localdate()
    kop = kop_periode(jaren, vandaag) or jaren[-1]
    if not jaar:
        jaar = kop
    elif jaar not in jaren:
        if not bijstellen:
            raise Http404(
                f"Voor '{indicator.naam}' per {enkelvoud} zijn geen cijfers van {jaar}. "
                f"Wel van: {', '.join(jaren)}. Bijvoorbeeld: /kaart/?{_deeplink(code, niveau, kop)}"
            )
        meldingen.append(f"Van {indicator.naam} per {enkelvoud} zijn geen cijfers van {jaar}; de kaart toont {kop}.")
        jaar = kop
    jaar_tekst = periode_tekst(jaar, indicator.venster)
    if not is_compleet(jaar, vandaag):
        meldingen.append(f"{jaar_tekst.capitalize()} is nog niet compleet (lopende maand): de getallen groeien nog.")

    versies = list(
        GebiedVersie.objects.geldig_in(int(jaar[:4]))
        .filter(gebied__in=Gebied.objects.op_niveau(niveau, gemeente_code))
        .select_related("gebied")
        .defer("geometrie", "kaartvorm")
        .annotate(vorm=Coalesce("kaartvorm", "geometrie", output_field=JSONField()))
        .order_by("gebied__code")
    )
    waarden = list(
        (
            Waarde.objects.op_niveau(
                niveau=niveau, gemeente_code=gemeente_code, indicator_ids=[indicator.id], periode=jaar
            )
            | Waarde.objects.op_niveau(
                niveau=referentie_niveau, gemeente_code=gemeente_code, indicator_ids=[indicator.id], periode=jaar
            )
        ).zichtbaar_voor(toegang)
    )

    def getoond(w) -> Getoond:
        return toon_waarde(w, indicator)

    gemeente_waarde = next((w for w in waarden if w.gebied.niveau == referentie_niveau), None)
    per_gebied = {w.gebied_id: w for w in waarden if w.gebied.niveau == niveau}
    gebieden = {v.gebied_id: (v.gebied, v.vorm) for v in versies}  # the simplified map shape
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
                g.reden or g.noot,  # with a number: its note, e.g. "inwoners van 2024"
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
    titel = f"{indicator.naam} per {enkelvoud}, {jaar_tekst}"
    hotspots = []
    if pad := getattr(settings, "KAART_HOTSPOTS", ""):
        hotspots = import_string(pad)(toegang=toegang, indicator=indicator, niveau=niveau, periode=jaar)
    figuur = kaart_figuur(
        rijen_kaart,
        klassen,
        titel=titel,
        eenheid=indicator.eenheid,
        ondergrond=settings.KAART_ONDERGROND_URL,
        ondergrond_bron=settings.KAART_ONDERGROND_BRON,
        hotspots=[(h.code, h.tekst) for h in hotspots],
    )

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
    tabel = Paginatabel(
        "kaart",
        titel,
        ["gebied", "code", "waarde", "eenheid", "klasse", "status", "reden", "periode", "bron"],
        tabel_rijen,
        samenvatting(
            rijen_kaart,
            naam=indicator.naam,
            jaar=jaar_tekst,
            meervoud=meervoud,
            decimalen=indicator.decimalen,
            eenheid=indicator.eenheid,
        ),
        decimalen={2: indicator.decimalen},
    )
    if (bestand := download_antwoord(request, [tabel], f"kaart-{indicator.code}-{niveau}-{jaar}")) is not None:
        return bestand

    legenda = [(k.label, k.kleur, n) for k, n in zip(klassen, aantallen, strict=False)]
    divergerend = gebruik_referentie and indicator.polariteit in ("hoger_beter", "hoger_slechter")
    return render(
        request,
        "indicatoren/kaart.html",
        {
            "indicator": indicator,
            "niveau": niveau,
            "enkelvoud": enkelvoud,
            "meervoud": meervoud,
            "jaar": jaar,
            "jaar_tekst": jaar_tekst,
            "jaren": jaren,
            "jaren_keuze": [(j, periode_tekst(j, indicator.venster)) for j in jaren],
            "groepen": groepen,
            "niveaus": [(k, v[1]) for k, v in NIVEAUS.items()],
            "figuur": figuur,
            "tabel": tabel,
            "legenda": legenda,
            "geen_getal": aantallen[-1],
            "geen_getal_kleur": GEEN_GETAL_KLEUR,
            "referentie": referentie,
            "referentie_naam": gemeente_waarde.gebied.weergavenaam if gemeente_waarde else "",
            "divergerend": divergerend,
            "klassenregel": klassenregel(
                klassen,
                meervoud=meervoud,
                referentie_naam=gemeente_waarde.gebied.weergavenaam if gemeente_waarde else "",
                divergerend=divergerend,
            ),
            "gebieden": rijen_kaart,
            "niet_op_kaart": [r for r in rijen_kaart if not r.geometrie],
            "indelingen": sorted({v.jaar for v in versies}),
            "hotspots": hotspots,
            # ?kiezen=vergelijk: a click picks areas for /vergelijk/ instead of opening their profile
            "kiezen": request.GET.get("kiezen") == "vergelijk",
            "kies_namen": {r.code: r.naam for r in rijen_kaart},
            "kies_min": MIN_GEBIEDEN,
            "kies_max": MAX_GEBIEDEN,
            "signaalkaarten": [c for c in SIGNAALKAARTEN if c in jaren_per_code],
            "ondergrond_bron": settings.KAART_ONDERGROND_BRON if settings.KAART_ONDERGROND_URL else "",
            "meldingen": meldingen,
            "querystring": _deeplink(indicator.code, niveau, jaar, gekozen_gemeente),
            "gemeente_param": gemeente_code if gemeente_code and gemeente_code != settings.GEMEENTE_CODE else "",
        },
    )
