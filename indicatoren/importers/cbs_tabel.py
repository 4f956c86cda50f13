"""CBS tables with an extra dimension (e.g. 47018NED: SoortMisdrijf), and files in which a repository's
author renamed CBS columns (tmap, cbsodataR users)."""

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from django.db import transaction

from lib.importrapport import Fout, ImportFout, Rapport
from lib.perioden import OngeldigePeriode, normaliseer_periode
from wijken import codes
from wijken.models import Gebied

from ..cbs import (
    PERIODE_STATUS,
    POLITIE_TABELLEN,
    CbsMaat,
    Gelezen,
    categorie_code,
    extra_dimensies,
    is_totaal,
    lees_cbs_waarde,
    lees_dataproperties,
    tijd_dimensies,
)
from ..lezers import (
    cellen_als_tekst,
    lees_json,
    lees_tabel,
)
from ..lezers_kwb import REGIO_KOLOMMEN
from ..models import Status
from ..services import Invoerrij, Voortgang, cbs_metadata_importeren, waarden_importeren
from .kwb import gebieden_aanmaken, kwb_importeren, lees_eigenschappen, tabel_bron, tabel_uit_bestandsnaam

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
            pad,
            tabel=tabel,
            periode=periode,
            metadata=metadata,
            maak_gebieden=maak_gebieden,
            namen=namen,
            skip_bad=skip_bad,
            voortgang=voortgang,
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
        if bestand_tijd := (dimensies or {}).get(tijd):
            perioden = {}
            for key, (_titel, _oms, status) in lees_categorieen(Path(bestand_tijd), met_status=True).items():
                perioden[key] = PERIODE_STATUS.get(status.lower(), Status.BESCHIKBAAR)
    records, decimaalteken, regelsoort = _records(pad)
    if not records:
        raise ImportFout([Fout(None, "het bestand bevat geen rijen")], str(pad))
    if voortgang:
        voortgang(f"{pad.name}: {len(records)} rijen, dimensie {dim} met {len(categorieen)} categorieën")

    assert maten is not None  # read above whenever there are extra dimensions
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
        k
        for k in kolommen
        if k not in per_sleutel
        and k not in tekst
        and k not in {regio, dim, "Perioden"} | _CBSODATAR_KOLOMMEN
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
                yield Invoerrij(
                    regel, gebied, "", None, None, fout=f"{dim} '{cat}' staat niet in de metadata van {tabel}"
                )
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
            list(afgeleid.values()),
            tabel=tabel,
            bron=bron,
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
                    yield Invoerrij(
                        regel, code, indicator, periode, None, fout=f"{code}, kolom {tabel.kolommen[i]}: {exc}"
                    )
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
