"""The one counting home: `Signaal.objects.telbaar()` (which signals count) and `.per_maand()` (the count
rows every reader sums: the trigger-kept aggregate for all signals on PostgreSQL, the signals themselves for
a filtered queryset), with the readers built on them."""

from datetime import date

import pytest
from django.db import connection

from signalen import services
from signalen.hotspots import hotspots_berekenen
from signalen.models import Signaal
from tests.hulp.signalen import categorie, melden

pytestmark = pytest.mark.django_db


def test_cancelled_and_duplicate_signals_do_not_count(stadsdeelregisseur):
    a = melden(stadsdeelregisseur, datum_voorval=date(2026, 3, 2))
    melden(stadsdeelregisseur, datum_voorval=date(2026, 3, 9), duplicaat_van_id=a.pk)
    weg = melden(stadsdeelregisseur, datum_voorval=date(2026, 3, 9))
    services.status_wijzigen(signaal_id=weg.pk, naar="geannuleerd", notitie="Dubbel gemeld.", door=stadsdeelregisseur)
    demo = melden(stadsdeelregisseur, datum_voorval=date(2026, 4, 1))
    Signaal.objects.filter(pk=demo.pk).update(synthetisch=True)
    assert set(Signaal.objects.telbaar().values_list("pk", flat=True)) == {a.pk, demo.pk}
    assert list(Signaal.objects.telbaar(met_synthetisch=False).values_list("pk", flat=True)) == [a.pk]
    assert sorted(Signaal.objects.per_maand().per("maand", "synthetisch")) == [
        (date(2026, 3, 1), False, 1),
        (date(2026, 4, 1), True, 1),
    ]
    assert list(Signaal.objects.per_maand(met_synthetisch=False).per("maand")) == [(date(2026, 3, 1), 1)]


def test_a_filtered_queryset_is_counted_live_with_the_same_numbers(stadsdeelregisseur, django_assert_num_queries):
    melden(stadsdeelregisseur, datum_voorval=date(2026, 1, 31))
    melden(stadsdeelregisseur, datum_voorval=date(2026, 2, 1), categorie_id=categorie("graffiti").pk)
    with django_assert_num_queries(1) as ctx:
        live = sorted(Signaal.objects.filter(wijk__code="WK016403").per_maand().met_hoofd().per("hoofd", "maand"))
    assert "signalen_maandtelling" not in ctx.captured_queries[0]["sql"]
    alle = sorted(Signaal.objects.per_maand().filter(wijk__code="WK016403").met_hoofd().per("hoofd", "maand"))
    assert live == alle == [("verloedering", date(2026, 2, 1), 1), ("zwerfvuil", date(2026, 1, 1), 1)]
    if connection.vendor == "postgresql":
        with django_assert_num_queries(1) as ctx:
            list(Signaal.objects.per_maand().per("maand"))
        assert "signalen_maandtelling" in ctx.captured_queries[0]["sql"]  # the fast path


def test_months_are_inclusive_and_counts_per_area_name_their_synthetic_part(stadsdeelregisseur):
    for dag in (date(2025, 12, 31), date(2026, 1, 1), date(2026, 2, 28), date(2026, 3, 1)):
        melden(stadsdeelregisseur, datum_voorval=dag)
    Signaal.objects.filter(datum_voorval=date(2026, 2, 28)).update(synthetisch=True)
    rijen = Signaal.objects.per_maand().per_gebied(niveau="wijk", maand_van="2026-01", maand_tot="2026-02")
    assert rijen == [
        {"gebied": "WK016403", "maand": "2026-01", "categorie": "zwerfvuil", "aantal": 1, "synthetisch": 0},
        {"gebied": "WK016403", "maand": "2026-02", "categorie": "zwerfvuil", "aantal": 1, "synthetisch": 1},
    ]
    assert [r["maand"] for r in Signaal.objects.per_maand().in_maanden("2026-02").per_gebied(niveau="buurt")] == [
        "2026-02",
        "2026-03",
    ]


def test_hotspots_read_the_counting_home(stadsdeelregisseur, django_assert_max_num_queries):
    for maand in range(1, 13):
        melden(stadsdeelregisseur, datum_voorval=date(2025, maand, 10))
    for dag in range(1, 9):
        melden(stadsdeelregisseur, datum_voorval=date(2026, 1, dag))
    with django_assert_max_num_queries(3):
        (h,) = hotspots_berekenen(maand="2026-01")
    assert (h.buurt.code, h.categorie.code, h.beoordeling.laatste, h.reeks) == (
        "BU01640300",
        "zwerfvuil",
        8,
        [1] * 12 + [8],
    )
