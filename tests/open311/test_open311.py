"""Contract tests of Open311 GeoReport v2 (/open311/v2/): every call in JSON and XML with the specification's
field names and types, the default 90-day and 1,000-request limits, the error format, a POST that becomes a
signal in the right buurt, and no personal data in any answer for any role."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone

from signalen import services
from signalen.models import Signaal
from tests.hulp.api import openapi_schema
from tests.hulp.signalen import BOVENHOEK, ENSCHEDE, categorie, melden, punt_in
from toegang.models import AuditRegel, Organisatie
from toegang.services import token_aanmaken

BASIS = "/open311/v2"
VERZOEK_VELDEN = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url", "extended_attributes",
]  # fmt: skip
SERVICE_VELDEN = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
MELDER = {"melder_naam": "Jansje Pietersen", "melder_telefoon": "06 1234 5678", "melder_email": "jansje@example.nl"}


TEMPLATES = [
    (re.compile(r"^/open311/v2/services/[^/]+\.(json|xml)$"), "/open311/v2/services/{service_code}"),
    (re.compile(r"^/open311/v2/requests/[^/]+\.(json|xml)$"), "/open311/v2/requests/{service_request_id}"),
    (re.compile(r"^/open311/v2/tokens/[^/]+\.(json|xml)$"), "/open311/v2/tokens/{token}"),
]


def _contract(antwoord) -> None:
    """The answer against the committed openapi.yaml: documented status, content type and body."""
    import requests
    from schemathesis.core.transport import Response

    pad, methode = antwoord.request["PATH_INFO"], antwoord.request["REQUEST_METHOD"]
    for patroon, template in TEMPLATES:
        if m := patroon.match(pad):
            pad = f"{template}.{m.group(1)}"
    operatie = openapi_schema()[pad][methode]
    assert str(antwoord.status_code) in operatie.definition.raw["responses"], (pad, antwoord.status_code)
    operatie.validate_response(
        Response(
            status_code=antwoord.status_code,
            headers={k.lower(): [v] for k, v in antwoord.items()},
            content=antwoord.content,
            request=requests.Request(method=methode, url=f"http://testserver{pad}").prepare(),
            elapsed=0.0,
            verify=False,
        )
    )


def _json(antwoord, status=200):
    assert antwoord.status_code == status, antwoord.content[:500]
    _contract(antwoord)
    assert antwoord["Content-Type"].startswith("application/json")
    return json.loads(antwoord.content)


def _xml(antwoord, status=200):
    assert antwoord.status_code == status, antwoord.content[:500]
    _contract(antwoord)
    assert antwoord["Content-Type"].startswith("text/xml")
    assert antwoord.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ElementTree.fromstring(antwoord.content)


def _sleutel(gebruiker) -> str:
    return token_aanmaken(gebruiker=gebruiker, naam="open311")[1]


@pytest.fixture
def signaal(stadsdeelregisseur):
    return melden(stadsdeelregisseur, adres="Speeltuin Bovenhoek", **MELDER)


def test_discovery_in_json_en_xml(client_anoniem):
    d = _json(client_anoniem.get(f"{BASIS}/discovery.json"))
    assert set(d) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = d["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["application/json", "text/xml"]
    assert "/api/v1/tokens/" in d["key_service"]
    x = _xml(client_anoniem.get(f"{BASIS}/discovery.xml"))
    assert x.tag == "discovery"
    assert [f.text for f in x.find("endpoints/endpoint/formats")] == ["application/json", "text/xml"]
    assert x.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"


def test_services_zijn_de_categorieen_met_hun_hoofdcategorie_als_group(client_anoniem):
    rijen = _json(client_anoniem.get(f"{BASIS}/services.json"))
    per_code = {r["service_code"]: r for r in rijen}
    assert list(rijen[0]) == SERVICE_VELDEN
    sub = per_code["afval-naast-container"]
    assert sub["group"] == categorie("afval-naast-container").hoofdcategorie.naam
    assert sub["service_name"] == categorie("afval-naast-container").naam
    assert sub["metadata"] is False and sub["type"] == "realtime"
    assert all(isinstance(r["keywords"], str) and isinstance(r["description"], str) for r in rijen)
    assert per_code["zwerfvuil"]["group"] == categorie("zwerfvuil").naam
    x = _xml(client_anoniem.get(f"{BASIS}/services.xml"))
    assert x.tag == "services"
    diensten = x.findall("service")
    assert len(diensten) == len(rijen)
    assert [c.tag for c in diensten[0]] == SERVICE_VELDEN
    assert {d.findtext("metadata") for d in diensten} == {"false"}


def test_service_definitie_en_onbekende_service_in_het_foutformaat(client_anoniem):
    d = _json(client_anoniem.get(f"{BASIS}/services/afval-naast-container.json"))
    assert d == {"service_code": "afval-naast-container", "attributes": []}
    x = _xml(client_anoniem.get(f"{BASIS}/services/afval-naast-container.xml"))
    assert x.tag == "service_definition" and x.findtext("service_code") == "afval-naast-container"
    fout = _json(client_anoniem.get(f"{BASIS}/services/bestaat-niet.json"), 404)
    assert fout == [{"code": 404, "description": "Er is geen service met service_code 'bestaat-niet'."}]
    x = _xml(client_anoniem.get(f"{BASIS}/services/bestaat-niet.xml"), 404)
    assert x.tag == "errors"
    assert x.findtext("error/code") == "404"
    assert "bestaat-niet" in x.findtext("error/description")


def test_verzoeken_met_de_velden_en_typen_van_de_specificatie(client_anoniem, signaal, beleidsmedewerker):
    (rij,) = _json(client_anoniem.get(f"{BASIS}/requests.json"))
    assert list(rij) == VERZOEK_VELDEN
    assert rij["service_request_id"] == str(signaal.pk)
    assert rij["status"] == "open" and rij["status_notes"] == "Gemeld"
    assert rij["service_code"] == "afval-naast-container"
    assert rij["agency_responsible"] == "Gemeente Hengelo"
    for veld in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert timezone.datetime.fromisoformat(rij[veld]).utcoffset() is not None
    assert rij["expected_datetime"].startswith(signaal.streefdatum.isoformat())
    assert isinstance(rij["lat"], float) and isinstance(rij["long"], float)
    # Anonymous: the point rounded to about 100 m, no description and no address text.
    assert rij["lat"] == round(signaal.lat, 3) and rij["long"] == round(signaal.lon, 3)
    assert rij["description"] is None and rij["address"] is None
    assert rij["extended_attributes"] == {
        "wijk": "WK016403", "buurt": BOVENHOEK, "grens_jaar": signaal.grens_jaar, "synthetisch": False,
    }  # fmt: skip
    x = _xml(client_anoniem.get(f"{BASIS}/requests.xml"))
    assert x.tag == "service_requests"
    (verzoek,) = x.findall("request")
    assert [c.tag for c in verzoek] == VERZOEK_VELDEN
    assert verzoek.findtext("service_request_id") == str(signaal.pk)
    assert verzoek.findtext("extended_attributes/buurt") == BOVENHOEK
    assert verzoek.findtext("description") == ""
    # A medewerker with a key reads the description and the address, and the exact point.
    (rij,) = _json(client_anoniem.get(f"{BASIS}/requests.json", {"api_key": _sleutel(beleidsmedewerker)}))
    assert rij["description"] == signaal.omschrijving and rij["address"] == "Speeltuin Bovenhoek"
    assert rij["lat"] == signaal.lat


def test_standaard_de_laatste_90_dagen_en_een_periode_van_meer_dan_90_dagen_geweigerd(
    client_anoniem, stadsdeelregisseur
):
    nu = timezone.now()
    oud = melden(stadsdeelregisseur, nu=nu - timedelta(days=91), datum_voorval=(nu - timedelta(days=91)).date())
    recent = melden(stadsdeelregisseur, nu=nu - timedelta(days=89), datum_voorval=(nu - timedelta(days=89)).date())
    ids = [r["service_request_id"] for r in _json(client_anoniem.get(f"{BASIS}/requests.json"))]
    assert ids == [str(recent.pk)]
    van = (nu - timedelta(days=95)).isoformat()
    tot = (nu - timedelta(days=90)).isoformat()
    ids = [
        r["service_request_id"]
        for r in _json(client_anoniem.get(f"{BASIS}/requests.json", {"start_date": van, "end_date": tot}))
    ]
    assert ids == [str(oud.pk)]
    fout = _json(
        client_anoniem.get(
            f"{BASIS}/requests.json", {"start_date": (nu - timedelta(days=120)).isoformat(), "end_date": nu.isoformat()}
        ),
        400,
    )
    assert fout == [
        {"code": 400, "description": "end_date: start_date en end_date liggen meer dan 90 dagen uit elkaar."}
    ]
    x = _xml(client_anoniem.get(f"{BASIS}/requests.xml", {"status": "half-open"}), 400)
    assert x.tag == "errors" and x.findtext("error/code") == "400"
    # service_request_id overrides the other arguments (the specification), also the 90 days.
    p = {"service_request_id": f"{oud.pk},{recent.pk}", "status": "closed"}
    ids = [r["service_request_id"] for r in _json(client_anoniem.get(f"{BASIS}/requests.json", p))]
    assert sorted(ids) == sorted([str(oud.pk), str(recent.pk)])


def test_hoogstens_1000_verzoeken_nieuwste_eerst(client_anoniem, stadsdeelregisseur):
    eerste = melden(stadsdeelregisseur)
    velden = {f.attname: getattr(eerste, f.attname) for f in Signaal._meta.concrete_fields if f.attname != "id"}
    nu = timezone.now()
    oudste, *_ = Signaal.objects.bulk_create(
        [Signaal(**{**velden, "gemeld_op": nu - timedelta(minutes=1000 - i)}) for i in range(1000)]
    )
    rijen = _json(client_anoniem.get(f"{BASIS}/requests.json"))
    assert len(rijen) == 1000
    tijden = [r["requested_datetime"] for r in rijen]
    assert tijden == sorted(tijden, reverse=True)
    assert rijen[0]["service_request_id"] == str(eerste.pk)
    assert str(oudste.pk) not in {r["service_request_id"] for r in rijen}  # the oldest of 1,001 is left out


def test_filters_status_en_service_code(client_anoniem, stadsdeelregisseur):
    open_ = melden(stadsdeelregisseur)
    dicht = melden(stadsdeelregisseur, categorie_id=categorie("zwerfvuil").pk)
    services.status_wijzigen(signaal_id=dicht.pk, naar="afgehandeld", door=stadsdeelregisseur, notitie="Opgeruimd.")
    ids = lambda **p: [r["service_request_id"] for r in _json(client_anoniem.get(f"{BASIS}/requests.json", p))]  # noqa: E731
    assert ids(status="open") == [str(open_.pk)]
    assert ids(status="closed") == [str(dicht.pk)]
    assert sorted(ids(status="open,closed")) == sorted([str(open_.pk), str(dicht.pk)])
    assert ids(service_code="zwerfvuil") == [str(dicht.pk)]
    fout = _json(client_anoniem.get(f"{BASIS}/requests.json", {"service_code": "onbekend"}), 400)
    assert fout[0]["code"] == 400 and "onbekend" in fout[0]["description"]
    fout = _json(client_anoniem.get(f"{BASIS}/requests.json", {"jurisdiction_id": "enschede.nl"}), 404)
    assert fout[0]["code"] == 404


def test_een_verzoek_met_zijn_partner_als_agency_en_de_streefdatum_van_de_escalatie(
    client_anoniem, signaal, stadsdeelregisseur, partner_a, partner_b
):
    welbions = Organisatie.objects.get(code="welbions")
    (esc,) = services.escaleren(
        signaal_id=signaal.pk, partner_ids=[welbions.pk], gevraagde_actie="Ruim het afval op.", door=stadsdeelregisseur
    )
    (rij,) = _json(client_anoniem.get(f"{BASIS}/requests/{signaal.pk}.json"))
    assert rij["agency_responsible"] == welbions.naam
    assert rij["status_notes"] == "Doorgezet naar partner"
    assert rij["expected_datetime"].startswith(esc.streefdatum.isoformat())
    x = _xml(client_anoniem.get(f"{BASIS}/requests/{signaal.pk}.xml"))
    assert x.tag == "service_requests" and x.findtext("request/agency_responsible") == welbions.naam
    # The partner it was escalated to reads its description; another partner does not.
    (rij,) = _json(client_anoniem.get(f"{BASIS}/requests/{signaal.pk}.json", {"api_key": _sleutel(partner_a)}))
    assert rij["description"] == signaal.omschrijving
    (rij,) = _json(client_anoniem.get(f"{BASIS}/requests/{signaal.pk}.json", {"api_key": _sleutel(partner_b)}))
    assert rij["description"] is None
    fout = _json(client_anoniem.get(f"{BASIS}/requests/999999999.json"), 404)
    assert fout == [{"code": 404, "description": "Er is geen verzoek met service_request_id 999999999."}]


def test_post_maakt_een_signaal_in_de_juiste_buurt_en_het_token_wijst_ernaar(client_anoniem, stadsdeelregisseur):
    lon, lat = punt_in(BOVENHOEK)
    sleutel = _sleutel(stadsdeelregisseur)
    formulier = {
        "api_key": sleutel, "service_code": "afval-naast-container", "lat": lat, "long": lon,
        "description": "Vuilniszakken naast de container.", "first_name": "Jansje", "last_name": "Pietersen",
        "email": "jansje@example.nl", "phone": "06 1234 5678", "address_string": "Bovenhoek",
    }  # fmt: skip
    (nieuw,) = _json(client_anoniem.post(f"{BASIS}/requests.json", formulier), 201)
    assert set(nieuw) == {"service_request_id", "service_notice", "account_id", "token"}
    signaal = Signaal.objects.select_related("buurt", "wijk").get(pk=int(nieuw["service_request_id"]))
    assert (signaal.buurt.code, signaal.wijk.code) == (BOVENHOEK, "WK016403")
    assert signaal.bron == "bewoner" and signaal.gemeld_door == stadsdeelregisseur
    assert signaal.melder_naam == "Jansje Pietersen"  # kept with the signal, never returned
    assert "Jansje" not in json.dumps(nieuw)
    (token,) = _json(client_anoniem.get(f"{BASIS}/tokens/{nieuw['token']}.json"))
    assert token == {"service_request_id": nieuw["service_request_id"], "token": nieuw["token"]}
    x = _xml(client_anoniem.get(f"{BASIS}/tokens/{nieuw['token']}.xml"))
    assert x.findtext("request/service_request_id") == nieuw["service_request_id"]
    _json(client_anoniem.get(f"{BASIS}/tokens/vervalst.json"), 404)
    x = _xml(client_anoniem.post(f"{BASIS}/requests.xml", formulier), 201)
    assert x.tag == "service_requests" and x.findtext("request/service_request_id").isdigit()
    # The key in the query string is never kept in the audit log.
    assert AuditRegel.objects.filter(parameters__contains=sleutel).count() == 0


def test_post_fouten_in_het_foutformaat_en_niets_geschreven(client_anoniem, stadsdeelregisseur, partner_a):
    voor = Signaal.objects.count()
    formulier = {"service_code": "afval-naast-container", "lat": ENSCHEDE[1], "long": ENSCHEDE[0],
                 "description": "Afval."}  # fmt: skip
    fout = _json(client_anoniem.post(f"{BASIS}/requests.json", formulier), 403)
    assert fout[0]["code"] == 403 and "api_key" in fout[0]["description"]
    fout = _json(client_anoniem.post(f"{BASIS}/requests.json", {**formulier, "api_key": "fout"}), 403)
    assert fout == [{"code": 403, "description": "Ongeldige of ingetrokken API-sleutel."}]
    fout = _json(client_anoniem.post(f"{BASIS}/requests.json", {**formulier, "api_key": _sleutel(partner_a)}), 403)
    assert "stadsdeelregisseurs" in fout[0]["description"]
    sleutel = _sleutel(stadsdeelregisseur)
    fout = _json(client_anoniem.post(f"{BASIS}/requests.json", {**formulier, "api_key": sleutel}), 400)
    assert fout[0]["code"] == 400 and fout[0]["description"].startswith("lat/long: Het punt")
    assert "buiten de gemeente Hengelo" in fout[0]["description"]
    x = _xml(client_anoniem.post(f"{BASIS}/requests.xml", {"api_key": sleutel, "service_code": "x"}), 400)
    assert {e.findtext("code") for e in x.findall("error")} == {"400"}
    assert Signaal.objects.count() == voor


def test_geen_persoonsgegevens_in_enig_antwoord_voor_enige_rol(
    client_anoniem, signaal, stadsdeelregisseur, beleidsmedewerker, partner_a, beheerder
):
    welbions = Organisatie.objects.get(code="welbions")
    services.escaleren(signaal_id=signaal.pk, partner_ids=[welbions.pk], gevraagde_actie="Opruimen.",
                       door=stadsdeelregisseur)  # fmt: skip
    token = _json(client_anoniem.post(f"{BASIS}/requests.json", {
        "api_key": _sleutel(beheerder), "service_code": "zwerfvuil", "lat": signaal.lat, "long": signaal.lon,
        "description": "Zwerfvuil.", "first_name": "Jansje", "last_name": "Pietersen", "email": MELDER["melder_email"],
        "phone": MELDER["melder_telefoon"]}), 201)[0]["token"]  # fmt: skip
    sleutels = [None] + [_sleutel(g) for g in (stadsdeelregisseur, beleidsmedewerker, partner_a, beheerder)]
    paden = ["discovery", "services", "services/zwerfvuil", "requests", f"requests/{signaal.pk}", f"tokens/{token}"]
    for sleutel in sleutels:
        for pad in paden:
            for formaat in ("json", "xml"):
                p = {"api_key": sleutel} if sleutel else {}
                inhoud = client_anoniem.get(f"{BASIS}/{pad}.{formaat}", p).content.decode()
                for geheim in ("Jansje", "Pietersen", "jansje@example.nl", "1234 5678", "06 1234"):
                    assert geheim not in inhoud, (sleutel, pad, formaat)


def test_vaste_query_budget_voor_de_lijst(client_anoniem, stadsdeelregisseur, django_assert_num_queries):
    for _ in range(5):
        melden(stadsdeelregisseur)
    # the page of requests (one query with its joins and subqueries) and the audit row
    with django_assert_num_queries(2):
        assert len(_json(client_anoniem.get(f"{BASIS}/requests.json"))) == 5
    # the categories with their main category (one query), the audit row
    with django_assert_num_queries(2):
        _json(client_anoniem.get(f"{BASIS}/services.json"))


def test_sessie_post_zonder_csrf_geweigerd(stadsdeelregisseur):
    c = Client(enforce_csrf_checks=True)
    c.force_login(stadsdeelregisseur)
    antwoord = c.post(f"{BASIS}/requests.json", {"service_code": "zwerfvuil"})
    assert antwoord.status_code == 403 and json.loads(antwoord.content)[0]["code"] == 403


def test_een_stuurteken_wordt_aan_de_rand_geweigerd_in_het_foutformaat(client_anoniem):
    fout = _json(client_anoniem.get(f"{BASIS}/services.json", {"jurisdiction_id": "a\x00b"}), 400)
    assert fout[0]["code"] == 400 and "stuurteken" in fout[0]["description"]
    x = _xml(client_anoniem.get(f"{BASIS}/services.xml", {"jurisdiction_id": "a\x00b"}), 400)
    assert x.tag == "errors" and "stuurteken" in x.findtext("error/description")


def test_gedoseerd_en_vastgelegd_zoals_de_rest_van_de_api(client_anoniem, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "anon": "2/minute"})
    for _ in range(2):
        _json(client_anoniem.get(f"{BASIS}/services.json"))
    fout = _json(client_anoniem.get(f"{BASIS}/services.json"), 429)
    assert fout[0]["code"] == 429
    x = _xml(client_anoniem.get(f"{BASIS}/services.xml"), 429)
    assert x.findtext("error/code") == "429"
    assert list(AuditRegel.objects.filter(pad__startswith=BASIS).values_list("status", flat=True).order_by("id")) == [
        200, 200, 429, 429,
    ]  # fmt: skip
