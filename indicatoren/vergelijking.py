"""The side-by-side comparison of 2 to 6 areas (/vergelijk/): per domain one row per indicator with each
area's shown value in one period, its tables and texts, and the parsing of its code lists.

Plain functions on plain rows: no ORM, no request, so they are tested on small hand-checked examples.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from lib.getallen import formatteer_getal
from lib.tabellen import Paginatabel

from .charts_vergelijk import Paneel, Staaf, vergelijk_figuur
from .weergave import Getoond, toon_waarde

if TYPE_CHECKING:
    from .models import Domein, Indicator

# --- the side-by-side comparison -----------------------------------------------------------------


class VergelijkWaarde(NamedTuple):
    gebied_id: int
    indicator: "Indicator"  # with its domein (read-only use)
    periode: str
    waarde: float | None
    status: str
    toelichting: str
    bron: str


@dataclass
class Cel:
    getoond: Getoond | None  # None: no value loaded for this area in this period
    bron: str = ""

    @property
    def tekst(self) -> str:
        return self.getoond.tekst if self.getoond else "geen waarde"

    @property
    def reden(self) -> str:
        if self.getoond is None:
            return "niet geladen"
        return self.getoond.reden


@dataclass
class VergelijkRij:
    indicator: "Indicator"
    periode: str
    cellen: list[Cel]  # one per area, in the order asked
    voetnoten: list[int] = field(default_factory=list)  # numbers of its sources (see nummer_bronnen)

    @property
    def bronnen(self) -> str:
        return " | ".join(dict.fromkeys(c.bron for c in self.cellen if c.bron))


@dataclass
class VergelijkDomein:
    domein: "Domein"
    rijen: list[VergelijkRij] = field(default_factory=list)


def vergelijk_periode(per_periode: dict[str, set[int]]) -> str:
    """The latest period common to the most areas (all of them when there is one)."""
    return max(per_periode, key=lambda p: (len(per_periode[p]), p))


def vergelijk_rijen(
    rijen: list[VergelijkWaarde], gebied_ids: list[int], *, periode: str | None = None
) -> list[VergelijkDomein]:
    """Per domain one row per indicator with per area the shown value (via `toon`), in one period.

    Without `periode`: the latest period common to the areas (or to most of them); with it,
    only indicators with a value in that period."""
    per_indicator: dict[int, dict[str, dict[int, VergelijkWaarde]]] = defaultdict(lambda: defaultdict(dict))
    indicatoren: dict[int, Indicator] = {}
    for r in rijen:
        if r.gebied_id in gebied_ids:
            per_indicator[r.indicator.id][r.periode][r.gebied_id] = r
            indicatoren[r.indicator.id] = r.indicator

    domeinen: dict[int, VergelijkDomein] = {}
    for ind_id, per_periode in per_indicator.items():
        if periode is not None:
            if periode not in per_periode:
                continue
            gekozen = periode
        else:
            gekozen = vergelijk_periode({p: set(v) for p, v in per_periode.items()})
        ind = indicatoren[ind_id]
        cellen = []
        for gid in gebied_ids:
            w = per_periode[gekozen].get(gid)
            if w is None:
                cellen.append(Cel(None))
            else:
                getoond = toon_waarde(w, ind)
                cellen.append(Cel(getoond, w.bron))
        domeinen.setdefault(ind.domein.id, VergelijkDomein(ind.domein)).rijen.append(VergelijkRij(ind, gekozen, cellen))
    volgorde = sorted(domeinen.values(), key=lambda d: (d.domein.volgorde, d.domein.naam))
    for d in volgorde:
        d.rijen.sort(key=lambda r: (r.indicator.volgorde, r.indicator.code))
    return volgorde


def nummer_bronnen(domeinen: list[VergelijkDomein]) -> list[str]:
    """The distinct sources in order of appearance; each row gets the (1-based) numbers of its own."""
    nummers: dict[str, int] = {}
    for d in domeinen:
        for r in d.rijen:
            eigen = dict.fromkeys(c.bron for c in r.cellen if c.bron)
            r.voetnoten = [nummers.setdefault(b, len(nummers) + 1) for b in eigen]
    return list(nummers)


def unieke_labels(gebieden: list[tuple[str, str]]) -> list[str]:
    """Display names for (code, name) pairs; a name that occurs twice gets its code added."""
    tellen: defaultdict[str, int] = defaultdict(int)
    for _, naam in gebieden:
        tellen[naam] += 1
    return [f"{naam} ({code})" if tellen[naam] > 1 else naam for code, naam in gebieden]


def overzicht_tabel(
    domeinen: list[VergelijkDomein], labels: list[str]
) -> tuple[list[str], list[list], list[dict[int, int]]]:
    """Columns, rows and per-row decimals of the comparison as one wide table: per area its number,
    status and reason."""
    kolommen = ["domein", "indicator", "code", "eenheid", "periode"]
    for label in labels:
        kolommen += [f"{label}: waarde", f"{label}: status", f"{label}: reden"]
    kolommen.append("bron")
    uit, decimalen = [], []
    for d in domeinen:
        for r in d.rijen:
            decimalen.append({5 + 3 * k: r.indicator.decimalen for k in range(len(labels))})
            rij: list[object] = [d.domein.naam, r.indicator.naam, r.indicator.code, r.indicator.eenheid, r.periode]
            for c in r.cellen:
                rij += [
                    c.getoond.waarde if c.getoond else None,
                    c.getoond.status if c.getoond else "geen waarde",
                    c.reden,
                ]
            rij.append(r.bronnen)
            uit.append(rij)
    return kolommen, uit, decimalen


def domein_tabel(
    domein: VergelijkDomein, labels: list[str], codes: list[str]
) -> tuple[list[str], list[list], list[dict[int, int]]]:
    """Columns, rows and per-row decimals behind one domain's bar charts: one row per indicator and area."""
    kolommen = ["indicator", "gebied", "code", "waarde", "eenheid", "periode", "status", "reden", "bron"]
    uit, decimalen = [], []
    for r in domein.rijen:
        for label, code, c in zip(labels, codes, r.cellen, strict=True):
            decimalen.append({3: r.indicator.decimalen})
            uit.append(
                [
                    r.indicator.naam,
                    label,
                    code,
                    c.getoond.waarde if c.getoond else None,
                    r.indicator.eenheid,
                    r.periode,
                    c.getoond.status if c.getoond else "geen waarde",
                    c.reden,
                    c.bron,
                ]
            )
    return kolommen, uit, decimalen


def samenvatting_domein(domein: VergelijkDomein, labels: list[str]) -> str:
    """One line: per indicator the highest and lowest area, and how many have no number."""
    delen = []
    for r in domein.rijen:
        getallen = [
            (c.getoond.waarde, label)
            for label, c in zip(labels, r.cellen, strict=True)
            if c.getoond and c.getoond.waarde is not None
        ]
        zonder = len(r.cellen) - len(getallen)
        dec = r.indicator.decimalen
        if not getallen:
            delen.append(f"{r.indicator.naam}: geen getallen")
            continue
        hoog = max(getallen, key=lambda t: t[0])
        laag = min(getallen, key=lambda t: t[0])
        if len(getallen) == 1:
            tekst = f"{r.indicator.naam}: alleen {hoog[1]} heeft een getal ({formatteer_getal(hoog[0], dec)})"
        elif hoog[0] == laag[0]:
            tekst = f"{r.indicator.naam}: overal {formatteer_getal(hoog[0], dec)}"
        else:
            tekst = (
                f"{r.indicator.naam}: hoogste in {hoog[1]} ({formatteer_getal(hoog[0], dec)}), "
                f"laagste in {laag[1]} ({formatteer_getal(laag[0], dec)})"
            )
        if zonder and len(getallen) > 1:
            tekst += f", {zonder} zonder getal"
        delen.append(tekst)
    return f"{domein.domein.naam}: " + "; ".join(delen) + "."


# --- parameters -----------------------------------------------------------------------------------

MIN_GEBIEDEN = 2
MAX_GEBIEDEN = 6


def lees_codes(*teksten: str, hoofdletters: bool = True) -> list[str]:
    """Codes from comma (or space) separated texts, duplicates removed, order kept; area codes are
    upper-cased (CBS codes are case-insensitive), indicator codes keep their case."""
    uit: list[str] = []
    for tekst in teksten:
        for deel in (tekst or "").replace(";", ",").replace(" ", ",").split(","):
            code = deel.strip().upper() if hoofdletters else deel.strip()
            if code and code not in uit:
                uit.append(code)
    return uit


# --- the page's tables, charts and column heads ------------------------------------------------------


def vergelijk_tabellen(
    domeinen: list[VergelijkDomein], *, labels: list[str], urls: list[str], gekozen: list[str]
) -> tuple[Paginatabel, list[dict]]:
    """The wide overview table, and per domain its bar charts with the table behind them
    (`{"id", "tabel", "figuur"}`); `gekozen`: the area codes in the order asked, `urls` their profiles."""
    kolommen, overzicht_rijen, dec = overzicht_tabel(domeinen, labels)
    overzicht = Paginatabel(
        "vergelijking",
        f"Vergelijking van {', '.join(labels)}",
        kolommen,
        overzicht_rijen,
        f"{len(overzicht_rijen)} indicatoren voor {len(gekozen)} gebieden naast elkaar.",
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
        figuur = vergelijk_figuur(panelen, titel="", kolommen=3 if len(gekozen) <= 3 else 2)
        grafieken.append({"id": f"grafiek-{d.domein.code}", "tabel": tabel, "figuur": figuur})
    return overzicht, grafieken


def kolomkoppen(gebieden: list, *, labels: list[str], urls: list[str], params, querystring) -> list[dict]:
    """Per area its column head: label, profile link and the deep link without it (`verwijder`, empty when
    fewer than MIN_GEBIEDEN would remain). `params`: the page's query (a QueryDict copy), `querystring`
    turns it into the link's query."""
    gekozen = [g.code for g in gebieden]
    koppen = []
    for g, label, url in zip(gebieden, labels, urls, strict=True):
        zonder = [c for c in gekozen if c != g.code]
        params["gebieden"] = ",".join(zonder)
        koppen.append(
            {
                "gebied": g,
                "label": label,
                "url": url,
                "verwijder": querystring(params) if len(zonder) >= MIN_GEBIEDEN else "",
            }
        )
    return koppen
