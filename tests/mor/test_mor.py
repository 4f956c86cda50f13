"""MOR reports: importers for Signalen GeoJSON, Signalen CSV and a generic (Fixi-style) CSV on small files,
placement in the buurt (the signals' point-in-polygon), all-or-nothing with a row-level report, idempotence,
the download from a local fake in Signalen's layout, counts per buurt and month against a hand count, and the
published indicators on the profile."""

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from indicatoren.models import Waarde
from lib.importrapport import ImportFout
from mor.lezen import lees_bestand, lees_features
from mor.models import Melding
from mor.services import meldingen_importeren, mor_publiceren
from tests.hulp.signalen import BOVENHOEK, ENSCHEDE, punt_in

pytestmark = pytest.mark.django_db
ANDERE_BUURT = "BU01640000"  # a buurt of WK016400 Binnenstad


def _feature(lon, lat, created_at, sub="container-is-vol", hoofd="afval", sub_naam="Container is vol"):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "category": {"name": sub_naam, "slug": sub, "parent": {"name": hoofd.capitalize(), "slug": hoofd}},
            "created_at": created_at,
        },
    }


@pytest.fixture
def geojson(schrijf):
    lon, lat = punt_in(BOVENHOEK)
    lon2, lat2 = punt_in(ANDERE_BUURT)
    features = [
        _feature(lon, lat, "2026-09-03T10:00:00.000000+02:00"),
        _feature(
            lon,
            lat,
            "2026-09-20T08:30:00+02:00",
            "lantaarnpaal-straatverlichting",
            "wegen-verkeer-straatmeubilair",
            "Lantaarnpaal straatverlichting",
        ),  # fmt: skip
        _feature(lon, lat, "2026-10-01T09:00:00+02:00"),
        _feature(lon2, lat2, "2026-09-05T12:00:00+02:00", "grofvuil", "afval", "Grofvuil"),
        _feature(*ENSCHEDE, "2026-09-06T12:00:00+02:00"),  # Enschede: outside Hengelo
    ]
    return schrijf("geography.geojson", json.dumps({"type": "FeatureCollection", "features": features}))


def _importeer(pad, bron="signalen", formaat=None):
    rijen, fouten = lees_bestand(pad, formaat)
    return meldingen_importeren(rijen=rijen, fouten=fouten, bron=bron, bestand=str(pad))


def test_geojson_punten_in_hun_buurt_buiten_hengelo_gemeld_en_niet_geschreven(geojson):
    rapport = _importeer(geojson)
    assert (rapport.gelezen, rapport.nieuw, rapport.gewijzigd, rapport.ongewijzigd) == (5, 4, 0, 0)
    (buiten,) = rapport.overgeslagen
    assert buiten.regel == 5 and "buiten de gemeente" in str(buiten) and str(buiten).startswith("feature 5:")
    per_buurt = sorted(Melding.objects.values_list("buurt__code", "wijk__code", "categorie"))
    assert per_buurt == [
        (ANDERE_BUURT, "WK016400", "afval"),
        (BOVENHOEK, "WK016403", "afval"),
        (BOVENHOEK, "WK016403", "afval"),
        (BOVENHOEK, "WK016403", "verlichting"),
    ]
    assert set(Melding.objects.values_list("grens_jaar", flat=True)) == {2025}  # the boundaries in force in 2026
    assert all(m.extern_id.startswith("geo-") for m in Melding.objects.all())


def test_opnieuw_importeren_verandert_niets(geojson):
    _importeer(geojson)
    voor = list(Melding.objects.order_by("id").values())
    rapport = _importeer(geojson)
    assert (rapport.nieuw, rapport.gewijzigd, rapport.ongewijzigd) == (0, 0, 4)
    assert list(Melding.objects.order_by("id").values()) == voor


def test_signalen_csv_en_een_foute_regel_laat_niets_achter(schrijf):
    lon, lat = punt_in(BOVENHOEK)
    goed = schrijf(
        "signals.csv",
        "id,created_at,main_slug,sub_slug,lat,lng,text\n"
        f"101,2026-09-03T10:00:00+02:00,afval,container-is-vol,{lat},{lon},Melder Jan de Vries belt terug\n"
        f"102,2026-10-04 09:00:00,openbaar-groen-en-water,boom,{lat},{lon},\n",
    )
    rapport = _importeer(goed)
    assert (rapport.nieuw, rapport.overgeslagen) == (2, [])
    assert sorted(Melding.objects.values_list("extern_id", "categorie", "extern_categorie")) == [
        ("101", "afval", "afval / container-is-vol"),
        ("102", "groen", "openbaar-groen-en-water / boom"),
    ]
    # No column with personal data or free text is kept anywhere.
    assert "Jan de Vries" not in json.dumps(list(Melding.objects.values()), default=str)
    fout = schrijf(
        "signals2.csv",
        "id,created_at,main_slug,sub_slug,lat,lng\n"
        f"103,2026-09-03T10:00:00+02:00,afval,container-is-vol,{lat},{lon}\n"
        f"104,gisteren,afval,container-is-vol,{lat},{lon}\n"
        f"105,2026-09-03,parkeren,foutparkeren,{lat},{lon}\n"
        f"106,2026-09-03,afval,,155000,463000\n",
    )
    with pytest.raises(ImportFout) as exc:
        _importeer(fout)
    tekst = str(exc.value)
    assert "regel 3: 'gisteren' is geen tijdstip" in tekst
    assert "regel 4: categorie 'parkeren / foutparkeren' van bron signalen staat niet in de koppeling" in tekst
    assert "regel 5: coördinaten (463000.0, 155000.0) lijken RD New" in tekst
    assert not Melding.objects.filter(extern_id="103").exists()


def test_generieke_csv_met_buurtcode_of_coordinaten(schrijf):
    lon, lat = punt_in(ANDERE_BUURT)
    pad = schrijf(
        "fixi.csv",
        "meldingnummer;categorie;datum;buurtcode;lat;lon;e-mail melder\n"
        f"F-1;Zwerfafval;14-09-2026 09:15;{BOVENHOEK};;;a@example.nl\n"
        f"F-2;Straatverlichting;2026-09-15;;{str(lat).replace('.', ',')};{str(lon).replace('.', ',')};\n"
        "F-3;Groen;2026-09-16;BU01530101;;;\n",  # a buurt of Enschede: not in Hengelo
    )
    rapport = _importeer(pad, bron="fixi")
    assert (rapport.nieuw, [f.regel for f in rapport.overgeslagen]) == (2, [4])
    assert sorted(Melding.objects.values_list("extern_id", "buurt__code", "categorie", "grens_jaar")) == [
        ("F-1", BOVENHOEK, "afval", None),
        ("F-2", ANDERE_BUURT, "verlichting", 2025),
    ]
    assert not Melding.objects.filter(extern_categorie__icontains="example").exists()
    with pytest.raises(ImportFout, match="kolom\\(men\\) ontbreken: aanmaaktijd"):
        _importeer(schrijf("kapot.csv", "id;categorie;buurtcode\n1;Groen;BU01640300\n"), bron="fixi")
    with pytest.raises(ImportFout, match="voor bron 'onbekend' staat geen enkele categorie"):
        _importeer(pad, bron="onbekend")


def test_tellingen_per_buurt_en_maand_zijn_een_handtelling(geojson):
    _importeer(geojson)
    nu = timezone.make_aware(datetime(2026, 12, 1, 12))
    p = mor_publiceren(nu=nu)
    assert p.meldingen == 4

    def waarde(code, gebied, periode):
        w = Waarde.objects.get(indicator__code=code, gebied__code=gebied, periode=periode)
        return w.waarde, w.status

    # By hand: Bovenhoek has 2 reports in September 2026 (1 afval, 1 verlichting) and 1 in October.
    assert waarde("MorMeldingen", BOVENHOEK, "2026-09") == (2.0, "beschikbaar")
    assert waarde("MorMeldingen", BOVENHOEK, "2026-10") == (1.0, "beschikbaar")
    assert waarde("MorMeldingen", BOVENHOEK, "2026-11") == (0.0, "beschikbaar")
    assert waarde("MorMeldingen", BOVENHOEK, "2026-12") == (0.0, "voorlopig")
    assert waarde("MorMeldingen_afval", BOVENHOEK, "2026-09") == (1.0, "beschikbaar")
    assert waarde("MorMeldingen_verlichting", BOVENHOEK, "2026-09") == (1.0, "beschikbaar")
    assert waarde("MorMeldingen", "WK016403", "2026-09") == (2.0, "beschikbaar")
    assert waarde("MorMeldingen", "WK016400", "2026-09") == (1.0, "beschikbaar")
    assert waarde("MorMeldingen", "GM0164", "2026-09") == (3.0, "beschikbaar")
    inwoners = Waarde.objects.get(indicator__code="AantalInwoners", gebied__code=BOVENHOEK, periode="2024").waarde
    rate, status = waarde("MorMeldingenPer1000", BOVENHOEK, "2026-09")
    assert rate == pytest.approx(2 * 1000 / inwoners) and status == "beschikbaar"
    noot = Waarde.objects.get(indicator__code="MorMeldingenPer1000", gebied__code=BOVENHOEK, periode="2026-09")
    assert noot.toelichting == "inwoners van 2024"
    rollend = Waarde.objects.get(indicator__code="MorMeldingen12mPer1000", gebied__code=BOVENHOEK, periode="2026-11")
    assert rollend.waarde is None and rollend.status == "onbekend" and "minder dan 12 maanden" in rollend.toelichting
    # Publishing again changes nothing.
    nog_eens = mor_publiceren(nu=nu)
    assert (nog_eens.nieuw, nog_eens.gewijzigd, nog_eens.verwijderd) == (0, 0, 0)


def test_gepubliceerde_indicatoren_staan_op_profiel_en_kaart(geojson, client):
    _importeer(geojson)
    mor_publiceren()
    profiel = client.get(f"/gebied/{BOVENHOEK}/").content.decode()
    assert "Meldingen openbare ruimte" in profiel
    assert "Meldingen openbare ruimte per 1.000 inwoners (per maand)" in profiel
    kaart = client.get("/kaart/", {"indicator": "MorMeldingenPer1000", "niveau": "buurt"})
    assert kaart.status_code == 200 and "Meldingen openbare ruimte" in kaart.content.decode()


@pytest.fixture
def signalen_fake(settings):
    """A Signalen instance's public geography endpoint: two pages, the next one announced in a Link header."""
    lon, lat = punt_in(BOVENHOEK)
    paginas = {
        "1": [_feature(lon, lat, "2026-09-03T10:00:00+02:00"), _feature(*ENSCHEDE, "2026-09-04T10:00:00+02:00")],
        "2": [_feature(lon, lat, "2026-10-03T10:00:00+02:00", "grofvuil", "afval", "Grofvuil")],
    }
    ontvangen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            deel = urlsplit(self.path)
            q = parse_qs(deel.query)
            ontvangen.append(q)
            if deel.path != "/signals/v1/public/signals/geography" or "bbox" not in q:
                self.send_response(400)
                self.end_headers()
                return
            pagina = q.get("geopage", ["1"])[0]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if pagina == "1":
                self.send_header("Link", f'<{deel.path}?bbox={q["bbox"][0]}&geopage=2>; rel="next"')
            self.end_headers()
            self.wfile.write(json.dumps({"type": "FeatureCollection", "features": paginas[pagina]}).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MOR_SIGNALEN_URL = f"http://127.0.0.1:{server.server_address[1]}/signals/v1/public/signals/geography"
    yield ontvangen
    server.shutdown()
    server.server_close()


def test_download_van_signalen_volgt_de_paginas_en_is_idempotent(signalen_fake, capsys):
    call_command("import_mor", "--download")
    uit = capsys.readouterr()
    assert "3 gelezen: 2 nieuw" in uit.out and "1 overgeslagen" in uit.out
    assert "buiten de gemeente" in uit.err
    assert [q.get("geopage", ["1"])[0] for q in signalen_fake] == ["1", "2"]
    minx, miny, maxx, maxy = (float(x) for x in signalen_fake[0]["bbox"][0].split(","))
    assert 6.6 < minx < maxx < 6.9 and 52.1 < miny < maxy < 52.4  # Hengelo's buurten
    assert Melding.objects.count() == 2
    assert (
        Waarde.objects.filter(indicator__code="MorMeldingen", gebied__code=BOVENHOEK, periode="2026-09").get().waarde
        == 1
    )
    call_command("import_mor", "--download")
    assert "0 nieuw, 0 gewijzigd, 2 ongewijzigd" in capsys.readouterr().out


def test_commando_fouten(schrijf, settings):
    with pytest.raises(CommandError, match="Geef een bestand óf --download"):
        call_command("import_mor")
    settings.MOR_SIGNALEN_URL = ""
    with pytest.raises(CommandError, match="MOR_SIGNALEN_URL is niet gezet"):
        call_command("import_mor", "--download")
    with pytest.raises(CommandError, match="geen GeoJSON FeatureCollection"):
        call_command("import_mor", str(schrijf("x.geojson", '{"type": "Feature"}')))


def test_features_zonder_geldige_gegevens_krijgen_hun_nummer():
    rijen, fouten = lees_features(
        [{"type": "Feature", "properties": {}, "geometry": None}, _feature(6.8, 52.27, "nooit")]
    )
    assert rijen == []
    assert [str(f) for f in fouten] == [
        "feature 1: geometrie is geen Point",
        "feature 2: created_at 'nooit' is geen tijdstip (ISO 8601)",
    ]


def test_zonder_meldingen_zegt_het_gegevensoverzicht_hoe_ze_te_laden(client_beheerder):
    """There is no real Hengelo MOR export: a first run shows no invented numbers, but says how to load them."""
    assert not Melding.objects.exists()
    assert not Waarde.objects.filter(indicator__dataset__code="mor").exists()
    pagina = client_beheerder.get("/gegevensoverzicht/").content.decode()
    assert "Meldingen openbare ruimte (MOR)" in pagina
    assert "python manage.py import_mor" in pagina


def test_gepubliceerde_indicatoren_in_de_wijkanalyse(geojson, client):
    _importeer(geojson)
    mor_publiceren(nu=timezone.make_aware(datetime(2026, 12, 1, 12)))
    analyse = client.get("/gebied/WK016403/analyse/")
    assert analyse.status_code == 200
    assert "Meldingen openbare ruimte" in analyse.content.decode()
