from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

ZONNESTROOM_BRON = "CBS, Zonnestroom; vermogen zonnepanelen woningen, wijken en buurten (CC BY 4.0)"


class Command(BaseCommand):
    help = (
        "Laad alle echte Hengelo-gegevens uit fixtures/: grenzen van alle jaren, CBS-metadata, "
        "CBS Kerncijfers 2024 en de zonnestroomreeks. Idempotent: nog een keer draaien verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--map", default=str(Path(settings.BASE_DIR) / "fixtures"))

    def handle(self, *args, map, **options):
        f = Path(map)
        geo, cbs = f / "geo", f / "cbs"
        stappen = [
            ("import_gebieden", [geo / "hengelo_gemeente_2025.geojson"], {}),
            ("import_gebieden", [geo / "hengelo_wijken_2021.geojson"], {}),
            ("import_gebieden", [geo / "hengelo_wijken_2025.geojson"], {}),
            ("import_gebieden", [geo / "hengelo_buurten_2019.geojson"], {}),
            ("import_gebieden", [geo / "hengelo_buurten_2021.geojson"], {}),
            ("import_gebieden", [geo / "hengelo_buurten_2025.geojson"], {}),
            (
                "import_cbs_kwb",
                [cbs / "cbs_kwb2024_85984NED_hengelo_gemeente_wijken.json"],
                {"tabel": "85984NED", "metadata": str(cbs / "cbs_kwb2024_85984NED_DataProperties.json")},
            ),
            ("import_indicatoren", [f / "indicatoren.csv"], {}),
            (
                "import_cbs_kwb",
                [cbs / "cbs_kwb2024_85984NED_alle_gemeenten.json"],
                {"tabel": "85984NED", "maak_gebieden": True},
            ),
            (
                "import_cbs_reeks",
                [cbs / "cbs_zonnestroom_2016_2022_hengelo_wijk03_buurten.csv"],
                {
                    "indicator": "ZonnestroomVermogenWoningen",
                    "gebied_kolom": "bu_code",
                    "periode_kolom": "jaar_meting",
                    "waarde_kolom": "vermogen_kWp",
                    "bron": ZONNESTROOM_BRON,
                },
            ),
        ]
        for commando, posities, opties in stappen:
            call_command(commando, *[str(p) for p in posities], stdout=self.stdout, stderr=self.stderr, **opties)
        self.stdout.write(self.style.SUCCESS("Hengelo-gegevens geladen."))
