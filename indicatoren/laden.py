"""Fill a deployment from CBS: every KWB edition, the police table and the solar series, per table.

Each table is downloaded (odata.download_tabel) and imported all-or-nothing; after each table a state
file in the download folder records it as done, so a run that failed halfway (a 5xx, no network)
continues where it stopped, and a run after a complete one changes nothing.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from lib.importrapport import Fout, ImportFout

from .cbs import KWB_TABELLEN, POLITIE_TABELLEN
from .importers import cbs_tabel_importeren
from .models import CbsSleutel
from .odata import download_tabel
from .services import som_van_buurten

# CBS Zonnestroom per wijk en buurt is one table per report year. The id of 2019 is the one this project
# checked (fixtures/README.md); add other years with --tabel ID=JAAR.
ZONNESTROOM_TABELLEN = {"85010NED": 2019}
STATUSBESTAND = "load_cbs_status_{gemeente}.json"  # per gemeente: another gemeente starts afresh


@dataclass
class Tabeltaak:
    tabel: str
    periode: str | None  # None: the table carries its periods (Perioden)
    soort: str  # "KWB 2019", "politie", "zonnestroom 2019"


@dataclass
class Uitkomst:
    taak: Tabeltaak
    samenvatting: str
    overgeslagen: bool = False  # done in an earlier run
    ontbreekt: list[str] = field(default_factory=list)  # measures of other editions this one lacks


def taken(*, vanaf: int, tot: int | None = None, extra: dict[str, int] | None = None, edities=None) -> list[Tabeltaak]:
    """The tables to load, oldest KWB edition first, so the newest edition's titles and units win."""
    edities = KWB_TABELLEN if edities is None else edities
    lijst = [
        Tabeltaak(t, str(j), f"KWB {j}")
        for t, j in sorted(edities.items(), key=lambda kv: kv[1])
        if j >= vanaf and (tot is None or j <= tot)
    ]
    lijst += [Tabeltaak(t, None, "politie") for t in POLITIE_TABELLEN]
    zon = {**ZONNESTROOM_TABELLEN, **(extra or {})}
    lijst += [Tabeltaak(t, str(j), f"zonnestroom {j}") for t, j in sorted(zon.items(), key=lambda kv: kv[1])]
    return lijst


def _lees_status(pad: Path) -> dict:
    if not pad.exists():
        return {"tabellen": {}}
    try:
        status = json.loads(pad.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFout([Fout(None, f"{pad} is geen geldige statusfile; verwijder hem of gebruik --opnieuw")]) from exc
    if not isinstance(status, dict) or not isinstance(status.get("tabellen"), dict):
        raise ImportFout([Fout(None, f"{pad} is geen statusfile van load_cbs")])
    return status


def cbs_laden(
    *,
    gemeente: str,
    taken_: list[Tabeltaak],
    map: Path,
    opnieuw: bool = False,
    voortgang: Callable[[str], None] | None = None,
) -> list[Uitkomst]:
    """Load each table in turn. A failing table raises ImportFout naming it; the tables before it stay
    loaded and recorded, and that table has written nothing."""
    map.mkdir(parents=True, exist_ok=True)
    statuspad = map / STATUSBESTAND.format(gemeente=gemeente)
    status = {"tabellen": {}} if opnieuw else _lees_status(statuspad)
    meld = voortgang or (lambda _tekst: None)
    uitkomsten: list[Uitkomst] = []
    for nummer, taak in enumerate(taken_, start=1):
        kop = f"[{nummer}/{len(taken_)}] {taak.tabel} ({taak.soort})"
        klaar = status["tabellen"].get(taak.tabel)
        if klaar:
            meld(f"{kop}: al geladen op {klaar['klaar']}, overgeslagen")
            uitkomsten.append(Uitkomst(taak, klaar.get("samenvatting", ""), overgeslagen=True))
            continue
        meld(f"{kop}: downloaden")
        try:
            data, metadata, namen, dimensies = download_tabel(
                taak.tabel, gemeente, map / taak.tabel, voortgang=voortgang
            )
            meld(f"{kop}: importeren")
            rapport = cbs_tabel_importeren(
                data,
                metadata=metadata,
                dimensies=dimensies,
                tabel=taak.tabel,
                periode=taak.periode,
                maak_gebieden=True,
                namen=namen,
                voortgang=voortgang,
            )
            if taak.soort == "politie":
                som_van_buurten(indicator_code="GeregistreerdeMisdrijven", gemeente_code=gemeente)
        except ImportFout as exc:
            exc.fouten.append(
                Fout(
                    None,
                    f"{taak.tabel} is niet geladen; {len(uitkomsten)} eerdere tabel(len) wel. "
                    "Draai load_cbs opnieuw om hier verder te gaan.",
                )
            )
            raise
        uitkomst = Uitkomst(taak, rapport.samenvatting())
        uitkomsten.append(uitkomst)
        status["tabellen"][taak.tabel] = {
            "klaar": timezone.now().isoformat(timespec="seconds"),
            "samenvatting": uitkomst.samenvatting,
        }
        statuspad.write_text(json.dumps(status, indent=2, ensure_ascii=False), encoding="utf-8")
        meld(f"{kop}: {uitkomst.samenvatting}")
    # Which measures of the KWB editions an edition lacks (they have no value for that year: never 0).
    kwb = [u for u in uitkomsten if u.taak.soort.startswith("KWB")]
    alle = {
        t: set(CbsSleutel.objects.filter(tabel=t).values_list("indicator__code", flat=True))
        for t in (u.taak.tabel for u in kwb)
    }
    overal = set().union(*alle.values()) if alle else set()
    for u in kwb:
        u.ontbreekt = sorted(overal - alle[u.taak.tabel])
    return uitkomsten
