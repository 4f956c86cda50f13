from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wijkagenda.demo import demo_vullen
from wijkagenda.demo_stem import stem_demo_vullen


class Command(BaseCommand):
    help = (
        "Maak een kleine synthetische demo (gelabeld 'Demo (synthetisch)'): een wijkagenda en wijknetwerk in "
        "Hasseler Es (ook openbaar als 'Jij zei, wij deden') en een partnerdataset van Welbions, zodat elke rol iets "
        "van zichzelf ziet. Wat al bestaat "
        "blijft staan (ook als het intussen is gewijzigd): veilig om te herhalen. Alleen met DEBUG=1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--door", default="regisseur", help="account dat de wijkagenda schrijft (standaard regisseur)"
        )

    def handle(self, *args, door, **options):
        if not settings.DEBUG:
            raise CommandError("Demo-gegevens alleen in ontwikkeling (DEBUG=1).")
        gebruiker = get_user_model().objects.filter(username=door).first()
        if gebruiker is None:
            raise CommandError(f"Er is geen account '{door}': draai eerst python manage.py maak_demo_accounts.")
        v = demo_vullen(door=gebruiker, vandaag=timezone.localdate())
        stem = stem_demo_vullen(door=gebruiker)
        if stem.koppelingen or stem.gepubliceerd or stem.sjablonen:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Jij zei, wij deden (synthetisch): {stem.koppelingen} signaalcluster(s) gekoppeld, "
                    f"{'gepubliceerd op de openbare wijkpagina' if stem.gepubliceerd else 'publicatie ongemoeid'}; "
                    f"{stem.sjablonen} uitlegsjabloon(en) voor melders."
                )
            )
        if not any((v.opgaven, v.acties, v.besprekingen, v.contacten, v.dataset, v.waarden)):
            self.stdout.write(
                self.style.SUCCESS("Demo-wijkagenda, -wijknetwerk en -partnerdataset bestaan al: ongemoeid.")
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo (synthetisch) gemaakt: {v.opgaven} opgave(n), {v.acties} actie(s), {v.besprekingen} "
                f"bespreking(en), {v.contacten} netwerkcontact(en), "
                f"{'een nieuwe' if v.dataset else 'de bestaande'} partnerdataset met {v.waarden} waarden."
            )
        )
