"""Reader for the layouts of CBS Kerncijfers Wijken en Buurten (OData JSON, per-region JSON, CSV/XLSX
tables): which column holds the area codes, which the period, which are text. Only reads, like
`lezers.py` whose generic readers it builds on."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from lib.importrapport import Fout, ImportFout
from wijken import codes

from .lezers import Bestandstabel, lees_json, lees_tabel

# --- CBS Kerncijfers wijken en buurten -------------------------------------------------------------

REGIO_KOLOMMEN = {"wijkenenbuurten", "wijken en buurten", "codering", "regios", "regio's", "gwb_code_10", "gwb_code"}
PERIODE_KOLOMMEN = {"perioden", "periode"}


@dataclass
class KwbBestand:
    """A KWB file as region records: (record number, region code, {column: cell}, period or None)."""

    indeling: str
    kolommen: list[str]
    records: list[tuple[int, str, dict, object]]
    decimaalteken: str = "."
    namen: dict[str, str] = field(default_factory=dict)


def lees_kwb(pad: Path) -> KwbBestand:
    if pad.suffix.lower() == ".json":
        data = lees_json(pad)
        if isinstance(data, dict) and isinstance(data.get("value"), list):
            return _kwb_odata(data["value"], pad)
        if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
            return _kwb_per_regio(data)
        raise ImportFout(
            [Fout(None, 'onbekende JSON-indeling: verwacht OData {"value": [...]} of {"GM0164": {...}}')],
            str(pad),
        )
    tabel = lees_tabel(pad)
    return _kwb_tabel(tabel, pad)


def _kwb_odata(records: list, pad: Path) -> KwbBestand:
    if not records:
        raise ImportFout([Fout(None, "de OData 'value' is leeg")], str(pad))
    kolommen: list[str] = []
    bekend: set[str] = set()  # the same as `kolommen`, for a fast membership test per record
    uit = []
    for nummer, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportFout([Fout(nummer, "record is geen object", "record")], str(pad))
        regio_sleutel = next((k for k in record if k.lower() in REGIO_KOLOMMEN), None)
        if regio_sleutel is None:
            raise ImportFout([Fout(nummer, "record zonder 'WijkenEnBuurten'", "record")], str(pad))
        periode = record.get("Perioden")
        cellen = record.copy()
        for k in (regio_sleutel, "ID", "Perioden"):
            cellen.pop(k, None)
        if not bekend.issuperset(cellen):
            for k in cellen:
                if k not in bekend:
                    bekend.add(k)
                    kolommen.append(k)
        uit.append((nummer, str(record[regio_sleutel] or ""), cellen, periode))
    return KwbBestand("OData TypedDataSet", kolommen, uit)


def _kwb_per_regio(data: dict) -> KwbBestand:
    kolommen: list[str] = []
    uit: list[tuple[int, str, dict, object]] = []
    for nummer, (regio, cellen) in enumerate(data.items(), start=1):
        for k in cellen:
            if k not in kolommen:
                kolommen.append(k)
        uit.append((nummer, regio, dict(cellen), None))
    return KwbBestand("JSON per regio", kolommen, uit)


def _kwb_tabel(tabel: Bestandstabel, pad: Path) -> KwbBestand:
    """StatLine CSV: one column holds the region codes, one may hold periods, the rest measures."""
    regio = None
    for i in range(len(tabel.kolommen)):
        waarden = [str(c[i]).strip() for _, c in tabel.rijen if c[i] not in (None, "")]
        if waarden and all(codes.is_cbs_code(codes.normaliseer(w)) for w in waarden):
            regio = i
            break
    if regio is None:
        regio = next((i for i, k in enumerate(tabel.kolommen) if _kaal(k) in REGIO_KOLOMMEN), None)
    if regio is None:
        raise ImportFout([Fout(1, "geen kolom met CBS-gebiedscodes (GMxxxx, WKxxxxxx, BUxxxxxxxx) gevonden")], str(pad))
    periode = next((i for i, k in enumerate(tabel.kolommen) if _kaal(k) in PERIODE_KOLOMMEN), None)
    overslaan = {regio, periode}
    # Text columns of a StatLine export (names, "Soort regio") are not measures, nor is a second
    # region column ("Wijken en buurten" holds the names when "Codering (code)" holds the codes).
    tekst = {i for i, k in enumerate(tabel.kolommen) if _kaal(k) in TEKSTKOLOMMEN | REGIO_KOLOMMEN}
    maten = [i for i in range(len(tabel.kolommen)) if i not in overslaan | tekst]
    records = [
        (
            regel,
            str(cellen[regio] or ""),
            {tabel.kolommen[i]: cellen[i] for i in maten},
            cellen[periode] if periode is not None else None,
        )
        for regel, cellen in tabel.rijen
    ]
    return KwbBestand("StatLine CSV", [tabel.kolommen[i] for i in maten], records, tabel.decimaalteken)


TEKSTKOLOMMEN = {
    "id",
    "wijken en buurten (naam)",
    "regioaanduiding",
    "gemeentenaam",
    "soort regio",
    "soortregio",
    "gemeentenaam (naam)",
    "soort regio (omschrijving)",
    "regionaam",
    "naam",
    "wijkenenbuurten (naam)",
}


def _kaal(kolom: str) -> str:
    """'Regioaanduiding/Codering (code)' -> 'codering'; 'Codering_3' -> 'codering'."""
    tekst = kolom.strip().split("/")[-1].strip()
    tekst = re.sub(r"_\d+$", "", tekst)
    if tekst.lower().endswith("(code)"):
        tekst = tekst[: -len("(code)")]
    return tekst.strip().lower()
