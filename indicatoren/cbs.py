"""CBS conventions as plain functions: statistical symbols, measure keys, DataProperties.

No ORM here; the importers and services build on these.
"""

import re
from dataclasses import dataclass

from .models import Status

_SUFFIX = re.compile(r"_\d+$")

# KWB tables and the year (and indeling) they describe. Other tables: pass --periode.
# Each edition is its own StatLine table; the ids of 2014-2018 were checked against public code that
# downloads them with cbsodataR/OData (e.g. reidhin/grenswijzigen uses 83765NED 2017 and 84286NED 2018).
KWB_TABELLEN = {
    "82931NED": 2014,
    "83220NED": 2015,
    "83487NED": 2016,
    "83765NED": 2017,
    "84286NED": 2018,
    "84583NED": 2019,
    "84799NED": 2020,
    "85039NED": 2021,
    "85318NED": 2022,
    "85618NED": 2023,
    "85984NED": 2024,
}

# CBS tables published for the Politie, served by CBS's "dataderden" OData service (CBS_POLITIE_ODATA_URL).
POLITIE_TABELLEN = {"47018NED": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt"}

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
    "geregistreerde misdrijven": "veiligheid",
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


# Concepts whose key (not only its suffix) differs between tables, mapped onto the portal's one code.
# Stated here, never guessed from similar names: the key without suffix as CBS wrote it in that table.
CODE_ALIASSEN = {
    "GemiddeldeWoningwaarde": "GemiddeldeWOZWaardeVanWoningen",  # KWB 2014-2018: "Gemiddelde woningwaarde"
}
# The same for measures known by their title only (tables the portal has no key list of).
TITEL_ALIASSEN = {
    "opgesteld vermogen van zonnepanelen": "ZonnestroomVermogenWoningen",  # CBS Zonnestroom per buurt
}


def sleutel_basis(sleutel: str) -> str:
    """'AantalInwoners_5' -> 'AantalInwoners': the suffix is the column position in one edition."""
    return _SUFFIX.sub("", sleutel.strip())


def stabiele_code(sleutel: str, titel: str = "") -> str:
    """The portal's indicator code for a CBS key: without its per-edition suffix, and with the
    aliases above applied, so every edition of one concept feeds one indicator."""
    basis = sleutel_basis(sleutel)
    schoon = re.sub(r"\s*\([^)]*\)\s*$", "", titel.strip()).strip().lower()
    return TITEL_ALIASSEN.get(schoon) or CODE_ALIASSEN.get(basis, basis)


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
        per_basis.setdefault(stabiele_code(item["Key"], item.get("Title") or ""), []).append(item)

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
                    domein=domein_voor_groep(keten[-1] if keten else titel),
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


def dataproperties_uit_csv(rijen: list[dict]) -> list[dict]:
    """DataProperties as cbsodataR writes them to CSV (every cell text, empty for null) -> OData items."""
    uit = []
    for rij in rijen:
        item = {}
        for k, v in rij.items():
            if k is None or k == "":
                continue
            v = (v or "").strip() if isinstance(v, str) or v is None else v
            if k in {"ID", "ParentID", "Position", "Decimals"}:
                try:
                    v = int(v) if v not in ("", None) else None
                except ValueError as exc:
                    raise ValueError(f"DataProperties: {k} '{v}' is geen geheel getal") from exc
            elif v == "":
                v = None
            item[k] = v
        uit.append(item)
    return uit


# DataProperties types of a table's dimensions; only `Dimension` is an extra one (SoortMisdrijf).
EXTRA_DIMENSIE = "Dimension"


def extra_dimensies(items: list[dict]) -> list[str]:
    """The keys of a table's extra dimensions (besides region and period), e.g. ['SoortMisdrijf']."""
    return [str(i["Key"]).strip() for i in items if i.get("Type") == EXTRA_DIMENSIE and i.get("Key")]


def tijd_dimensies(items: list[dict]) -> list[str]:
    """The keys of a table's period dimension ('Perioden'), whose categories carry CBS's status."""
    return [str(i["Key"]).strip() for i in items if i.get("Type") == "TimeDimension" and i.get("Key")]


# The status CBS gives a period in its Perioden dimension -> the status of every figure of that period.
PERIODE_STATUS = {
    "definitief": Status.BESCHIKBAAR,
    "voorlopig": Status.VOORLOPIG,
    "nader voorlopig": Status.NADER_VOORLOPIG,
}


_NUMMER_VOOR = re.compile(r"^\d+(\.\d+)*\s+")


def categorie_code(maatcode: str, titel: str, *, totaal: bool) -> str:
    """'GeregistreerdeMisdrijven' + '1.1.1 Diefstal/inbraak woning' -> 'GeregistreerdeMisdrijven.DiefstalInbraakWoning';
    the total category keeps the measure's own code."""
    if totaal:
        return maatcode
    return f"{maatcode}.{_camel(_NUMMER_VOOR.sub('', titel.strip()))}"


def is_totaal(sleutel: str, titel: str) -> bool:
    """CBS's total of a dimension: key 'T001...'/'0.0.0' or a title 'Totaal ...'."""
    s = sleutel.strip()
    return s in {"0.0.0", "T001"} or s.startswith("T00") or titel.strip().lower().startswith("totaal")
