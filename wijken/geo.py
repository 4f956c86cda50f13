"""Geometry checks on GeoJSON, without the database (shapely)."""

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

# The Netherlands with a wide margin; a coordinate outside is not WGS84 lon/lat for a Dutch area.
NL_LON = (2.0, 8.0)
NL_LAT = (50.0, 54.5)


def geometrie_fout(geometrie) -> str | None:
    """Why `geometrie` cannot be stored as a Dutch area boundary, or None when it can."""
    if not isinstance(geometrie, dict) or "type" not in geometrie:
        return "geometrie ontbreekt"
    if geometrie["type"] not in {"Polygon", "MultiPolygon"}:
        return f"geometrie is een {geometrie['type']}, verwacht Polygon of MultiPolygon"
    try:
        vorm = shape(geometrie)
    except (ValueError, TypeError, IndexError, AttributeError) as exc:
        return f"geometrie is geen geldige GeoJSON ({exc})"
    if vorm.is_empty:
        return "geometrie is leeg"
    minx, miny, maxx, maxy = vorm.bounds
    if not (NL_LON[0] <= minx and maxx <= NL_LON[1] and NL_LAT[0] <= miny and maxy <= NL_LAT[1]):
        if maxx > 1000:
            return "coördinaten lijken RD New (EPSG:28992); lever WGS84 (EPSG:4326, lon/lat)"
        return f"coördinaten ({minx:.3f}, {miny:.3f}) liggen niet in Nederland; verwacht WGS84 lon/lat"
    if not vorm.is_valid:
        return f"ongeldige geometrie: {explain_validity(vorm)}"
    return None


def grenswijzigingen(versies: list[tuple[int, dict | None]], *, drempel: float = 0.005) -> list[tuple[int, int, float]]:
    """Boundary changes between consecutive indeling years: (from year, to year, changed share).

    The share is the area of the symmetric difference over the older area; below `drempel`
    (0.5%) a difference is re-generalisation noise rather than a change of the area.
    """
    uit = []
    geordend = sorted((j, g) for j, g in versies if g)
    for (jaar_a, geo_a), (jaar_b, geo_b) in zip(geordend, geordend[1:], strict=False):
        if geo_a == geo_b:
            continue
        a, b = shape(geo_a), shape(geo_b)
        if a.area == 0:
            continue
        aandeel = a.symmetric_difference(b).area / a.area
        if aandeel >= drempel:
            uit.append((jaar_a, jaar_b, aandeel))
    return uit


# Map shapes ("kaartvorm"): the boundary simplified for its level and its coordinates rounded, so that a
# map of all buurten of a gemeente, or all gemeenten of the country, stays small (issue 12: under 150 kB
# for Hengelo's buurten, under 1 MB for any gemeente and for the national map of gemeenten). Tolerances
# in degrees (at 52° N, 0.0001° is about 7 m east-west and 11 m north-south): under what a screen
# shows at the zoom the level is drawn at (gemeenten only on the national map, where 1 px is ~0.003°).
# Neighbouring shapes are simplified one by one, so they may differ by up to the tolerance along a
# shared edge; the full geometry stays in `geometrie` for everything that computes with it (point in
# polygon, boundary changes).
KAART_TOLERANTIE = {"land": 0.005, "gemeente": 0.003, "stadsdeel": 0.0002, "wijk": 0.0002, "buurt": 0.0001}
KAART_DECIMALEN = {"land": 3, "gemeente": 3}  # drawn only on the national map (1 px is ~0.003°); others: 5 (1 m)


def kaartvorm(geometrie: dict | None, niveau: str) -> dict | None:
    """The simplified, rounded map shape of a Polygon/MultiPolygon for an area of `niveau`."""
    if not geometrie or geometrie.get("type") not in {"Polygon", "MultiPolygon"}:
        return None
    tolerantie = KAART_TOLERANTIE.get(niveau, 0.00005)
    decimalen = KAART_DECIMALEN.get(niveau, 5)
    vorm = shape(geometrie)
    eenvoudig = vorm.simplify(tolerantie, preserve_topology=True)
    if eenvoudig.is_empty:
        eenvoudig = vorm
    # Snap to the rounding grid with GEOS's precision reducer, which keeps the shape valid (plain rounding
    # can make a ring cross itself, and the map library then fills the whole world instead)
    op_raster = shapely.set_precision(eenvoudig, 10**-decimalen)
    if not op_raster.is_empty and op_raster.geom_type in {"Polygon", "MultiPolygon"}:
        eenvoudig = op_raster

    def ring(coords) -> list[list[float]]:
        uit: list[list[float]] = []
        for x, y, *_ in coords:
            punt = [round(x, decimalen), round(y, decimalen)]
            if not uit or uit[-1] != punt:
                uit.append(punt)
        return uit

    def veelhoek(p) -> list[list[list[float]]]:
        return [ring(p.exterior.coords)] + [ring(r.coords) for r in p.interiors if len(ring(r.coords)) >= 4]

    delen: list[BaseGeometry] = list(eenvoudig.geoms) if isinstance(eenvoudig, MultiPolygon) else [eenvoudig]
    veelhoeken = [veelhoek(p) for p in delen if isinstance(p, Polygon) and len(ring(p.exterior.coords)) >= 4]
    if not veelhoeken:
        return None
    if len(veelhoeken) == 1:
        return {"type": "Polygon", "coordinates": veelhoeken[0]}
    return {"type": "MultiPolygon", "coordinates": veelhoeken}
