"""Geometry checks on GeoJSON, without the database (shapely)."""

from shapely.geometry import shape
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
