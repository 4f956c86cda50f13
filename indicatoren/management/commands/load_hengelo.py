from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from indicatoren.importers import hernoemd_importeren
from indicatoren.services import som_van_buurten
from lib.importrapport import ImportFout

from ._basis import ImportCommand

ZONNESTROOM_BRON = "CBS, Zonnestroom; vermogen zonnepanelen woningen, wijken en buurten (CC BY 4.0)"

# Files in which a repository's author renamed the CBS columns: read through kwb-extra/kolomkoppeling.csv
# (the one place that says which column is which indicator). Per file: period, source and how codes read.
HERNOEMD = [
    (
        "bernasco_Population85984_2024_hengelo_buurten.csv",
        {
            "gebied_kolom": "nhood_id",
            "periode": "2024",
            "bron": "CBS, Kerncijfers wijken en buurten 2024 (85984NED), via GitHub bernasco/misdaad_concentratie "
            "(AantalInwoners_5 hernoemd tot population), CC BY 4.0",
        },
    ),
    (
        "tmap_NLD_dist_2022_hengelo_wijken.csv",
        {
            "gebied_kolom": "code",
            "periode": "2022",
            "bron": "CBS, Kerncijfers wijken en buurten 2022 (85318NED), via R-pakket tmap 4.2 NLD_dist "
            "(kolommen hernoemd door de tmap-auteur), CC BY 4.0",
        },
    ),
    (
        "tmap_NLD_muni_2022_alle_gemeenten.csv",
        {
            "gebied_kolom": "code",
            "naam_kolom": "name",
            "periode": "2022",
            "alleen_bestaande_gebieden": True,
            "bron": "CBS, Kerncijfers wijken en buurten 2022 (85318NED), via R-pakket tmap 4.2 NLD_muni "
            "(kolommen hernoemd door de tmap-auteur), CC BY 4.0",
        },
    ),
    (
        "ujjwalx_kwb-2019_gemeenten_subset.csv",
        {
            "gebied_kolom": "unique_id",
            "naam_kolom": "region",
            "periode": "2019",
            "alleen_bestaande_gebieden": True,
            "bron": "CBS, Kerncijfers wijken en buurten 2019 (kwb-2019), via GitHub ujjwalx/dsa2022 "
            "(kolommen hernoemd), CC BY 4.0",
        },
    ),
    (
        "tmap3_NLD_muni_2014_alle_gemeenten.csv",
        {
            "gebied_kolom": "code",
            "code_voorvoegsel": "GM",
            "periode": "2014",
            "alleen_bestaande_gebieden": True,
            "bron": "CBS/Kadaster, Wijk- en buurtkaart 2014, via R-pakket tmap 3.3-4 NLD_muni "
            "(kolommen hernoemd door de tmap-auteur), CC BY 4.0",
        },
    ),
]


class Command(ImportCommand):
    help = (
        "Laad alle echte Hengelo-gegevens uit fixtures/: grenzen van alle jaren, CBS-metadata, "
        "CBS Kerncijfers 2024, 2022, 2019 en 2014, inwoners per buurt 2024, geregistreerde misdrijven 2023 "
        "per buurt (CBS/Politie) en de zonnestroomreeks. Idempotent: nog een keer draaien verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--map", default=str(Path(settings.BASE_DIR) / "fixtures"))

    def handle(self, *args, map, **options):
        f = Path(map)
        geo, cbs, politie, extra = f / "geo", f / "cbs", f / "politie", f / "kwb-extra"
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
            (
                "import_cbs_kwb",
                [politie / "bernasco_PolRegCrime47018_2023_hengelo_buurten.csv"],
                {
                    "tabel": "47018NED",
                    "metadata": str(politie / "bernasco_47018NED_DataProperties.csv"),
                    "dimensie": [
                        f"SoortMisdrijf={politie / 'bernasco_47018NED_SoortMisdrijf.csv'}",
                        f"Perioden={politie / 'bernasco_47018NED_Perioden.csv'}",
                    ],
                },
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
        koppeling = extra / "kolomkoppeling.csv"
        for naam, opties in HERNOEMD:
            self.voer_uit(naam, hernoemd_importeren, extra / naam, koppeling=koppeling, **opties)
        # 47018NED in the fixtures has buurten only: per wijk and for Hengelo the sum, where complete.
        try:
            telling = som_van_buurten(indicator_code="GeregistreerdeMisdrijven", gemeente_code="GM0164")
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Misdrijven per wijk en gemeente (som van alle buurten, alleen waar compleet): "
            f"{telling.nieuw} nieuw, {telling.gewijzigd} gewijzigd, {telling.ongewijzigd} ongewijzigd"
        )
        self.stdout.write(self.style.SUCCESS("Hengelo-gegevens geladen."))
