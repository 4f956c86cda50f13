"""Issue 16 item 15: the limit of 20 active API keys per user holds when many requests create keys at the
same moment (each in its own thread, transaction and connection): the count is taken under a row lock."""

import threading

import pytest
from django.db import connection

from toegang.models import ApiToken
from toegang.services import MAX_ACTIEVE_TOKENS, TokenFout, token_aanmaken

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gelijktijdig,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("hengelo_bewaard"),
]

GELIJKTIJDIG = 30


def test_concurrent_key_creation_cannot_pass_the_limit(partner_a):
    for i in range(MAX_ACTIEVE_TOKENS - 2):
        token_aanmaken(gebruiker=partner_a, naam=f"bestaand {i}")
    start = threading.Barrier(GELIJKTIJDIG)
    uitkomst: list[object] = [None] * GELIJKTIJDIG

    def maak(i):
        try:
            start.wait(10)
            uitkomst[i] = token_aanmaken(gebruiker=partner_a, naam=f"gelijktijdig {i}")[0]
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            uitkomst[i] = exc
        finally:
            connection.close()

    draden = [threading.Thread(target=maak, args=(i,)) for i in range(GELIJKTIJDIG)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(30)
        assert not d.is_alive(), "a transaction hangs"
    gelukt = [u for u in uitkomst if isinstance(u, ApiToken)]
    geweigerd = [u for u in uitkomst if isinstance(u, TokenFout)]
    assert len(gelukt) == 2 and len(geweigerd) == GELIJKTIJDIG - 2, uitkomst
    assert ApiToken.objects.actief().filter(gebruiker=partner_a).count() == MAX_ACTIEVE_TOKENS
