"""Helpers shared by the signalen tests (not a test module)."""

from django.utils import timezone
from shapely.geometry import shape

from signalen import services
from signalen.models import Categorie
from wijken.models import GebiedVersie

BOVENHOEK = "BU01640300"  # a buurt of WK016403 Hasseler Es, the test stadsdeelregisseur's portfolio
ENSCHEDE = (6.8936, 52.2215)  # lon, lat of Enschede centre: outside Hengelo


def punt_in(code: str, jaar: int | None = None) -> tuple[float, float]:
    """A point inside the stored boundary of `code` in force in `jaar` (shapely's representative point)."""
    jaar = jaar or timezone.localdate().year
    versie = GebiedVersie.objects.geldig_in(jaar).get(gebied__code=code)
    p = shape(versie.geometrie).representative_point()
    return p.x, p.y


def categorie(code: str) -> Categorie:
    return Categorie.objects.select_related("hoofdcategorie").get(code=code)


def melden(door, **velden):
    lon, lat = punt_in(BOVENHOEK)
    standaard = {
        "omschrijving": "Zakken afval naast de container bij de speeltuin.",
        "categorie_id": categorie("afval-naast-container").pk,
        "bron": "bewoner",
        "datum_voorval": timezone.localdate(),
        "lon": lon,
        "lat": lat,
    }
    standaard.update(velden)
    return services.signaal_melden(door=door, **standaard)
