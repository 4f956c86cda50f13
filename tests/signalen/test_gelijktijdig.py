"""Two people change the same signal at the same moment, each in their own transaction and database
connection (threads): no change is lost. Either both are in the history, one after the other (the row lock
serialises them and the second applies to the new state), or the second was based on a version that no
longer exists and is refused with a message (optimistic check on `versie`)."""

import threading

import pytest
from django.db import connection, transaction

from signalen import services
from signalen.models import Historie, Signaal
from tests.hulp.signalen import melden

# Row locks (SELECT ... FOR UPDATE) are PostgreSQL's, the portal's database; SQLite, only for a first
# look on a laptop, locks the whole file and answers a concurrent writer "database table is locked".
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gelijktijdig,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]


def _parallel(*taken, timeout=30):
    """Run each function in its own thread (its own connection); return their results or exceptions."""
    uitkomst: dict[int, object] = {}

    def draai(i, taak):
        try:
            uitkomst[i] = taak()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each side got
            uitkomst[i] = exc
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i, t)) for i, t in enumerate(taken)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout)
        assert not d.is_alive(), "a transaction hangs (deadlock?)"
    return [uitkomst[i] for i in range(len(taken))]


def test_the_row_lock_serialises_two_changes_and_both_are_in_the_history(stadsdeelregisseur, beheerder):
    s = melden(stadsdeelregisseur)
    eerste_heeft_slot = threading.Event()
    volgorde = []

    def eerste():
        with transaction.atomic():
            services.status_wijzigen(signaal_id=s.pk, naar="in_behandeling", door=stadsdeelregisseur)
            eerste_heeft_slot.set()
            # Hold the lock a while: the other transaction must wait for this commit, not overwrite it.
            threading.Event().wait(0.5)
            volgorde.append("eerste klaar")
        return "ok"

    def tweede():
        eerste_heeft_slot.wait(10)
        resultaat = services.status_wijzigen(signaal_id=s.pk, naar="doorgezet", door=beheerder)
        volgorde.append("tweede klaar")
        return resultaat.status

    assert _parallel(eerste, tweede) == ["ok", "doorgezet"]
    assert volgorde == ["eerste klaar", "tweede klaar"]
    s.refresh_from_db()
    assert s.status == "doorgezet" and s.versie == 3
    assert list(Historie.objects.filter(signaal=s).order_by("id").values_list("van", "naar", "door_naam")) == [
        ("", "gemeld", "regisseur"),
        ("gemeld", "in_behandeling", "regisseur"),
        ("in_behandeling", "doorgezet", "beheer"),
    ]


def test_a_change_based_on_a_stale_version_is_refused_not_lost(stadsdeelregisseur, beheerder):
    s = melden(stadsdeelregisseur)
    gezien = s.versie  # both screens were opened at version 1
    start = threading.Barrier(2)

    def wijzig(door, naar, notitie):
        def taak():
            start.wait(10)
            return services.status_wijzigen(signaal_id=s.pk, naar=naar, door=door, notitie=notitie, versie=gezien)

        return taak

    uitkomsten = _parallel(
        wijzig(stadsdeelregisseur, "afgehandeld", "Opgeruimd door Gildebor."),
        wijzig(beheerder, "geannuleerd", "Dubbel gemeld."),
    )
    gelukt = [u for u in uitkomsten if isinstance(u, Signaal)]
    geweigerd = [u for u in uitkomsten if isinstance(u, services.Verouderd)]
    assert len(gelukt) == 1 and len(geweigerd) == 1, uitkomsten
    assert "Iemand anders heeft het signaal intussen gewijzigd" in geweigerd[0].messages[0]
    s.refresh_from_db()
    assert s.status == gelukt[0].status and s.versie == 2
    # The history holds exactly the change that was made; the refused one left nothing half-written.
    wijzigingen = list(Historie.objects.filter(signaal=s).exclude(naar="gemeld").values_list("naar", "notitie"))
    assert wijzigingen == [(s.status, "Opgeruimd door Gildebor." if s.status == "afgehandeld" else "Dubbel gemeld.")]


def test_many_simultaneous_escalation_updates_lose_nothing(stadsdeelregisseur, partner_a):
    from toegang.models import Organisatie

    s = melden(stadsdeelregisseur)
    (esc,) = services.escaleren(
        signaal_id=s.pk,
        partner_ids=[Organisatie.objects.get(code="welbions").pk],
        gevraagde_actie="Huurder aanspreken",
        door=stadsdeelregisseur,
    )
    start = threading.Barrier(4)

    def notitie(i):
        def taak():
            start.wait(10)
            return services.escalatie_bijwerken(escalatie_id=esc.pk, notitie=f"Notitie {i}", door=partner_a)

        return taak

    uitkomsten = _parallel(*(notitie(i) for i in range(4)))
    assert not [u for u in uitkomsten if isinstance(u, Exception)], uitkomsten
    esc.refresh_from_db()
    assert esc.versie == 1 + 4
    notities = set(Historie.objects.filter(escalatie=esc, van="verstuurd").values_list("notitie", flat=True))
    assert notities == {f"Notitie {i}" for i in range(4)}
