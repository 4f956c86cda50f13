import tempfile
from pathlib import Path

from django.core.management.base import CommandError

from indicatoren.importers import cbs_tabel_importeren, kwb_importeren
from indicatoren.odata import download_tabel
from lib.importrapport import ImportFout

from ._basis import ImportCommand


class Command(ImportCommand):
    help = (
        "Importeer CBS Kerncijfers wijken en buurten: OData TypedDataSet-JSON, StatLine-CSV met "
        "statistische symbolen of JSON per regio. Met --download haalt het de tabel zelf bij CBS op."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", nargs="?", help="het bestand (niet nodig met --download)")
        parser.add_argument("--tabel", help="CBS-tabel, bijv. 85984NED (standaard: uit de bestandsnaam)")
        parser.add_argument("--periode", help="periode van de cijfers (standaard: het jaar van de KWB-tabel)")
        parser.add_argument(
            "--metadata", help="CBS DataProperties (JSON, of CSV van cbsodataR): maakt of werkt de indicatoren bij"
        )
        parser.add_argument(
            "--dimensie",
            action="append",
            default=[],
            metavar="NAAM=BESTAND",
            help="categorieën van een extra dimensie, bijv. SoortMisdrijf=47018NED_SoortMisdrijf.json "
            "(één indicator per categorie)",
        )
        parser.add_argument(
            "--maak-gebieden",
            action="store_true",
            help="maak ontbrekende gebieden (bijv. alle gemeenten) aan, zonder grens",
        )
        parser.add_argument("--download", metavar="TABEL", help="haal TABEL op bij de CBS OData API")
        parser.add_argument("--gemeente", default="GM0164", help="gemeente voor --download (standaard GM0164)")
        parser.add_argument("--map", help="waar --download de bestanden bewaart (standaard: tijdelijke map)")
        self.add_skip_bad(parser)

    def handle(
        self,
        *args,
        bestand,
        tabel,
        periode,
        metadata,
        dimensie,
        maak_gebieden,
        download,
        gemeente,
        map,
        skip_bad,
        **options,
    ):
        dimensies = {}
        for tekst in dimensie:
            naam, is_, pad = tekst.partition("=")
            if not is_ or not naam.strip() or not pad.strip():
                raise CommandError(f"--dimensie '{tekst}': verwacht NAAM=BESTAND")
            dimensies[naam.strip()] = pad.strip()
        if download:
            doel = Path(map) if map else Path(tempfile.mkdtemp(prefix="cbs-"))
            try:
                bestand, metadata, namen, dimensies = download_tabel(
                    download.upper(), gemeente.upper(), doel, voortgang=self.voortgang
                )
            except ImportFout as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Opgehaald naar {bestand}")
            return self._importeer(
                bestand,
                tabel=download.upper(),
                periode=periode,
                metadata=metadata,
                maak_gebieden=True,
                namen=namen,
                dimensies=dimensies,
                skip_bad=skip_bad,
            )
        if not bestand:
            raise CommandError("geef een bestand op, of --download TABEL")
        return self._importeer(
            bestand,
            tabel=tabel,
            periode=periode,
            metadata=metadata,
            maak_gebieden=maak_gebieden,
            dimensies=dimensies,
            skip_bad=skip_bad,
        )

    def _importeer(self, bestand, *, dimensies=None, **kwargs):
        if kwargs.get("metadata"):  # the metadata says whether the table has an extra dimension
            self.voer_uit(str(bestand), cbs_tabel_importeren, bestand, dimensies=dimensies, **kwargs)
        elif dimensies:
            raise CommandError("--dimensie vraagt ook --metadata (de DataProperties van de tabel)")
        else:
            self.voer_uit(str(bestand), kwb_importeren, bestand, **kwargs)
