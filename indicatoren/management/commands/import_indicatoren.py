from indicatoren.importers import catalogus_importeren

from ._basis import ImportCommand


class Command(ImportCommand):
    help = (
        "Importeer de indicatorcatalogus (CSV): nieuwe reeksen, afgeleide indicatoren met hun formule, "
        "en de keuzes van het portaal (domein, polariteit, onthullingsdrempel) voor CBS-maten."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")

    def handle(self, *args, bestand, **options):
        self.voer_uit(bestand, catalogus_importeren, bestand)
