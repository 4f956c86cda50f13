from datetime import date

from django.core.management.base import BaseCommand, CommandError

from lib.importrapport import ImportFout
from mor.download import download_features
from mor.lezen import lees_bestand, lees_features
from mor.services import meldingen_importeren, mor_publiceren
from signalen.geo import buurtgrenzen


class Command(BaseCommand):
    help = (
        "Importeer meldingen openbare ruimte (MOR) uit Signalen (GeoJSON van het geography-endpoint of de "
        "CSV-export) of een andere CSV-export (id, categorie, aanmaaktijd en coördinaten of buurtcode), plaats ze "
        "in hun buurt en publiceer de tellingen per buurt en wijk per maand als indicatoren. Alles of niets; "
        "nog een keer hetzelfde bestand verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", nargs="?", help="GeoJSON- of CSV-bestand (weglaten met --download)")
        parser.add_argument("--download", action="store_true", help="haal de meldingen op bij MOR_SIGNALEN_URL")
        parser.add_argument("--url", help="een andere URL van het geography-endpoint dan MOR_SIGNALEN_URL")
        parser.add_argument("--bron", help="de naam van het systeem (standaard signalen; bijv. fixi)")
        parser.add_argument("--formaat", choices=["geojson", "csv"], help="standaard: naar de extensie")
        parser.add_argument("--niet-publiceren", action="store_true", help="importeer alleen, tel nog niet")

    def handle(self, *args, bestand, download, url, bron, formaat, niet_publiceren, **options):
        if bool(bestand) == bool(download):
            raise CommandError("Geef een bestand óf --download.")
        try:
            if download:
                jaar = date.today().year
                features = download_features(url=url, omhulling=buurtgrenzen(jaar).omhulling)
                self.stderr.write(f"{len(features)} meldingen opgehaald")
                rijen, fouten = lees_features(features)
            else:
                rijen, fouten = lees_bestand(bestand, formaat)
            rapport = meldingen_importeren(rijen=rijen, fouten=fouten, bron=bron or "signalen", bestand=bestand or "")
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        for fout in rapport.overgeslagen:
            self.stderr.write(f"  {fout}")
        self.stdout.write(self.style.SUCCESS(f"Meldingen: {rapport.samenvatting()}."))
        if niet_publiceren:
            return
        p = mor_publiceren()
        self.stdout.write(
            self.style.SUCCESS(
                f"{p.meldingen} meldingen geteld: {p.indicatoren} indicatoren, {p.waarden} waarden ({p.nieuw} nieuw, "
                f"{p.gewijzigd} gewijzigd, {p.verwijderd} verwijderd)."
            )
        )
