"""Builders of the combine pages (/combineer/ and /gebied/<code>/index/): from the rows the selectors read
(`selectors.jaren_per_indicator`, `spreiding_van`, `jaarwaarden`) to the chosen axes and years, the
figures, tables and texts. The arithmetic lives in `analyse`, the figures in `charts_combineer`; no ORM
and no request here.
"""

from collections import Counter
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse

from lib.getallen import formatteer_getal
from lib.tabellen import Paginatabel

from .analyse import MINIMUM_N, gemiddelde, index_samenvatting, koppel, lees_samenhang, pearson, samengestelde_index
from .charts_combineer import index_figuur, spreiding_figuur
from .weergave import toon_waarde

# --- scatter -------------------------------------------------------------------------------------


def opsomming(items) -> str:
    items = list(items)
    return ", ".join(items) if items else "geen"


@dataclass(frozen=True)
class Assen:
    """The scatter's question as answered: indicators x and y, the year, and what was adjusted to get there."""

    x: object | None
    y: object | None
    jaar: str | None
    aanpassingen: list[str]


def kies_assen(
    *,
    x,
    y,
    jaar: str | None,
    uit_formulier: bool,
    jaren_per_indicator: dict[int, set[str]],
    per_id: dict,
    enkelvoud: str,
    meervoud: str,
) -> Assen:
    """The asked indicators and year, completed with defaults where not given.

    A deep link with a year or indicator that has no values at the level is a 404 (or a message); the
    page's own form (`uit_formulier`) instead falls back to what exists there, so switching level just works."""
    jaren = sorted(set().union(*jaren_per_indicator.values())) if jaren_per_indicator else []
    aanpassingen = []
    if jaar is not None and jaar not in jaren:
        if not (uit_formulier and jaren):
            raise Http404(
                f"Voor de {meervoud} van Hengelo zijn geen cijfers uit {jaar}. "
                f"Jaren met cijfers op {enkelvoud}niveau: {opsomming(jaren)}."
            )
        aanpassingen.append(f"Voor de {meervoud} zijn geen cijfers uit {jaar}: een ander jaar is gekozen.")
        jaar = None
    jaar = jaar or standaard_jaar(jaren, [jaren_per_indicator.get(i.id, set()) for i in (x, y) if i])
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
    return Assen(x, y, jaar, aanpassingen)


def spreiding(rijen, *, x, y, jaar: str, gemeente_code: str, enkelvoud: str, meervoud: str) -> dict:
    """The scatter of y against x over the level's areas (`rijen`: a `selectors.Spreiding`): figure, table,
    correlation and its reading, the reference lines and what was left out, as page context."""
    gemeente, gebieden = rijen.gemeente, rijen.gebieden
    gemeente_naam = gemeente.weergavenaam if gemeente else gemeente_code

    def per_gebied(waarden, indicator):
        return {w.gebied.code: (w, toon_waarde(w)) for w in waarden if w.indicator_id == indicator.id}

    xw, yw = per_gebied(rijen.waarden, x), per_gebied(rijen.waarden, y)
    koppeling = koppel(
        [(g.code, g.weergavenaam) for g in gebieden],
        {c: g for c, (_, g) in xw.items()},
        {c: g for c, (_, g) in yw.items()},
    )
    r = pearson((p.x, p.y) for p in koppeling.punten)
    lezing = lees_samenhang(r, koppeling.n, eenheid=meervoud if koppeling.n != 1 else enkelvoud)
    gx = per_gebied(rijen.gemeente_waarden, x).get(gemeente_code)
    gy = per_gebied(rijen.gemeente_waarden, y).get(gemeente_code)
    ref_x = referentie(x, gx, [p.x for p in koppeling.punten], len(gebieden), gemeente_naam, enkelvoud, meervoud)
    ref_y = referentie(y, gy, [p.y for p in koppeling.punten], len(gebieden), gemeente_naam, enkelvoud, meervoud)
    weggelaten = weggelaten_tekst(koppeling, x, y, enkelvoud, meervoud)

    titel = f"{y.naam} tegen {x.naam}, {meervoud} van {gemeente_naam}, {jaar}"
    samenvatting = f"{lezing} {weggelaten}"
    figuur = spreiding_figuur(
        [(p.naam, p.x, p.y, reverse("indicatoren:gebied", args=[p.code])) for p in koppeling.punten],
        titel=titel,
        x_titel=as_titel(x),
        y_titel=as_titel(y),
        referentie_x=(ref_x[0], ref_x[1]) if ref_x else None,
        referentie_y=(ref_y[0], ref_y[1]) if ref_y else None,
        x_decimalen=x.decimalen,
        y_decimalen=y.decimalen,
    )
    tabel = spreiding_tabel(titel, samenvatting, gebieden, koppeling, x, y, xw, yw, gemeente, gx, gy, jaar)
    assen = ((x, ref_x), (y, ref_y))[: 1 if x == y else 2]
    return {
        "figuur": figuur,
        "tabel": tabel,
        "koppeling": koppeling,
        "r": r,
        "r_tekst": formatteer_getal(r, 2) if r is not None else "",
        "lezing": lezing,
        "weggelaten_tekst": weggelaten,
        "te_weinig": koppeling.n < MINIMUM_N,
        "minimum_n": MINIMUM_N,
        "referenties": [(i, ref) for i, ref in assen if ref],
        "geen_referentie": [i for i, ref in assen if not ref],
        "zelfde": x == y,
        "aantallen": [i for i in {x.code: x, y.code: y}.values() if i.absoluut],
        "gebieden": gebieden,
        "gemeente_naam": gemeente_naam,
    }


def standaard_jaar(jaren: list[str], gekozen: list[set[str]]) -> str | None:
    """The latest year with values for every chosen indicator, else the latest year at the level."""
    if gekozen:
        samen = set.intersection(*gekozen)
        if samen:
            return max(samen)
    return jaren[-1] if jaren else None


def opties(indicatoren, jaren_per_indicator, x, y):
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


def as_titel(indicator) -> str:
    return f"{indicator.naam} ({indicator.eenheid})" if indicator.eenheid else indicator.naam


def referentie(indicator, gemeente_waarde, punten, aantal_gebieden, gemeente_naam, enkelvoud, meervoud):
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


def weggelaten_tekst(koppeling, x, y, enkelvoud, meervoud) -> str:
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


def spreiding_tabel(titel, samenvatting, gebieden, koppeling, x, y, xw, yw, gemeente, gx, gy, jaar) -> Paginatabel:
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


# --- composite index ------------------------------------------------------------------------------


def index_jaren(waarden, *, gebied, gemeente, basisjaar: str | None, jaar: str | None) -> tuple:
    """(basisjaar, jaar, gemeente's years, all years): the asked years checked against the loaded ones, and
    the defaults (the gemeente's latest year as base year; the area's year is the base year)."""
    gemeente_jaren = sorted({w.periode for w in waarden if w.gebied_id == gemeente.id})
    alle_jaren = sorted({w.periode for w in waarden})
    if basisjaar is not None and basisjaar not in gemeente_jaren:
        raise Http404(
            f"Voor {gemeente.weergavenaam} zijn geen cijfers uit {basisjaar}, "
            "dus dat kan geen basisjaar zijn. "
            f"Jaren met cijfers voor {gemeente.weergavenaam}: {opsomming(gemeente_jaren)}."
        )
    if jaar is not None and jaar not in alle_jaren:
        raise Http404(
            f"Voor {gebied.weergavenaam} en {gemeente.weergavenaam} zijn geen cijfers uit {jaar}. "
            f"Jaren met cijfers: {opsomming(alle_jaren)}."
        )
    basisjaar = basisjaar or (gemeente_jaren[-1] if gemeente_jaren else None)
    return basisjaar, jaar or basisjaar, gemeente_jaren, alle_jaren


def samengestelde_index_van(indicatoren, waarden, *, gebied, gemeente, jaar: str, basisjaar: str) -> dict:
    """The composite index of the area in `jaar` against the gemeente in `basisjaar` (= 100), as page
    context: domains, figure, the index table and the table of its indicators."""
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
    return {
        "domeinen": domeinen,
        "figuur": index_figuur([(d.domein.naam, d.index) for d in domeinen], titel=titel),
        "tabel": index_tabel(titel, samenvatting, domeinen, jaar, basisjaar, eigen, ref),
        "detail_tabel": detail_tabel(gebied, gemeente, domeinen, jaar, basisjaar, eigen, ref),
        "aantal_met_index": sum(1 for d in domeinen if d.index is not None),
    }


def bronnen(scores, eigen, ref) -> str:
    bronnen = {w.bron for s in scores for w in (eigen.get(s.indicator.code), ref.get(s.indicator.code)) if w and w.bron}
    return "; ".join(sorted(bronnen))


def index_tabel(titel, samenvatting, domeinen, jaar, basisjaar, eigen, ref) -> Paginatabel:
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
            "berekend door Wijkportaal uit: " + bronnen(d.scores, eigen, ref) if d.scores else "",
        ]
        for d in domeinen
    ]
    return Paginatabel("index", titel, kolommen, rijen, samenvatting, decimalen={1: 1})


def detail_tabel(gebied, gemeente, domeinen, jaar, basisjaar, eigen, ref) -> Paginatabel:
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
