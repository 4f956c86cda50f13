from django.core.management.base import BaseCommand, CommandError

from lib.importrapport import ImportFout
from wijken.importers import STANDAARD_BRON, gebieden_importeren


class Command(BaseCommand):
    help = "Importeer CBS wijk- en buurtkaart-grenzen (GeoJSON, WGS84) als gebieden met hun indelingsjaar."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="GeoJSON FeatureCollection met properties statcode en statnaam")
        parser.add_argument("--jaar", type=int, help="indelingsjaar (standaard: uit jrstatcode)")
        parser.add_argument("--bron", default=STANDAARD_BRON)

    def handle(self, *args, bestand, jaar, bron, **options):
        try:
            rapport = gebieden_importeren(bestand, jaar=jaar, bron=bron)
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{bestand}: {rapport.samenvatting()}"))
