from pathlib import Path

from indicatoren.importers import lang_importeren

from ._basis import ImportCommand


class Command(ImportCommand):
    help = (
        "Importeer waarden in lange vorm (CSV of XLSX) met de kolommen indicator, gebied, periode, waarde "
        "en optioneel status, bron en toelichting: het formaat waarin partners leveren."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--bron", help="bron voor rijen zonder eigen bronkolom (standaard: de bestandsnaam)")
        self.add_skip_bad(parser)

    def handle(self, *args, bestand, bron, skip_bad, **options):
        self.voer_uit(bestand, lang_importeren, bestand, bron=bron or Path(bestand).name, skip_bad=skip_bad)
