"""Combine indicators: a scatter of two indicators over all wijken or buurten, and the composite
index of one wijk or buurt per domain (Hengelo = 100). The arithmetic lives in `indicatoren.analyse`,
the figures in `indicatoren.charts_combineer`; these views only read, validate and assemble.
"""

import re
from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from lib.getallen import formatteer_getal
from lib.parameters import lege_parameters_antwoord
from lib.tabellen import Paginatabel, download_antwoord
from toegang.regels import toegang_van
from wijken import codes
from wijken.models import Gebied

from ..analyse import (
    MINIMUM_N,
    gemiddelde,
    index_samenvatting,
    koppel,
    lees_samenhang,
    pearson,
    samengestelde_index,
)
from ..charts_combineer import index_figuur, spreiding_figuur
from ..leeg import index_leeg
from ..models import Indicator, Polariteit, Waarde
from ..weergave import toon_waarde
from .opzoeken import gebied_of_404, gemeente_van

NIVEAUS = {codes.WIJK: ("wijk", "wijken"), codes.BUURT: ("buurt", "buurten")}
JAAR = re.compile(r"^[0-9]{4}$")
JAAR_SQL = r"^[0-9]{4}$"  # only yearly periods (2024), not months or quarters


def _jaar_param(request, naam: str) -> str | None:
    waarde = (request.GET.get(naam) or "").strip()
    if not waarde:
        return None
    if not JAAR.match(waarde):
        raise Http404(f"'{waarde}' is geen jaar: gebruik vier cijfers, bijvoorbeeld {naam}=2024.")
    return waarde


def _opsomming(items) -> str:
    items = list(items)
    return ", ".join(items) if items else "geen"


def _querystring(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v})


# --- scatter ---------------------------------------------------------------------------------------


def combineer(request):
    """Scatter of indicator y against x for all wijken or buurten of the gemeente in one year.

    Queries (fixed, whatever the number of areas or indicators; anonymous visitor):
    1. indicators the visitor may see, with domain;
    2. which (indicator, year) pairs have values at the level (form options and year check);
    3. the values of x and y at the level in the year, with indicator and gebied;
    4. the values of x and y for the gemeente in the year (reference lines);
    5. the areas of the level plus the gemeente (areas without any value are counted as left out).
    """
    if (leeg := lege_parameters_antwoord(request, ["x", "y", "niveau", "jaar"])) is not None:
        return leeg
    toegang = toegang_van(request.user)
    gemeente_code = settings.GEMEENTE_CODE
    niveau = (request.GET.get("niveau") or codes.WIJK).strip().lower()
    if niveau not in NIVEAUS:
        raise Http404(f"Onbekend niveau '{niveau}': kies niveau=wijk of niveau=buurt.")
    enkelvoud, meervoud = NIVEAUS[niveau]
    gevraagd_jaar = _jaar_param(request, "jaar")

    indicatoren = Indicator.objects.zichtbaar_voor(toegang).select_related("domein").per_code()  # 1
    per_id = {i.id: i for i in indicatoren.values()}
    gevraagd = {}
    for as_ in ("x", "y"):
        code = (request.GET.get(as_) or "").strip()
        if code and code not in indicatoren:
            raise Http404(f"Er is geen indicator met code '{code}' (gevraagd als {as_}).")
        gevraagd[as_] = indicatoren.get(code) if code else None

    paren = (
        Waarde.objects.op_niveau(niveau=niveau, gemeente_code=gemeente_code)
        .zichtbaar_voor(toegang)
        .filter(periode__regex=JAAR_SQL)
        .order_by()
        .values_list("indicator_id", "periode")
        .distinct()
    )  # 2
    jaren_per_indicator: dict[int, set[str]] = {}
    for indicator_id, periode in paren:
        jaren_per_indicator.setdefault(indicator_id, set()).add(periode)
    jaren = sorted(set().union(*jaren_per_indicator.values())) if jaren_per_indicator else []

    # A deep link with a year or indicator that has no values at the level is a 404 (or a message); the
    # page's own form (formulier=1) instead falls back to what exists there, so switching level just works.
    uit_formulier = request.GET.get("formulier") == "1"
    aanpassingen = []
    if gevraagd_jaar is not None and gevraagd_jaar not in jaren:
        if not (uit_formulier and jaren):
            raise Http404(
                f"Voor de {meervoud} van Hengelo zijn geen cijfers uit {gevraagd_jaar}. "
                f"Jaren met cijfers op {enkelvoud}niveau: {_opsomming(jaren)}."
            )
        aanpassingen.append(f"Voor de {meervoud} zijn geen cijfers uit {gevraagd_jaar}: een ander jaar is gekozen.")
        gevraagd_jaar = None
    x, y = gevraagd["x"], gevraagd["y"]
    jaar = gevraagd_jaar or _standaard_jaar(jaren, [jaren_per_indicator.get(i.id, set()) for i in (x, y) if i])
    if uit_formulier and jaar is not None:
        for as_, gekozen in (("x", x), ("y", y)):
            if gekozen is not None and jaar not in jaren_per_indicator.get(gekozen.id, ()):
                aanpassingen.append(
                    f"{gekozen.naam} heeft geen cijfers voor de {meervoud} in {jaar}: een andere indicator is gekozen."
                )
                x, y = (None, y) if as_ == "x" else (x, None)
    if jaar is not None:
        kandidaten = sorted(
            (per_id[i] for i, js in jaren_per_indicator.items() if jaar in js and i in per_id),
            key=lambda i: (i.absoluut, i.domein.volgorde, i.volgorde, i.code),
        )
        if x is None:
            x = next((i for i in kandidaten if i != y), None)
        if y is None:
            y = next((i for i in kandidaten if i != x), x)

    context = {
        "niveau": niveau,
        "enkelvoud": enkelvoud,
        "meervoud": meervoud,
        "niveaus": [(k, v[1]) for k, v in NIVEAUS.items()],
        "jaar": jaar,
        "jaren": jaren,
        "x": x,
        "y": y,
        "opties": _opties(indicatoren.values(), jaren_per_indicator, x, y),
        "aanpassingen": aanpassingen,
    }
    if x is None or y is None or jaar is None:
        return render(request, "indicatoren/combineer.html", context)

    ids = {x.id, y.id}
    waarden = list(
        Waarde.objects.op_niveau(
            niveau=niveau, gemeente_code=gemeente_code, indicator_ids=ids, periode=jaar
        ).zichtbaar_voor(toegang)
    )  # 3
    gemeente_waarden = list(
        Waarde.objects.op_niveau(
            niveau=codes.GEMEENTE, gemeente_code=gemeente_code, indicator_ids=ids, periode=jaar
        ).zichtbaar_voor(toegang)
    )  # 4
    alle_gebieden = list(
        (Gebied.objects.op_niveau(niveau, gemeente_code) | Gebied.objects.filter(code=gemeente_code)).order_by("code")
    )  # 5
    gemeente = next((g for g in alle_gebieden if g.code == gemeente_code), None)
    gemeente_naam = gemeente.weergavenaam if gemeente else gemeente_code
    gebieden = [g for g in alle_gebieden if g.niveau == niveau]

    def per_gebied(rijen, indicator):
        return {w.gebied.code: (w, toon_waarde(w)) for w in rijen if w.indicator_id == indicator.id}

    xw, yw = per_gebied(waarden, x), per_gebied(waarden, y)
    koppeling = koppel(
        [(g.code, g.weergavenaam) for g in gebieden],
        {c: g for c, (_, g) in xw.items()},
        {c: g for c, (_, g) in yw.items()},
    )
    r = pearson((p.x, p.y) for p in koppeling.punten)
    lezing = lees_samenhang(r, koppeling.n, eenheid=meervoud if koppeling.n != 1 else enkelvoud)
    gx, gy = per_gebied(gemeente_waarden, x).get(gemeente_code), per_gebied(gemeente_waarden, y).get(gemeente_code)
    ref_x = _referentie(x, gx, [p.x for p in koppeling.punten], len(gebieden), gemeente_naam, enkelvoud, meervoud)
    ref_y = _referentie(y, gy, [p.y for p in koppeling.punten], len(gebieden), gemeente_naam, enkelvoud, meervoud)
    weggelaten = _weggelaten_tekst(koppeling, x, y, enkelvoud, meervoud)

    titel = f"{y.naam} tegen {x.naam}, {meervoud} van {gemeente_naam}, {jaar}"
    samenvatting = f"{lezing} {weggelaten}"
    figuur = spreiding_figuur(
        [(p.naam, p.x, p.y, reverse("indicatoren:gebied", args=[p.code])) for p in koppeling.punten],
        titel=titel,
        x_titel=_as_titel(x),
        y_titel=_as_titel(y),
        referentie_x=(ref_x[0], ref_x[1]) if ref_x else None,
        referentie_y=(ref_y[0], ref_y[1]) if ref_y else None,
        x_decimalen=x.decimalen,
        y_decimalen=y.decimalen,
    )
    tabel = _spreiding_tabel(titel, samenvatting, gebieden, koppeling, x, y, xw, yw, gemeente, gx, gy, jaar)
    if (bestand := download_antwoord(request, [tabel], f"combineer-{x.code}-{y.code}-{niveau}-{jaar}")) is not None:
        return bestand
    context.update(
        {
            "figuur": figuur,
            "tabel": tabel,
            "koppeling": koppeling,
            "r": r,
            "r_tekst": formatteer_getal(r, 2) if r is not None else "",
            "lezing": lezing,
            "weggelaten_tekst": weggelaten,
            "te_weinig": koppeling.n < MINIMUM_N,
            "minimum_n": MINIMUM_N,
            "referenties": [(i, ref) for i, ref in ((x, ref_x), (y, ref_y))[: 1 if x == y else 2] if ref],
            "geen_referentie": [i for i, ref in ((x, ref_x), (y, ref_y))[: 1 if x == y else 2] if not ref],
            "zelfde": x == y,
            "aantallen": [i for i in {x.code: x, y.code: y}.values() if i.absoluut],
            "gebieden": gebieden,
            "gemeente_naam": gemeente_naam,
            "querystring": _querystring(x=x.code, y=y.code, niveau=niveau, jaar=jaar),
        }
    )
    return render(request, "indicatoren/combineer.html", context)


def _standaard_jaar(jaren: list[str], gekozen: list[set[str]]) -> str | None:
    """The latest year with values for every chosen indicator, else the latest year at the level."""
    if gekozen:
        samen = set.intersection(*gekozen)
        if samen:
            return max(samen)
    return jaren[-1] if jaren else None


def _opties(indicatoren, jaren_per_indicator, x, y):
    """Form options per domain: indicators with values at the level, plus the chosen ones (marked)."""
    groepen: dict[str, list] = {}
    for i in indicatoren:
        jaren = sorted(jaren_per_indicator.get(i.id, ()))
        if jaren or i in (x, y):
            label = i.naam + (f" ({jaren[0]}–{jaren[-1]})" if len(jaren) > 1 else f" ({jaren[0]})" if jaren else "")
            if not jaren:
                label += " (geen cijfers op dit niveau)"
            groepen.setdefault(i.domein.naam, []).append((i.code, label))
    return list(groepen.items())


def _as_titel(indicator) -> str:
    return f"{indicator.naam} ({indicator.eenheid})" if indicator.eenheid else indicator.naam


def _referentie(indicator, gemeente_waarde, punten, aantal_gebieden, gemeente_naam, enkelvoud, meervoud):
    """(value, label, explanation) of the reference line: the gemeente's value; for a count or total
    (absoluut) the gemeente's total divided by the number of areas (the mean per area, which a line at
    the gemeente total would not be); without a gemeente value the mean of the plotted areas."""
    getoond = gemeente_waarde[1] if gemeente_waarde else None
    if getoond is not None and getoond.waarde is not None:
        if indicator.absoluut and aantal_gebieden:
            waarde = getoond.waarde / aantal_gebieden
            uitleg = (
                f"{gemeente_naam}: gemiddeld {formatteer_getal(waarde, max(indicator.decimalen, 1))} per {enkelvoud} "
                f"({getoond.tekst} in heel {gemeente_naam}, gedeeld door {aantal_gebieden} {meervoud})"
            )
            return waarde, f"{gemeente_naam} (per {enkelvoud})", uitleg
        return getoond.waarde, gemeente_naam, f"{gemeente_naam}: {getoond.tekst}"
    waarde = gemiddelde(punten)
    if waarde is None:
        return None
    reden = f"geen cijfer voor {gemeente_naam}" + (f": {getoond.reden}" if getoond else "")
    uitleg = (
        f"gemiddelde van de {len(punten)} {meervoud} in de grafiek: "
        f"{formatteer_getal(waarde, max(indicator.decimalen, 1))} ({reden}; ongewogen gemiddelde)"
    )
    return waarde, f"gemiddelde {meervoud} (geen {gemeente_naam}-cijfer)", uitleg


def _weggelaten_tekst(koppeling, x, y, enkelvoud, meervoud) -> str:
    if not koppeling.weggelaten:
        return f"Alle {koppeling.n} {meervoud} hebben een getal voor beide indicatoren."
    delen = []
    for indicator, veld in ((x, "reden_x"), (y, "reden_y")) if x != y else ((x, "reden_x"),):
        redenen = Counter(getattr(w, veld) for w in koppeling.weggelaten if getattr(w, veld))
        if redenen:
            aantal = sum(redenen.values())
            uitsplitsing = ", ".join(f"{n}× {reden}" for reden, n in redenen.most_common())
            delen.append(
                f"{aantal} {enkelvoud if aantal == 1 else meervoud} zonder getal voor {indicator.naam} ({uitsplitsing})"
            )
    totaal = len(koppeling.weggelaten)
    return (
        f"Weggelaten: {'; '.join(delen)}. In totaal {totaal} {enkelvoud if totaal == 1 else meervoud} "
        f"niet in de grafiek en niet in r."
    )


def _spreiding_tabel(titel, samenvatting, gebieden, koppeling, x, y, xw, yw, gemeente, gx, gy, jaar) -> Paginatabel:
    in_grafiek = {p.code for p in koppeling.punten}
    kolommen = [
        "gebied",
        "code",
        "periode",
        f"x: {x.naam}",
        "status x",
        "reden x",
        f"y: {y.naam}",
        "status y",
        "reden y",
        "in grafiek",
        "bron",
    ]

    def bron(bx, by) -> str:
        if bx == by or not by:
            return bx
        return f"x: {bx}; y: {by}" if bx else f"y: {by}"

    def cellen(w_g):
        if w_g is None:
            return [None, "geen waarde", "geen waarde geladen", ""]
        w, g = w_g
        return [g.waarde, g.status, g.reden, w.bron]

    rijen = []
    for gebied in gebieden:
        cx, cy = cellen(xw.get(gebied.code)), cellen(yw.get(gebied.code))
        rijen.append(
            [gebied.weergavenaam, gebied.code, jaar, *cx[:3], *cy[:3]]
            + ["ja" if gebied.code in in_grafiek else "nee", bron(cx[3], cy[3])]
        )
    if gemeente is not None:
        cx, cy = cellen(gx), cellen(gy)
        rijen.append(
            [f"{gemeente.weergavenaam} (gemeente)", gemeente.code, jaar, *cx[:3], *cy[:3]]
            + ["referentie", bron(cx[3], cy[3])]
        )
    return Paginatabel("spreiding", titel, kolommen, rijen, samenvatting, decimalen={3: x.decimalen, 6: y.decimalen})


# --- composite index -------------------------------------------------------------------------------


def index(request, code: str):
    """Composite index per domain of one wijk or buurt, standardised on Hengelo in a base year (= 100).

    Queries (fixed, the same for a wijk and a buurt; anonymous visitor):
    1. the gebied with its parents;
    2. the indicators the visitor may see, with domain;
    3. all yearly values of the gebied and of the gemeente, with indicator, domain and gebied.
    """
    if (leeg := lege_parameters_antwoord(request, ["basisjaar", "jaar"])) is not None:
        return leeg
    toegang = toegang_van(request.user)
    gebied = gebied_of_404(code)  # 1
    gemeente = gemeente_van(gebied)
    gemeente_code = settings.GEMEENTE_CODE
    if gebied.niveau not in NIVEAUS or gemeente is None or gemeente.code != gemeente_code:
        raise Http404(
            f"De samengestelde index is er voor de wijken en buurten van {gemeente_code}; "
            f"{gebied.weergavenaam} ({gebied.code}) is een {gebied.get_niveau_display().lower()}"
            + (f" buiten {gemeente_code}." if gemeente is not None and gemeente.code != gemeente_code else ".")
        )
    gevraagd_basisjaar = _jaar_param(request, "basisjaar")
    gevraagd_jaar = _jaar_param(request, "jaar")

    indicatoren = list(Indicator.objects.zichtbaar_voor(toegang).select_related("domein"))  # 2
    waarden = list(
        Waarde.objects.voor_gebieden([gebied.id, gemeente.id]).zichtbaar_voor(toegang).filter(periode__regex=JAAR_SQL)
    )  # 3
    gemeente_jaren = sorted({w.periode for w in waarden if w.gebied_id == gemeente.id})
    alle_jaren = sorted({w.periode for w in waarden})
    if gevraagd_basisjaar is not None and gevraagd_basisjaar not in gemeente_jaren:
        raise Http404(
            f"Voor {gemeente.weergavenaam} zijn geen cijfers uit {gevraagd_basisjaar}, "
            "dus dat kan geen basisjaar zijn. "
            f"Jaren met cijfers voor {gemeente.weergavenaam}: {_opsomming(gemeente_jaren)}."
        )
    if gevraagd_jaar is not None and gevraagd_jaar not in alle_jaren:
        raise Http404(
            f"Voor {gebied.weergavenaam} en {gemeente.weergavenaam} zijn geen cijfers uit {gevraagd_jaar}. "
            f"Jaren met cijfers: {_opsomming(alle_jaren)}."
        )
    basisjaar = gevraagd_basisjaar or (gemeente_jaren[-1] if gemeente_jaren else None)
    jaar = gevraagd_jaar or basisjaar
    context = {
        "gebied": gebied,
        "gemeente": gemeente,
        "basisjaar": basisjaar,
        "jaar": jaar,
        "gemeente_jaren": gemeente_jaren,
        "alle_jaren": alle_jaren,
        "leeg": index_leeg(gebied.weergavenaam, gemeente_code),
    }
    if basisjaar is None:
        return render(request, "indicatoren/index.html", context)
    assert jaar is not None  # the asked year or the base year

    eigen = {w.indicator.code: w for w in waarden if w.gebied_id == gebied.id and w.periode == jaar}
    ref = {w.indicator.code: w for w in waarden if w.gebied_id == gemeente.id and w.periode == basisjaar}
    domeinen = samengestelde_index(
        indicatoren,
        {c: toon_waarde(w) for c, w in eigen.items()},
        {c: toon_waarde(w) for c, w in ref.items()},
        gebied_naam=gebied.weergavenaam,
        jaar=jaar,
        referentie_naam=gemeente.weergavenaam,
        basisjaar=basisjaar,
    )
    titel = f"Index per domein: {gebied.weergavenaam} ({jaar}), {gemeente.weergavenaam} {basisjaar} = 100"
    samenvatting = index_samenvatting(domeinen, gebied.weergavenaam, jaar, basisjaar)
    figuur = index_figuur([(d.domein.naam, d.index) for d in domeinen], titel=titel)
    index_tabel = _index_tabel(titel, samenvatting, domeinen, jaar, basisjaar, eigen, ref)
    detail_tabel = _detail_tabel(gebied, gemeente, domeinen, jaar, basisjaar, eigen, ref)
    naam = f"index-{gebied.code}-{jaar}-basis-{basisjaar}"
    if (bestand := download_antwoord(request, [index_tabel, detail_tabel], naam)) is not None:
        return bestand
    context.update(
        {
            "domeinen": domeinen,
            "figuur": figuur,
            "tabel": index_tabel,
            "detail_tabel": detail_tabel,
            "aantal_met_index": sum(1 for d in domeinen if d.index is not None),
            "querystring": _querystring(basisjaar=basisjaar, jaar=jaar if jaar != basisjaar else None),
            "polariteiten": Polariteit,
        }
    )
    return render(request, "indicatoren/index.html", context)


def _bronnen(scores, eigen, ref) -> str:
    bronnen = {w.bron for s in scores for w in (eigen.get(s.indicator.code), ref.get(s.indicator.code)) if w and w.bron}
    return "; ".join(sorted(bronnen))


def _index_tabel(titel, samenvatting, domeinen, jaar, basisjaar, eigen, ref) -> Paginatabel:
    kolommen = [
        "domein",
        "index (Hengelo = 100)",
        "indicatoren meegeteld",
        "indicatoren niet meegeteld",
        "jaar",
        "basisjaar",
        "status",
        "bron",
    ]
    rijen = [
        [
            d.domein.naam,
            d.index,
            len(d.scores),
            len(d.niet_mee),
            jaar,
            basisjaar,
            "berekend" if d.index is not None else d.melding,
            "berekend door Wijkportaal uit: " + _bronnen(d.scores, eigen, ref) if d.scores else "",
        ]
        for d in domeinen
    ]
    return Paginatabel("index", titel, kolommen, rijen, samenvatting, decimalen={1: 1})


def _detail_tabel(gebied, gemeente, domeinen, jaar, basisjaar, eigen, ref) -> Paginatabel:
    kolommen = [
        "domein",
        "indicator",
        "code",
        "richting",
        "jaar",
        f"waarde {gebied.weergavenaam}",
        "status",
        "basisjaar",
        f"waarde {gemeente.weergavenaam}",
        f"status {gemeente.weergavenaam}",
        "score",
        "meegeteld",
        "reden",
        "bron",
    ]
    rijen = []
    for d in domeinen:
        for s in d.scores:
            w, h = eigen[s.indicator.code], ref[s.indicator.code]
            rijen.append(
                [d.domein.naam, s.indicator.naam, s.indicator.code, s.indicator.get_polariteit_display(), jaar]
                + [s.waarde, w.status, basisjaar, s.referentie, h.status, s.score, "ja", "", w.bron]
            )
        for n in d.niet_mee:
            w, h = eigen.get(n.indicator.code), ref.get(n.indicator.code)
            rijen.append(
                [d.domein.naam, n.indicator.naam, n.indicator.code, n.indicator.get_polariteit_display(), jaar]
                + [n.waarde.waarde if n.waarde else None, n.waarde.status if n.waarde else "geen waarde", basisjaar]
                + [n.referentie.waarde if n.referentie else None]
                + [n.referentie.status if n.referentie else "geen waarde", None, "nee", n.reden]
                + ["; ".join(sorted({x.bron for x in (w, h) if x and x.bron}))]
            )
    return Paginatabel(
        "indicatoren",
        f"Indicatoren in de index van {gebied.weergavenaam}",
        kolommen,
        rijen,
        f"{sum(len(d.scores) for d in domeinen)} indicatoren meegeteld, "
        f"{sum(len(d.niet_mee) for d in domeinen)} niet meegeteld (met reden).",
        decimalen={10: 1},
    )
