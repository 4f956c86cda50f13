import sys

from django.core.management.base import BaseCommand, CommandError

from indicatoren.exporteren import KOLOMMEN, export_rijen
from indicatoren.models import Waarde
from lib.perioden import OngeldigePeriode, normaliseer_periode
from lib.tabellen import schrijf_csv, schrijf_xlsx


class Command(BaseCommand):
    help = "Exporteer waarden (indicator, gebied, periode, waarde, status, reden, bron) als CSV of XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--gebied", help="alleen dit gebied (CBS-code)")
        parser.add_argument("--indicator", help="alleen deze indicator (code)")
        parser.add_argument("--periode", help="alleen deze periode (bijv. 2024)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--uitvoer", "-o", help="bestand (standaard: stdout; verplicht voor xlsx)")

    def handle(self, *args, gebied, indicator, periode, format, uitvoer, **options):
        if periode:
            try:
                periode = normaliseer_periode(periode)
            except OngeldigePeriode as exc:
                raise CommandError(str(exc)) from exc
        qs = Waarde.objects.export(gebied_code=gebied, indicator_code=indicator, periode=periode)
        rijen = export_rijen(qs.iterator(chunk_size=5000))
        if format == "xlsx":
            if not uitvoer:
                raise CommandError("geef --uitvoer BESTAND.xlsx op voor XLSX")
            aantal = schrijf_xlsx(rijen, uitvoer, kolommen=KOLOMMEN)
        elif uitvoer:
            with open(uitvoer, "w", encoding="utf-8", newline="") as f:
                aantal = schrijf_csv(rijen, f, kolommen=KOLOMMEN)
        else:
            aantal = schrijf_csv(rijen, self.stdout, kolommen=KOLOMMEN)
        if aantal == 0:
            self.stderr.write("Geen waarden gevonden voor deze selectie.")
        elif uitvoer:
            self.stderr.write(f"{aantal} waarden geschreven naar {uitvoer}")
        sys.stdout.flush()
