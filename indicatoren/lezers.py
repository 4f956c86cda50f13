"""Readers for the file layouts values come in. They only read; validation is in services.

Every reader yields records with the number of the line (CSV), row (XLSX) or record (JSON)
they came from, so that every problem can be reported where it is. The layouts of CBS Kerncijfers
Wijken en Buurten are read by `lezers_kwb.py` on top of these.
"""

import contextlib
import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lib.importrapport import Fout, ImportFout, lees_tekst
from toegang.invoer import eerste_stuurteken, teken_naam

MAX_CSV_VELD = 10_000


@dataclass
class Bestandstabel:
    """A file read as a header plus rows of cells, each row with its source line number."""

    kolommen: list[str]
    rijen: list[tuple[int, list]]
    decimaalteken: str = "."


def lees_json(pad: Path):
    tekst = lees_tekst(pad)
    try:
        return json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise ImportFout([Fout(exc.lineno, f"ongeldige JSON: {exc.msg} (kolom {exc.colno})")], str(pad)) from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ImportFout([Fout(None, f"ongeldige JSON: {exc}")], str(pad)) from exc


def lees_csv(pad: Path) -> Bestandstabel:
    """CSV with ',', ';' or tab; a ';'-separated file uses the Dutch decimal comma."""
    tekst = lees_tekst(pad)
    positie = eerste_stuurteken(tekst)  # lees_tekst looks for NUL in the first 4 KB only
    if positie is not None:
        regel = tekst.count("\n", 0, positie) + 1
        raise ImportFout(
            [Fout(regel, f"ongeldig stuurteken {teken_naam(tekst[positie])} in de tekst; sla het bestand op als CSV")],
            str(pad),
        )
    eerste = tekst.splitlines()[0] if tekst.splitlines() else ""
    scheiding = max([";", ",", "\t"], key=eerste.count)
    if eerste.count(scheiding) == 0:
        raise ImportFout([Fout(1, "geen kolommen gevonden (verwacht ';', ',' of tab als scheidingsteken)")], str(pad))
    # The limit is process-wide: set it only while reading this file.
    oude_limiet = csv.field_size_limit(MAX_CSV_VELD)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    begin = 1  # the line a record starts on (a quoted cell may span lines)
    try:
        kolommen = [k.strip() for k in next(lezer)]
        rijen = []
        begin = lezer.line_num + 1
        for cellen in lezer:
            if any(c.strip() for c in cellen):
                rijen.append((begin, cellen))
            begin = lezer.line_num + 1
    except csv.Error as exc:
        raise ImportFout([Fout(begin, f"ongeldige CSV: {_csv_fout(exc)}")], str(pad)) from exc
    finally:
        csv.field_size_limit(oude_limiet)
    if len(set(kolommen)) != len(kolommen):
        dubbel = sorted({k for k in kolommen if kolommen.count(k) > 1})
        raise ImportFout([Fout(1, f"dubbele kolomnaam: {', '.join(dubbel)}")], str(pad))
    fouten = [
        Fout(regel, f"{len(cellen)} kolommen, de kop heeft er {len(kolommen)}")
        for regel, cellen in rijen
        if len(cellen) != len(kolommen)
    ]
    if fouten:
        raise ImportFout(fouten, str(pad))
    return Bestandstabel(kolommen, rijen, "," if scheiding == ";" else ".")


def _csv_fout(exc: csv.Error) -> str:
    tekst = str(exc)
    if "unexpected end of data" in tekst:
        return 'een aanhalingsteken (") wordt niet afgesloten'
    if "field larger than field limit" in tekst:
        return f"een cel is langer dan {MAX_CSV_VELD} tekens"
    if "expected after" in tekst:
        return f'tekst na een afsluitend aanhalingsteken ("); zet de hele cel tussen aanhalingstekens ({tekst})'
    return tekst


# --- XLSX: a budget checked before anything is loaded ----------------------------------------------
# An XLSX file is a zip of XML: 20 MB on the wire can be gigabytes unpacked, a sheet can declare a
# dimension of 16,384 columns that a reader pads every row to, and the shared strings are loaded
# whole. So the zip's directory and every XML part are checked first, streaming and without building
# anything (expat, no tree), and a file over budget is refused before openpyxl loads it. Larger
# deliveries go as CSV, which has no such amplification.
MAX_XLSX_DELEN = 200  # zip members
MAX_XLSX_UITGEPAKT = 100 * 1024 * 1024  # all members together, unpacked (the worksheets are most of it)
MAX_XLSX_DEEL = 10 * 1024 * 1024  # any other part unpacked: shared strings, styles, workbook
MAX_XLSX_RIJEN = 200_000
MAX_XLSX_KOLOMMEN = 500  # the long format has 7, a CBS KWB table about 130
MAX_XLSX_CELLEN = 1_000_000  # rows x columns as they would be read
MAX_XLSX_TEKSTEN = 200_000  # shared strings


class _TeGroot(Exception):
    pass


def _kolomnummer(verwijzing: str) -> int:
    """'XFD12' -> 16384; 0 when the reference has no column letters."""
    nummer = 0
    for teken in verwijzing:
        if "A" <= teken <= "Z":
            nummer = nummer * 26 + ord(teken) - 64
        elif "a" <= teken <= "z":
            nummer = nummer * 26 + ord(teken) - 96
        else:
            break
    return nummer


def _rijnummer(verwijzing: str) -> int:
    cijfers = verwijzing.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$")
    return int(cijfers) if cijfers.isdigit() else 0


@dataclass
class _Omvang:
    rijen: int = 0  # the highest row number in any worksheet
    kolommen: int = 0  # the highest column number in any worksheet
    cellen: int = 0
    teksten: int = 0


def _controleer_deel(bron, grootte: int, omvang: _Omvang) -> None:
    """Stream one XML part through expat, counting rows, columns, cells and shared strings;
    raises _TeGroot as soon as a budget is exceeded (before the rest is read)."""
    from xml.parsers import expat

    lezer = expat.ParserCreate(namespace_separator="}")
    lezer.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    staat = {"eerste": True, "rij": 0, "kolom": 0}

    def doctype(*_args):
        raise _TeGroot("het bestand bevat een DTD-declaratie; een Excel-bestand heeft er geen")

    def begin(naam: str, attributen: dict) -> None:
        naam = naam.rsplit("}", 1)[-1]
        if staat["eerste"]:
            staat["eerste"] = False
            if naam != "worksheet" and grootte > MAX_XLSX_DEEL:
                raise _TeGroot(
                    f"een onderdeel ({naam}) is uitgepakt {grootte // (1024 * 1024)} MB, "
                    f"hoogstens {MAX_XLSX_DEEL // (1024 * 1024)} MB"
                )
        if naam == "c":
            omvang.cellen += 1
            kolom = _kolomnummer(attributen.get("r", "")) or staat["kolom"] + 1
            staat["kolom"] = kolom
            if kolom > omvang.kolommen:
                if kolom > MAX_XLSX_KOLOMMEN:
                    raise _TeGroot(f"het werkblad gebruikt kolom {kolom}; hoogstens {MAX_XLSX_KOLOMMEN} kolommen")
                omvang.kolommen = kolom
            if omvang.cellen > MAX_XLSX_CELLEN:
                raise _TeGroot(f"het werkblad heeft meer dan {MAX_XLSX_CELLEN:_} cellen".replace("_", "."))
        elif naam == "row":
            rij = _rijnummer(attributen.get("r", "")) or staat["rij"] + 1
            staat["rij"], staat["kolom"] = rij, 0
            if rij > MAX_XLSX_RIJEN + 1:
                raise _TeGroot(f"het werkblad heeft rij {rij}; hoogstens {MAX_XLSX_RIJEN:_} rijen".replace("_", "."))
            omvang.rijen = max(omvang.rijen, rij)
        elif naam == "si":
            omvang.teksten += 1
            if omvang.teksten > MAX_XLSX_TEKSTEN:
                raise _TeGroot(f"meer dan {MAX_XLSX_TEKSTEN:_} verschillende teksten".replace("_", "."))
        elif naam == "sst":
            opgegeven = attributen.get("uniqueCount", "0")
            if opgegeven.isdigit() and int(opgegeven) > MAX_XLSX_TEKSTEN:
                raise _TeGroot(
                    f"het bestand geeft {int(opgegeven):_} verschillende teksten op; hoogstens "
                    f"{MAX_XLSX_TEKSTEN:_}".replace("_", ".")
                )
        elif naam == "dimension":
            # The declared range (e.g. A1:XFD1048576) is what readers pad rows to: refuse it as declared.
            eind = attributen.get("ref", "").split(":")[-1]
            kolommen, rijen = _kolomnummer(eind), _rijnummer(eind)
            if kolommen > MAX_XLSX_KOLOMMEN or rijen > MAX_XLSX_RIJEN + 1:
                raise _TeGroot(
                    f"het werkblad geeft als omvang {attributen.get('ref')} op ({rijen:_} rijen, {kolommen:_} "
                    f"kolommen); hoogstens {MAX_XLSX_RIJEN:_} rijen en {MAX_XLSX_KOLOMMEN} kolommen".replace("_", ".")
                )

    lezer.StartDoctypeDeclHandler = doctype
    lezer.EntityDeclHandler = doctype
    lezer.StartElementHandler = begin
    # Not XML (an image) or broken XML: openpyxl reports what it needs.
    with contextlib.suppress(expat.ExpatError):
        lezer.ParseFile(bron)


def _xlsx_begroting(pad: Path) -> int:
    """Check an XLSX file against the budget without loading it; returns the widest column used."""
    try:
        zip_ = zipfile.ZipFile(pad)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFout([Fout(None, f"geen geldig Excel-bestand (.xlsx): {exc}")], str(pad)) from exc
    omvang = _Omvang()
    with zip_:
        delen = zip_.infolist()
        try:
            if len(delen) > MAX_XLSX_DELEN:
                raise _TeGroot(f"het bestand bestaat uit {len(delen)} delen; hoogstens {MAX_XLSX_DELEN}")
            # zipfile never unpacks more than a member declares (and then fails its CRC check),
            # so the declared sizes bound what reading can cost.
            uitgepakt = sum(d.file_size for d in delen)
            if uitgepakt > MAX_XLSX_UITGEPAKT:
                raise _TeGroot(
                    f"het bestand is uitgepakt {uitgepakt // (1024 * 1024)} MB; hoogstens "
                    f"{MAX_XLSX_UITGEPAKT // (1024 * 1024)} MB"
                )
            for deel in delen:
                if deel.is_dir():
                    continue
                with zip_.open(deel) as bron:
                    _controleer_deel(bron, deel.file_size, omvang)
            gelezen = omvang.rijen * max(omvang.kolommen, 1)
            if gelezen > MAX_XLSX_CELLEN:
                raise _TeGroot(
                    f"het werkblad is {omvang.rijen:_} rijen bij {omvang.kolommen} kolommen; hoogstens "
                    f"{MAX_XLSX_CELLEN:_} cellen".replace("_", ".")
                )
        except _TeGroot as exc:
            raise ImportFout(
                [Fout(None, f"het Excel-bestand is te groot om te lezen: {exc}. Lever grote bestanden als CSV.")],
                str(pad),
            ) from None
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:  # CRC, encryption
            raise ImportFout([Fout(None, f"geen geldig Excel-bestand (.xlsx): {exc}")], str(pad)) from exc
    return omvang.kolommen


def lees_xlsx(pad: Path) -> Bestandstabel:
    from openpyxl import load_workbook

    breedte = _xlsx_begroting(pad)
    try:
        boek = load_workbook(pad, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFout([Fout(None, f"geen geldig Excel-bestand (.xlsx): {exc}")], str(pad)) from exc
    blad = boek.worksheets[0]
    # Never the declared dimension (checked above, but it may also lie): read only the columns used.
    blad.reset_dimensions()
    regels = blad.iter_rows(max_col=max(breedte, 1), values_only=True)
    kop = next(regels, None)
    if not kop or not any(kop):
        raise ImportFout([Fout(None, "het werkblad is leeg")], str(pad))
    kolommen = [str(k).strip() if k is not None else "" for k in kop]
    while kolommen and kolommen[-1] == "":
        kolommen.pop()
    rijen = []
    for nummer, cellen in enumerate(regels, start=2):
        if cellen is None or all(c is None or str(c).strip() == "" for c in cellen):
            continue
        rij = list(cellen) + [None] * (len(kolommen) - len(cellen))
        rijen.append((nummer, rij[: len(kolommen)]))
    boek.close()
    return Bestandstabel(kolommen, rijen, ".")


def lees_tabel(pad: Path) -> Bestandstabel:
    if pad.suffix.lower() == ".xlsx":
        if not pad.exists():
            raise ImportFout([Fout(None, f"bestand '{pad}' bestaat niet")], str(pad))
        return lees_xlsx(pad)
    if pad.suffix.lower() in {".csv", ".txt", ".tsv"}:
        return lees_csv(pad)
    raise ImportFout([Fout(None, f"onbekend bestandstype '{pad.suffix}' (verwacht .csv of .xlsx)")], str(pad))


# --- Long format (partners) ------------------------------------------------------------------------

LANG_KOLOMMEN = {
    "indicator": {"indicator", "indicatorcode", "indicator_code"},
    "gebied": {"gebied", "gebiedcode", "gebied_code", "gebiedscode", "code"},
    "periode": {"periode", "jaar", "period"},
    "waarde": {"waarde", "value"},
    "status": {"status"},
    "bron": {"bron", "source"},
    "toelichting": {"toelichting", "reden"},
}
VERPLICHT = ("indicator", "gebied", "periode", "waarde")


def kolomindex(kolommen: list[str], pad: Path) -> dict[str, int]:
    index = {}
    for naam, varianten in LANG_KOLOMMEN.items():
        for i, kolom in enumerate(kolommen):
            if kolom.strip().lower() in varianten:
                index[naam] = i
                break
    ontbrekend = [k for k in VERPLICHT if k not in index]
    if ontbrekend:
        raise ImportFout(
            [Fout(1, f"kolom(men) ontbreken: {', '.join(ontbrekend)} (verplicht: {', '.join(VERPLICHT)})")],
            str(pad),
        )
    return index


def cellen_als_tekst(waarde) -> str:
    return "" if waarde is None else str(waarde).strip()
