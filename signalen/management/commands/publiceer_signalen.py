from django.core.management.base import BaseCommand, CommandError

from lib.importrapport import ImportFout
from signalen.publicatie import signalen_publiceren


class Command(BaseCommand):
    help = (
        "Tel de signalen per gemeente, wijk en buurt per maand (per categorie en per bron: bewoners en "
        "professionals; aantal en per 1.000 inwoners) en publiceer ze als indicatoren van de dataset "
        "'signalen' (domein Signalen, intern). De waarden van deze indicatoren worden in hun geheel vervangen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetisch",
            action="store_true",
            help="tel ook synthetische demo-signalen mee (alleen voor een demo; de bron vermeldt het)",
        )

    def handle(self, *args, synthetisch, **options):
        try:
            p = signalen_publiceren(met_synthetisch=synthetisch)
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        if p.signalen == 0:
            self.stderr.write(
                self.style.WARNING(
                    "Er zijn geen (echte) signalen om te tellen"
                    + ("" if synthetisch else "; gebruik --synthetisch om de demo-signalen te publiceren")
                    + "."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{p.signalen} signalen geteld{' (inclusief synthetische)' if synthetisch else ''}: "
                f"{p.indicatoren} indicatoren, {p.waarden} waarden ({p.nieuw} nieuw, {p.gewijzigd} gewijzigd, "
                f"{p.verwijderd} verwijderd)."
            )
        )
