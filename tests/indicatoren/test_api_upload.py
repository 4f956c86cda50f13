"""POST /api/v1/waarden/upload/: a partner delivers values in the long format, with the command line's
validation and all-or-nothing import, plus the rule that one may only deliver to one's own datasets."""

import io

import pytest
from django.core.management import CommandError, call_command

from indicatoren.models import Waarde
from tests.hulp.api import controleer_contract, token_client, upload
from toegang.models import AuditRegel

pytestmark = pytest.mark.django_db

KOP = "indicator,gebied,periode,waarde\n"
GOED = KOP + "WelbionsHuurachterstanden,WK016401,2024,25\nWelbionsHuurachterstanden,WK016402,2023,31\n"


def _welbions_waarden():
    return dict(
        Waarde.objects.filter(indicator__code="WelbionsHuurachterstanden").values_list("gebied__code", "waarde")
    )


def test_partner_levert_eigen_dataset(client_partner_a, partnerdata):
    response = upload(client_partner_a, GOED)
    assert response.status_code == 200, response.content
    assert response.json() == {"bestand": "levering.csv", "gelezen": 2, "nieuw": 2, "gewijzigd": 0, "ongewijzigd": 0}
    assert _welbions_waarden() == {"WK016403": 42.0, "WK016400": 3.0, "WK016401": 25.0, "WK016402": 31.0}
    waarde = Waarde.objects.get(indicator__code="WelbionsHuurachterstanden", gebied__code="WK016401")
    assert waarde.bron == "Welbions (woningcorporatie), geleverd via de API (levering.csv)"
    regel = AuditRegel.objects.order_by("-id").first()
    assert (regel.methode, regel.status, regel.aantal, regel.parameters) == ("POST", 200, 2, "bestand=levering.csv")
    assert regel.gebruiker.username == "welbions"
    opnieuw = upload(client_partner_a, GOED.replace(",25\n", ",26\n"))
    assert opnieuw.json() == {"bestand": "levering.csv", "gelezen": 2, "nieuw": 0, "gewijzigd": 1, "ongewijzigd": 1}
    assert Waarde.objects.get(indicator__code="WelbionsHuurachterstanden", gebied__code="WK016401").waarde == 26
    met_bron = upload(client_partner_a, GOED, bron="Welbions huurdersadministratie")
    assert met_bron.json()["gewijzigd"] == 2
    assert set(
        Waarde.objects.filter(
            indicator__code="WelbionsHuurachterstanden", gebied__code__in=["WK016401", "WK016402"]
        ).values_list("bron", flat=True)
    ) == {"Welbions huurdersadministratie"}


def test_xlsx_met_statussen(client_partner_a, partnerdata):
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.append(["indicator", "gebied", "periode", "waarde", "status", "toelichting"])
    blad.append(["WelbionsHuurachterstanden", "WK016405", 2024, 12, None, None])
    blad.append(["WelbionsHuurachterstanden", "WK016406", 2024, None, "geheim", "afspraak met huurders"])
    inhoud = io.BytesIO()
    boek.save(inhoud)
    response = upload(client_partner_a, inhoud.getvalue(), naam="levering.xlsx")
    assert response.status_code == 200, response.content
    geheim = Waarde.objects.get(indicator__code="WelbionsHuurachterstanden", gebied__code="WK016406")
    assert geheim.waarde is None and geheim.status == "geheim"
    gelezen = client_partner_a.get("/api/v1/waarden/?indicator=WelbionsHuurachterstanden&gebied=WK016406").json()
    assert gelezen["results"][0]["waarde"] is None and gelezen["results"][0]["reden"] == "afspraak met huurders"


def test_met_api_sleutel(partner_a, partnerdata):
    client, _ = token_client(partner_a, "nachtelijke levering")
    response = upload(client, GOED)
    assert response.status_code == 200
    regel = AuditRegel.objects.order_by("-id").first()
    assert regel.token.naam == "nachtelijke levering" and regel.aantal == 2


def test_beheerder_mag_elke_dataset_leveren(client_beheerder, partnerdata):
    csv = KOP + "PolitieWoninginbraken,WK016401,2024,5\nWelbionsHuurachterstanden,WK016401,2024,25\n"
    assert upload(client_beheerder, csv).status_code == 200


# --- refused deliveries: 4xx with the rows, nothing written ----------------------------------------------

SLECHT = [
    (
        # A dataset the partner may see (partners) but not deliver; an invisible one: test_leverrecht.py
        "rij voor de dataset van een andere organisatie",
        GOED + "PolitieOverlast,WK016401,2024,5\n",
        [(4, "u mag geen waarden leveren voor indicator 'PolitieOverlast'")],
    ),
    (
        "onbekende gebiedscode",
        KOP + "WelbionsHuurachterstanden,WK016401,2024,25\nWelbionsHuurachterstanden,WK999999,2024,1\n",
        [(3, "onbekende gebiedscode 'WK999999'")],
    ),
    (
        "onbekende indicator",
        KOP + "Huurachterstand,WK016401,2024,25\n",
        [(2, "onbekende indicator 'Huurachterstand'")],
    ),
    (
        "dubbele rijen",
        GOED + "WelbionsHuurachterstanden,WK016401,2024,27\n",
        [(4, "dubbele rij")],
    ),
    (
        "verkeerd type",
        KOP + "WelbionsHuurachterstanden,WK016401,2024,veel\n",
        [(2, "veel")],
    ),
    (
        "foute periode",
        KOP + "WelbionsHuurachterstanden,WK016401,24,1\n",
        [(2, "periode")],
    ),
    (
        "kolom ontbreekt",
        "indicator,gebied,waarde\nWelbionsHuurachterstanden,WK016401,1\n",
        [(1, "kolom(men) ontbreken: periode")],
    ),
    (
        "alleen een kop",
        KOP,
        [(None, "alleen een kopregel")],
    ),
    (
        "rij met te veel kolommen",
        KOP + "WelbionsHuurachterstanden,WK016401,2024,1,extra\n",
        [(2, "5 kolommen, de kop heeft er 4")],
    ),
]


@pytest.mark.parametrize(("geval", "inhoud", "verwacht"), SLECHT, ids=[s[0] for s in SLECHT])
def test_foute_levering_schrijft_niets(client_partner_a, partnerdata, geval, inhoud, verwacht):
    voor = Waarde.objects.count()
    response = upload(client_partner_a, inhoud)
    assert response.status_code == 400, response.content
    data = response.json()
    assert "er is niets geïmporteerd" in data["detail"]
    for regel, melding in verwacht:
        assert any(f["regel"] == regel and melding in f["melding"] for f in data["fouten"]), data["fouten"]
    assert Waarde.objects.count() == voor
    assert AuditRegel.objects.order_by("-id").first().status == 400
    controleer_contract(response, "post", "/api/v1/waarden/upload/")


def test_alle_fouten_tegelijk_gemeld(client_partner_a, partnerdata):
    inhoud = (
        KOP
        + "WelbionsHuurachterstanden,WK999999,2024,1\n"
        + "PolitieWoninginbraken,WK016401,2024,5\n"
        + "WelbionsHuurachterstanden,WK016401,2024,veel\n"
    )
    fouten = upload(client_partner_a, inhoud).json()["fouten"]
    assert [f["regel"] for f in fouten] == [2, 3, 4]


def test_zelfde_controle_als_de_opdrachtregel(client_beheerder, partnerdata, tmp_path):
    """The API reports exactly the messages `manage.py import_waarden` reports for the same file."""
    inhoud = (
        KOP
        + "WelbionsHuurachterstanden,WK999999,2024,1\n"
        + "WelbionsHuurachterstanden,WK016401,2024,1\n"
        + "WelbionsHuurachterstanden,WK016401,2024,2\n"
        + "InwonersPerWoning,WK016401,2024,2\n"
    )
    pad = tmp_path / "levering.csv"
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(CommandError) as cli:
        call_command("import_waarden", str(pad), stdout=io.StringIO(), stderr=io.StringIO())
    api = upload(client_beheerder, inhoud).json()["fouten"]
    assert len(api) == 3
    for fout in api:
        assert f"regel {fout['regel']}: {fout['melding']}" in str(cli.value)


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("levering.pdf", b"%PDF-1.4", "verwacht een .csv- of .xlsx-bestand"),
        ("levering.csv", b"PK\x03\x04\x00\x00binair", "geen tekstbestand"),
        ("levering.csv", "indicator;gebied\n".encode("utf-16"), "UTF-16"),
        ("levering.xlsx", b"geen excel", "geen geldig Excel-bestand"),
        ("levering.csv", b"", "leeg"),
    ],
)
def test_misvormd_bestand(client_partner_a, partnerdata, naam, inhoud, melding):
    response = upload(client_partner_a, inhoud, naam=naam)
    assert response.status_code == 400, response.content
    assert melding in str(response.json()), response.json()
    controleer_contract(response, "post", "/api/v1/waarden/upload/")


def test_zonder_bestand(client_partner_a, partnerdata):
    response = client_partner_a.post("/api/v1/waarden/upload/", {"bron": "x"})
    assert response.status_code == 400
    assert response.json()["fouten"][0]["melding"].startswith("bestand: ")
    leeg = upload(client_partner_a, b"", naam="leeg.csv")
    assert leeg.status_code == 400 and leeg.json()["fouten"][0]["regel"] is None
    for r in (response, leeg):
        controleer_contract(r, "post", "/api/v1/waarden/upload/")


def test_te_groot_bestand(client_partner_a, partnerdata, monkeypatch):
    monkeypatch.setattr("indicatoren.api.views.MAX_UPLOAD_BYTES", 100)
    inhoud = KOP + "WelbionsHuurachterstanden,WK016401,2024,25\n" * 10  # ~400 bytes
    response = upload(client_partner_a, inhoud)
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]
    controleer_contract(response, "post", "/api/v1/waarden/upload/")
    groot = upload(client_partner_a, "x" * 200_000)  # refused on Content-Length, before reading the body
    assert groot.status_code == 413
    assert not Waarde.objects.filter(gebied__code="WK016401", indicator__code="WelbionsHuurachterstanden").exists()


def test_anoniem_mag_niet_leveren(client_anoniem, partnerdata):
    response = upload(client_anoniem, GOED)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
