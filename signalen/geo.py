"""Where a signal is: point-in-polygon on the stored buurt boundaries, the place of a new signal (a point
in its buurt and wijk, or a whole wijk), and distances.

The buurt boundaries of one indeling year are read once and kept in this process as prepared
shapely polygons (a few milliseconds per lookup instead of a query and 62 parsings). Boundaries
change once a year at most; the cache is dropped after `CACHE_SECONDEN` and by `vergeet_grenzen()`.
"""

import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from shapely import prepared
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from wijken import codes
from wijken.models import Gebied, GebiedVersie

CACHE_SECONDEN = 600
AARDSTRAAL_M = 6_371_008.8


class BuitenGemeente(ValueError):
    """The point lies outside the union of the gemeente's buurten."""


@dataclass(frozen=True)
class Buurtgrens:
    code: str
    naam: str
    wijk_code: str  # by the buurt's code: the generalised CBS layers do not nest
    vorm: prepared.PreparedGeometry


@dataclass(frozen=True)
class Grenzen:
    jaar: int  # the indeling year of the boundaries (the latest at or before the asked year)
    buurten: tuple[Buurtgrens, ...]
    geheel: prepared.PreparedGeometry  # the union of all buurten
    omhulling: tuple[float, float, float, float]


_cache: dict[tuple[str, int], tuple[float, Grenzen]] = {}
_slot = threading.Lock()


def vergeet_grenzen() -> None:
    with _slot:
        _cache.clear()


def buurtgrenzen(jaar: int, gemeente_code: str | None = None) -> Grenzen:
    """The buurten of the gemeente as drawn in the indeling in force in `jaar` (1 query, then cached)."""
    gemeente_code = gemeente_code or settings.GEMEENTE_CODE
    sleutel = (gemeente_code, jaar)
    nu = time.monotonic()
    with _slot:
        gevonden = _cache.get(sleutel)
        if gevonden and nu - gevonden[0] < CACHE_SECONDEN:
            return gevonden[1]
    rijen = list(
        GebiedVersie.objects.geldig_in(jaar)
        .filter(gebied__niveau=codes.BUURT, gebied__ouder__ouder__code=gemeente_code, geometrie__isnull=False)
        .values_list("gebied__code", "naam", "jaar", "geometrie")
        .order_by("gebied__code")
    )
    vormen = [(code, naam, shape(geo)) for code, naam, _, geo in rijen]
    geheel = unary_union([v for _, _, v in vormen]) if vormen else Point()
    grenzen = Grenzen(
        jaar=max((j for _, _, j, _ in rijen), default=jaar),
        buurten=tuple(Buurtgrens(c, n, codes.ouder_code(c) or "", prepared.prep(v)) for c, n, v in vormen),
        geheel=prepared.prep(geheel),
        omhulling=geheel.bounds if vormen else (0, 0, 0, 0),
    )
    with _slot:
        _cache[sleutel] = (nu, grenzen)
    return grenzen


def zoek_buurt(lon: float, lat: float, grenzen: Grenzen) -> Buurtgrens:
    """The buurt holding the point; a point outside every buurt raises BuitenGemeente."""
    punt = Point(lon, lat)
    if not grenzen.geheel.covers(punt):
        raise BuitenGemeente(f"Het punt ({lat:.5f} N, {lon:.5f} O) ligt buiten de gemeente.")
    for buurt in grenzen.buurten:
        if buurt.vorm.covers(punt):
            return buurt
    # On a shared edge of the generalised layer the union may cover a point no single buurt does.
    dichtstbij = min(grenzen.buurten, key=lambda b: b.vorm.context.distance(punt))
    return dichtstbij


def afstand_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * AARDSTRAAL_M * math.asin(min(1.0, math.sqrt(a)))


def omhullend_vak(lon: float, lat: float, straal_m: float) -> tuple[float, float, float, float]:
    """A lon/lat box holding every point within `straal_m` (a cheap SQL pre-filter before haversine)."""
    dlat = math.degrees(straal_m / AARDSTRAAL_M)
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


# --- the place of a new signal ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plaats:
    wijk: Gebied
    buurt: Gebied | None
    grens_jaar: int | None
    lon: float | None = None
    lat: float | None = None


def plaats_bepalen(*, lon: float | None, lat: float | None, wijk_code: str, fouten: dict, jaar: int) -> Plaats | None:
    """Where the signal is: a point (-> buurt by point-in-polygon, wijk by the buurt's code) or a whole wijk."""
    if (lon is None) != (lat is None):
        fouten.setdefault("lon" if lon is None else "lat", []).append(
            "Geef lengte- én breedtegraad op, of kies het punt op de kaart."
        )
        return None
    if lon is not None and lat is not None:
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            fouten.setdefault("locatie", []).append(
                f"({lon}, {lat}) zijn geen geldige coördinaten: lengtegraad ligt tussen -180 en 180, "
                "breedtegraad tussen -90 en 90 (Hengelo: ongeveer 6,79 en 52,27)."
            )
            return None
        grenzen = buurtgrenzen(jaar)
        if not grenzen.buurten:
            fouten.setdefault("locatie", []).append(
                "Er zijn geen buurtgrenzen geladen; kies een wijk in plaats van een punt."
            )
            return None
        try:
            gevonden = zoek_buurt(lon, lat, grenzen)
        except BuitenGemeente:
            fouten.setdefault("locatie", []).append(
                f"Het punt ({lat:.5f} N, {lon:.5f} O) ligt buiten de gemeente Hengelo. "
                "Kies een punt binnen een van de Hengelose buurten, of meld het signaal bij de eigen gemeente."
            )
            return None
        gebieden = Gebied.objects.in_bulk([gevonden.code, gevonden.wijk_code], field_name="code")
        buurt, wijk = gebieden.get(gevonden.code), gebieden.get(gevonden.wijk_code)
        if buurt is None or wijk is None:
            fouten.setdefault("locatie", []).append(f"Buurt {gevonden.code} of haar wijk ontbreekt in de gebieden.")
            return None
        if wijk_code and wijk_code != wijk.code:
            fouten.setdefault("wijk", []).append(
                f"Het punt ligt in {buurt.weergavenaam} (wijk {wijk.weergavenaam}, {wijk.code}), "
                f"niet in de gekozen wijk {wijk_code}. Laat de wijk leeg of verplaats het punt."
            )
            return None
        return Plaats(wijk, buurt, grenzen.jaar, lon, lat)
    if not wijk_code:
        fouten.setdefault("locatie", []).append(
            "Kies een punt op de kaart (of vul lengte- en breedtegraad in), of kies de wijk als het signaal "
            "over de hele wijk gaat. Een adres alleen is niet genoeg om het signaal in te delen."
        )
        return None
    wijk = Gebied.objects.filter(code=wijk_code, niveau=codes.WIJK, ouder__code=settings.GEMEENTE_CODE).first()
    if wijk is None:
        fouten.setdefault("wijk", []).append(f"'{wijk_code}' is geen wijk van de gemeente Hengelo.")
        return None
    return Plaats(wijk, None, None)
