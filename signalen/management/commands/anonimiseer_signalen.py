from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from signalen.anonimiseren import persoonsgegevens_verwijderen


class Command(BaseCommand):
    help = (
        "Verwijder naam en contactgegevens van melders van signalen die langer dan de bewaartermijn "
        "(standaard SIGNALEN_BEWAARTERMIJN_MAANDEN, 12 maanden) geleden zijn afgesloten (of waarvan het "
        "eerste signaal van de duplicaatgroep toen is afgesloten, of die nog open zijn maar toen zijn gemeld), "
        "ook uit omschrijving, escalaties, historienotities en het auditlog. "
        "Elk signaal krijgt een historieregel; draai dit dagelijks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--maanden",
            type=int,
            default=None,
            help=f"bewaartermijn in maanden na afsluiten, of na melden als het signaal nog open is "
            f"(standaard {settings.SIGNALEN_BEWAARTERMIJN_MAANDEN})",
        )

    def handle(self, *args, maanden, **options):
        termijn = settings.SIGNALEN_BEWAARTERMIJN_MAANDEN if maanden is None else maanden
        try:
            aantal = persoonsgegevens_verwijderen(maanden=termijn)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Persoonsgegevens verwijderd bij {aantal} signa{'al' if aantal == 1 else 'len'} "
                f"(bewaartermijn van {termijn} maanden verstreken)."
            )
        )
