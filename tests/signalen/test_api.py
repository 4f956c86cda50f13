"""The signalen API (/api/v1/signalen/, /api/v1/signalen/<id>/, /api/v1/signaal-aggregaten/): who sees what
(the same rules as the pages), logging through the same service as the form, bad input as a 400 with nothing
written, hand-computed aggregates, every response checked against the committed OpenAPI schema, and the
number of queries per request pinned."""

import json
from datetime import date, timedelta

import pytest

from signalen import services
from signalen.models import Historie, Signaal
from tests.hulp.api import controleer_contract, token_client
from tests.hulp.signalen import BOVENHOEK, categorie, melden, punt_in
from toegang.models import AuditRegel, Organisatie

pytestmark = pytest.mark.django_db

STATION = (6.7932, 52.2623)  # Binnenstad Centrum, wijk Binnenstad


@pytest.fixture
def org():
    return {o.code: o for o in Organisatie.objects.all()}


@pytest.fixture
def signalen(stadsdeelregisseur, beheerder, org):
    eigen = melden(stadsdeelregisseur, melder_naam="Jan Jansen", melder_email="jan@example.org")
    services.escaleren(
        signaal_id=eigen.pk,
        partner_ids=[org["welbions"].pk, org["gildebor"].pk],
        gevraagde_actie="Opruimen",
        door=stadsdeelregisseur,
    )
    tweede = melden(stadsdeelregisseur, categorie_id=categorie("graffiti").pk, bron="wijkronde")
    elders = melden(beheerder, lon=STATION[0], lat=STATION[1])
    services.escaleren(signaal_id=elders.pk, partner_ids=[org["politie"].pk], gevraagde_actie="x", door=beheerder)
    return {"eigen": eigen, "tweede": tweede, "elders": elders}


def _get(client, pad, status=200):
    antwoord = client.get(pad)
    assert antwoord.status_code == status, antwoord.content[:400]
    controleer_contract(antwoord, "get", pad)
    return antwoord.json()


def _post(client, data, status):
    pad = "/api/v1/signalen/"
    antwoord = client.post(pad, json.dumps(data), content_type="application/json")
    assert antwoord.status_code == status, antwoord.content[:400]
    controleer_contract(antwoord, "post", pad)
    return antwoord.json()


def _ids(body) -> set[int]:
    return {r["id"] for r in body["results"]}


# --- who sees what ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["/api/v1/signalen/", "/api/v1/signalen/1/", "/api/v1/signaal-aggregaten/"])
def test_anonymous_gets_401(client_anoniem, pad):
    _get(client_anoniem, pad, 401)


def test_anonymous_cannot_log(client_anoniem):
    _post(client_anoniem, {"omschrijving": "x"}, 401)
    assert not Signaal.objects.exists()


def test_staff_see_all_signals_personal_data_only_with_permission(client_beleid, client_regisseur, signalen):
    body = _get(client_beleid, "/api/v1/signalen/")
    assert _ids(body) == {s.pk for s in signalen.values()}
    rij = next(r for r in body["results"] if r["id"] == signalen["eigen"].pk)
    assert rij["melder"] is None  # a beleidsmedewerker may not see personal data
    assert {e["partner"] for e in rij["escalaties"]} == {"welbions", "gildebor"}
    rij = next(r for r in _get(client_regisseur, "/api/v1/signalen/")["results"] if r["id"] == signalen["eigen"].pk)
    assert rij["melder"] == {"naam": "Jan Jansen", "telefoon": "", "email": "jan@example.org"}
    assert rij["buurt"] == BOVENHOEK and rij["wijk"] == "WK016403" and rij["gemeld_door"] == "regisseur"


def test_partner_sees_only_its_escalations_and_never_personal_data(client_partner_a, partner_b, signalen):
    body = _get(client_partner_a, "/api/v1/signalen/")
    assert _ids(body) == {signalen["eigen"].pk}
    (rij,) = body["results"]
    assert "melder" not in rij and "gemeld_door" not in rij and "Jan Jansen" not in json.dumps(body)
    assert [e["partner"] for e in rij["escalaties"]] == ["welbions"]  # not Gildebor's
    detail = _get(client_partner_a, f"/api/v1/signalen/{signalen['eigen'].pk}/")
    assert "melder" not in detail and "jan@example.org" not in json.dumps(detail)
    assert {h["soort"] for h in detail["historie"]} == {"escalatie"}  # only its own escalation's history
    _get(client_partner_a, f"/api/v1/signalen/{signalen['elders'].pk}/", 404)
    _get(client_partner_a, f"/api/v1/signalen/{signalen['tweede'].pk}/", 404)
    # With an API key the same.
    token, _ = token_client(partner_b)
    assert _ids(_get(token, "/api/v1/signalen/")) == {signalen["elders"].pk}


def test_detail_with_history_and_escalations(client_beheerder, signalen):
    pk = signalen["eigen"].pk
    body = _get(client_beheerder, f"/api/v1/signalen/{pk}/")
    assert body["status"] == "doorgezet" and len(body["escalaties"]) == 2
    assert [h["naar"] for h in body["historie"]] == ["gemeld", "verstuurd", "verstuurd", "doorgezet"]
    assert body["melder"]["naam"] == "Jan Jansen"


@pytest.mark.parametrize("nummer", ["0", "abc", "99999999", "99999999999999999999999", "-1", "1.5"])
def test_unknown_signal_numbers_are_404(client_beheerder, nummer):
    _get(client_beheerder, f"/api/v1/signalen/{nummer}/", 404)


# --- filters -------------------------------------------------------------------------------------------------


def test_list_filters(client_beleid, signalen):
    s = signalen
    gevallen = {
        "status=doorgezet": {s["eigen"].pk, s["elders"].pk},
        "status=open": {s["eigen"].pk, s["tweede"].pk, s["elders"].pk},
        "categorie=zwerfvuil": {s["eigen"].pk, s["elders"].pk},
        "categorie=graffiti": {s["tweede"].pk},
        "gebied=WK016403": {s["eigen"].pk, s["tweede"].pk},
        "gebied=BU01640000": {s["elders"].pk},
        "gebied=GM0164": {s["eigen"].pk, s["tweede"].pk, s["elders"].pk},
        "gebied=GM0363": set(),
        "bron=wijkronde": {s["tweede"].pk},
        "te_laat=true": set(),
        "te_laat=false": {s["eigen"].pk, s["tweede"].pk, s["elders"].pk},
        f"van={date.today().isoformat()}": {s["eigen"].pk, s["tweede"].pk, s["elders"].pk},
        f"tot={(date.today() - timedelta(days=1)).isoformat()}": set(),
        "synthetisch=true": set(),
        "synthetisch=false&limit=1": {s["elders"].pk},
    }
    for query, verwacht in gevallen.items():
        assert _ids(_get(client_beleid, f"/api/v1/signalen/?{query}")) == verwacht, query


@pytest.mark.parametrize(
    ("query", "veld"),
    [
        ("categorie=bestaat-niet", "categorie"),
        ("categorie=DROP TABLE", "categorie"),
        ("gebied=WK999999", "gebied"),
        ("gebied=hengelo", "gebied"),
        ("status=weg", "status"),
        ("bron=facebook", "bron"),
        ("te_laat=misschien", "te_laat"),
        ("van=gisteren", "van"),
        ("tot=2026-02-30", "tot"),
        ("limit=abc", "limit"),
        ("offset=-1", "offset"),
        ("onbekend=1", "parameters"),
    ],
)
def test_bad_list_parameters_are_400(client_beleid, signalen, query, veld):
    assert veld in _get(client_beleid, f"/api/v1/signalen/?{query}", 400)


# --- logging through the API ------------------------------------------------------------------------------------


def _invoer(**velden):
    lon, lat = punt_in(BOVENHOEK)
    data = {
        "omschrijving": "Fietswrakken bij het winkelcentrum.",
        "categorie": "verloedering",
        "bron": "bewoner",
        "aantal_bewoners": 3,
        "datum_voorval": date.today().isoformat(),
        "lon": lon,
        "lat": lat,
        "adres": "Winkelcentrum",
    }
    data.update(velden)
    return data


def test_regisseur_logs_a_signal_through_the_service(client_regisseur, stadsdeelregisseur):
    body = _post(client_regisseur, _invoer(melder_naam="Els", melder_telefoon="074 123 4567"), 201)
    s = Signaal.objects.get(pk=body["id"])
    assert (s.buurt.code, s.wijk.code, s.grens_jaar, s.gemeld_door) == (BOVENHOEK, "WK016403", 2025, stadsdeelregisseur)
    assert (
        body["status"] == "gemeld" and body["melder"]["naam"] == "Els" and body["categorie"]["code"] == "verloedering"
    )
    assert Historie.objects.filter(signaal=s, naar="gemeld").count() == 1
    assert AuditRegel.objects.filter(pad="/api/v1/signalen/", methode="POST", status=201, aantal=1).exists()
    wijk = _post(client_regisseur, _invoer(lon=None, lat=None, wijk="WK016403"), 201)
    assert wijk["buurt"] is None and wijk["wijk"] == "WK016403"


@pytest.mark.parametrize("rol", ["client_beleid", "client_partner_a"])
def test_only_regisseurs_and_beheerders_log(request, rol):
    _post(request.getfixturevalue(rol), _invoer(), 403)
    assert not Signaal.objects.exists()


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({"omschrijving": ""}, "omschrijving", "verplicht"),
        ({"omschrijving": "x" * 20_000}, "omschrijving", "te lang"),
        ({"omschrijving": 42}, "omschrijving", "moet tekst zijn"),
        ({"categorie": "bestaat-niet"}, "categorie", "Onbekende categorie"),
        ({"categorie": 12.5}, "categorie", "Onbekende categorie"),
        ({"categorie": ["zwerfvuil"]}, "categorie", "Onbekende categorie"),
        ({"lon": "zes komma acht"}, "lon", "moet een getal zijn"),
        ({"lat": {"graden": 52}}, "lat", "moet een getal zijn"),
        ({"lon": True}, "lon", "moet een getal zijn"),
        ({"lon": 6.8936, "lat": 52.2215}, "locatie", "buiten de gemeente Hengelo"),
        ({"datum_voorval": (date.today() + timedelta(days=3)).isoformat()}, "datum_voorval", "in de toekomst"),
        ({"datum_voorval": 20260101}, "datum_voorval", "verplicht"),
        ({"bron": None}, "bron", "Onbekende bron"),
        ({"aantal_bewoners": -2}, "aantal_bewoners", "geheel getal"),
        ({"aantal_bewoners": "1e9"}, "aantal_bewoners", "geheel getal"),
        ({"wijk": "WK016400"}, "wijk", "niet in de gekozen wijk"),
        ({"duplicaat_van": "abc"}, "duplicaat_van", "geen signaal"),
        ({"wachtwoord": "x"}, "velden", "onbekende veld"),
    ],
)
def test_bad_input_is_400_per_field_and_nothing_written(client_regisseur, velden, veld, tekst):
    body = _post(client_regisseur, _invoer(**velden), 400)
    assert veld in body, body
    assert tekst in " ".join(body[veld])
    assert not Signaal.objects.exists() and not Historie.objects.exists()


def test_a_body_that_is_not_an_object_is_400(client_regisseur):
    antwoord = client_regisseur.post("/api/v1/signalen/", "[1, 2]", content_type="application/json")
    assert antwoord.status_code == 400
    antwoord = client_regisseur.post("/api/v1/signalen/", "{kapot", content_type="application/json")
    assert antwoord.status_code == 400
    assert not Signaal.objects.exists()


# --- aggregates ------------------------------------------------------------------------------------------------


def test_aggregates_hand_computed(client_beleid, stadsdeelregisseur, beheerder):
    maart = date(2025, 3, 12)
    a = melden(stadsdeelregisseur, datum_voorval=maart)  # zwerfvuil, Bovenhoek
    melden(stadsdeelregisseur, datum_voorval=maart, duplicaat_van_id=a.pk)  # a duplicate: counted once
    geannuleerd = melden(stadsdeelregisseur, datum_voorval=maart)
    services.status_wijzigen(signaal_id=geannuleerd.pk, naar="geannuleerd", door=stadsdeelregisseur, notitie="fout")
    melden(stadsdeelregisseur, datum_voorval=maart, lon=None, lat=None, wijk_code="WK016403")  # the whole wijk
    melden(stadsdeelregisseur, datum_voorval=date(2025, 4, 1), categorie_id=categorie("graffiti").pk)
    melden(beheerder, datum_voorval=maart, lon=STATION[0], lat=STATION[1])
    demo = melden(stadsdeelregisseur, datum_voorval=maart)
    Signaal.objects.filter(pk=demo.pk).update(synthetisch=True)

    wijk = _get(client_beleid, "/api/v1/signaal-aggregaten/?gebied=WK016403")["results"]
    assert wijk == [
        {"gebied": "WK016403", "maand": "2025-03", "categorie": "zwerfvuil", "aantal": 3, "synthetisch": 1},
        {"gebied": "WK016403", "maand": "2025-04", "categorie": "verloedering", "aantal": 1, "synthetisch": 0},
    ]
    buurt = _get(client_beleid, "/api/v1/signaal-aggregaten/?niveau=buurt&gebied=WK016403&maand_tot=2025-03")
    assert buurt["results"] == [
        {"gebied": BOVENHOEK, "maand": "2025-03", "categorie": "zwerfvuil", "aantal": 2, "synthetisch": 1}
    ]
    gemeente = _get(
        client_beleid,
        "/api/v1/signaal-aggregaten/?niveau=gemeente&maand_van=2025-03&maand_tot=2025-03"
        "&categorie=zwerfvuil&synthetisch=false",
    )
    assert gemeente["results"] == [
        {"gebied": "GM0164", "maand": "2025-03", "categorie": "zwerfvuil", "aantal": 3, "synthetisch": 0}
    ]
    assert _get(client_beleid, "/api/v1/signaal-aggregaten/?maand_van=2025-05")["results"] == []


@pytest.mark.parametrize(
    ("query", "veld"),
    [
        ("niveau=land", "niveau"),
        ("gebied=WK999999", "gebied"),
        ("gebied=x", "gebied"),
        ("maand_van=2025-13", "maand_van"),
        ("maand_tot=2025", "maand_tot"),
        ("maand_van=0000-01", "maand_van"),
        ("categorie=graffiti", "categorie"),  # a subcategory: aggregates are per main category
        ("categorie=bestaat-niet", "categorie"),
        ("synthetisch=soms", "synthetisch"),
        ("limit=0", "limit"),
    ],
)
def test_bad_aggregate_parameters_are_400(client_beleid, query, veld):
    assert veld in _get(client_beleid, f"/api/v1/signaal-aggregaten/?{query}", 400)


# --- query budget ------------------------------------------------------------------------------------------------

# session + user + account (3), [code filter 1], count, page (category, wijk, buurt, reporter joined), escalations
# of the page (prefetch), audit row.
QUERIES = [
    ("/api/v1/signalen/", 3 + 4),
    ("/api/v1/signalen/?status=open&bron=bewoner&te_laat=false&van=2020-01-01&synthetisch=false", 3 + 4),
    ("/api/v1/signalen/?categorie=zwerfvuil&gebied=WK016403", 3 + 2 + 4),
    # session + user + account, signal + its escalations, history, audit
    ("/api/v1/signalen/{pk}/", 3 + 2 + 1 + 1),
    # session + user + account, count is of a list (no query), the grouped query, audit
    ("/api/v1/signaal-aggregaten/", 3 + 1 + 1),
    ("/api/v1/signaal-aggregaten/?gebied=WK016403,BU01640000&categorie=zwerfvuil&niveau=buurt", 3 + 2 + 1 + 1),
]


@pytest.mark.parametrize(("pad", "aantal"), QUERIES)
def test_query_count_is_fixed(client_beleid, stadsdeelregisseur, org, signalen, django_assert_num_queries, pad, aantal):
    pad = pad.format(pk=signalen["eigen"].pk)
    with django_assert_num_queries(aantal):
        assert client_beleid.get(pad).status_code == 200
    for _ in range(5):  # more rows, more escalations: the same number of queries
        s = melden(stadsdeelregisseur, bron="bewoner")
        services.escaleren(
            signaal_id=s.pk, partner_ids=[org["politie"].pk], gevraagde_actie="x", door=stadsdeelregisseur
        )
    with django_assert_num_queries(aantal):
        assert client_beleid.get(pad).status_code == 200
