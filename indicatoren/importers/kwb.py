"""CBS Kerncijfers Wijken en Buurten (KWB): its files into `Invoerrij` records, and the areas they name."""

import re
from pathlib import Path

from django.db import transaction

from lib.importrapport import Fout, ImportFout, Rapport
from wijken import codes
from wijken.models import Gebied
from wijken.signals import gebieden_gewijzigd

from ..cbs import (
    KWB_TABELLEN,
    POLITIE_TABELLEN,
    dataproperties_uit_csv,
    lees_cbs_waarde,
    lees_dataproperties,
    sleutel_basis,
    stabiele_code,
)
from ..lezers import (
    lees_json,
    lees_tabel,
)
from ..lezers_kwb import KwbBestand, lees_kwb
from ..models import CbsSleutel, Indicator
from ..services import Invoerrij, Voortgang, cbs_metadata_importeren, waarden_importeren

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
