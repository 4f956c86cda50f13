"""Every list endpoint builds its answer in a fixed number of SQL queries, however many rows it returns.

Which queries (anonymous client):
  gebieden     count + page + audit insert                                  = 3
               + 1 for `ouder` (resolve the code), + 1 for `geometrie` (boundaries of the page)
  indicatoren  count + page (domein, dataset, eigenaar joined) + audit      = 3
               + 1 per `domein` / `dataset` filter (is the code known?)
  waarden      readable indicators (the access filter, with unit, decimals, threshold; checks the
               `indicator` codes) + count + page (gebied joined; values_list) + audit    = 4
               + 1 per `gebied` / `ouder` filter; a following page (`na=`) has no count: 3
Authentication adds: a session 2 (session, user); a token 1 (token joined with its user; +1 UPDATE of
laatst_gebruikt_op at most once a minute). Views that apply the access rules (indicatoren, waarden,
tokens) add 1 for the user's account (toegang_van); gebieden are public and never ask.
"""

import pytest

from tests.hulp.api import token_client

pytestmark = pytest.mark.django_db

ANONIEM = [
    ("/api/v1/gebieden/?limit=1", 3),
    ("/api/v1/gebieden/?limit=10000", 3),
    ("/api/v1/gebieden/?niveau=buurt&ouder=GM0164&geometrie=true", 5),
    ("/api/v1/gebieden/?code=WK016403,WK016400,BU01640300&geometrie=true&jaar=2021", 5),
    ("/api/v1/indicatoren/?limit=1", 3),
    ("/api/v1/indicatoren/?limit=10000", 3),
    ("/api/v1/indicatoren/?domein=wonen&dataset=cbs-kwb", 5),
    ("/api/v1/waarden/?limit=1", 4),
    ("/api/v1/waarden/?limit=10000", 4),
    ("/api/v1/waarden/?limit=10000&format=csv", 4),
    ("/api/v1/waarden/?limit=10&na=1.1.2024", 3),
    ("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&ouder=GM0164", 5),
    ("/api/v1/waarden/?indicator=AantalInwoners,Woningvoorraad&gebied=WK016403,GM0164&periode_van=2020", 5),
]


@pytest.mark.parametrize(("pad", "aantal"), ANONIEM)
def test_anoniem(client_anoniem, django_assert_num_queries, pad, aantal):
    with django_assert_num_queries(aantal):
        assert client_anoniem.get(pad).status_code == 200


SESSIE = [
    ("/api/v1/gebieden/?limit=10000", 3 + 2),
    ("/api/v1/indicatoren/?limit=10000", 3 + 2 + 1),
    ("/api/v1/waarden/?limit=10000", 4 + 2 + 1),
    ("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&niveau=buurt&ouder=GM0164", 5 + 2 + 1),
]


@pytest.mark.parametrize(("pad", "aantal"), SESSIE)
def test_ingelogd_met_sessie(client_partner_a, django_assert_num_queries, pad, aantal):
    with django_assert_num_queries(aantal):
        assert client_partner_a.get(pad).status_code == 200


def test_tokenlijst(client_partner_a, django_assert_num_queries):
    for i in range(3):
        client_partner_a.post("/api/v1/tokens/", {"naam": f"s{i}"}, content_type="application/json")
    # session, user, count, page, audit
    with django_assert_num_queries(5):
        assert len(client_partner_a.get("/api/v1/tokens/").json()["results"]) == 3


@pytest.mark.parametrize(("pad", "aantal"), [(p, a) for p, a in SESSIE])
def test_met_api_sleutel(partner_a, django_assert_num_queries, pad, aantal):
    client, _ = token_client(partner_a)
    client.get("/api/v1/gebieden/?limit=1")  # first use writes laatst_gebruikt_op
    with django_assert_num_queries(aantal - 1):  # a token costs 1 query where a session costs 2
        assert client.get(pad).status_code == 200


def test_aantal_rijen_maakt_niet_uit(client_anoniem, django_assert_num_queries):
    for limit in (1, 10, 1000, 10000):
        with django_assert_num_queries(4):
            data = client_anoniem.get(f"/api/v1/waarden/?limit={limit}").json()
        assert len(data["results"]) == min(limit, data["count"])
        with django_assert_num_queries(3):
            client_anoniem.get(data["next"] or "/api/v1/waarden/?na=1.1.2024")
