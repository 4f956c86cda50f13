"""Helpers shared by the signalen tests (not a test module)."""

from django.utils import timezone
from shapely.geometry import shape

from signalen import services
from signalen.forms import EscalerenFormulier, MeldFormulier, formulierfouten
from signalen.models import Categorie
from wijken.models import GebiedVersie

BOVENHOEK = "BU01640300"  # a buurt of WK016403 Hasseler Es, the test stadsdeelregisseur's portfolio
ENSCHEDE = (6.8936, 52.2215)  # lon, lat of Enschede centre: outside Hengelo

# The service's former keyword names, as the tests pass them: the form's field names.
FORMULIERVELD = {"categorie_id": "categorie", "wijk_code": "wijk", "duplicaat_van_id": "duplicaat_van"}


def punt_in(code: str, jaar: int | None = None) -> tuple[float, float]:
    """A point inside the stored boundary of `code` in force in `jaar` (shapely's representative point)."""
    jaar = jaar or timezone.localdate().year
    versie = GebiedVersie.objects.geldig_in(jaar).get(gebied__code=code)
    p = shape(versie.geometrie).representative_point()
    return p.x, p.y


def categorie(code: str) -> Categorie:
    return Categorie.objects.select_related("hoofdcategorie").get(code=code)


def melden(door, *, nu=None, synthetisch: bool = False, **velden):
    """Log a signal the way the page and the API do: the form validates the input, the service writes.
    Raises the form's or the service's ValidationError (per field) when anything is wrong."""
    lon, lat = punt_in(BOVENHOEK)
    standaard = {
        "omschrijving": "Zakken afval naast de container bij de speeltuin.",
        "categorie_id": categorie("afval-naast-container").pk,
        "bron": "bewoner",
        "datum_voorval": timezone.localdate(),
        "aantal_bewoners": 1,
        "lon": lon,
        "lat": lat,
    }
    standaard.update(velden)
    form = MeldFormulier({FORMULIERVELD.get(k, k): v for k, v in standaard.items()})
    if not form.is_valid():
        raise formulierfouten(form)
    return services.signaal_melden(door=door, nu=nu, synthetisch=synthetisch, **form.service_velden())


def escaleren(door, *, signaal_id, **velden):
    """Escalate the way the detail page does: the form validates, the service writes."""
    form = EscalerenFormulier({"partners" if k == "partner_ids" else k: v for k, v in velden.items()})
    if not form.is_valid():
        raise formulierfouten(form)
    return services.escaleren(signaal_id=signaal_id, door=door, **form.service_velden())
