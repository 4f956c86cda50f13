"""Shared shapes for every importer: a bad row is reported with its line number.

Lives in `lib` (shared plumbing, no models): every app may import it.
"""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Fout:
    regel: int | None  # line (CSV), row (XLSX), feature or record number, 1-based; None = whole file
    melding: str
    soort: str = "regel"  # what `regel` counts: "regel", or "feature" for a GeoJSON feature

    def __str__(self) -> str:
        return self.melding if self.regel is None else f"{self.soort} {self.regel}: {self.melding}"


# A report names at most this many problems, and always says how many there are in all: a file of a
# million bad rows must not become a report of a hundred megabytes (API answer or terminal).
MAX_GEMELD = 1000


class ImportFout(Exception):
    """The file cannot be imported; nothing was written. Carries every problem found."""

    def __init__(self, fouten: list[Fout], bestand: str | None = None):
        self.fouten = list(fouten)
        self.bestand = bestand
        super().__init__(str(self))

    def __str__(self) -> str:
        kop = f"{self.bestand}: " if self.bestand else ""
        aantal = len(self.fouten)
        regels = "\n".join(f"  {f}" for f in self.fouten[:MAX_GEMELD])
        meer = ""
        if aantal > MAX_GEMELD:
            meer = f"\n  ... en nog {aantal - MAX_GEMELD} fouten (de eerste {MAX_GEMELD} staan hierboven)"
        return f"{kop}{aantal} fout(en), er is niets geïmporteerd:\n{regels}{meer}"


@dataclass
class Rapport:
    gelezen: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    overgeslagen: list[Fout] = field(default_factory=list)

    def samenvatting(self) -> str:
        tekst = (
            f"{self.gelezen} gelezen: {self.nieuw} nieuw, {self.gewijzigd} gewijzigd, {self.ongewijzigd} ongewijzigd"
        )
        if self.overgeslagen:
            tekst += f", {len(self.overgeslagen)} overgeslagen"
        return tekst


def lees_tekst(pad: str | Path) -> str:
    """Read a text file as UTF-8 (with or without BOM); a wrong encoding is a clear ImportFout."""
    pad = Path(pad)
    try:
        data = pad.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFout([Fout(None, f"bestand '{pad}' bestaat niet")], str(pad)) from exc
    if not data.strip():
        raise ImportFout([Fout(None, "het bestand is leeg")], str(pad))
    kop = data[:4096]
    # UTF-16 with a BOM, or without one: then every other byte of plain text is NUL.
    if kop[:2] in (b"\xff\xfe", b"\xfe\xff") or max(kop[0::2].count(0), kop[1::2].count(0)) * 4 >= len(kop):
        raise ImportFout([Fout(None, "het bestand is UTF-16; sla het op als UTF-8 (CSV UTF-8 in Excel)")], str(pad))
    if b"\x00" in kop:
        soort = " (het lijkt een Excel- of zipbestand)" if kop.startswith(b"PK") else ""
        raise ImportFout([Fout(None, f"het bestand is geen tekstbestand{soort}")], str(pad))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        regel = data[: exc.start].count(b"\n") + 1
        raise ImportFout(
            [
                Fout(
                    regel,
                    f"ongeldige UTF-8 (byte 0x{data[exc.start]:02x}); het bestand lijkt een andere "
                    "tekenset te hebben (bijv. Windows-1252). Sla het op als UTF-8.",
                )
            ],
            str(pad),
        ) from exc
