"""`import_mor --download`: the reports of a Signalen instance from its public geography endpoint
(settings.MOR_SIGNALEN_URL), limited to the gemeente's bounding box, following the pages the endpoint
announces in its `Link` header (rel="next", the `geopage` parameter). Tests run it against a local fake that
answers in that layout."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from lib.importrapport import Fout, ImportFout

MAX_PAGINAS = 1000
VOLGENDE = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def download_features(*, url: str | None = None, omhulling: tuple[float, float, float, float]) -> list:
    """All features of the geography endpoint within `omhulling` (min lon, min lat, max lon, max lat)."""
    url = (url or settings.MOR_SIGNALEN_URL).rstrip("/")
    if not url:
        raise ImportFout([Fout(None, "MOR_SIGNALEN_URL is niet gezet: geef de URL van het geography-endpoint")])
    bbox = ",".join(f"{x:.6f}" for x in omhulling)
    adres = f"{url}?{urllib.parse.urlencode({'bbox': bbox})}"
    features: list = []
    for _ in range(MAX_PAGINAS):
        try:
            with urllib.request.urlopen(adres, timeout=settings.MOR_TIMEOUT) as antwoord:  # noqa: S310 - configured URL
                data = json.loads(antwoord.read().decode("utf-8"))
                link = antwoord.headers.get("Link", "")
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise ImportFout([Fout(None, f"{adres} gaf geen bruikbaar antwoord: {exc}")]) from exc
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise ImportFout([Fout(None, f"{adres} gaf geen GeoJSON FeatureCollection")])
        features += data.get("features") or []
        volgende = VOLGENDE.search(link)
        if not volgende:
            return features
        adres = urllib.parse.urljoin(adres, volgende.group(1))
    raise ImportFout([Fout(None, f"meer dan {MAX_PAGINAS} pagina's: gestopt")])
