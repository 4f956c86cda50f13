"""The monthly aggregate of signal counts (signalen.MaandTelling, kept by a trigger) always equals a
recount of the signals, after every kind of write."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from signalen import anonimiseren, services
from signalen.models import MaandTelling, Signaal, Status
from tests.hulp.signalen import categorie, melden
from wijken.models import Gebied

# The aggregate is kept by a PostgreSQL trigger; on SQLite the readers count the signals directly.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _hertelling() -> dict:
    rijen = (
        Signaal.objects.telbaar()
        .annotate(maand=TruncMonth("datum_voorval"))
        .values_list("wijk_id", "buurt_id", "categorie_id", "bron", "maand", "synthetisch")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r[:-1]: r[-1] for r in rijen}


def _aggregaat() -> dict:
    return {
        r[:-1]: r[-1]
        for r in MaandTelling.objects.values_list(
            "wijk_id", "buurt_id", "categorie_id", "bron", "maand", "synthetisch", "aantal"
        )
    }


def _klopt():
    assert _aggregaat() == _hertelling()


def test_the_aggregate_equals_a_recount_after_every_kind_of_write(stadsdeelregisseur, beheerder):
    vandaag = timezone.localdate()
    vorige_maand = vandaag.replace(day=1) - timedelta(days=1)
    assert _aggregaat() == _hertelling()  # whatever the fixtures hold

    # create: three signals, two in the same cell
    a = melden(stadsdeelregisseur)
    b = melden(stadsdeelregisseur)
    c = melden(stadsdeelregisseur, datum_voorval=vorige_maand, bron="telefoon", melder_naam="J. Jansen")
    _klopt()
    assert MaandTelling.objects.get(buurt=a.buurt, maand=vandaag.replace(day=1), bron="bewoner").aantal >= 2
    # a signal about a whole wijk (no buurt): its own row with an empty buurt
    d = melden(stadsdeelregisseur, lon=None, lat=None, wijk_code="WK016403")
    assert d.buurt_id is None
    _klopt()
    # synthetic signals are counted apart
    melden(stadsdeelregisseur, synthetisch=True)
    _klopt()

    # status changes that do not change whether it counts: nothing moves
    voor = _aggregaat()
    services.status_wijzigen(signaal_id=a.pk, naar=Status.IN_BEHANDELING, door=stadsdeelregisseur)
    assert _aggregaat() == voor
    # cancelled: no longer counted; reopened: counted again
    services.status_wijzigen(signaal_id=a.pk, naar=Status.GEANNULEERD, door=stadsdeelregisseur, notitie="dubbel gebeld")
    _klopt()
    assert _aggregaat() != voor
    services.status_wijzigen(signaal_id=a.pk, naar=Status.HEROPEND, door=stadsdeelregisseur, notitie="toch niet")
    _klopt()
    assert _aggregaat() == voor

    # a duplicate counts once (its main signal); unlinked it counts again
    services.als_duplicaat_koppelen(signaal_id=b.pk, hoofd_id=c.pk, door=stadsdeelregisseur)
    _klopt()
    services.duplicaat_ontkoppelen(signaal_id=b.pk, door=stadsdeelregisseur)
    _klopt()

    # re-placement (another buurt and wijk, another category, an event date in another month), as the
    # admin or a bulk UPDATE would do it: the trigger sees every write, not only the services
    elders = Gebied.objects.filter(niveau="buurt", code__startswith="BU0164").exclude(pk=c.buurt_id).first()
    Signaal.objects.filter(pk=c.pk).update(
        buurt=elders, wijk_id=elders.ouder_id, categorie=categorie("zwerfafval-straat"), datum_voorval=date(2024, 2, 29)
    )
    _klopt()
    assert MaandTelling.objects.filter(buurt=elders, maand=date(2024, 2, 1)).exists()

    # anonymising after the retention period changes personal data only
    services.status_wijzigen(signaal_id=c.pk, naar=Status.AFGEHANDELD, door=beheerder, notitie="opgeruimd")
    voor = _aggregaat()
    assert anonimiseren.persoonsgegevens_verwijderen(maanden=0, nu=timezone.now() + timedelta(days=1)) >= 1
    assert _aggregaat() == voor
    _klopt()

    # delete (the application never deletes a signal: its history is append-only; a database clean-up
    # might): gone from the counts, and an emptied cell disappears instead of staying at 0
    with connection.cursor() as cur:
        cur.execute("DELETE FROM signalen_historie WHERE signaal_id = %s", [d.pk])
        cur.execute("DELETE FROM signalen_escalatie WHERE signaal_id = %s", [d.pk])
        cur.execute("DELETE FROM signalen_signaal WHERE id = %s", [d.pk])
    _klopt()
    assert not MaandTelling.objects.filter(aantal=0).exists()
    assert not MaandTelling.objects.filter(buurt__isnull=True, wijk=d.wijk, maand=vandaag.replace(day=1)).exists()


def test_counts_per_wijk_and_month_come_from_the_aggregate_and_equal_counting_the_signals(
    stadsdeelregisseur, django_assert_num_queries
):
    melden(stadsdeelregisseur)
    melden(stadsdeelregisseur, bron="telefoon")
    with django_assert_num_queries(1) as ctx:
        uit_aggregaat = list(Signaal.objects.per_maand().per("wijk_id", "maand"))
    assert "signalen_maandtelling" in ctx.captured_queries[0]["sql"]
    geteld = list(Signaal.objects.telbaar().per_maand().per("wijk_id", "maand"))
    assert sorted(uit_aggregaat) == sorted(geteld)
    assert sum(n for *_, n in uit_aggregaat) >= 2
