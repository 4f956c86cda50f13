from datetime import date

from django.core.management.base import BaseCommand, CommandError

from signalen.demo import synthetische_signalen_maken
from signalen.models import Signaal


class Command(BaseCommand):
    help = (
        "Maak synthetische demo-signalen (gelabeld 'synthetisch') verspreid over de echte Hengelose buurten en "
        "de drie jaar tot vandaag, met workflow, escalaties, duplicaten en enkele hotspots. Zelfde --seed en "
        "--tot geven dezelfde gegevens; eerdere synthetische signalen worden eerst verwijderd, behalve met "
        "--behouden: dan blijven bestaande demo-signalen staan (zelfde nummers, het werk eraan blijft bewaard)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--tot", type=date.fromisoformat, default=None, help="laatste dag (JJJJ-MM-DD), standaard vandaag"
        )
        parser.add_argument(
            "--behouden",
            action="store_true",
            help="zijn er al synthetische signalen, laat ze dan staan en maak niets (voor een herhaalde demo-start)",
        )

    def handle(self, *args, aantal, seed, tot, behouden, **options):
        if behouden and (bestaand := Signaal.objects.filter(synthetisch=True).count()):
            self.stdout.write(
                self.style.SUCCESS(
                    f"{bestaand} synthetische signalen bestaan al en blijven staan (zelfde nummers). "
                    "Opnieuw maken: genereer_signalen zonder --behouden."
                )
            )
            return
        try:
            demo = synthetische_signalen_maken(aantal=aantal, seed=seed, tot=tot)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{demo.signalen} synthetische signalen gemaakt ({demo.escalaties} escalaties, {demo.duplicaten} "
                f"duplicaten; {demo.verwijderd} oude verwijderd). Hotspots: "
                + (", ".join(f"{b} {c} {m}" for b, c, m in demo.hotspots) or "geen")
            )
        )
