"""The portal's MOR categories and how each source's own categories map onto them: two CSV files in the repo
(fixtures/mor/), paths in settings (MOR_CATEGORIELIJST, MOR_CATEGORIEEN), so a municipality edits a file, not
code. A source's category is matched case-insensitively on its code or name; for Signalen the subcategory
(`sub_slug`) first, then its main category (`main_slug`). A row with `*` as external category catches the rest
of that source."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from lib.importrapport import Fout, ImportFout, lees_tekst

ALLES = "*"


@dataclass(frozen=True)
class Categoriekoppeling:
    categorieen: dict[str, str]  # code -> name, in the file's order
    per_bron: dict[str, dict[str, str]]  # source -> external (lower case) -> MOR code

    def zoek(self, bron: str, *kandidaten: str) -> str | None:
        tabel = self.per_bron.get(bron.lower(), {})
        for kandidaat in kandidaten:
            if kandidaat and (gevonden := tabel.get(kandidaat.strip().lower())):
                return gevonden
        return tabel.get(ALLES)


def _rijen(pad: Path, kolommen: set[str]) -> list[tuple[int, dict]]:
    lezer = csv.DictReader(io.StringIO(lees_tekst(pad)))
    ontbreekt = kolommen - set(lezer.fieldnames or [])
    if ontbreekt:
        raise ImportFout([Fout(None, f"kolom(men) {', '.join(sorted(ontbreekt))} ontbreken")], str(pad))
    return [(n, {k: (v or "").strip() for k, v in r.items() if k}) for n, r in enumerate(lezer, start=2)]


def lees_koppeling(lijst: str | Path | None = None, koppeling: str | Path | None = None) -> Categoriekoppeling:
    lijst = Path(lijst or settings.MOR_CATEGORIELIJST)
    koppeling = Path(koppeling or settings.MOR_CATEGORIEEN)
    categorieen = {r["code"]: r["naam"] for _, r in _rijen(lijst, {"code", "naam"}) if r["code"]}
    fouten: list[Fout] = []
    per_bron: dict[str, dict[str, str]] = {}
    for regel, r in _rijen(koppeling, {"bron", "extern", "categorie"}):
        if r["categorie"] not in categorieen:
            fouten.append(Fout(regel, f"MOR-categorie '{r['categorie']}' staat niet in {lijst.name}"))
            continue
        tabel = per_bron.setdefault(r["bron"].lower(), {})
        sleutel = r["extern"].lower()
        if sleutel in tabel and tabel[sleutel] != r["categorie"]:
            fouten.append(Fout(regel, f"'{r['extern']}' van {r['bron']} staat er twee keer, met andere categorieën"))
        tabel[sleutel] = r["categorie"]
    if fouten:
        raise ImportFout(fouten, str(koppeling))
    return Categoriekoppeling(categorieen, per_bron)
