"""Log-in, throttling, and who sees which page and which dataset (the page half of the permission matrix;
the API half is in tests/api/test_toegang.py)."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from indicatoren.models import Dataset, Domein, Indicator
from tests.conftest import WACHTWOORD
from toegang.models import Organisatie

pytestmark = pytest.mark.django_db

PAGINAS = [
    "/",
    "/gebied/GM0164/",
    "/gebied/WK016403/",
    "/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/",
    "/vergelijk/?gebieden=WK016403,WK016400",
    "/gebied/WK016403/vergelijkbaar/",
    "/kaart/?indicator=AantalInwoners&niveau=wijk&jaar=2024",
    "/combineer/?x=AantalInwoners&y=Woningvoorraad&niveau=wijk&jaar=2024",
    "/gebied/WK016403/index/",
]
ROLLEN = ["client_beleid", "client_regisseur", "client_partner_a", "client_partner_b", "client_beheerder"]


@pytest.mark.parametrize("url", PAGINAS[1:])
def test_anonymous_visitors_are_sent_to_the_log_in_page(client_anoniem, url):
    antwoord = client_anoniem.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/inloggen/?next=")


def test_anonymous_visitors_of_the_home_page_land_on_the_public_overview(client_anoniem):
    # Issue 11: "/" no longer sends anonymous visitors to the log-in page (it did, through PAGINAS above).
    antwoord = client_anoniem.get("/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/openbaar/"
    assert client_anoniem.get("/wijken/")["Location"].startswith("/inloggen/?next=")
    assert client_anoniem.get("/zoeken/?q=es")["Location"].startswith("/inloggen/?next=")


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("url", PAGINAS)
def test_every_role_may_read_the_dashboards(request, rol, url):
    assert request.getfixturevalue(rol).get(url).status_code == 200


@pytest.mark.parametrize(
    ("rol", "status"),
    [("client_anoniem", 302), ("client_beleid", 302), ("client_partner_a", 302), ("client_beheerder", 200)],
)
def test_only_beheerders_reach_the_admin(request, rol, status):
    assert request.getfixturevalue(rol).get("/beheer/").status_code == status


def test_log_in_page_is_dutch_and_logs_in(client_anoniem, beleidsmedewerker):
    pagina = client_anoniem.get("/inloggen/").content.decode()
    assert "Gebruikersnaam" in pagina and "Wachtwoord" in pagina and 'lang="nl"' in pagina
    antwoord = client_anoniem.post("/inloggen/", {"username": "beleid", "password": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"
    assert client_anoniem.get("/gebied/WK016403/").status_code == 200
    client_anoniem.post("/uitloggen/")
    assert client_anoniem.get("/gebied/WK016403/").status_code == 302


def test_failed_log_ins_are_throttled(client_anoniem, beleidsmedewerker):
    cache.clear()
    for _ in range(5):
        antwoord = client_anoniem.post("/inloggen/", {"username": "beleid", "password": "fout"})
        assert "Onbekende combinatie" in antwoord.content.decode()
    # Now even the right password is refused until the window has passed.
    antwoord = client_anoniem.post("/inloggen/", {"username": "beleid", "password": WACHTWOORD})
    assert antwoord.status_code == 200
    assert "Te veel mislukte pogingen" in antwoord.content.decode()
    cache.clear()
    assert client_anoniem.post("/inloggen/", {"username": "beleid", "password": WACHTWOORD}).status_code == 302


def test_the_admin_log_in_shares_the_throttle(client_anoniem, beheerder):
    """/beheer/login/ is no way around the brake: its failures count with those of /inloggen/."""
    cache.clear()
    for url in ["/inloggen/", "/beheer/login/"] * 2 + ["/beheer/login/"]:
        client_anoniem.post(url, {"username": "beheer", "password": "fout"})
    antwoord = client_anoniem.post("/beheer/login/", {"username": "beheer", "password": WACHTWOORD})
    assert antwoord.status_code == 200 and "Te veel mislukte pogingen" in antwoord.content.decode()
    cache.clear()
    antwoord = client_anoniem.post("/beheer/login/?next=/beheer/", {"username": "beheer", "password": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/beheer/"


def test_the_admin_admits_staff_only(client_anoniem, beleidsmedewerker):
    antwoord = client_anoniem.post("/beheer/login/", {"username": "beleid", "password": WACHTWOORD})
    assert antwoord.status_code == 200 and "_auth_user_id" not in client_anoniem.session


def test_csrf_is_enforced_on_log_in(beleidsmedewerker):
    from django.test import Client

    strikt = Client(enforce_csrf_checks=True)
    assert strikt.post("/inloggen/", {"username": "beleid", "password": WACHTWOORD}).status_code == 403


@pytest.fixture
def welbions_dataset(tmp_path):
    """An intern dataset owned by Welbions with one delivered value for Hasseler Es."""
    dataset = Dataset.objects.create(
        code="welbions-huur",
        naam="Welbions huurachterstanden",
        zichtbaarheid="intern",
        eigenaar=Organisatie.objects.get(code="welbions"),
    )
    Indicator.objects.create(
        code="HuurachterstandWelbions",
        naam="Huishoudens met huurachterstand (Welbions)",
        dataset=dataset,
        domein=Domein.objects.get(code="inkomen-armoede"),
        eenheid="%",
        decimalen=1,
    )
    pad = tmp_path / "welbions.csv"
    pad.write_text("indicator;gebied;periode;waarde\nHuurachterstandWelbions;WK016403;2024;4,2\n", encoding="utf-8")
    call_command("import_waarden", str(pad), "--bron", "Welbions", stdout=io.StringIO(), stderr=io.StringIO())
    return dataset


@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        ("client_beleid", True),
        ("client_regisseur", True),
        ("client_beheerder", True),
        ("client_partner_a", True),
        ("client_partner_b", False),
    ],
)
def test_an_intern_partner_dataset_is_seen_by_staff_and_its_owner_only(request, welbions_dataset, rol, ziet):
    client = request.getfixturevalue(rol)
    html = client.get("/gebied/WK016403/").content.decode()
    assert ("Huishoudens met huurachterstand" in html) is ziet
    trend = client.get("/gebied/WK016403/trend/HuurachterstandWelbions/")
    assert trend.status_code == (200 if ziet else 404)
    kaart = client.get("/kaart/?indicator=HuurachterstandWelbions&niveau=wijk&jaar=2024")
    assert kaart.status_code == (200 if ziet else 404)


def test_a_partners_shared_dataset_is_seen_by_all_partners(client_partner_b, welbions_dataset):
    welbions_dataset.zichtbaarheid = "partners"
    welbions_dataset.save(update_fields=["zichtbaarheid"])
    assert "Huishoudens met huurachterstand" in client_partner_b.get("/gebied/WK016403/").content.decode()


# --- the page half of the permission matrix -------------------------------------------------------------
# Every role x every page (and its downloads), allowed or denied as specified. Partner data: the
# `partnerdata` fixture (tests/conftest.py): welbions-intern (partner A's own, intern),
# politie-intern (partner B's own, intern), politie-gedeeld (partners). The stadsdeelregisseur's
# portfolio is WK016403; dashboards are not per portfolio, so in and out of it answer the same.

MATRIX_ROLLEN = ["anoniem", "beleid", "regisseur", "partner_a", "partner_b", "beheerder"]
MATRIX_CLIENTS = {
    "anoniem": "client_anoniem",
    "beleid": "client_beleid",
    "regisseur": "client_regisseur",
    "partner_a": "client_partner_a",
    "partner_b": "client_partner_b",
    "beheerder": "client_beheerder",
}
INLOGGEN = 302  # anonymous: redirected to the log-in page


def _rij(*statussen):
    return dict(zip(MATRIX_ROLLEN, statussen, strict=True))


IEDEREEN_INGELOGD = _rij(INLOGGEN, 200, 200, 200, 200, 200)
ZONDER_PARTNER_B = _rij(INLOGGEN, 200, 200, 200, 404, 200)  # welbions-intern: staff and Welbions
ZONDER_PARTNER_A = _rij(INLOGGEN, 200, 200, 404, 200, 200)  # politie-intern: staff and Politie

WIJKEN = "niveau=wijk&jaar=2024"
PAGINA_MATRIX = {
    "overzicht": ("/wijken/", IEDEREEN_INGELOGD),  # issue 11: "/" is the home, open to anonymous visitors
    "zoeken": ("/zoeken/?q=hasseler", IEDEREEN_INGELOGD),
    "profiel-gemeente": ("/gebied/GM0164/", IEDEREEN_INGELOGD),
    "profiel-wijk-in-portefeuille": ("/gebied/WK016403/", IEDEREEN_INGELOGD),
    "profiel-wijk-buiten-portefeuille": ("/gebied/WK016400/", IEDEREEN_INGELOGD),
    "profiel-buurt": ("/gebied/BU01640300/", IEDEREEN_INGELOGD),
    "trend-openbaar": ("/gebied/BU01640300/trend/ZonnestroomVermogenWoningen/", IEDEREEN_INGELOGD),
    "trend-welbions-intern": ("/gebied/WK016403/trend/WelbionsHuurachterstanden/", ZONDER_PARTNER_B),
    "trend-politie-intern": ("/gebied/WK016403/trend/PolitieWoninginbraken/", ZONDER_PARTNER_A),
    "trend-politie-gedeeld": ("/gebied/WK016400/trend/PolitieOverlast/", IEDEREEN_INGELOGD),
    "kaart": (f"/kaart/?indicator=AantalInwoners&{WIJKEN}", IEDEREEN_INGELOGD),
    "kaart-welbions-intern": (f"/kaart/?indicator=WelbionsHuurachterstanden&{WIJKEN}", ZONDER_PARTNER_B),
    "kaart-politie-intern": (f"/kaart/?indicator=PolitieWoninginbraken&{WIJKEN}", ZONDER_PARTNER_A),
    "vergelijk": ("/vergelijk/?gebieden=WK016403,WK016400", IEDEREEN_INGELOGD),
    "vergelijk-welbions-intern": (
        "/vergelijk/?gebieden=WK016403,WK016400&indicatoren=WelbionsHuurachterstanden",
        ZONDER_PARTNER_B,
    ),
    "vergelijk-politie-intern": (
        "/vergelijk/?gebieden=WK016403,WK016400&indicatoren=PolitieWoninginbraken",
        ZONDER_PARTNER_A,
    ),
    "combineer": (f"/combineer/?x=AantalInwoners&y=Woningvoorraad&{WIJKEN}", IEDEREEN_INGELOGD),
    "combineer-welbions-intern": (
        f"/combineer/?x=WelbionsHuurachterstanden&y=AantalInwoners&{WIJKEN}",
        ZONDER_PARTNER_B,
    ),
    "combineer-politie-intern": (f"/combineer/?x=AantalInwoners&y=PolitieWoninginbraken&{WIJKEN}", ZONDER_PARTNER_A),
    "index-in-portefeuille": ("/gebied/WK016403/index/", IEDEREEN_INGELOGD),
    "index-buiten-portefeuille": ("/gebied/WK016400/index/", IEDEREEN_INGELOGD),
    "vergelijkbaar": ("/gebied/WK016403/vergelijkbaar/", IEDEREEN_INGELOGD),
    "download-profiel-csv": ("/gebied/WK016403/?formaat=csv&tabel=profiel", IEDEREEN_INGELOGD),
    "download-profiel-xlsx": ("/gebied/WK016400/?formaat=xlsx&tabel=profiel", IEDEREEN_INGELOGD),
    "download-trend-welbions-csv": (
        "/gebied/WK016403/trend/WelbionsHuurachterstanden/?formaat=csv&tabel=trend",
        ZONDER_PARTNER_B,
    ),
    "download-trend-politie-intern-xlsx": (
        "/gebied/WK016403/trend/PolitieWoninginbraken/?formaat=xlsx&tabel=trend",
        ZONDER_PARTNER_A,
    ),
    "download-kaart-politie-intern-csv": (
        f"/kaart/?indicator=PolitieWoninginbraken&{WIJKEN}&formaat=csv&tabel=kaart",
        ZONDER_PARTNER_A,
    ),
    "download-combineer-csv": (
        f"/combineer/?x=AantalInwoners&y=Woningvoorraad&{WIJKEN}&formaat=csv&tabel=spreiding",
        IEDEREEN_INGELOGD,
    ),
    "beheer": ("/beheer/", _rij(INLOGGEN, 302, 302, 302, 302, 200)),
    "beheer-auditlog": ("/beheer/toegang/auditregel/", _rij(INLOGGEN, 302, 302, 302, 302, 200)),
    "api-docs": ("/api/docs/", _rij(200, 200, 200, 200, 200, 200)),
    "inloggen": ("/inloggen/", _rij(200, 302, 302, 302, 302, 302)),
}


@pytest.mark.parametrize("rol", MATRIX_ROLLEN)
@pytest.mark.parametrize("pagina", list(PAGINA_MATRIX))
def test_pagina_matrix(request, partnerdata, rol, pagina):
    url, verwacht = PAGINA_MATRIX[pagina]
    antwoord = request.getfixturevalue(MATRIX_CLIENTS[rol]).get(url)
    assert antwoord.status_code == verwacht[rol], (rol, pagina, antwoord.content[:300])
    if verwacht[rol] == INLOGGEN and rol == "anoniem":
        assert antwoord["Location"].startswith(("/inloggen/?next=", "/beheer/login/?next="))
    if verwacht[rol] == 200 and "formaat=" in url:
        assert antwoord["Content-Disposition"].startswith("attachment;")


# --- partner A never sees partner B's data: not in a page, not in any of its downloads -----------------

ZICHTBARE_PAGINAS = [
    "/",
    "/gebied/GM0164/",
    "/gebied/WK016403/",
    "/gebied/WK016400/",
    "/gebied/WK016403/index/",
    "/gebied/WK016400/vergelijkbaar/",
    "/vergelijk/?gebieden=WK016403,WK016400",
    "/vergelijk/?gebieden=WK016403,WK016400,GM0164&periode=2024",
    f"/kaart/?{WIJKEN}",
    f"/kaart/?indicator=PolitieOverlast&{WIJKEN}",
    f"/combineer/?{WIJKEN}",
    f"/combineer/?x=PolitieOverlast&y=AantalInwoners&{WIJKEN}",
    "/gebied/WK016403/trend/PolitieOverlast/",
]
# What each partner must never receive from the other's intern dataset: its code, its name, its source.
VERBODEN = {
    "partner_a": ["PolitieWoninginbraken", "Woninginbraken", "test PolitieWoninginbraken", "politie-intern"],
    "partner_b": [
        "WelbionsHuurachterstanden",
        "Huishoudens met huurachterstand",
        "test WelbionsHuurachterstanden",
        "welbions-intern",
    ],
}
EIGEN = {"partner_a": "Huishoudens met huurachterstand", "partner_b": "Woninginbraken"}
DOWNLOAD = re.compile(r'href="\?([^"]*formaat=csv[^"]*)"')


def _tekst(antwoord) -> str:
    """A page, CSV or XLSX download as text (an XLSX is a zip: its cells are read back)."""
    if antwoord.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        from openpyxl import load_workbook

        boek = load_workbook(io.BytesIO(antwoord.content), read_only=True)
        return "\n".join(
            " ".join("" if c is None else str(c) for c in rij) for blad in boek.worksheets for rij in blad.values
        )
    return antwoord.content.decode("utf-8")


def _pagina_en_downloads(client, url: str) -> dict[str, str]:
    """The page itself and every table on it as CSV and as XLSX, by URL."""
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.content[:300])
    html = antwoord.content.decode()
    uit = {url: html}
    for query in DOWNLOAD.findall(html):
        query = query.replace("&amp;", "&")
        basis = url.split("?")[0]
        for formaat in ("csv", "xlsx"):
            download_url = f"{basis}?{query.replace('formaat=csv', f'formaat={formaat}')}"
            download = client.get(download_url)
            assert download.status_code == 200, download_url
            uit[download_url] = _tekst(download)
    return uit


@pytest.mark.parametrize("rol", ["partner_a", "partner_b"])
def test_een_partner_ziet_nooit_de_interne_data_van_een_andere(request, partnerdata, rol):
    client = request.getfixturevalue(MATRIX_CLIENTS[rol])
    gezien = {}
    for url in ZICHTBARE_PAGINAS:
        gezien.update(_pagina_en_downloads(client, url))
    assert sum("formaat=xlsx" in u for u in gezien) >= 10  # the downloads were really fetched
    for url, tekst in gezien.items():
        for verboden in VERBODEN[rol]:
            assert verboden not in tekst, (rol, url, verboden)
    # ... while its own intern dataset is there, in the pages and in the downloads
    assert EIGEN[rol] in gezien["/gebied/WK016403/"]
    assert any(EIGEN[rol] in tekst for url, tekst in gezien.items() if "formaat=xlsx" in url)


@pytest.mark.parametrize(
    "url",
    [
        "/gebied/WK016403/trend/PolitieWoninginbraken/",
        f"/kaart/?indicator=PolitieWoninginbraken&{WIJKEN}",
        "/kaart/?indicator=PolitieWoninginbraken&niveau=buurt",
        "/kaart/?indicator=PolitieWoninginbraken&niveau=wijk&jaar=2023&bijstellen=1",
        "/vergelijk/?gebieden=WK016403,WK016400&indicatoren=PolitieWoninginbraken",
        f"/combineer/?x=PolitieWoninginbraken&y=AantalInwoners&{WIJKEN}",
        "/gebied/WK016403/trend/PolitieWoninginbraken/?formaat=csv&tabel=trend",
    ],
)
def test_een_onzichtbare_indicator_is_onbekend_ook_in_de_foutmelding(client_partner_a, partnerdata, url):
    """A 404 for another organisation's intern indicator does not even reveal its name."""
    antwoord = client_partner_a.get(url)
    assert antwoord.status_code == 404
    assert "Woninginbraken" not in antwoord.content.decode().replace("PolitieWoninginbraken", "")


@pytest.mark.parametrize("rol", ["client_beleid", "client_regisseur", "client_partner_a", "client_beheerder"])
def test_onthullingsbeheer_is_overal_gelijk(request, partnerdata, rol):
    """Partner A's own value below its threshold (3 < 10) is withheld in the same way for every role that
    may see the dataset (the owner too), in the page, its CSV and XLSX downloads, and the API."""
    client = request.getfixturevalue(rol)
    reden = "onder de onthullingsdrempel van 10"
    profiel = client.get("/gebied/WK016400/").content.decode()
    assert f'<span class="status-label">minder dan 10</span><span class="reden">{reden}</span>' in profiel
    trend = client.get("/gebied/WK016400/trend/WelbionsHuurachterstanden/?formaat=csv&tabel=trend")
    assert trend.content.decode("utf-8").lstrip("\ufeff").splitlines()[1].startswith(f"2024;;onder_drempel;{reden};")
    download = client.get("/gebied/WK016400/?formaat=csv&tabel=profiel").content.decode("utf-8")
    regel = next(r for r in download.splitlines() if ";WelbionsHuurachterstanden;" in r)
    assert f";2024;;aantal;onder_drempel;{reden};" in regel
    xlsx = _tekst(client.get("/gebied/WK016400/?formaat=xlsx&tabel=profiel"))
    regel = next(r for r in xlsx.splitlines() if " WelbionsHuurachterstanden " in r)
    assert f" 2024  aantal onder_drempel {reden} " in regel and " 3 " not in regel
    api = client.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden&gebied=WK016400").json()["results"]
    assert [(r["waarde"], r["status"], r["reden"]) for r in api] == [(None, "onder_drempel", reden)]
    api_csv = client.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden&gebied=WK016400&format=csv")
    assert f"WelbionsHuurachterstanden,WK016400,2024,,onder_drempel,{reden}," in api_csv.content.decode()
