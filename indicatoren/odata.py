"""Download a CBS OData v3 table for one gemeente, page by page (CBS serves at most 10,000 rows).

The pages are written to disk and then imported like any downloaded file, so a download
can be inspected and re-imported without the network.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

from lib.importrapport import Fout, ImportFout

PAGINA = 10_000
TIMEOUT = 60


def _haal(url: str) -> dict:
    verzoek = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Wijkportaal/1.0"})
    try:
        with urllib.request.urlopen(verzoek, timeout=TIMEOUT) as antwoord:
            return json.loads(antwoord.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise ImportFout([Fout(None, f"CBS OData antwoordde {exc.code} op {url}")]) from exc
    except (urllib.error.URLError, TimeoutError) as exc:
        raise ImportFout([Fout(None, f"CBS OData is niet bereikbaar ({exc}); is er internet?")]) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFout([Fout(None, f"CBS OData gaf geen geldige JSON op {url}")]) from exc


def regiofilter(gemeente: str) -> str:
    """The gemeente, its wijken and buurten, and Nederland (for comparison)."""
    nummer = gemeente[2:]
    return (
        f"startswith(WijkenEnBuurten,'GM{nummer}') or startswith(WijkenEnBuurten,'WK{nummer}') "
        f"or startswith(WijkenEnBuurten,'BU{nummer}') or startswith(WijkenEnBuurten,'NL')"
    )


def _alle_paginas(url: str, voortgang=None) -> list[dict]:
    """All rows, asked for PAGINA at a time with $top/$skip. Where the server splits one such
    request further it gives an odata.nextLink (absolute, as CBS writes it, or relative to the
    request, as OData allows); those pages together make up the request."""
    rijen: list[dict] = []
    sep = "&" if "?" in url else "?"
    while True:
        begin = len(rijen)
        volgende: str | None = f"{url}{sep}$top={PAGINA}&$skip={begin}"
        while volgende:
            huidige = volgende
            pagina = _haal(huidige)
            waarden = pagina.get("value") if isinstance(pagina, dict) else None
            if not isinstance(waarden, list):
                raise ImportFout([Fout(None, f"CBS OData-pagina zonder 'value' ({url})")])
            rijen.extend(waarden)
            if voortgang:
                voortgang(f"{len(rijen)} rijen opgehaald")
            link = pagina.get("odata.nextLink")
            volgende = urllib.parse.urljoin(huidige, link) if link else None
        if len(rijen) - begin < PAGINA:
            return rijen


def basis_url(tabel: str) -> str:
    """Where a table lives: CBS's own tables on opendata, the Politie's on dataderden."""
    from .cbs import POLITIE_TABELLEN

    url = settings.CBS_POLITIE_ODATA_URL if tabel in POLITIE_TABELLEN else settings.CBS_ODATA_URL
    return f"{url.rstrip('/')}/{tabel}"


def download_tabel(
    tabel: str, gemeente: str, doelmap: Path, *, voortgang=None
) -> tuple[Path, Path, dict[str, str], dict[str, Path]]:
    """Fetch DataProperties, region names, the categories of any extra dimension (SoortMisdrijf) and
    the TypedDataSet rows; returns (data, metadata, names, {dimension: categories file}).

    Nothing is written until every page has arrived, so a failure halfway leaves no partial files.
    """
    from .cbs import extra_dimensies, tijd_dimensies

    basis = basis_url(tabel)
    filt = urllib.parse.quote(regiofilter(gemeente))
    doelmap.mkdir(parents=True, exist_ok=True)

    metadata = _alle_paginas(f"{basis}/DataProperties?$format=json")
    # Extra dimensions (SoortMisdrijf) become indicators; a table's own periods say which are provisional.
    extra = extra_dimensies(metadata)
    dims = extra + (tijd_dimensies(metadata) if extra else [])
    dimensies = {dim: _alle_paginas(f"{basis}/{dim}?$format=json") for dim in dims}
    regio = _alle_paginas(f"{basis}/WijkenEnBuurten?$format=json&$filter={filt.replace('WijkenEnBuurten', 'Key')}")
    namen = {str(r.get("Key", "")).strip(): str(r.get("Title", "")).strip() for r in regio}
    data = _alle_paginas(f"{basis}/TypedDataSet?$format=json&$filter={filt}", voortgang)
    if not data:
        raise ImportFout([Fout(None, f"CBS gaf geen rijen voor {gemeente} in {tabel}")])

    data_pad = doelmap / f"{tabel}_{gemeente}_TypedDataSet.json"
    meta_pad = doelmap / f"{tabel}_DataProperties.json"
    dim_paden = {dim: doelmap / f"{tabel}_{dim}.json" for dim in dimensies}
    for dim, pad in dim_paden.items():
        pad.write_text(json.dumps({"value": dimensies[dim]}, ensure_ascii=False), encoding="utf-8")
    meta_pad.write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    data_pad.write_text(json.dumps({"value": data}, ensure_ascii=False), encoding="utf-8")
    return data_pad, meta_pad, namen, dim_paden
