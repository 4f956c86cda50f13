from django.core.management.base import BaseCommand, CommandError

from abonnementen import versturen
from abonnementen.models import Ritme


class Command(BaseCommand):
    help = (
        "Verstuur wat celery beat anders op schema verstuurt: de samenvattingen (--digest dagelijks of wekelijks: "
        "de periode vóór nu, in lokale dagen), de directe meldingen (--direct) of de herinneringen "
        "(--herinneringen). Nog eens draaien verstuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", choices=[Ritme.DAGELIJKS, Ritme.WEKELIJKS])
        parser.add_argument("--direct", action="store_true")
        parser.add_argument("--herinneringen", action="store_true")

    def handle(self, *args, digest, direct, herinneringen, **options):
        if not (digest or direct or herinneringen):
            raise CommandError("Kies --digest dagelijks|wekelijks, --direct of --herinneringen.")
        if digest:
            self._meld(f"Samenvattingen ({digest})", versturen.digests_versturen(ritme=digest))
        if direct:
            self._meld("Directe meldingen", versturen.direct_versturen())
        if herinneringen:
            self._meld("Herinneringen", versturen.herinneringen_versturen())

    def _meld(self, wat: str, uitslag: dict) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"{wat}: {uitslag['verstuurd']} verstuurd, {uitslag['leeg']} zonder nieuws (niets gestuurd)."
            )
        )
