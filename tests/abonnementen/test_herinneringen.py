"""Reminders with frozen time: a partner hears of an escalation two working days before its due date and on
the day itself; the stadsdeelregisseur gets the list of escalations overdue at a partner; once per day."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from abonnementen.models import Digest, Ritme, Verzonden
from abonnementen.versturen import digests_versturen, herinneringen_versturen
from berichten.models import Bericht
from signalen import services as signalen
from tests.hulp.signalen import melden
from toegang.models import Organisatie

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def om(*args):
    return time_machine.travel(datetime(*args, tzinfo=AMS), tick=False)


@pytest.fixture
def escalatie(stadsdeelregisseur, partner_a):
    stadsdeelregisseur.email = "regisseur@hengelo.example"
    partner_a.email = "wijkteam@welbions.example"
    for g in (stadsdeelregisseur, partner_a):
        g.save(update_fields=["email"])
    with om(2026, 3, 2, 10, 0):  # Monday; 5 working days: due Monday 9 March
        signaal = melden(stadsdeelregisseur)
        (esc,) = signalen.escaleren(
            signaal_id=signaal.pk,
            partner_ids=[Organisatie.objects.get(code="welbions").pk],
            gevraagde_actie="Container legen",
            door=stadsdeelregisseur,
            werkdagen=5,
        )
    assert str(esc.streefdatum) == "2026-03-09"
    return esc


def _aan(adres):
    return list(Bericht.objects.filter(aan=adres).order_by("aangemaakt_op").values_list("onderwerp", "tekst"))


def _herinneren(*moment):
    with om(*moment):
        return herinneringen_versturen()


def test_partner_hoort_het_twee_werkdagen_ervoor_en_op_de_dag(escalatie):
    _herinneren(2026, 3, 4, 6, 45)  # Wednesday: too early
    assert _aan("wijkteam@welbions.example") == []
    _herinneren(2026, 3, 5, 6, 45)  # Thursday: two working days before Monday
    _herinneren(2026, 3, 5, 9, 0)  # a second run that day sends nothing new
    _herinneren(2026, 3, 6, 6, 45)  # Friday: nothing
    _herinneren(2026, 3, 9, 6, 45)  # the due date
    berichten = _aan("wijkteam@welbions.example")
    assert [o for o, _ in berichten] == [
        "Wijkportaal: herinneringen van 05-03-2026 (1)",
        "Wijkportaal: herinneringen van 09-03-2026 (1)",
    ]
    assert "Streefdatum over 2 werkdagen (09-03-2026)" in berichten[0][1]
    assert "Streefdatum vandaag (09-03-2026)" in berichten[1][1]
    assert f"#{escalatie.signaal_id}" in berichten[0][1] and "/abonnementen/afmelden/" in berichten[0][1]


def test_regisseur_krijgt_de_lijst_van_te_late_escalaties(escalatie):
    _herinneren(2026, 3, 9, 6, 45)
    assert _aan("regisseur@hengelo.example") == []  # due today: not late yet
    _herinneren(2026, 3, 11, 6, 45)
    ((onderwerp, tekst),) = _aan("regisseur@hengelo.example")
    assert "Welbions" in tekst and "2 dagen te laat (streefdatum 09-03-2026)" in tekst
    assert _aan("wijkteam@welbions.example")[-1][0].endswith("09-03-2026 (1)")  # no reminder after the date

    # Handled: off the list.
    signalen.escalatie_bijwerken(escalatie_id=escalatie.pk, door=escalatie.aangemaakt_door, status="afgerond")
    _herinneren(2026, 3, 12, 6, 45)
    assert len(_aan("regisseur@hengelo.example")) == 1


def test_te_laat_in_de_dagelijkse_digest_van_de_partner_een_keer(escalatie, partner_a):
    for dag in (10, 11, 12):
        with om(2026, 3, dag, 7, 0):
            digests_versturen(ritme=Ritme.DAGELIJKS)
    items = list(
        Verzonden.objects.filter(ontvanger__gebruiker=partner_a, ritme=Ritme.DAGELIJKS).values_list("sleutel", "titel")
    )
    # Overdue from Tuesday 10 March 00:00: in the digest of Wednesday 11 March, once.
    assert items == [
        (f"te-laat:escalatie:{escalatie.pk}:2026-03-09", items[0][1]),
    ]
    assert items[0][1].startswith("Te laat bij Welbions")
    assert (
        Digest.objects.get(ontvanger__gebruiker=partner_a, ritme=Ritme.DAGELIJKS).periode_van.astimezone(AMS).day == 10
    )
