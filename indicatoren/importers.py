"""Importers for CBS Kerncijfers, other CBS series and partners' long-format files.

Each importer turns its file into `Invoerrij` records and hands them to `waarden_importeren`,
which validates all of them before writing anything.
"""

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from django.db import transaction

from lib.importrapport import Fout, ImportFout, Rapport
from lib.perioden import OngeldigePeriode, normaliseer_periode
from wijken import codes
from wijken.models import Gebied
from wijken.signals import gebieden_gewijzigd

from .cbs import (
    KWB_TABELLEN,
    PERIODE_STATUS,
    POLITIE_TABELLEN,
    CbsMaat,
    Gelezen,
    categorie_code,
    dataproperties_uit_csv,
    extra_dimensies,
    is_totaal,
    lees_cbs_waarde,
    lees_dataproperties,
    sleutel_basis,
    stabiele_code,
    tijd_dimensies,
)
from .lezers import (
    REGIO_KOLOMMEN,
    KwbBestand,
    cellen_als_tekst,
    kolomindex,
    lees_json,
    lees_kwb,
    lees_tabel,
)
from .models import CbsSleutel, Indicator, Status
from .services import Invoerrij, Voortgang, cbs_metadata_importeren, waarden_importeren

# Descriptive KWB columns: text, not measures.
KWB_TEKST = {
    "Gemeentenaam",
    "SoortRegio",
    "Codering",
    "IndelingswijzigingWijkenEnBuurten",
    "IndelingswijzigingGemeenteWijkBuurt",
    "MeestVoorkomendePostcode",
    "Regioaanduiding",
}
_TABEL_IN_NAAM = re.compile(r"(\d{5}NED)", re.IGNORECASE)
ANALYZE_GEBIEDEN_VANAF = 1_000  # new areas from which on the area table is analysed after commit


def tabel_uit_bestandsnaam(pad: Path) -> str | None:
    match = _TABEL_IN_NAAM.search(pad.name)
    return match.group(1).upper() if match else None


def kwb_bron(tabel: str) -> str:
    return f"CBS, Kerncijfers wijken en buurten ({tabel}), CC BY 4.0"


def tabel_bron(tabel: str) -> str:
    if tabel in POLITIE_TABELLEN:
        return f"CBS/Politie, {POLITIE_TABELLEN[tabel]} ({tabel}), CC BY 4.0"
    if tabel in KWB_TABELLEN:
        return kwb_bron(tabel)
    return f"CBS, tabel {tabel}, CC BY 4.0"


def lees_eigenschappen(pad: Path) -> list[dict]:
    """DataProperties as the OData API serves them (JSON list or {"value": [...]}) or as cbsodataR's CSV."""
    if pad.suffix.lower() == ".csv":
        tabel = lees_tabel(pad)
        return dataproperties_uit_csv([dict(zip(tabel.kolommen, cellen, strict=True)) for _, cellen in tabel.rijen])
    eigenschappen = lees_json(pad)
    if isinstance(eigenschappen, dict) and isinstance(eigenschappen.get("value"), list):
        eigenschappen = eigenschappen["value"]  # as the OData API serves it
    if not isinstance(eigenschappen, list):
        raise ValueError("DataProperties moet een lijst van objecten zijn (OData 'value')")
    return eigenschappen


def kwb_importeren(
    pad: str | Path,
    *,
    tabel: str | None = None,
    periode: str | None = None,
    metadata: str | Path | None = None,
    maak_gebieden: bool = False,
    namen: dict[str, str] | None = None,
    skip_bad: bool = False,
    voortgang: Voortgang | None = None,
) -> Rapport:
    """Import a KWB file; with `maak_gebieden` regions missing from the database are created."""
    pad = Path(pad)
    tabel = (tabel or tabel_uit_bestandsnaam(pad) or "").upper()
    if not tabel:
        raise ImportFout([Fout(None, "onbekende CBS-tabel: geef --tabel op (bijv. 85984NED)")], str(pad))
    maten = None
    if metadata:
        try:
            maten = lees_dataproperties(lees_eigenschappen(Path(metadata)))
        except (ValueError, OverflowError) as exc:
            raise ImportFout([Fout(None, f"DataProperties: {exc}")], str(metadata)) from exc
    bestand = lees_kwb(pad)
    if voortgang:
        voortgang(f"{pad.name}: {bestand.indeling}, {len(bestand.records)} regio's, {len(bestand.kolommen)} kolommen")
    standaard_periode = periode or KWB_TABELLEN.get(tabel)
    with transaction.atomic():
        if maten:
            cbs_metadata_importeren(maten, tabel=tabel, bron=kwb_bron(tabel))
        kolom_code, fouten = _kwb_kolommen(bestand, tabel, maten)
        if fouten:
            raise ImportFout(fouten, str(pad))
        if maak_gebieden:
            gebieden_aanmaken(
                {codes.normaliseer(r[1]) for r in bestand.records if codes.is_cbs_code(codes.normaliseer(r[1]))},
                namen=namen or {},
            )
        rijen = _kwb_rijen(bestand, kolom_code, standaard_periode)
        return waarden_importeren(
            rijen,
            bron=kwb_bron(tabel),
            skip_bad=skip_bad,
            bestand=str(pad),
            voortgang=voortgang,
            regelsoort="regel" if bestand.indeling == "StatLine CSV" else "record",
        )


def _kwb_kolommen(bestand: KwbBestand, tabel: str, maten) -> tuple[dict[str, str], list[Fout]]:
    """Map each column to an indicator code; text columns are left out, unknown ones are errors."""
    kopregel = 1 if bestand.indeling == "StatLine CSV" else None  # a JSON file has no header line
    koppelingen = dict(CbsSleutel.objects.filter(tabel=tabel).values_list("sleutel", "indicator__code"))
    bekend = set(Indicator.objects.values_list("code", flat=True))
    titels: dict[str, list[tuple[str, str]]] = {}
    for maat in maten or []:
        # A repeated name is 'Groep: Titel' (see lees_dataproperties); a StatLine header has the
        # plain title after its groups: 'Energie/Gemiddeld aardgasverbruik/Naar woningtype/Appartement (m³)'.
        groep, _, titel = maat.naam.partition(": ") if "." in maat.code else ("", "", maat.naam)
        titels.setdefault(titel.lower(), []).append((groep.lower(), maat.code))
    tekstnamen = {t.lower() for t in KWB_TEKST}
    kolom_code, fouten = {}, []
    for kolom in bestand.kolommen:
        sleutel = kolom.strip()
        basis = sleutel_basis(sleutel)
        stabiel = stabiele_code(sleutel)
        if sleutel in koppelingen:
            kolom_code[kolom] = koppelingen[sleutel]
        elif basis in KWB_TEKST or re.sub(r"[^0-9a-z]", "", _titel(sleutel)) in tekstnamen:
            continue  # also as a title: 'Regioaanduiding/Indelingswijziging gemeente, wijk, buurt (code)'
        elif stabiel in bekend:
            kolom_code[kolom] = stabiel
        elif code := _titel_code(sleutel, titels):
            kolom_code[kolom] = code
        else:
            fouten.append(
                Fout(
                    kopregel,
                    f"kolom '{kolom}' is geen bekende maat van {tabel}: importeer eerst de DataProperties "
                    "(--metadata) of voeg de indicator toe",
                )
            )
    if not kolom_code and not fouten:
        fouten.append(Fout(kopregel, "het bestand bevat geen enkele maat"))
    return kolom_code, fouten


def _titel(kolom: str) -> str:
    """'Bevolking/Aantal inwoners (aantal)' -> 'aantal inwoners'."""
    tekst = kolom.split("/")[-1]
    return re.sub(r"\s*\([^)]*\)\s*$", "", tekst).strip().lower()


def _titel_code(kolom: str, titels: dict[str, list[tuple[str, str]]]) -> str | None:
    """The indicator for a StatLine title; a repeated title is told apart by a group in its path."""
    kandidaten = titels.get(_titel(kolom), [])
    if len(kandidaten) > 1:
        groepen = {deel.strip().lower() for deel in kolom.split("/")[:-1]}
        kandidaten = [k for k in kandidaten if k[0] in groepen]
    return kandidaten[0][1] if len(kandidaten) == 1 else None


def _kwb_rijen(bestand: KwbBestand, kolom_code: dict[str, str], standaard_periode):
    kolommen = list(kolom_code.items())
    decimaalteken = bestand.decimaalteken
    for regel, regio, cellen, periode in bestand.records:
        gebied = codes.normaliseer(regio)
        if not codes.is_cbs_code(gebied):
            yield Invoerrij(regel, gebied, "", None, None, fout=f"'{regio}' is geen CBS-gebiedscode")
            continue
        per = periode if periode not in (None, "") else standaard_periode
        if per is None:
            yield Invoerrij(regel, gebied, "", None, None, fout="geen periode: geef --periode op")
            continue
        if not isinstance(per, str | int):
            yield Invoerrij(regel, gebied, "", None, None, fout=f"periode {per!r} is geen jaar of CBS-periode")
            continue
        waarde_van = cellen.get
        for kolom, code in kolommen:
            try:
                gelezen = lees_cbs_waarde(waarde_van(kolom), decimaalteken=decimaalteken)
            except (ValueError, OverflowError) as exc:
                yield Invoerrij(regel, gebied, code, per, None, fout=f"{gebied}, kolom {kolom}: {exc}")
                continue
            yield Invoerrij(regel, gebied, code, per, gelezen)


def gebieden_aanmaken(te_maken: set[str], *, namen: dict[str, str] | None = None) -> int:
    """Create gebieden (without boundary) for CBS codes in a statistics file, parents first."""
    namen = namen or {}
    bestaand = {
        g.code: g for g in Gebied.objects.filter(code__in=te_maken | {codes.ouder_code(c) for c in te_maken} - {None})
    }
    volgorde = [codes.LAND, codes.GEMEENTE, codes.WIJK, codes.BUURT]
    fouten, gemaakt = [], 0
    nieuw = sorted(te_maken - set(bestaand), key=lambda c: (volgorde.index(codes.niveau_van(c)), c))
    # One bulk insert per level, parents first, so a national file does not cost a query per area.
    for niveau in volgorde:
        laag = []
        for code in (c for c in nieuw if codes.niveau_van(c) == niveau):
            ouder = codes.ouder_code(code)
            if ouder and ouder not in bestaand:
                fouten.append(Fout(None, f"{code}: {ouder} ontbreekt in het bestand en in de database"))
                continue
            laag.append(
                Gebied(code=code, niveau=niveau, naam=namen.get(code, ""), ouder=bestaand[ouder] if ouder else None)
            )
        for gebied in Gebied.objects.bulk_create(laag):
            bestaand[gebied.code] = gebied
        if laag:
            gebieden_gewijzigd.send(sender=Gebied)  # bulk_create sends no post_save
        gemaakt += len(laag)
    if fouten:
        raise ImportFout(fouten)
    if gemaakt >= ANALYZE_GEBIEDEN_VANAF:
        from wijken.importers import analyseer_gebieden

        transaction.on_commit(analyseer_gebieden)
    return gemaakt


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


# --- the indicator catalogue (portal-owned definitions) --------------------------------------------

CATALOGUS_KOLOMMEN = (
    "code", "naam", "domein", "eenheid", "decimalen", "polariteit", "onthullingsdrempel",
    "soort", "formule", "bron", "definitie", "absoluut", "kernset", "dataset",
)


def _ja_nee(tekst: str) -> bool:
    waarde = tekst.strip().lower()
    if waarde in {"ja", "j", "1", "true", "waar"}:
        return True
    if waarde in {"nee", "n", "0", "false", "onwaar"}:
        return False
    raise ValueError(f"'{tekst}' is geen ja of nee")


def catalogus_importeren(pad: str | Path, *, voortgang: Voortgang | None = None) -> Rapport:
    """Indicator definitions from a CSV: new series, derived indicators, and the portal's
    choices (domain, polarity, threshold) for CBS measures. An empty cell leaves a field as it is.
    """
    from django.core.exceptions import ValidationError

    from .models import Dataset, Domein, Polariteit
    from .services import afgeleide_herberekenen, indicator_opslaan, kernset_standaard_zetten

    pad = Path(pad)
    tabel = lees_tabel(pad)
    ontbrekend = [k for k in ("code", "domein") if k not in tabel.kolommen]
    if ontbrekend:
        raise ImportFout([Fout(1, f"kolom(men) ontbreken: {', '.join(ontbrekend)}")], str(pad))
    domeinen = set(Domein.objects.values_list("code", flat=True))
    datasets = set(Dataset.objects.values_list("code", flat=True))
    rijen = [
        (regel, dict(zip(tabel.kolommen, (cellen_als_tekst(c) for c in cellen), strict=True)))
        for regel, cellen in tabel.rijen
    ]
    # Measured indicators first, then derived ones after every derived indicator their formula
    # uses, so formulas can refer to indicators defined anywhere in the same file.
    diepte, fouten, in_kring = _formule_volgorde(rijen)
    rijen.sort(key=lambda r: diepte.get(r[1].get("code", ""), -1))
    rapport = Rapport(gelezen=len(rijen))
    codes_gezien: dict[str, int] = {}
    with transaction.atomic():
        for regel, rij in rijen:
            code = rij.get("code", "")
            if not code:
                fouten.append(Fout(regel, "code is leeg"))
                continue
            if code in codes_gezien:
                fouten.append(Fout(regel, f"{code} staat dubbel (ook regel {codes_gezien[code]})"))
                continue
            codes_gezien[code] = regel
            if code in in_kring:
                continue
            velden: dict[str, object] = {}
            try:
                for veld in ("naam", "eenheid", "bron", "definitie", "formule", "soort", "polariteit"):
                    if rij.get(veld):
                        velden[veld] = rij[veld]
                if rij.get("decimalen"):
                    velden["decimalen"] = int(rij["decimalen"])
                if rij.get("onthullingsdrempel"):
                    velden["onthullingsdrempel"] = float(rij["onthullingsdrempel"].replace(",", "."))
                if rij.get("absoluut"):
                    velden["absoluut"] = _ja_nee(rij["absoluut"])
                kernset = _ja_nee(rij["kernset"]) if rij.get("kernset") else None
            except (ValueError, OverflowError) as exc:
                fouten.append(Fout(regel, f"{code}: {exc}"))
                continue
            if velden.get("polariteit") and velden["polariteit"] not in Polariteit.values:
                fouten.append(Fout(regel, f"{code}: onbekende polariteit '{velden['polariteit']}'"))
                continue
            domein = rij.get("domein") or None
            if domein and domein not in domeinen:
                fouten.append(Fout(regel, f"{code}: onbekend domein '{domein}'"))
                continue
            dataset = rij.get("dataset") or None
            if dataset and dataset not in datasets:
                fouten.append(Fout(regel, f"{code}: onbekende dataset '{dataset}'"))
                continue
            try:
                with transaction.atomic():
                    indicator, uitkomst = indicator_opslaan(
                        code=code, velden=velden, domein_code=domein, dataset_code=dataset
                    )
                    if kernset is not None and kernset_standaard_zetten(indicator, kernset, volgorde=regel):
                        uitkomst = "gewijzigd" if uitkomst == "ongewijzigd" else uitkomst
            except ValidationError as exc:
                meldingen = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                fouten.append(Fout(regel, f"{code}: {meldingen}"))
                continue
            setattr(rapport, uitkomst, getattr(rapport, uitkomst) + 1)
        if fouten:
            raise ImportFout(sorted(fouten, key=lambda f: f.regel or 0), str(pad))
        afgeleide_herberekenen(voortgang=voortgang)
    return rapport


def _formule_volgorde(rijen: list[tuple[int, dict]]) -> tuple[dict[str, int], list[Fout], set[str]]:
    """Per derived indicator (the file's formulas over the database's) its depth in the formula
    graph: 0 uses no derived indicator, 1 uses one of depth 0, and so on. A circular reference
    is an error on the first of its lines in the file, naming the others.
    """
    from .formules import FormuleFout, parse_formule, volgorde_en_kringen
    from .models import Soort

    formules = dict(Indicator.objects.afgeleid().values_list("code", "formule"))
    regel_van: dict[str, int] = {}
    for regel, rij in rijen:
        code = rij.get("code", "")
        if not code or code in regel_van:
            continue
        regel_van[code] = regel
        soort = rij.get("soort") or (Soort.AFGELEID if code in formules else Soort.BASIS)
        if soort != Soort.AFGELEID:
            formules.pop(code, None)
        elif rij.get("formule"):
            formules[code] = rij["formule"]
    gebruikt = {}
    for code, tekst in formules.items():
        try:
            gebruikt[code] = sorted(parse_formule(tekst).namen & formules.keys())
        except FormuleFout:
            gebruikt[code] = []  # reported with its line when the row is saved
    volgorde, kringen = volgorde_en_kringen(gebruikt)
    diepte: dict[str, int] = {}
    for code in volgorde:  # inputs first; a circle's closing reference counts as depth 0
        diepte[code] = max((diepte.get(n, 0) + 1 for n in gebruikt[code]), default=0)
    fouten: list[Fout] = []
    in_kring: set[str] = set()
    for kring in kringen:
        in_kring.update(kring)
        regels = sorted({regel_van[c] for c in kring if c in regel_van})
        ook = f" (ook regel {', '.join(map(str, regels[1:]))})" if len(regels) > 1 else ""
        fouten.append(Fout(regels[0] if regels else None, f"kringverwijzing in formules: {' -> '.join(kring)}{ook}"))
    return diepte, fouten, in_kring


# --- CBS tables with an extra dimension (e.g. 47018NED: SoortMisdrijf) -----------------------------

# Columns cbsodataR adds to a downloaded table (not CBS's): the row index, labels and period dates.
_CBSODATAR_KOLOMMEN = {"", "ID", "Perioden_Date", "Perioden_freq"}


def lees_categorieen(pad: Path, *, met_status: bool = False) -> dict[str, tuple]:
    """A dimension's categories (Key -> (Title, Description[, Status])), as OData JSON or cbsodataR CSV."""
    if pad.suffix.lower() == ".csv":
        tabel = lees_tabel(pad)
        items: object = [dict(zip(tabel.kolommen, cellen, strict=True)) for _, cellen in tabel.rijen]
    else:
        data = lees_json(pad)
        items = data.get("value") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) and i.get("Key") for i in items):
        raise ImportFout([Fout(None, "verwacht een lijst categorieën met Key en Title")], str(pad))
    return {
        str(i["Key"]).strip(): (str(i.get("Title") or i["Key"]).strip(), str(i.get("Description") or "").strip())
        + ((str(i.get("Status") or "").strip(),) if met_status else ())
        for i in items
    }


def _records(pad: Path) -> tuple[list[tuple[int, dict]], str, str]:
    """(record number or line, {column: cell}), the decimal sign, and how records are counted."""
    if pad.suffix.lower() == ".json":
        data = lees_json(pad)
        waarden = data.get("value") if isinstance(data, dict) else data
        if not isinstance(waarden, list) or not all(isinstance(r, dict) for r in waarden):
            raise ImportFout([Fout(None, 'verwacht OData {"value": [...]} met records')], str(pad))
        return list(enumerate(waarden, start=1)), ".", "record"
    tabel = lees_tabel(pad)
    return [(r, dict(zip(tabel.kolommen, c, strict=True))) for r, c in tabel.rijen], tabel.decimaalteken, "regel"


def cbs_tabel_importeren(
    pad: str | Path,
    *,
    metadata: str | Path,
    dimensies: Mapping[str, str | Path] | None = None,
    tabel: str | None = None,
    periode: str | None = None,
    maak_gebieden: bool = False,
    namen: dict[str, str] | None = None,
    skip_bad: bool = False,
    voortgang: Voortgang | None = None,
) -> Rapport:
    """Import any CBS OData table: KWB-like ones go to `kwb_importeren`; a table with an extra
    dimension (47018NED: SoortMisdrijf) becomes one indicator per measure and category, named
    from the category titles in the table's metadata. All or nothing, idempotent.
    """
    pad, metadata = Path(pad), Path(metadata)
    tabel = (tabel or tabel_uit_bestandsnaam(pad) or "").upper()
    if not tabel:
        raise ImportFout([Fout(None, "onbekende CBS-tabel: geef --tabel op (bijv. 47018NED)")], str(pad))
    try:
        eigenschappen = lees_eigenschappen(metadata)
        dims = extra_dimensies(eigenschappen)
        maten = lees_dataproperties(eigenschappen) if dims else None
    except (ValueError, OverflowError) as exc:
        raise ImportFout([Fout(None, f"DataProperties: {exc}")], str(metadata)) from exc
    if not dims:
        return kwb_importeren(
            pad, tabel=tabel, periode=periode, metadata=metadata, maak_gebieden=maak_gebieden, namen=namen,
            skip_bad=skip_bad, voortgang=voortgang,
        )
    if len(dims) > 1:
        raise ImportFout([Fout(None, f"{tabel} heeft meer dan één extra dimensie ({', '.join(dims)})")], str(pad))
    dim = dims[0]
    bestand_dim = (dimensies or {}).get(dim)
    if not bestand_dim:
        melding = f"{tabel} heeft de dimensie {dim}: geef de categorieën mee ({dim}.json)"
        raise ImportFout([Fout(None, melding)], str(pad))
    categorieen = lees_categorieen(Path(bestand_dim))
    # The table's periods with CBS's status (Definitief, Voorlopig): a provisional period's figures are
    # provisional, and a period the table does not have is an error.
    perioden: dict[str, str] | None = None
    for tijd in tijd_dimensies(eigenschappen):
        if dimensies and dimensies.get(tijd):
            perioden = {}
            for key, (_titel, _oms, status) in lees_categorieen(Path(dimensies[tijd]), met_status=True).items():
                perioden[key] = PERIODE_STATUS.get(status.lower(), Status.BESCHIKBAAR)
    records, decimaalteken, regelsoort = _records(pad)
    if not records:
        raise ImportFout([Fout(None, "het bestand bevat geen rijen")], str(pad))
    if voortgang:
        voortgang(f"{pad.name}: {len(records)} rijen, dimensie {dim} met {len(categorieen)} categorieën")

    assert maten is not None  # read above whenever the table has an extra dimension
    per_sleutel = {m.sleutel: m for m in maten}
    tekst = {str(i["Key"]).strip() for i in eigenschappen if i.get("Type") == "Topic" and i.get("Key")} - set(
        per_sleutel
    )
    kolommen = list(dict.fromkeys(k for _, r in records for k in r))
    regio = next((k for k in kolommen if k.strip().lower() in REGIO_KOLOMMEN), None)
    fouten = []
    if regio is None:
        fouten.append(Fout(1, "geen kolom WijkenEnBuurten"))
    if dim not in kolommen:
        fouten.append(Fout(1, f"geen kolom {dim}"))
    onbekend = [
        k for k in kolommen
        if k not in per_sleutel and k not in tekst and k not in {regio, dim, "Perioden"} | _CBSODATAR_KOLOMMEN
        and not k.endswith("_label")
    ]
    fouten += [Fout(1, f"kolom '{k}' is geen maat of dimensie van {tabel}") for k in onbekend]
    maatkolommen = [k for k in kolommen if k in per_sleutel]
    if not maatkolommen:
        fouten.append(Fout(1, f"het bestand bevat geen enkele maat van {tabel}"))
    if fouten:
        raise ImportFout(fouten, str(pad))

    # One indicator per measure and category that occurs in the file.
    aanwezig = sorted({str(r.get(dim) or "").strip() for _, r in records} & set(categorieen))
    afgeleid: dict[tuple[str, str], CbsMaat] = {}
    for sleutel in maatkolommen:
        maat = per_sleutel[sleutel]
        for cat in aanwezig:
            titel, omschrijving = categorieen[cat]
            totaal = is_totaal(cat, titel)
            afgeleid[(sleutel, cat)] = replace(
                maat,
                sleutel=f"{sleutel}|{cat}"[:120],
                code=categorie_code(maat.code, titel, totaal=totaal),
                naam=(maat.naam if totaal else f"{maat.naam}: {titel}")[:200],
                definitie="\n\n".join(t for t in (omschrijving, maat.definitie) if t),
                groep=" / ".join(t for t in (maat.groep, f"{dim} {cat}") if t),
            )
    codes_ = [m.code for m in afgeleid.values()]
    if dubbel := sorted({c for c in codes_ if codes_.count(c) > 1}):
        raise ImportFout([Fout(None, f"categorieën geven dubbele indicatorcodes: {', '.join(dubbel)}")], str(pad))

    def rijen():
        for regel, record in records:
            gebied = codes.normaliseer(str(record.get(regio) or ""))
            cat = str(record.get(dim) or "").strip()
            per = record.get("Perioden") if record.get("Perioden") not in (None, "") else periode
            if not codes.is_cbs_code(gebied):
                yield Invoerrij(regel, gebied, "", None, None, fout=f"'{record.get(regio)}' is geen CBS-gebiedscode")
                continue
            if cat not in categorieen:
                melding = f"{dim} '{cat}' staat niet in de metadata van {tabel}"
                yield Invoerrij(regel, gebied, "", None, None, fout=melding)
                continue
            if per is None:
                yield Invoerrij(regel, gebied, "", None, None, fout="geen periode: geef --periode op")
                continue
            periode_status = Status.BESCHIKBAAR
            if perioden is not None:
                if str(per).strip() not in perioden:
                    melding = f"periode '{per}' staat niet in de Perioden van {tabel}"
                    yield Invoerrij(regel, gebied, "", per, None, fout=melding)
                    continue
                periode_status = perioden[str(per).strip()]
            for sleutel in maatkolommen:
                code = afgeleid[(sleutel, cat)].code
                try:
                    gelezen = lees_cbs_waarde(record.get(sleutel), decimaalteken=decimaalteken)
                except (ValueError, OverflowError) as exc:
                    yield Invoerrij(regel, gebied, code, per, None, fout=f"{gebied}, kolom {sleutel}: {exc}")
                    continue
                if periode_status != Status.BESCHIKBAAR and gelezen.status == Status.BESCHIKBAAR:
                    woord = "nader voorlopig" if periode_status == Status.NADER_VOORLOPIG else "voorlopig"
                    reden = f"CBS: de cijfers over {_periode_tekst(per)} zijn {woord}"
                    gelezen = Gelezen(gelezen.waarde, periode_status, reden)
                yield Invoerrij(regel, gebied, code, per, gelezen)

    bron = tabel_bron(tabel)
    with transaction.atomic():
        cbs_metadata_importeren(
            list(afgeleid.values()), tabel=tabel, bron=bron,
            dataset_code="cbs-reeksen" if tabel in POLITIE_TABELLEN else None,
        )
        if maak_gebieden:
            gebieden_aanmaken(
                {c for _, r in records if codes.is_cbs_code(c := codes.normaliseer(str(r.get(regio) or "")))},
                namen=namen or {},
            )
        return waarden_importeren(
            rijen(), bron=bron, skip_bad=skip_bad, bestand=str(pad), voortgang=voortgang, regelsoort=regelsoort
        )


def _periode_tekst(ruw) -> str:
    try:
        return normaliseer_periode(ruw)
    except OngeldigePeriode:
        return str(ruw)


# --- files in which a repository's author renamed CBS columns (tmap, cbsodataR users) ---------------


def lees_kolomkoppeling(pad: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """The one statement of how an author's column names map onto the portal's indicator codes:
    per file, column -> (indicator code or '' to leave it out, reason)."""
    tabel = lees_tabel(pad)
    ontbrekend = [k for k in ("bestand", "kolom", "indicator", "toelichting") if k not in tabel.kolommen]
    if ontbrekend:
        raise ImportFout([Fout(1, f"kolom(men) ontbreken: {', '.join(ontbrekend)}")], str(pad))
    index = {k: tabel.kolommen.index(k) for k in ("bestand", "kolom", "indicator", "toelichting")}
    uit: dict[str, dict[str, tuple[str, str]]] = {}
    fouten = []
    for regel, cellen in tabel.rijen:
        bestand, kolom, indicator, reden = (cellen_als_tekst(cellen[index[k]]) for k in index)
        if kolom in uit.setdefault(bestand, {}):
            fouten.append(Fout(regel, f"{bestand}: kolom {kolom} staat dubbel"))
        if not indicator and not reden:
            fouten.append(Fout(regel, f"{bestand}: kolom {kolom} wordt weggelaten zonder reden"))
        uit[bestand][kolom] = (indicator, reden)
    if fouten:
        raise ImportFout(fouten, str(pad))
    return uit


def hernoemd_importeren(
    pad: str | Path,
    *,
    koppeling: str | Path,
    gebied_kolom: str,
    periode: str,
    bron: str,
    naam_kolom: str | None = None,
    code_voorvoegsel: str = "",
    alleen_bestaande_gebieden: bool = False,
    voortgang: Voortgang | None = None,
) -> Rapport:
    """A CBS file whose columns an author renamed, read through the column mapping file.

    Every column must be in the mapping (as an indicator or as left out, with the reason).
    `alleen_bestaande_gebieden`: rows of gemeenten that no longer exist in the portal's indeling
    (merged since) are left out and counted in the report, never created. Names from `naam_kolom`
    fill only gebieden that have no name yet.
    """
    pad = Path(pad)
    regels = lees_kolomkoppeling(Path(koppeling)).get(pad.name)
    if not regels:
        raise ImportFout([Fout(None, f"{pad.name} staat niet in de kolomkoppeling {Path(koppeling).name}")], str(pad))
    tabel = lees_tabel(pad)
    fouten = [Fout(1, f"kolom '{k}' staat niet in de kolomkoppeling") for k in tabel.kolommen if k not in regels]
    fouten += [Fout(1, f"kolom '{k}' uit de kolomkoppeling ontbreekt") for k in regels if k not in tabel.kolommen]
    if gebied_kolom not in tabel.kolommen:
        fouten.append(Fout(1, f"geen gebiedskolom '{gebied_kolom}'"))
    if fouten:
        raise ImportFout(fouten, str(pad))
    maten = [(tabel.kolommen.index(k), ind) for k, (ind, _) in regels.items() if ind]
    gi = tabel.kolommen.index(gebied_kolom)
    ni = tabel.kolommen.index(naam_kolom) if naam_kolom else None
    bestaand = set(Gebied.objects.values_list("code", flat=True))
    weg: list[str] = []
    records = []
    for regel, cellen in tabel.rijen:
        code = codes.normaliseer(code_voorvoegsel + cellen_als_tekst(cellen[gi]))
        if alleen_bestaande_gebieden and codes.is_cbs_code(code) and code not in bestaand:
            weg.append(code)
            continue
        records.append((regel, code, cellen))

    def rijen():
        for regel, code, cellen in records:
            for i, indicator in maten:
                try:
                    gelezen = lees_cbs_waarde(cellen[i], decimaalteken=tabel.decimaalteken)
                except (ValueError, OverflowError) as exc:
                    melding = f"{code}, kolom {tabel.kolommen[i]}: {exc}"
                    yield Invoerrij(regel, code, indicator, periode, None, fout=melding)
                    continue
                yield Invoerrij(regel, code, indicator, periode, gelezen)

    with transaction.atomic():
        rapport = waarden_importeren(rijen(), bron=bron, bestand=str(pad), voortgang=voortgang)
        if ni is not None:
            namen = {code: cellen_als_tekst(cellen[ni]) for _, code, cellen in records}
            zonder = Gebied.objects.filter(code__in=namen, naam="")
            for gebied in zonder:
                gebied.naam = namen[gebied.code][:200]
            Gebied.objects.bulk_update(list(zonder), ["naam"])
    if weg and voortgang:
        voortgang(
            f"{len(weg)} gemeenten bestaan niet meer in de huidige indeling (opgegaan in een fusie) en zijn "
            f"niet geladen: {', '.join(sorted(weg)[:8])}{' ...' if len(weg) > 8 else ''}"
        )
    return rapport
