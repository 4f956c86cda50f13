"""Contract tests: the committed openapi.yaml is what the code generates, and responses of every
endpoint (successes and refusals) match it. schemathesis runs against the live schema in .ci/run.

After changing the API, regenerate the committed schema with:
    DEBUG=1 .venv/bin/python manage.py spectacular --file openapi.yaml --validate
"""

import io

import pytest
from django.core.management import call_command

from tests.hulp.api import OPENAPI, controleer_contract, openapi_schema, upload

pytestmark = pytest.mark.django_db


def test_vastgelegd_schema_is_het_gegenereerde(tmp_path):
    uit = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(uit), "--validate", stdout=io.StringIO(), stderr=io.StringIO())
    assert uit.read_text(encoding="utf-8") == OPENAPI.read_text(encoding="utf-8"), (
        "openapi.yaml is niet meer wat de code genereert: draai "
        "`DEBUG=1 .venv/bin/python manage.py spectacular --file openapi.yaml --validate` en commit het resultaat"
    )


def test_schema_endpoint_levert_hetzelfde_schema(client_anoniem):
    import yaml

    response = client_anoniem.get("/api/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))


def test_elk_pad_in_het_schema_wordt_hier_getest():
    """A new endpoint must be added to GETEST below (and so be contract-tested)."""
    paden = set(openapi_schema().raw_schema["paths"])
    assert paden == {
        "/api/v1/gebieden/",
        "/api/v1/gebieden/{code}/",
        "/api/v1/indicatoren/",
        "/api/v1/indicatoren/{code}/",
        "/api/v1/waarden/",
        "/api/v1/waarden/upload/",
        "/api/v1/tokens/",
        "/api/v1/tokens/{token_id}/",
        # signalen: contract-tested in tests/signalen/test_api.py
        "/api/v1/signalen/",
        "/api/v1/signalen/{signaal_id}/",
        "/api/v1/signaal-aggregaten/",
        # Open311 GeoReport v2: contract-tested in tests/open311/test_open311.py
        *(
            f"/open311/v2/{pad}.{formaat}"
            for pad in (
                "discovery",
                "services",
                "services/{service_code}",
                "requests",
                "requests/{service_request_id}",
                "tokens/{token}",
            )
            for formaat in ("json", "xml")
        ),
        # taken: contract-tested in tests/taken/test_levering_taak.py
        "/api/v1/taken/{taak_id}/",
    }


GETEST = [
    # (path, expected status)
    ("/api/v1/gebieden/", 200),
    ("/api/v1/gebieden/?niveau=buurt&ouder=GM0164&geometrie=true&jaar=2019&limit=5", 200),
    ("/api/v1/gebieden/?code=WK016403,BU01640300", 200),
    ("/api/v1/gebieden/?niveau=stadsdeel", 400),
    ("/api/v1/gebieden/?ouder=GM9999", 400),
    ("/api/v1/gebieden/?limit=0", 400),
    ("/api/v1/gebieden/GM0164/", 200),
    ("/api/v1/gebieden/GM0164/?geometrie=1", 200),
    ("/api/v1/gebieden/GM0363/?geometrie=1", 200),  # a gemeente without boundary: geometrie null
    ("/api/v1/gebieden/WK999999/", 404),
    ("/api/v1/indicatoren/", 200),
    ("/api/v1/indicatoren/?domein=wonen", 200),
    ("/api/v1/indicatoren/?domein=bestaat-niet", 400),
    ("/api/v1/indicatoren/Bevolkingsdichtheid/", 200),
    ("/api/v1/indicatoren/Onbekend/", 404),
    ("/api/v1/waarden/?indicator=AantalInwoners&niveau=wijk", 200),
    ("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&ouder=GM0164&periode_van=2016&periode_tot=2022", 200),
    ("/api/v1/waarden/?indicator=ZonnestroomVermogenWoningen&format=csv", 200),
    ("/api/v1/waarden/?indicator=Onbekend", 400),
    ("/api/v1/waarden/?indicator=Onbekend&format=csv", 400),
    ("/api/v1/waarden/?periode=2024-13", 400),
]


@pytest.mark.parametrize(("pad", "status"), GETEST)
def test_antwoorden_volgen_het_schema(client_anoniem, pad, status):
    response = client_anoniem.get(pad)
    assert response.status_code == status, response.content[:300]
    controleer_contract(response, "get", pad)


def test_schrijvende_endpoints_volgen_het_schema(client_partner_a, partnerdata):
    goed = upload(client_partner_a, "indicator,gebied,periode,waarde\nWelbionsHuurachterstanden,WK016401,2024,25\n")
    fout = upload(client_partner_a, "indicator,gebied,periode,waarde\nWelbionsHuurachterstanden,WK999999,2024,25\n")
    nieuw = client_partner_a.post("/api/v1/tokens/", {"naam": "contract"}, content_type="application/json")
    leeg = client_partner_a.post("/api/v1/tokens/", {"naam": ""}, content_type="application/json")
    lijst = client_partner_a.get("/api/v1/tokens/")
    een = client_partner_a.get(f"/api/v1/tokens/{nieuw.json()['id']}/")
    weg = client_partner_a.delete(f"/api/v1/tokens/{nieuw.json()['id']}/")
    for response, methode, pad, status in [
        (goed, "post", "/api/v1/waarden/upload/", 200),
        (fout, "post", "/api/v1/waarden/upload/", 400),
        (nieuw, "post", "/api/v1/tokens/", 201),
        (leeg, "post", "/api/v1/tokens/", 400),
        (lijst, "get", "/api/v1/tokens/", 200),
        (een, "get", "/api/v1/tokens/1/", 200),
        (weg, "delete", "/api/v1/tokens/1/", 204),
    ]:
        assert response.status_code == status, (pad, response.content[:300])
        controleer_contract(response, methode, pad)


def test_een_afwijkend_antwoord_wordt_wel_afgekeurd(client_anoniem):
    """The contract check itself bites: a wrong type, an undocumented status."""
    from django.http import JsonResponse

    goed = client_anoniem.get("/api/v1/gebieden/GM0164/")
    controleer_contract(goed, "get", "/api/v1/gebieden/GM0164/")
    fout_type = JsonResponse({"code": 164, "naam": None, "niveau": "gemeente", "ouder": None})
    with pytest.raises(Exception, match="164|type"):
        controleer_contract(fout_type, "get", "/api/v1/gebieden/GM0164/")
    niet_gedocumenteerd = JsonResponse({"detail": "x"}, status=418)
    with pytest.raises(Exception, match="418"):
        controleer_contract(niet_gedocumenteerd, "get", "/api/v1/gebieden/GM0164/")


def test_docspagina_uit_statische_bestanden_zonder_inline_scripts(client_anoniem):
    """/api/docs/ loads Swagger UI from our own static files (drf-spectacular-sidecar) and starts it with
    a static script: the CSP allows scripts from 'self' only, and nothing comes from a CDN."""
    import re

    from django.contrib.staticfiles import finders

    response = client_anoniem.get("/api/docs/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 3 and all(inhoud.strip() == "" for _, inhoud in scripts)  # no inline code
    bronnen = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert not [b for b in bronnen if b.startswith(("http:", "https:", "//"))], bronnen
    statisch = [b.removeprefix("/static/") for b in bronnen if b.startswith("/static/")]
    assert {"js/api-docs.js", "css/api-docs.css"} <= set(statisch)
    assert any("swagger-ui-bundle.js" in b for b in statisch)
    for pad in statisch:
        assert finders.find(pad), f"statisch bestand ontbreekt: {pad}"
    assert 'data-schema-url="/api/schema/"' in html
    assert "csrftoken" in response.cookies  # "Try it out" with a session sends it (api-docs.js)
