"""Issue 16 item 10: two uploads at the same moment with overlapping keys in opposite order, each in its own
transaction and connection (threads). Before, each locked its rows in file order and they deadlocked
(PostgreSQL aborted one: a 500 for that client). Rows are now written in key order: both succeed, one
after the other, and the last one's values stand."""

import threading

import pytest
from django.db import connection

from indicatoren.cbs import Gelezen
from indicatoren.models import Indicator, Status, Waarde
from indicatoren.services import Invoerrij, waarden_importeren
from wijken.models import Gebied

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gelijktijdig,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

PERIODEN = [str(j) for j in range(1900, 2100)]


def _rijen(gebieden: list[str], waarde: float, *, omgekeerd: bool) -> list[Invoerrij]:
    rijen = [
        Invoerrij(n, g, "ZonnestroomVermogenWoningen", p, Gelezen(waarde, Status.BESCHIKBAAR, ""))
        for n, (g, p) in enumerate(((g, p) for g in gebieden for p in PERIODEN), start=2)
    ]
    return rijen[::-1] if omgekeerd else rijen


def _tegelijk(*taken, timeout=120):
    uitkomst: dict[int, object] = {}
    start = threading.Barrier(len(taken))

    def draai(i, taak):
        try:
            start.wait()
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
        assert not d.is_alive(), "an upload hangs"
    return [uitkomst[i] for i in range(len(taken))]


def test_two_overlapping_uploads_in_opposite_order_do_not_deadlock():
    gebieden = list(Gebied.objects.order_by("code").values_list("code", flat=True)[:100])  # 100 x 200 = 20,000 keys
    for ronde in range(2):
        a = _rijen(gebieden, 1000 + ronde, omgekeerd=False)
        b = _rijen(gebieden, 2000 + ronde, omgekeerd=True)
        uitkomsten = _tegelijk(
            lambda a=a: waarden_importeren(a, bron="levering A", herbereken=False),
            lambda b=b: waarden_importeren(b, bron="levering B", herbereken=False),
        )
        fouten = [u for u in uitkomsten if isinstance(u, Exception)]
        assert not fouten, f"ronde {ronde}: {fouten[0]!r}"
        # One committed after the other: every key holds the values of one and the same delivery.
        indicator = Indicator.objects.get(code="ZonnestroomVermogenWoningen")
        bronnen = set(
            Waarde.objects.filter(indicator=indicator, gebied__code__in=gebieden, periode__in=PERIODEN).values_list(
                "bron", "waarde"
            )
        )
        assert bronnen in ({("levering A", 1000 + ronde)}, {("levering B", 2000 + ronde)})
