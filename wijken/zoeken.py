"""Find an area by its name (offline, from the stored areas): a plain function, tested without a database."""

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Gebied

MAX_ZOEKTERM = 100


def _normaal(tekst: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: 'Berflo-Es ' -> 'berflo es'."""
    tekst = unicodedata.normalize("NFKD", tekst)
    tekst = "".join(c for c in tekst if not unicodedata.combining(c)).lower()
    tekst = "".join(c if c.isalnum() else " " for c in tekst)
    return " ".join(tekst.split())


@dataclass(frozen=True)
class Treffer:
    gebied: "Gebied"
    score: int  # 0 exact, 1 name starts with the term, 2 a word starts with it, 3 somewhere inside


def zoek_gebieden(term: str, gebieden, *, maximaal: int = 20) -> list[Treffer]:
    """The areas whose name or CBS code matches `term`: exact matches first, then names starting with it,
    then names with a word starting with it, then names containing it; wijken before buurten, then by name.
    An empty term finds nothing."""
    zoek = _normaal(term[:MAX_ZOEKTERM])
    if not zoek:
        return []
    treffers = []
    for g in gebieden:
        naam = _normaal(g.weergavenaam)
        code = g.code.lower()
        if naam == zoek or code == zoek.replace(" ", ""):
            score = 0
        elif naam.startswith(zoek):
            score = 1
        elif any(w.startswith(zoek) for w in naam.split()) or f" {zoek}" in f" {naam}":
            score = 2
        elif zoek in naam:
            score = 3
        else:
            continue
        treffers.append(Treffer(g, score))
    volgorde = {"gemeente": 0, "wijk": 1, "buurt": 2}
    treffers.sort(key=lambda t: (t.score, volgorde.get(t.gebied.niveau, 3), _normaal(t.gebied.weergavenaam)))
    return treffers[:maximaal]
