"""Helpers shared by the signalen tests (not a test module)."""

import pytest
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


# --- transactional tests (threads, live server) ----------------------------------------------------------
# A transactional test empties the database afterwards, which would take the session's real Hengelo data
# (and the seeded categories and organisations) away from every later test. `hengelo_bewaard` snapshots the
# database once per module; with `serialized_rollback=True` each test starts from that snapshot, and after
# the module's last test it is written back. Import it into the test module to use it.


@pytest.fixture(scope="module")
def hengelo_bewaard(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        momentopname = connection.creation.serialize_db_to_string()
    eerder = getattr(connection, "_test_serialized_contents", None)
    connection._test_serialized_contents = momentopname
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(momentopname)
    if eerder is None:
        del connection._test_serialized_contents
    else:
        connection._test_serialized_contents = eerder
