from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from indicatoren.laden import STATUSBESTAND, cbs_laden, taken
from lib.importrapport import ImportFout
from wijken import codes


class Command(BaseCommand):
    help = (
        "Vul het portaal vanuit CBS (internet nodig): alle edities van Kerncijfers wijken en buurten vanaf "
        "--vanaf, de politietabel 47018NED (misdrijven per soort) en de zonnestroomreeks, voor de gemeente, "
        "haar wijken en buurten en Nederland. Hervat na een fout waar het stopte; nog eens draaien verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", default="GM0164", help="CBS-code van de gemeente (standaard GM0164)")
        parser.add_argument("--vanaf", type=int, default=2014, help="eerste KWB-editie (jaar, standaard 2014)")
        parser.add_argument("--tot", type=int, help="laatste KWB-editie (standaard: de nieuwste)")
        parser.add_argument(
            "--map",
            default=str(Path(settings.BASE_DIR) / "var" / "cbs"),
            help="waar de downloads en de voortgang (load_cbs_status.json) blijven (standaard var/cbs)",
        )
        parser.add_argument(
            "--tabel",
            action="append",
            default=[],
            metavar="ID=JAAR",
            help="nog een zonnestroomtabel, bijv. --tabel 85010NED=2019 (herhaalbaar)",
        )
        parser.add_argument("--opnieuw", action="store_true", help="negeer eerdere voortgang en laad alles opnieuw")
        parser.add_argument(
            "--als-taak",
            action="store_true",
            help="start het laden als taak op de achtergrond (Celery-worker; zonder broker draait zij meteen) en "
            "toon haar nummer; volg haar op /mijn/meldingen/ of /beheer-taken/",
        )
        parser.add_argument(
            "--catalogus",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "indicatoren.csv"),
            help="indicatorcatalogus die daarna wordt ingelezen (domein, polariteit, afgeleide indicatoren); "
            "leeg: overslaan",
        )

    def handle(self, *args, gemeente, vanaf, tot, map, tabel, opnieuw, catalogus, als_taak=False, **options):
        gemeente = codes.normaliseer(gemeente)
        if codes.niveau_van(gemeente) != codes.GEMEENTE:
            raise CommandError(f"--gemeente '{gemeente}' is geen gemeentecode (GMxxxx)")
        extra = {}
        for tekst in tabel:
            tid, is_, jaar = tekst.partition("=")
            if not is_ or not jaar.strip().isdigit():
                raise CommandError(f"--tabel '{tekst}': verwacht ID=JAAR, bijv. 85010NED=2019")
            extra[tid.strip().upper()] = int(jaar)
        if als_taak:
            from taken.services import taak_aanmaken

            taak = taak_aanmaken(
                soort="cbs_laden",
                omschrijving=f"CBS-gegevens laden voor {gemeente} (KWB vanaf {vanaf})",
                parameters={
                    "gemeente": gemeente,
                    "vanaf": vanaf,
                    "tot": tot,
                    "map": str(map),
                    "extra": extra,
                    "opnieuw": opnieuw,
                    "catalogus": catalogus,
                },
            )
            taak.refresh_from_db()
            self.stdout.write(f"Taak {taak.id}: {taak.get_status_display().lower()}")
            return
        lijst = taken(vanaf=vanaf, tot=tot, extra=extra)
        statuspad = Path(map) / STATUSBESTAND.format(gemeente=gemeente)
        self.stdout.write(f"{len(lijst)} CBS-tabellen voor {gemeente} (voortgang in {statuspad})")
        try:
            uitkomsten = cbs_laden(
                gemeente=gemeente, taken_=lijst, map=Path(map), opnieuw=opnieuw, voortgang=self.stderr.write
            )
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        if catalogus:
            call_command("import_indicatoren", catalogus, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write("Samenvatting:")
        for u in uitkomsten:
            regel = f"  {u.taak.tabel} ({u.taak.soort}): "
            regel += f"al geladen ({u.samenvatting})" if u.overgeslagen else u.samenvatting
            if u.ontbreekt:
                regel += f"; niet in deze editie: {', '.join(u.ontbreekt)}"
            self.stdout.write(regel)
        self.stdout.write(self.style.SUCCESS(f"CBS-gegevens voor {gemeente} geladen."))
