"""CBS conventions as plain functions: statistical symbols, measure keys, DataProperties.

No ORM here; the importers and services build on these.
"""

import re
from dataclasses import dataclass

from .models import Status

_SUFFIX = re.compile(r"_\d+$")

# KWB tables and the year (and indeling) they describe. Other tables: pass --periode.
KWB_TABELLEN = {
    "84583NED": 2019,
    "84799NED": 2020,
    "85039NED": 2021,
    "85318NED": 2022,
    "85618NED": 2023,
    "85984NED": 2024,
}

# Top-level topic groups of the KWB tables -> the portal's domains (docs/indicatoren.md).
HOOFDGROEP_DOMEIN = {
    "bevolking": "bevolking",
    "wonen": "wonen",
    "wonen en vastgoed": "wonen",
    "energie": "duurzaamheid",
    "onderwijs": "werk-onderwijs",
    "arbeid": "werk-onderwijs",
    "bedrijfsvestigingen": "werk-onderwijs",
    "inkomen": "inkomen-armoede",
    "sociale zekerheid": "inkomen-armoede",
    "zorg": "zorg-welzijn",
    "criminaliteit": "veiligheid",
    "misdrijven": "veiligheid",
    "motorvoertuigen": "fysieke-leefomgeving",
    "nabijheid voorzieningen": "fysieke-leefomgeving",
    "oppervlakte": "fysieke-leefomgeving",
    "stedelijkheid": "fysieke-leefomgeving",
    "postcode": "overig",
    "regioaanduiding": "overig",
}
NUMERIEKE_TYPES = {"Long", "Double", "Decimal", "Integer", "Float", "Short", "Byte"}

# The Wijk- en buurtkaart marks missing figures with large negative numbers instead of symbols.
SENTINEL_GRENS = -99990


def sleutel_basis(sleutel: str) -> str:
    """'AantalInwoners_5' -> 'AantalInwoners': the suffix is the column position in one edition."""
    return _SUFFIX.sub("", sleutel.strip())


def domein_voor_groep(hoofdgroep: str) -> str:
    titel = hoofdgroep.strip().lower()
    for sleutel, domein in HOOFDGROEP_DOMEIN.items():
        if titel == sleutel or titel.startswith(sleutel + ","):
            return domein
    return "overig"


@dataclass(frozen=True)
class Gelezen:
    waarde: float | None
    status: str
    toelichting: str = ""


_SYMBOLEN = {
    ".": Gelezen(None, Status.ONBEKEND, "CBS: onbekend, onvoldoende betrouwbaar of geheim (.)"),
    "x": Gelezen(None, Status.GEHEIM, "CBS: geheim (x)"),
    "-": Gelezen(None, Status.NIHIL, "CBS: nihil (-)"),
    "?": Gelezen(None, Status.ONBETROUWBAAR, "CBS: cijfer onbetrouwbaar (?)"),
}
_NL_DUIZENDTAL = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_DUIZENDTAL = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def lees_cbs_waarde(ruw, *, decimaalteken: str = ".") -> Gelezen:
    """One cell of a CBS file as value + status. Raises ValueError for anything not a number/symbol.

    `None` (OData null) and an empty cell mean the figure is missing, which CBS writes as '.'.
    """
    soort = type(ruw)
    if soort is float or soort is int:  # the common case (OData numbers) first; a bool is not `int` here
        return _getal(float(ruw))
    if ruw is None:
        return Gelezen(None, Status.ONBEKEND, "CBS: ontbreekt (leeg in bron)")
    if isinstance(ruw, bool):
        raise ValueError(f"'{ruw}' is geen getal")
    if isinstance(ruw, int | float):
        return _getal(float(ruw))
    tekst = str(ruw).strip().replace("\u00a0", " ")
    if tekst == "":
        return Gelezen(None, Status.ONBEKEND, "CBS: ontbreekt (leeg in bron)")
    if (symbool := _SYMBOLEN.get(tekst.lower())) is not None:
        return symbool
    status = Status.BESCHIKBAAR
    if tekst.endswith("**"):
        status, tekst = Status.NADER_VOORLOPIG, tekst[:-2].strip()
    elif tekst.endswith("*"):
        status, tekst = Status.VOORLOPIG, tekst[:-1].strip()
    getal = tekst.replace(" ", "")
    if decimaalteken == ",":
        if "." in getal and not _NL_DUIZENDTAL.match(getal):
            raise ValueError(f"'{ruw}' is geen getal in Nederlandse notatie (1.234,5)")
        getal = getal.replace(".", "").replace(",", ".")
    else:
        if "," in getal:
            if not _EN_DUIZENDTAL.match(getal):
                raise ValueError(f"'{ruw}' is geen getal (decimaalteken is een punt)")
            getal = getal.replace(",", "")
    try:
        waarde = float(getal)
    except ValueError:
        raise ValueError(f"'{ruw}' is geen getal of CBS-symbool (. x - ?)") from None
    if waarde != waarde or waarde in (float("inf"), float("-inf")):
        raise ValueError(f"'{ruw}' is geen eindig getal")
    gelezen = _getal(waarde)
    if gelezen.status == Status.BESCHIKBAAR and status != Status.BESCHIKBAAR:
        return Gelezen(gelezen.waarde, status, "CBS: voorlopig cijfer")
    return gelezen


def _getal(waarde: float) -> Gelezen:
    if waarde - waarde != 0.0:  # NaN or +/-inf (a finite x always gives x - x == 0.0)
        raise ValueError(f"'{waarde}' is geen eindig getal")
    if waarde <= SENTINEL_GRENS and waarde.is_integer():
        return Gelezen(None, Status.ONBEKEND, f"CBS: ontbrekend of geheim (code {int(waarde)})")
    return Gelezen(waarde, Status.BESCHIKBAAR)


@dataclass(frozen=True)
class CbsMaat:
    sleutel: str  # AantalInwoners_5
    code: str  # AantalInwoners, or Groep.Naam where the plain name is ambiguous in the table
    naam: str
    eenheid: str
    decimalen: int
    definitie: str
    groep: str  # Bevolking / Leeftijdsgroepen
    domein: str
    absoluut: bool = False  # a count or total that grows with the size of the area


def is_absoluut(titel: str, eenheid: str, datatype: str) -> bool:
    """Counts and surfaces (whole numbers in 'aantal' or 'ha') that grow with the area's size.

    CBS's PresentationType is no guide here (averages in kWh are 'Absolute' too); an average
    count ('Gemiddelde huishoudensgrootte', 'Scholen binnen 3 km') is not absolute.
    """
    return eenheid.strip().lower() in {"aantal", "ha"} and datatype == "Long" and not titel.lower().startswith("gem")


def _camel(titel: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", titel) if w)


def lees_dataproperties(items: list[dict]) -> list[CbsMaat]:
    """The numeric measures of one CBS table, with portal codes that are unique within it.

    The code is the key without its per-edition suffix. Some names repeat within a table
    (`Appartement` under electricity and under gas); those get the title of the nearest
    ancestor group that tells them apart: `GemiddeldAardgasverbruik.Appartement`.
    """
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError("DataProperties moet een lijst van objecten zijn (OData 'value')")
    groepen = {i["ID"]: i for i in items if i.get("Type") == "TopicGroup" and "ID" in i}

    def voorouders(item) -> list[str]:
        titels, ouder = [], item.get("ParentID")
        while ouder is not None and ouder in groepen:
            titels.append((groepen[ouder].get("Title") or "").strip())
            ouder = groepen[ouder].get("ParentID")
        return titels  # nearest first

    maten = [i for i in items if i.get("Type") == "Topic" and i.get("Datatype") in NUMERIEKE_TYPES and i.get("Key")]
    if not maten:
        raise ValueError("DataProperties bevat geen numerieke onderwerpen (Topic)")
    per_basis: dict[str, list[dict]] = {}
    for item in maten:
        per_basis.setdefault(sleutel_basis(item["Key"]), []).append(item)

    resultaat = []
    for basis, groep_items in per_basis.items():
        ketens = [voorouders(i) for i in groep_items]
        for item, keten in zip(groep_items, ketens, strict=True):
            titel = (item.get("Title") or basis).strip()
            code, naam = basis, titel
            if len(groep_items) > 1:
                niveau = _onderscheidend_niveau(ketens)
                onderscheid = keten[niveau] if niveau < len(keten) else str(item.get("Position", ""))
                code = f"{_camel(onderscheid)}.{basis}"
                naam = f"{onderscheid}: {titel}"
            resultaat.append(
                CbsMaat(
                    sleutel=item["Key"].strip(),
                    code=code,
                    naam=naam,
                    eenheid=(item.get("Unit") or "").strip(),
                    decimalen=int(item.get("Decimals") or 0),
                    definitie=(item.get("Description") or "").strip(),
                    groep=" / ".join(reversed(keten)),
                    domein=domein_voor_groep(keten[-1] if keten else ""),
                    absoluut=is_absoluut(titel, item.get("Unit") or "", item.get("Datatype") or ""),
                )
            )
    codes = [m.code for m in resultaat]
    dubbel = {c for c in codes if codes.count(c) > 1}
    if dubbel:
        raise ValueError(f"DataProperties geeft dubbele indicatorcodes: {', '.join(sorted(dubbel))}")
    return resultaat


def _onderscheidend_niveau(ketens: list[list[str]]) -> int:
    diepte = max(len(k) for k in ketens)
    for niveau in range(diepte):
        titels = [k[niveau] if niveau < len(k) else None for k in ketens]
        if len(set(titels)) == len(titels):
            return niveau
    return diepte
