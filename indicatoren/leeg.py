"""Empty states that help: which data would fill a page or section, and how a beheerder loads it.

Plain functions (no ORM, no request), so every page words it the same way and the texts are tested without
a database. They name the load path per kind of source, whatever is loaded at the moment:

- CBS (all KWB editions, the police table, the solar series; gemeente, wijk, buurt and Nederland):
  `load_cbs --gemeente <code>` on a machine with internet, or one KWB table with `import_cbs_kwb --download`;
- a partner's own figures: the upload API `/api/v1/waarden/upload/` or `import_waarden <file>`;
- signals: counted from the signals themselves by `publiceer_signalen`;
- MOR reports (meldingen openbare ruimte): imported and counted by `import_mor`.
"""

from dataclasses import dataclass

KWB_TABEL = "85984NED"  # Kerncijfers wijken en buurten 2024: the edition the fixtures hold
UPLOAD_URL = "/api/v1/waarden/upload/"


@dataclass(frozen=True)
class Aanvulling:
    """One way to load the missing data: what it brings, and the command or address to use."""

    tekst: str
    commando: str = ""
    url: str = ""


@dataclass(frozen=True)
class Leeg:
    titel: str
    uitleg: str
    aanvullingen: tuple[Aanvulling, ...]


def cbs_laden(gemeente_code: str) -> Aanvulling:
    return Aanvulling(
        "CBS-cijfers (alle edities van de Kerncijfers wijken en buurten, geregistreerde misdrijven, zonnestroom; "
        "gemeente, wijken, buurten en Nederland) op een machine met internet",
        f"python manage.py load_cbs --gemeente {gemeente_code}",
    )


def kwb_laden(gemeente_code: str, tabel: str = KWB_TABEL) -> Aanvulling:
    return Aanvulling(
        f"één editie van de CBS Kerncijfers wijken en buurten ({tabel})",
        f"python manage.py import_cbs_kwb --download {tabel} --gemeente {gemeente_code}",
    )


def partner_laden() -> Aanvulling:
    return Aanvulling(
        "eigen cijfers van een partner (CSV of XLSX: indicator, gebied, periode, waarde), door de partner via de "
        "API of door een beheerder",
        "python manage.py import_waarden BESTAND.csv",
        UPLOAD_URL,
    )


def signalen_laden() -> Aanvulling:
    return Aanvulling(
        "de maandcijfers van de signalen (tellingen per wijk en buurt, per 1.000 inwoners)",
        "python manage.py publiceer_signalen",
    )


def mor_laden() -> Aanvulling:
    return Aanvulling(
        "de meldingen openbare ruimte uit het meldingensysteem (Signalen: GeoJSON of CSV, of een andere CSV-export "
        "met id, categorie, datum en coördinaten of buurtcode), geteld per buurt en wijk per maand",
        "python manage.py import_mor BESTAND.geojson (of --download van MOR_SIGNALEN_URL)",
    )


def voor_dataset(dataset_code: str, gemeente_code: str, eigenaar_soort: str = "") -> tuple[Aanvulling, ...]:
    """How the values of one dataset are loaded (by its code and owner)."""
    if dataset_code == "signalen":
        return (signalen_laden(),)
    if dataset_code == "mor":
        return (mor_laden(),)
    if dataset_code.startswith("cbs") or eigenaar_soort == "bron":
        return (cbs_laden(gemeente_code), kwb_laden(gemeente_code))
    if dataset_code == "wijkportaal":
        return (
            Aanvulling(
                "afgeleide cijfers worden berekend zodra hun invoer geladen is (bij elke import), of opnieuw met",
                "python manage.py import_indicatoren fixtures/indicatoren.csv",
            ),
        )
    return (partner_laden(),)


def profiel_leeg(gebied_naam: str, gemeente_code: str) -> Leeg:
    return Leeg(
        f"Nog geen cijfers voor {gebied_naam}",
        "Dit profiel vult zich met de cijfers die voor dit gebied geladen zijn en die u mag zien. "
        "Een beheerder laadt ze zo:",
        (cbs_laden(gemeente_code), kwb_laden(gemeente_code), partner_laden()),
    )


def kaart_leeg(meervoud: str, gemeente_code: str) -> Leeg:
    return Leeg(
        f"Nog geen cijfers per {meervoud[:-2] if meervoud.endswith('en') else meervoud}",
        f"De kaart kleurt de {meervoud} naar een indicator met jaar- of maandcijfers per gebied. "
        "Een beheerder laadt ze zo:",
        (cbs_laden(gemeente_code), kwb_laden(gemeente_code), partner_laden()),
    )


def trend_leeg(indicator_naam: str, gebied_naam: str, aanvullingen: tuple[Aanvulling, ...]) -> Leeg:
    return Leeg(
        f"Geen cijfers van {indicator_naam.lower()} voor {gebied_naam}",
        "Deze indicator is (nog) niet voor dit gebied geladen. De bron levert het cijfer misschien niet op dit "
        "niveau; anders laadt een beheerder het zo:",
        aanvullingen,
    )


def index_leeg(gebied_naam: str, gemeente_code: str) -> Leeg:
    return Leeg(
        f"Nog geen index voor {gebied_naam}",
        "Een domeinindex heeft per domein indicatoren met een richting (hoger is beter of slechter) nodig, met een "
        "getal voor dit gebied én voor de gemeente. Meer CBS-cijfers vullen hem:",
        (cbs_laden(gemeente_code), kwb_laden(gemeente_code)),
    )


def nederland_niet_geladen(gemeente_code: str) -> str:
    """The reason beside a 'niet geladen' Nederland cell or column."""
    return (
        "er zijn geen landelijke cijfers geladen; ze komen mee met "
        f"python manage.py load_cbs --gemeente {gemeente_code}"
    )
