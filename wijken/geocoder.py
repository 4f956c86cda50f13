"""A client for the PDOK Locatieserver v3.1 (the Dutch government's free geocoder): street, address or
postcode -> point and buurt. Only `/free` is used, with parameters from its OpenAPI spec (q, fq, fl, rows);
answers come in a Solr envelope {"response": {"numFound": .., "docs": [...]}} with `centroide_ll` as
"POINT(lon lat)". Tests run it against a local fake in that layout (tests/wijken/test_geocoder.py)."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

SOORTEN = ("adres", "weg", "postcode")
VELDEN = "id,weergavenaam,type,centroide_ll,postcode,buurtcode,buurtnaam,wijkcode,wijknaam,gemeentecode"
PUNT = re.compile(r"^POINT\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$")
MAX_ANTWOORD = 1_000_000  # bytes: a geocoder answer is a few kB


class GeocoderFout(Exception):
    """The geocoder could not be asked or gave no usable answer; the message is for the user (Dutch)."""


@dataclass(frozen=True)
class Adres:
    weergavenaam: str
    soort: str  # adres | weg | postcode
    lon: float
    lat: float
    buurtcode: str  # "" when the geocoder gives none (a long street crosses buurten)
    wijkcode: str


def punt_uit(tekst: str) -> tuple[float, float] | None:
    """'POINT(6.79 52.26)' -> (6.79, 52.26); None when it is not a point."""
    m = PUNT.match((tekst or "").strip())
    return (float(m[1]), float(m[2])) if m else None


def lees_antwoord(data: dict) -> list[Adres]:
    """The documents of a /free answer as addresses; documents without a point are left out."""
    try:
        docs = data["response"]["docs"]
    except (KeyError, TypeError):
        raise GeocoderFout("De adreszoeker gaf een onverwacht antwoord (geen 'response.docs').") from None
    uit = []
    for doc in docs if isinstance(docs, list) else []:
        if not isinstance(doc, dict):
            continue
        punt = punt_uit(str(doc.get("centroide_ll", "")))
        if punt is None:
            continue
        uit.append(
            Adres(
                str(doc.get("weergavenaam", "")),
                str(doc.get("type", "")),
                punt[0],
                punt[1],
                str(doc.get("buurtcode", "") or ""),
                str(doc.get("wijkcode", "") or ""),
            )
        )
    return uit


def zoek_adres(term: str, *, basis_url: str, gemeente_code: str, timeout: float = 4, rijen: int = 8) -> list[Adres]:
    """Addresses, streets and postcodes in one gemeente (CBS code GM0164 -> gemeentecode 0164) matching `term`.
    Raises GeocoderFout with a Dutch message when the geocoder is not configured, unreachable or answers badly."""
    if not basis_url:
        raise GeocoderFout("Zoeken op adres staat uit (PDOK_LOCATIESERVER_URL is leeg).")
    term = " ".join(term.split())[:100]
    if not term:
        return []
    query = urllib.parse.urlencode(
        [
            ("q", term),
            ("fq", f"gemeentecode:{gemeente_code.removeprefix('GM')}"),
            ("fq", "type:(" + " OR ".join(SOORTEN) + ")"),
            ("fl", VELDEN),
            ("rows", str(rijen)),
        ]
    )
    url = f"{basis_url.rstrip('/')}/free?{query}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as antwoord:  # noqa: S310 - URL from settings
            ruw = antwoord.read(MAX_ANTWOORD + 1)
    except urllib.error.HTTPError as exc:
        raise GeocoderFout(f"De adreszoeker (PDOK Locatieserver) gaf een fout ({exc.code}).") from None
    except (urllib.error.URLError, TimeoutError, OSError):
        raise GeocoderFout("De adreszoeker (PDOK Locatieserver) is nu niet bereikbaar.") from None
    if len(ruw) > MAX_ANTWOORD:
        raise GeocoderFout("De adreszoeker gaf een te groot antwoord.")
    try:
        data = json.loads(ruw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise GeocoderFout("De adreszoeker gaf geen geldig antwoord (geen JSON).") from None
    return lees_antwoord(data)
