"""The similar-areas page's lists and per-list results (/gebied/<code>/vergelijkbaar/): which candidate
lists an area gets, and per list its table, figure and the words around them, from the computed
`gelijkenis.Gelijkenis`. No ORM and no request here."""

from django.urls import reverse

from lib.tabellen import Paginatabel
from wijken import codes

from .charts_vergelijk import afstand_figuur
from .gelijkenis import IndicatorInfo, gelijkenis_samenvatting, gelijkenis_tabel
from .vergelijking import MAX_GEBIEDEN, unieke_labels


def _lijst(id_: str, titel: str, groep: str) -> dict:
    return {"id": id_, "titel": titel, "groep": groep}


def lijsten_voor(gebied, gemeente_naam: str) -> list[dict]:
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


def doel_getallen_van(getoond: dict[tuple[str, str, str], tuple]) -> dict[str, dict[str, float | None]]:
    """Per indicator code and period the target's number that may be shown (None: none), from the shown
    values of `selectors.getoonde_waarden`."""
    uit: dict[str, dict[str, float | None]] = {}
    for (_, i_code, periode), (zichtbaar, _) in getoond.items():
        uit.setdefault(i_code, {})[periode] = zichtbaar.waarde
    return uit


def lijst_uitkomst(
    lijst: dict, kand, res, *, gebied, info: dict[str, IndicatorInfo], namen: dict[str, str], getoond: dict
) -> dict:
    """One list's part of the page: its candidates and, when computed (`res`), its table, what was used,
    left out and excluded, the distance figure and the link comparing the area with its closest ones."""
    uitkomst = {"lijst": lijst, "aantal_kandidaten": len(kand.codes) if kand else 0}
    if res is None:
        return uitkomst
    kolommen, tabel_rijen, dec = gelijkenis_tabel(res, info, namen, getoond)
    uitkomst |= {
        "res": res,
        "tabel": Paginatabel(
            lijst["id"],
            f"{lijst['titel']}: het meest vergelijkbaar met {gebied.weergavenaam}",
            kolommen,
            tabel_rijen,
            gelijkenis_samenvatting(res, namen, lijst["groep"]),
            decimalen=dec,
        ),
        "gebruikt": [(info[s.indicator], s) for s in res.gebruikt],
        "weggelaten": [(info[w.indicator], w.reden) for w in res.weggelaten],
        "uitgesloten": [(namen.get(c, c), c, reden) for c, reden in res.uitgesloten],
    }
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
    return uitkomst
