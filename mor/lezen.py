"""Readers for the exports MOR reports come in. Each turns a file into plain rows (`RuweMelding`) and reports every
bad row with its line (CSV) or feature number (GeoJSON); nothing here touches the database.

- Signalen's public geography endpoint (`/signals/v1/public/signals/geography`): a GeoJSON FeatureCollection of
  Point features whose properties are `category` {`name`, `slug`, `parent` {`name`, `slug`}} and `created_at`.
  Those features carry no id: the report's key is then a hash of its time, point and category (the same report
  gives the same key on every download).
- Signalen's CSV export and a generic (Fixi-style) CSV: one row per report with an id (`id`, `nummer`,
  `meldingnummer`, `melding_id`), a creation time (`created_at`, `aangemaakt`, `gemeld_op`, `datum`), a category
  (`sub_slug`/`main_slug` or `sub`/`main` as Signalen names them, or `categorie`/`subcategorie`) and either
  coordinates (`lat` with `lng`/`lon`/`long`, or `latitude`/`longitude`, WGS84) or a CBS buurt code (`buurtcode`,
  `buurt_code`, `bu_code`). `,` or `;` separated, decimal point or comma.
Columns with personal data (a reporter, e-mail, phone, a free text) are not read.
"""

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from lib.importrapport import Fout, ImportFout, lees_tekst

KOLOMMEN = {
    "id": ("id", "nummer", "meldingnummer", "melding_id", "meldingsnummer", "signal_id"),
    "gemeld_op": ("created_at", "aangemaakt", "aangemaakt_op", "gemeld_op", "datum", "datum_melding", "created"),
    "sub": ("sub_slug", "sub", "subcategorie", "category_slug"),
    "hoofd": ("main_slug", "main", "hoofdcategorie", "categorie", "category"),
    "lat": ("lat", "latitude", "breedtegraad"),
    "lon": ("lng", "lon", "long", "longitude", "lengtegraad"),
    "buurt": ("buurtcode", "buurt_code", "bu_code", "cbs_buurtcode"),
}
BUURTCODE = re.compile(r"^BU[0-9]{8}$")
NL_DATUM = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


@dataclass(frozen=True)
class RuweMelding:
    regel: int
    soort: str  # what `regel` counts: "regel" or "feature"
    extern_id: str
    extern_categorie: str  # as the source names it (main / sub)
    kandidaten: tuple[str, ...]  # codes/names to map, most specific first
    gemeld_op: datetime
    lon: float | None
    lat: float | None
    buurtcode: str | None


def tijdstip(tekst) -> datetime | None:
    """ISO 8601 (with or without offset; a date alone is midnight) or Dutch dd-mm-jjjj [uu:mm]; naive = local."""
    if not isinstance(tekst, str) or not tekst.strip():
        return None
    tekst = tekst.strip()
    moment = None
    try:
        moment = datetime.fromisoformat(tekst.replace("Z", "+00:00"))
    except ValueError:
        if m := NL_DATUM.match(tekst):
            d, mnd, j, u, mi, s = (int(x) if x else 0 for x in m.groups())
            try:
                moment = datetime(j, mnd, d, u, mi, s)
            except ValueError:
                return None
    if moment is None:
        try:
            moment = datetime.combine(date.fromisoformat(tekst), datetime.min.time())
        except ValueError:
            return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def getal(tekst) -> float | None:
    if isinstance(tekst, bool):
        return None
    if isinstance(tekst, int | float):
        return float(tekst) if math.isfinite(tekst) else None
    if not isinstance(tekst, str) or not tekst.strip():
        return None
    try:
        waarde = float(tekst.strip().replace(",", "."))
    except ValueError:
        return None
    return waarde if math.isfinite(waarde) else None


def _punt_fout(lon: float, lat: float) -> str | None:
    if abs(lon) > 1000 or abs(lat) > 1000:
        return f"coördinaten ({lon}, {lat}) lijken RD New (EPSG:28992); lever WGS84 (lengte- en breedtegraad)"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"({lon}, {lat}) zijn geen WGS84-coördinaten"
    return None


def geojson_sleutel(gemeld_op: str, lon: float, lat: float, categorie: str) -> str:
    """The key of a geography feature (it has no id): stable over downloads, no personal data in it."""
    tekst = f"{gemeld_op}|{lon:.6f}|{lat:.6f}|{categorie}"
    return "geo-" + hashlib.sha256(tekst.encode()).hexdigest()[:24]


def lees_geojson(tekst: str, bestand: str = "") -> tuple[list[RuweMelding], list[Fout]]:
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise ImportFout([Fout(None, f"geen geldige JSON ({exc.msg}, regel {exc.lineno})")], bestand) from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ImportFout([Fout(None, "geen GeoJSON FeatureCollection (verwacht type en features)")], bestand)
    return lees_features(data["features"])


def lees_features(features: list, *, begin: int = 1) -> tuple[list[RuweMelding], list[Fout]]:
    rijen, fouten = [], []
    for n, f in enumerate(features, start=begin):
        fout = lambda melding, n=n: fouten.append(Fout(n, melding, "feature"))  # noqa: E731
        if not isinstance(f, dict) or not isinstance(f.get("properties"), dict):
            fout("geen Feature met properties")
            continue
        props, geo = f["properties"], f.get("geometry")
        if not isinstance(geo, dict) or geo.get("type") != "Point" or not isinstance(geo.get("coordinates"), list):
            fout("geometrie is geen Point")
            continue
        coords = geo["coordinates"]
        lon, lat = (getal(coords[0]), getal(coords[1])) if len(coords) >= 2 else (None, None)
        if lon is None or lat is None:
            fout("het punt heeft geen twee getallen als coördinaten")
            continue
        if melding := _punt_fout(lon, lat):
            fout(melding)
            continue
        cat = props.get("category")
        cat = cat if isinstance(cat, dict) else {}
        ouder = cat.get("parent")
        ouder = ouder if isinstance(ouder, dict) else {}
        sub, hoofd = str(cat.get("slug") or cat.get("name") or ""), str(ouder.get("slug") or ouder.get("name") or "")
        if not sub and not hoofd:
            fout("categorie ontbreekt (properties.category)")
            continue
        moment = tijdstip(props.get("created_at"))
        if moment is None:
            fout(f"created_at '{str(props.get('created_at'))[:40]}' is geen tijdstip (ISO 8601)")
            continue
        extern_id = str(props.get("id") or f.get("id") or "") or geojson_sleutel(
            str(props.get("created_at")), lon, lat, f"{hoofd}/{sub}"
        )
        label = " / ".join(x for x in (ouder.get("name") or hoofd, cat.get("name") or sub) if x)
        rijen.append(RuweMelding(n, "feature", extern_id[:100], label[:200], (sub, hoofd), moment, lon, lat, None))
    return rijen, fouten


def _kolom(kop: Sequence[str], soort: str) -> str | None:
    namen = {k.strip().lower(): k for k in kop}
    return next((namen[n] for n in KOLOMMEN[soort] if n in namen), None)


def lees_csv(tekst: str, bestand: str = "") -> tuple[list[RuweMelding], list[Fout]]:
    eerste = tekst.splitlines()[0] if tekst.strip() else ""
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.DictReader(io.StringIO(tekst), delimiter=scheiding)
    kop = lezer.fieldnames or []
    k = {soort: _kolom(kop, soort) for soort in KOLOMMEN}
    ontbreekt = [naam for naam, kolom in (("id", k["id"]), ("aanmaaktijd", k["gemeld_op"])) if not kolom]
    if not (k["sub"] or k["hoofd"]):
        ontbreekt.append("categorie")
    if not ((k["lat"] and k["lon"]) or k["buurt"]):
        ontbreekt.append("coördinaten (lat en lon) of buurtcode")
    if ontbreekt:
        raise ImportFout(
            [Fout(None, f"kolom(men) ontbreken: {', '.join(ontbreekt)} (gevonden: {', '.join(kop)})")], bestand
        )
    rijen, fouten = [], []
    for n, r in enumerate(lezer, start=2):
        waarde = lambda soort, r=r: (r.get(k[soort]) or "").strip() if k[soort] else ""  # noqa: E731
        fout = lambda melding, n=n: fouten.append(Fout(n, melding))  # noqa: E731
        extern_id = waarde("id")
        if not extern_id:
            fout("id ontbreekt")
            continue
        moment = tijdstip(waarde("gemeld_op"))
        if moment is None:
            fout(f"'{waarde('gemeld_op')[:40]}' is geen tijdstip (bijv. 2026-03-14T09:30:00+01:00 of 14-03-2026)")
            continue
        sub, hoofd = waarde("sub"), waarde("hoofd")
        if not sub and not hoofd:
            fout("categorie ontbreekt")
            continue
        lon, lat, buurtcode = getal(waarde("lon")), getal(waarde("lat")), waarde("buurt").upper() or None
        if (waarde("lon") or waarde("lat")) and (lon is None or lat is None):
            fout(f"coördinaten '{waarde('lon')}', '{waarde('lat')}' zijn geen twee getallen")
            continue
        if lon is not None and lat is not None and (melding := _punt_fout(lon, lat)):
            fout(melding)
            continue
        if lon is None and not buurtcode:
            fout("geen coördinaten en geen buurtcode: de melding is niet in een buurt te plaatsen")
            continue
        if lon is None and buurtcode is not None and not BUURTCODE.match(buurtcode):
            fout(f"'{buurtcode[:20]}' is geen CBS-buurtcode (BU gevolgd door 8 cijfers)")
            continue
        label = " / ".join(x for x in (hoofd, sub) if x)
        rijen.append(RuweMelding(n, "regel", extern_id[:100], label[:200], (sub, hoofd), moment, lon, lat, buurtcode))
    return rijen, fouten


def lees_bestand(pad: str | Path, formaat: str | None = None) -> tuple[list[RuweMelding], list[Fout]]:
    """A file by its format ('geojson' or 'csv'; by default from the extension)."""
    pad = Path(pad)
    tekst = lees_tekst(pad)
    formaat = formaat or ("geojson" if pad.suffix.lower() in {".geojson", ".json"} else "csv")
    return (lees_geojson if formaat == "geojson" else lees_csv)(tekst, str(pad))
