"""CBS area codes: parsing and hierarchy, without the database.

CBS codes encode their parents: BU01640305 lies in WK016403, which lies in GM0164.
The generalised boundary layers do not nest spatially, so the code is the only
reliable link between levels.
"""

import re

LAND = "land"
GEMEENTE = "gemeente"
STADSDEEL = "stadsdeel"
WIJK = "wijk"
BUURT = "buurt"
SUBBUURT = "subbuurt"

_PATRONEN = [
    (re.compile(r"^NL\d{2}$"), LAND),
    (re.compile(r"^GM\d{4}$"), GEMEENTE),
    (re.compile(r"^WK\d{6}$"), WIJK),
    (re.compile(r"^BU\d{8}$"), BUURT),
]


class OngeldigeCode(ValueError):
    pass


def normaliseer(code: str) -> str:
    """Strip the space padding CBS OData uses ("GM0164    ") and upper-case."""
    return code.strip().upper()


def niveau_van(code: str) -> str:
    """The level a CBS code stands for; raises OngeldigeCode for anything else."""
    for patroon, niveau in _PATRONEN:
        if patroon.match(code):
            return niveau
    raise OngeldigeCode(f"'{code}' is geen CBS-gebiedscode (verwacht NLxx, GMxxxx, WKxxxxxx of BUxxxxxxxx)")


def is_cbs_code(code: str) -> bool:
    return any(p.match(code) for p, _ in _PATRONEN)


def ouder_code(code: str) -> str | None:
    """The code of the area one level up, by CBS code structure (None for a gemeente or land)."""
    niveau = niveau_van(code)
    if niveau == BUURT:
        return "WK" + code[2:8]
    if niveau == WIJK:
        return "GM" + code[2:6]
    return None


def gemeente_code(code: str) -> str | None:
    niveau = niveau_van(code)
    if niveau == LAND:
        return None
    return "GM" + code[2:6]
