"""Shared plumbing of the import commands: progress to stderr, reports, clear failures."""

from django.core.management.base import BaseCommand, CommandError

from lib.importrapport import MAX_GEMELD, ImportFout, Rapport


class ImportCommand(BaseCommand):
    def add_skip_bad(self, parser):
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help="sla foute rijen over (elke overgeslagen rij wordt gemeld) in plaats van niets te importeren",
        )

    def voortgang(self, tekst: str) -> None:
        self.stderr.write(f"  ... {tekst}")

    def voer_uit(self, naam: str, functie, *args, **kwargs) -> Rapport:
        try:
            rapport = functie(*args, voortgang=self.voortgang, **kwargs)
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        for fout in rapport.overgeslagen[:MAX_GEMELD]:
            self.stderr.write(self.style.WARNING(f"  overgeslagen: {fout}"))
        if len(rapport.overgeslagen) > MAX_GEMELD:
            meer = len(rapport.overgeslagen) - MAX_GEMELD
            self.stderr.write(
                self.style.WARNING(f"  ... en nog {meer} overgeslagen rijen (de eerste {MAX_GEMELD} staan hierboven)")
            )
        self.stdout.write(self.style.SUCCESS(f"{naam}: {rapport.samenvatting()}"))
        return rapport
