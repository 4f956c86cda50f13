"""Importers for CBS Kerncijfers, other CBS series and partners' long-format files.

Each importer turns its file into `Invoerrij` records and hands them to `waarden_importeren`,
which validates all of them before writing anything. One module per kind of file:

- `kwb`: CBS Kerncijfers Wijken en Buurten, and the areas its files name (`gebieden_aanmaken`);
- `lang`: other CBS series per area, and partners' long format;
- `catalogus`: the portal's indicator catalogue;
- `cbs_tabel`: CBS tables with an extra dimension, and files with renamed CBS columns.
"""

from .catalogus import CATALOGUS_KOLOMMEN, catalogus_importeren
from .cbs_tabel import cbs_tabel_importeren, hernoemd_importeren, lees_categorieen, lees_kolomkoppeling
from .kwb import (
    ANALYZE_GEBIEDEN_VANAF,
    KWB_TEKST,
    gebieden_aanmaken,
    kwb_bron,
    kwb_importeren,
    lees_eigenschappen,
    tabel_bron,
    tabel_uit_bestandsnaam,
)
from .lang import lang_importeren, lees_lang, reeks_importeren

__all__ = [
    "ANALYZE_GEBIEDEN_VANAF",
    "CATALOGUS_KOLOMMEN",
    "KWB_TEKST",
    "catalogus_importeren",
    "cbs_tabel_importeren",
    "gebieden_aanmaken",
    "hernoemd_importeren",
    "kwb_bron",
    "kwb_importeren",
    "lang_importeren",
    "lees_categorieen",
    "lees_eigenschappen",
    "lees_kolomkoppeling",
    "lees_lang",
    "reeks_importeren",
    "tabel_bron",
    "tabel_uit_bestandsnaam",
]
