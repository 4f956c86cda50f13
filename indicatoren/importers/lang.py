"""Other CBS series per area (one column per measure) and partners' long-format files into `Invoerrij` records."""

from pathlib import Path

from lib.importrapport import Fout, ImportFout, Rapport
from wijken import codes

from ..cbs import (
    Gelezen,
    lees_cbs_waarde,
)
from ..lezers import (
    cellen_als_tekst,
    kolomindex,
    lees_json,
    lees_tabel,
)
from ..models import Indicator, Status
from ..services import Invoerrij, Voortgang, waarden_importeren

# --- other CBS series per area (e.g. Zonnestroom per buurt) ----------------------------------------


def reeks_importeren(
    pad: str | Path,
    *,
    indicator: str,
    gebied_kolom: str,
    periode_kolom: str,
    waarde_kolom: str,
    bron: str,
    skip_bad: bool = False,
    voortgang: Voortgang | None = None,
) -> Rapport:
    """A series in wide-per-row layout (one row per area and period), CSV, XLSX or GeoJSON."""
    pad = Path(pad)
    if not Indicator.objects.filter(code=indicator).exists():
        raise ImportFout([Fout(None, f"onbekende indicator '{indicator}': voeg hem eerst toe")], str(pad))
    if pad.suffix.lower() in {".geojson", ".json"}:
        data = lees_json(pad)
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list) or not features:
            raise ImportFout([Fout(None, "verwacht een GeoJSON FeatureCollection met features")], str(pad))
        kolommen = [gebied_kolom, periode_kolom, waarde_kolom]
        regels = [(n, [(f.get("properties") or {}).get(k) for k in kolommen]) for n, f in enumerate(features, start=1)]
        decimaalteken = "."
    else:
        tabel = lees_tabel(pad)
        ontbrekend = [k for k in (gebied_kolom, periode_kolom, waarde_kolom) if k not in tabel.kolommen]
        if ontbrekend:
            raise ImportFout([Fout(1, f"kolom(men) ontbreken: {', '.join(ontbrekend)}")], str(pad))
        idx = [tabel.kolommen.index(k) for k in (gebied_kolom, periode_kolom, waarde_kolom)]
        regels = [(n, [cellen[i] for i in idx]) for n, cellen in tabel.rijen]
        decimaalteken = tabel.decimaalteken
    if not regels:
        raise ImportFout([Fout(None, "het bestand bevat geen rijen")], str(pad))

    def rijen():
        for regel, (gebied, periode, ruw) in regels:
            code = codes.normaliseer(cellen_als_tekst(gebied))
            try:
                gelezen = lees_cbs_waarde(ruw, decimaalteken=decimaalteken)
            except (ValueError, OverflowError) as exc:
                yield Invoerrij(regel, code, indicator, periode, None, fout=f"{waarde_kolom}: {exc}")
                continue
            yield Invoerrij(regel, code, indicator, cellen_als_tekst(periode), gelezen)

    return waarden_importeren(
        rijen(),
        bron=bron,
        skip_bad=skip_bad,
        bestand=str(pad),
        voortgang=voortgang,
        regelsoort="feature" if pad.suffix.lower() in {".geojson", ".json"} else "regel",
    )


# --- partners' long format -------------------------------------------------------------------------

_STATUS_WOORDEN = {s.value: s.value for s in Status} | {
    ".": Status.ONBEKEND,
    "x": Status.GEHEIM,
    "-": Status.NIHIL,
    "?": Status.ONBETROUWBAAR,
    "*": Status.VOORLOPIG,
    "**": Status.NADER_VOORLOPIG,
}


def lees_lang(pad: Path):
    """Rows of a long-format file: indicator, gebied, periode, waarde[, status, bron, toelichting]."""
    tabel = lees_tabel(pad)
    index = kolomindex(tabel.kolommen, pad)
    if not tabel.rijen:
        raise ImportFout([Fout(None, "het bestand bevat alleen een kopregel")], str(pad))

    def cel(cellen, naam):
        return cellen[index[naam]] if naam in index else None

    for regel, cellen in tabel.rijen:
        indicator = cellen_als_tekst(cel(cellen, "indicator"))
        gebied = codes.normaliseer(cellen_als_tekst(cel(cellen, "gebied")))
        periode = cel(cellen, "periode")
        bron = cellen_als_tekst(cel(cellen, "bron"))[:300]
        toelichting = cellen_als_tekst(cel(cellen, "toelichting"))[:300]
        ruw = cel(cellen, "waarde")
        status_tekst = cellen_als_tekst(cel(cellen, "status")).lower()
        if not indicator or not gebied:
            yield Invoerrij(regel, gebied, indicator, periode, None, fout="indicator of gebied is leeg")
            continue
        try:
            gelezen = _lees_lang_waarde(ruw, status_tekst, toelichting, tabel.decimaalteken)
        except (ValueError, OverflowError) as exc:
            yield Invoerrij(regel, gebied, indicator, periode, None, fout=str(exc))
            continue
        yield Invoerrij(regel, gebied, indicator, periode, gelezen, bron=bron)


def _lees_lang_waarde(ruw, status_tekst: str, toelichting: str, decimaalteken: str) -> Gelezen:
    if not status_tekst:
        if cellen_als_tekst(ruw) == "":
            raise ValueError("waarde is leeg en er is geen status (gebruik bijv. status 'onbekend' of '.')")
        gelezen = lees_cbs_waarde(ruw, decimaalteken=decimaalteken)
        return Gelezen(gelezen.waarde, gelezen.status, toelichting or gelezen.toelichting)
    status = _STATUS_WOORDEN.get(status_tekst)
    if status is None:
        raise ValueError(f"onbekende status '{status_tekst}' (kies uit {', '.join(s.value for s in Status)})")
    if status in (Status.BESCHIKBAAR, Status.VOORLOPIG, Status.NADER_VOORLOPIG):
        if cellen_als_tekst(ruw) == "":
            raise ValueError(f"status '{status}' vraagt om een getal, maar de waarde is leeg")
        gelezen = lees_cbs_waarde(ruw, decimaalteken=decimaalteken)
        if gelezen.waarde is None:
            raise ValueError(f"status '{status}' vraagt om een getal, niet '{ruw}'")
        return Gelezen(gelezen.waarde, status, toelichting)
    if cellen_als_tekst(ruw) not in ("", ".", "x", "-", "?"):
        raise ValueError(f"status '{status}' hoort bij een lege waarde, maar er staat '{ruw}'")
    return Gelezen(None, status, toelichting or Status(status).label)


def lang_importeren(
    pad: str | Path, *, bron: str, skip_bad: bool = False, voortgang: Voortgang | None = None
) -> Rapport:
    pad = Path(pad)
    return waarden_importeren(lees_lang(pad), bron=bron, skip_bad=skip_bad, bestand=str(pad), voortgang=voortgang)
