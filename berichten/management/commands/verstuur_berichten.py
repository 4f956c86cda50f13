from django.core.management.base import BaseCommand

from berichten.services import verstuur_wachtende_berichten


class Command(BaseCommand):
    help = (
        "Verstuur de e-mails die wachten of eerder mislukten en weer aan de beurt zijn (oplopende wachttijd). "
        "Een bericht wordt nooit twee keer verstuurd; draai dit elke minuut (cron of een periodieke taak)."
    )

    def handle(self, *args, **options):
        uitslag = verstuur_wachtende_berichten()
        self.stdout.write(
            self.style.SUCCESS(f"{uitslag['verstuurd']} verstuurd, {uitslag['mislukt']} mislukt (volgt opnieuw).")
        )
