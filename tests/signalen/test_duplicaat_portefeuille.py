"""Issue 16 item 13: a regisseur cannot link a signal as a duplicate of one outside the portfolio (which
would write history on a signal they do not handle); nothing is written when refused."""

import pytest
from django.core.exceptions import ValidationError

from signalen import services
from signalen.models import Historie, Signaal
from tests.hulp.signalen import melden

pytestmark = pytest.mark.django_db

STATION = (6.7932, 52.2623)  # wijk Binnenstad: not in the test regisseur's portfolio (Hasseler Es)


def test_linking_to_a_signal_outside_the_portfolio_is_refused(stadsdeelregisseur, beheerder):
    eigen = melden(stadsdeelregisseur)
    vreemd = melden(beheerder, lon=STATION[0], lat=STATION[1])
    historie_voor = Historie.objects.filter(signaal=vreemd).count()
    with pytest.raises(ValidationError) as exc:
        services.als_duplicaat_koppelen(signaal_id=eigen.pk, hoofd_id=vreemd.pk, door=stadsdeelregisseur)
    assert "buiten uw portefeuille" in exc.value.message_dict["duplicaat_van"][0]
    assert Signaal.objects.get(pk=eigen.pk).duplicaat_van_id is None
    assert Historie.objects.filter(signaal=vreemd).count() == historie_voor


def test_linking_through_a_duplicate_whose_group_is_outside_the_portfolio_is_refused(stadsdeelregisseur, beheerder):
    vreemd = melden(beheerder, lon=STATION[0], lat=STATION[1])
    eigen_duplicaat = melden(beheerder)  # in Hasseler Es, linked (by the beheerder) to the foreign one
    services.als_duplicaat_koppelen(signaal_id=eigen_duplicaat.pk, hoofd_id=vreemd.pk, door=beheerder)
    eigen = melden(stadsdeelregisseur)
    with pytest.raises(ValidationError, match="buiten uw portefeuille"):
        services.als_duplicaat_koppelen(signaal_id=eigen.pk, hoofd_id=eigen_duplicaat.pk, door=stadsdeelregisseur)


def test_logging_a_new_signal_as_duplicate_of_a_foreign_one_writes_nothing(stadsdeelregisseur, beheerder):
    vreemd = melden(beheerder, lon=STATION[0], lat=STATION[1])
    with pytest.raises(ValidationError, match="buiten uw portefeuille"):
        melden(stadsdeelregisseur, duplicaat_van_id=vreemd.pk)
    assert list(Signaal.objects.values_list("pk", flat=True)) == [vreemd.pk]


def test_the_detail_page_shows_the_refusal(client_regisseur, stadsdeelregisseur, beheerder):
    eigen = melden(stadsdeelregisseur)
    vreemd = melden(beheerder, lon=STATION[0], lat=STATION[1])
    antwoord = client_regisseur.post(
        f"/signalen/{eigen.pk}/duplicaat/", {"hoofd": str(vreemd.pk), "versie": str(eigen.versie)}
    )
    assert antwoord.status_code == 400
    assert "buiten uw portefeuille" in antwoord.content.decode()
    assert Historie.objects.filter(signaal=vreemd, soort="duplicaat").count() == 0


def test_a_beheerder_may_still_link_across_wijken(stadsdeelregisseur, beheerder):
    eigen = melden(stadsdeelregisseur)
    vreemd = melden(beheerder, lon=STATION[0], lat=STATION[1])
    services.als_duplicaat_koppelen(signaal_id=eigen.pk, hoofd_id=vreemd.pk, door=beheerder)
    assert Signaal.objects.get(pk=eigen.pk).duplicaat_van_id == vreemd.pk
