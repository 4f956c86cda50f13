from indicatoren.importers import reeks_importeren

from ._basis import ImportCommand


class Command(ImportCommand):
    help = (
        "Importeer een andere CBS-reeks per gebied (één rij per gebied en periode), bijv. Zonnestroom "
        "per buurt. CSV, XLSX of GeoJSON; de indicator moet al bestaan (zie import_indicatoren)."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--indicator", required=True, help="indicatorcode, bijv. ZonnestroomVermogenWoningen")
        parser.add_argument("--gebied-kolom", default="bu_code")
        parser.add_argument("--periode-kolom", default="jaar_meting")
        parser.add_argument("--waarde-kolom", required=True)
        parser.add_argument("--bron", required=True, help="bronvermelding, bijv. 'CBS, Zonnestroom ... (CC BY 4.0)'")
        self.add_skip_bad(parser)

    def handle(self, *args, bestand, indicator, gebied_kolom, periode_kolom, waarde_kolom, bron, skip_bad, **options):
        self.voer_uit(
            bestand,
            reeks_importeren,
            bestand,
            indicator=indicator,
            gebied_kolom=gebied_kolom,
            periode_kolom=periode_kolom,
            waarde_kolom=waarde_kolom,
            bron=bron,
            skip_bad=skip_bad,
        )
