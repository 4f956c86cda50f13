"""Which items a subscription gets, and how a mail groups them: plain functions, no database.

A subscription is reduced to an `Filter` (sets of ids), the recipient to its `Toegang`; an item passes
when its kind is subscribed, it lies in one of the areas (a wijk covers its buurten; no areas: all), its
signal category is one of the chosen main categories (none chosen: all), and the recipient may see it by
the same rules as the pages (toegang.regels).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from indicatoren.regels import mag_dataset_zien
from toegang.regels import Toegang

from .gebeurtenissen import Item


@dataclass(frozen=True)
class Filter:
    soorten: frozenset[str]
    wijken: frozenset[int] = frozenset()
    buurten: frozenset[int] = frozenset()
    wijken_van_buurten: frozenset[int] = frozenset()  # the wijk of each chosen buurt (wijk-wide items)
    categorieen: frozenset[int] = frozenset()

    @property
    def overal(self) -> bool:
        return not (self.wijken or self.buurten)


def mag_zien(item: Item, toegang: Toegang) -> bool:
    if item.dataset is not None:
        return mag_dataset_zien(toegang, *item.dataset)
    if toegang.is_medewerker:
        return True
    if toegang.is_partner and not item.alleen_medewerkers:
        return item.partner_id is not None and item.partner_id == toegang.organisatie_id
    return False


def in_gebied(item: Item, f: Filter) -> bool:
    if f.overal or item.wijk_id in f.wijken:
        return True
    if item.buurt_id is not None:
        return item.buurt_id in f.buurten
    return item.wijk_id in f.wijken_van_buurten  # a wijk-wide item (new figures) for a buurt's follower


def past(item: Item, f: Filter, toegang: Toegang) -> bool:
    return (
        item.soort in f.soorten
        and in_gebied(item, f)
        and (not f.categorieen or item.categorie_id is None or item.categorie_id in f.categorieen)
        and mag_zien(item, toegang)
    )


def selecteer(
    items: Iterable[Item], filters: list[Filter], toegang: Toegang, *, al_verzonden=frozenset()
) -> list[Item]:
    """The items for one recipient (any of its subscriptions), each once, newest first."""
    gekozen = {}
    for item in items:
        if item.sleutel in al_verzonden or item.sleutel in gekozen:
            continue
        if any(past(item, f, toegang) for f in filters):
            gekozen[item.sleutel] = item
    return sorted(gekozen.values(), key=lambda i: (i.tijdstip, i.sleutel), reverse=True)


@dataclass(frozen=True)
class Groep:
    wijk_naam: str
    items: list[Item]


def per_wijk(items: list[Item]) -> list[Groep]:
    """Grouped by wijk; the wijk with the newest item first, and newest first within each wijk."""
    groepen: dict[int, Groep] = {}
    for item in sorted(items, key=lambda i: (i.tijdstip, i.sleutel), reverse=True):
        groepen.setdefault(item.wijk_id, Groep(item.wijk_naam, [])).items.append(item)
    return list(groepen.values())
