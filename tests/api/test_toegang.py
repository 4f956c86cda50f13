"""Permission matrix of the REST API: every role x every endpoint, allowed or denied as specified,
each response also checked against the committed OpenAPI schema.

Roles: anonymous, beleidsmedewerker, stadsdeelregisseur (portfolio WK016403; for the data endpoints
in and out of the portfolio are the same: values are not per portfolio), partner A (Welbions),
partner B (Politie), beheerder. Partner data: see tests/hulp/api.py.

The rules (docs in indicatoren/api/views.py):
- gebieden, schema and docs: everyone;
- indicatoren/waarden: anonymous only `openbaar` datasets; medewerkers all; partners openbaar,
  `partners` and their own organisation's (an invisible indicator is "unknown": 404 / 400);
- upload: logged in; rows only for datasets of one's own organisation (beheerder: all), else 400
  with the rows; a user who may deliver to no dataset at all: 403 (issue 16: the gemeente's datasets
  are written by the portal itself, and a stadsdeelregisseur delivers no figures, so both are 403);
- tokens: logged in with a session; only one's own (another's: 404).
"""

import re

import pytest

from tests.hulp.api import controleer_contract, token_client, upload
from toegang.models import ApiToken, AuditRegel

pytestmark = pytest.mark.django_db

ROLLEN = ["anoniem", "beleid", "regisseur", "partner_a", "partner_b", "beheerder"]
CLIENTS = {
    "anoniem": "client_anoniem",
    "beleid": "client_beleid",
    "regisseur": "client_regisseur",
    "partner_a": "client_partner_a",
    "partner_b": "client_partner_b",
    "beheerder": "client_beheerder",
}
GEBRUIKERS = {
    "beleid": "beleidsmedewerker",
    "regisseur": "stadsdeelregisseur",
    "partner_a": "partner_a",
    "partner_b": "partner_b",
    "beheerder": "beheerder",
}

WELBIONS_CSV = "indicator,gebied,periode,waarde\nWelbionsHuurachterstanden,WK016401,2024,25\n"


def _rij(*codes):
    return dict(zip(ROLLEN, codes, strict=True))


# endpoint -> (method, path, expected status per role in ROLLEN order)
MATRIX = {
    "gebieden": ("get", "/api/v1/gebieden/?niveau=wijk", _rij(200, 200, 200, 200, 200, 200)),
    "gebied": ("get", "/api/v1/gebieden/WK016403/?geometrie=true", _rij(200, 200, 200, 200, 200, 200)),
    "gebied-buiten-portefeuille": ("get", "/api/v1/gebieden/WK016400/", _rij(200, 200, 200, 200, 200, 200)),
    "indicatoren": ("get", "/api/v1/indicatoren/", _rij(200, 200, 200, 200, 200, 200)),
    "indicator-open": ("get", "/api/v1/indicatoren/AantalInwoners/", _rij(200, 200, 200, 200, 200, 200)),
    "indicator-welbions-intern": (
        "get",
        "/api/v1/indicatoren/WelbionsHuurachterstanden/",
        _rij(404, 200, 200, 200, 404, 200),
    ),
    "indicator-politie-intern": (
        "get",
        "/api/v1/indicatoren/PolitieWoninginbraken/",
        _rij(404, 200, 200, 404, 200, 200),
    ),
    "indicator-politie-gedeeld": ("get", "/api/v1/indicatoren/PolitieOverlast/", _rij(404, 200, 200, 200, 200, 200)),
    "waarden": ("get", "/api/v1/waarden/?gebied=WK016403&periode=2024", _rij(200, 200, 200, 200, 200, 200)),
    "waarden-buiten-portefeuille": (
        "get",
        "/api/v1/waarden/?gebied=WK016400&periode=2024",
        _rij(200, 200, 200, 200, 200, 200),
    ),
    "waarden-csv": ("get", "/api/v1/waarden/?indicator=AantalInwoners&format=csv", _rij(200, 200, 200, 200, 200, 200)),
    "waarden-welbions": (
        "get",
        "/api/v1/waarden/?indicator=WelbionsHuurachterstanden",
        _rij(400, 200, 200, 200, 400, 200),
    ),
    "waarden-politie-intern": (
        "get",
        "/api/v1/waarden/?indicator=PolitieWoninginbraken",
        _rij(400, 200, 200, 400, 200, 200),
    ),
    "upload-welbions": ("upload", "/api/v1/waarden/upload/", _rij(401, 403, 403, 200, 400, 200)),
    "tokens": ("get", "/api/v1/tokens/", _rij(401, 200, 200, 200, 200, 200)),
    "token-aanmaken": ("post", "/api/v1/tokens/", _rij(401, 201, 201, 201, 201, 201)),
    "token-van-partner-a-intrekken": ("delete", "/api/v1/tokens/{token_a}/", _rij(401, 404, 404, 204, 404, 404)),
    "token-van-partner-a-bekijken": ("get", "/api/v1/tokens/{token_a}/", _rij(401, 404, 404, 200, 404, 404)),
    "schema": ("get", "/api/schema/", _rij(200, 200, 200, 200, 200, 200)),
    "docs": ("get", "/api/docs/", _rij(200, 200, 200, 200, 200, 200)),
}


def _verzoek(client, methode, pad):
    if methode == "upload":
        return upload(client, WELBIONS_CSV)
    if methode == "post":
        return client.post(pad, {"naam": "matrix"}, content_type="application/json")
    return getattr(client, methode)(pad)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_matrix(request, partnerdata, partner_a, rol, endpoint):
    methode, pad, verwacht = MATRIX[endpoint]
    token_a = ApiToken.objects.create(gebruiker=partner_a, naam="a", prefix="aaaaaaaa", sleutel_hash="a" * 64)
    pad = pad.format(token_a=token_a.pk)
    client = request.getfixturevalue(CLIENTS[rol])
    response = _verzoek(client, methode, pad)
    assert response.status_code == verwacht[rol], (rol, endpoint, response.content[:300])
    if pad.startswith("/api/v1/"):
        controleer_contract(response, "post" if methode == "upload" else methode, pad)
        # every API request leaves an audit row, refused ones included
        regel = AuditRegel.objects.order_by("-id").first()
        assert regel.pad == pad.split("?")[0] and regel.status == response.status_code


@pytest.mark.parametrize("rol", ["beleid", "partner_a", "partner_b", "beheerder"])
@pytest.mark.parametrize(
    "endpoint",
    [
        "indicator-welbions-intern",
        "indicator-politie-intern",
        "waarden-welbions",
        "waarden-politie-intern",
        "upload-welbions",
    ],
)
def test_matrix_met_api_sleutel(request, partnerdata, rol, endpoint):
    """Machine clients with a token get exactly what their user gets with a session."""
    methode, pad, verwacht = MATRIX[endpoint]
    client, _ = token_client(request.getfixturevalue(GEBRUIKERS[rol]))
    response = _verzoek(client, methode, pad)
    assert response.status_code == verwacht[rol], (rol, endpoint, response.content[:300])


def test_tokenbeheer_niet_met_een_api_sleutel(partner_a):
    client, _ = token_client(partner_a)
    for response in (client.get("/api/v1/tokens/"), client.post("/api/v1/tokens/", {"naam": "x"})):
        assert response.status_code == 403
        assert "ingelogd" in response.json()["detail"]


def test_partner_zonder_dataset_mag_niet_leveren(maak_gebruiker, partnerdata):
    from django.test import Client

    client = Client()
    client.force_login(maak_gebruiker("wijkracht", "partner", "wijkracht"))
    response = upload(client, WELBIONS_CSV)
    assert response.status_code == 403
    assert "levert geen datasets" in response.json()["detail"]


# --- what each role sees in the lists ----------------------------------------------------------------

ZICHTBAAR = {
    "anoniem": {"cbs-kwb", "cbs-reeksen", "wijkportaal"},
    "partner_a": {"cbs-kwb", "cbs-reeksen", "wijkportaal", "welbions-intern", "politie-gedeeld"},
    "partner_b": {"cbs-kwb", "cbs-reeksen", "wijkportaal", "politie-intern", "politie-gedeeld"},
    "beleid": {"cbs-kwb", "cbs-reeksen", "wijkportaal", "welbions-intern", "politie-intern", "politie-gedeeld"},
}
ZICHTBAAR["regisseur"] = ZICHTBAAR["beheerder"] = ZICHTBAAR["beleid"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_indicatorenlijst_per_rol(request, partnerdata, rol):
    response = request.getfixturevalue(CLIENTS[rol]).get("/api/v1/indicatoren/?limit=10000")
    assert {i["dataset"]["code"] for i in response.json()["results"]} == ZICHTBAAR[rol]


@pytest.mark.parametrize("rol", ROLLEN)
def test_waarden_per_rol(request, partnerdata, rol):
    """Partner A never receives partner B's internal values, and vice versa."""
    response = request.getfixturevalue(CLIENTS[rol]).get("/api/v1/waarden/?gebied=WK016403,WK016400&periode=2024")
    codes = {r["indicator"] for r in response.json()["results"]}
    verwacht = {
        "WelbionsHuurachterstanden": "welbions-intern",
        "PolitieWoninginbraken": "politie-intern",
        "PolitieOverlast": "politie-gedeeld",
    }
    for code, dataset in verwacht.items():
        assert (code in codes) == (dataset in ZICHTBAAR[rol]), (rol, code)
    assert "AantalInwoners" in codes


def test_partner_a_ziet_nooit_data_van_partner_b_ook_niet_via_filters(client_partner_a, partnerdata):
    for pad in (
        "/api/v1/waarden/?indicator=PolitieWoninginbraken",
        "/api/v1/waarden/?indicator=PolitieWoninginbraken&format=csv",
        "/api/v1/indicatoren/?dataset=politie-intern",
        "/api/v1/indicatoren/PolitieWoninginbraken/",
    ):
        response = client_partner_a.get(pad)
        assert response.status_code in (400, 404), pad
        assert b"17" not in response.content and b'Woninginbraken"' not in response.content
    # The whole listing, page by page along the Link header (more than 10,000 values since the police and
    # KWB-extra fixtures).
    alles, url = "", "/api/v1/waarden/?limit=10000&format=csv"
    while url:
        antwoord = client_partner_a.get(url)
        alles += antwoord.content.decode()
        volgende = re.search(r'<([^>]+)>; rel="next"', antwoord.get("Link", ""))
        url = volgende.group(1) if volgende else None
    assert "PolitieWoninginbraken" not in alles
    assert "WelbionsHuurachterstanden" in alles


# --- signalen endpoints in the same matrix (their own tests: tests/signalen/test_api.py) --------------------
# One signal in the stadsdeelregisseur's portfolio (BU01640300 in WK016403) with the reporter's personal data,
# escalated to Welbions (partner A); one outside it (Binnenstad), escalated to Politie (partner B).

STATION = (6.7932, 52.2623)  # Binnenstad Centrum: outside the portfolio
PERSOONSGEGEVENS = ["Jan Jansen", "jan@example.org", "074 765 4321"]


@pytest.fixture
def signaalmatrix(stadsdeelregisseur, beheerder):
    from signalen import services
    from tests.hulp.signalen import melden
    from toegang.models import Organisatie

    org = {o.code: o.pk for o in Organisatie.objects.filter(code__in=["welbions", "politie"])}
    eigen = melden(
        stadsdeelregisseur, melder_naam="Jan Jansen", melder_email="jan@example.org", melder_telefoon="074 765 4321"
    )
    services.escaleren(
        signaal_id=eigen.pk, partner_ids=[org["welbions"]], gevraagde_actie="Opruimen", door=stadsdeelregisseur
    )
    elders = melden(beheerder, lon=STATION[0], lat=STATION[1], melder_naam="Jan Jansen")
    services.escaleren(signaal_id=elders.pk, partner_ids=[org["politie"]], gevraagde_actie="Kijken", door=beheerder)
    return {"eigen": eigen.pk, "elders": elders.pk}


def _signaal_invoer(lon_lat=None):
    from datetime import date

    from tests.hulp.signalen import BOVENHOEK, punt_in

    lon, lat = lon_lat or punt_in(BOVENHOEK)
    return {
        "omschrijving": "Fietswrakken bij het winkelcentrum.",
        "categorie": "verloedering",
        "bron": "bewoner",
        "datum_voorval": date.today().isoformat(),
        "lon": lon,
        "lat": lat,
    }


SIGNALEN_MATRIX = {
    "signalen": ("get", "/api/v1/signalen/", _rij(401, 200, 200, 200, 200, 200)),
    "signaal-in-portefeuille-naar-a": ("get", "/api/v1/signalen/{eigen}/", _rij(401, 200, 200, 200, 404, 200)),
    "signaal-buiten-portefeuille-naar-b": ("get", "/api/v1/signalen/{elders}/", _rij(401, 200, 200, 404, 200, 200)),
    "melden-in-portefeuille": ("post-signaal", "/api/v1/signalen/", _rij(401, 403, 201, 403, 403, 201)),
    # outside the portfolio the place is refused as input (400 on `locatie`, saying whom to hand it to)
    "melden-buiten-portefeuille": ("post-elders", "/api/v1/signalen/", _rij(401, 403, 400, 403, 403, 201)),
    # counts over all signals: staff only, as on /signalen/cijfers/ (a partner sees its own escalations)
    "aggregaten": ("get", "/api/v1/signaal-aggregaten/", _rij(401, 200, 200, 403, 403, 200)),
}


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("endpoint", list(SIGNALEN_MATRIX))
def test_signalen_matrix(request, signaalmatrix, rol, endpoint):
    import json

    methode, pad, verwacht = SIGNALEN_MATRIX[endpoint]
    pad = pad.format(**signaalmatrix)
    client = request.getfixturevalue(CLIENTS[rol])
    if methode.startswith("post"):
        invoer = _signaal_invoer(STATION if methode == "post-elders" else None)
        response = client.post(pad, json.dumps(invoer), content_type="application/json")
        methode = "post"
    else:
        response = client.get(pad)
    assert response.status_code == verwacht[rol], (rol, endpoint, response.content[:300])
    controleer_contract(response, methode, pad)
    if methode == "post" and response.status_code != 201:
        from signalen.models import Signaal

        assert Signaal.objects.count() == 2  # refused: nothing written
    tekst = response.content.decode()
    if rol in ("partner_a", "partner_b", "beleid"):  # none of them may see a reporter's personal data
        for gegeven in PERSOONSGEGEVENS:
            assert gegeven not in tekst, (rol, endpoint, gegeven)


@pytest.mark.parametrize(("rol", "zichtbaar"), [("partner_a", "eigen"), ("partner_b", "elders")])
def test_een_partner_ziet_alleen_de_signalen_die_naar_hem_zijn_doorgezet(request, signaalmatrix, rol, zichtbaar):
    data = request.getfixturevalue(CLIENTS[rol]).get("/api/v1/signalen/").json()
    assert [s["id"] for s in data["results"]] == [signaalmatrix[zichtbaar]]
    tekst = str(data)
    for gegeven in PERSOONSGEGEVENS + ["melder"]:
        assert gegeven not in tekst
