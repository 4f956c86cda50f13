"""National scale: fresh planner statistics after bulk writes, query budgets that do not grow with
the data. Timing is in bench/pages_bench.py, not here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicatoren import schrijven
from indicatoren.models import Indicator, Waarde
from indicatoren.schrijven import Schrijfrij, waarden_schrijven
from wijken.models import Gebied


def _analyses(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("ANALYZE")]


@pytest.mark.postgres  # ANALYZE runs on PostgreSQL only
@pytest.mark.django_db
def test_a_bulk_write_of_values_analyses_the_value_table_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(schrijven, "ANALYZE_VANAF", 3)
    ind = Indicator.objects.get(code="AandeelMannen")
    wijken = list(Gebied.objects.filter(niveau="wijk")[:4])
    rijen = [Schrijfrij(ind.id, g.id, "2030", 50.0 + i, "beschikbaar", "test", "") for i, g in enumerate(wijken)]
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        telling = waarden_schrijven(rijen)
    assert telling.nieuw == 4
    assert _analyses(ctx) == ['ANALYZE "indicatoren_waarde"']
    # the same rows again change nothing: no statistics to refresh
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        assert waarden_schrijven(rijen).ongewijzigd == 4
    assert _analyses(ctx) == []
    assert Waarde.objects.filter(periode="2030").count() == 4


@pytest.mark.django_db
def test_a_small_write_leaves_the_statistics_to_autovacuum(django_capture_on_commit_callbacks):
    ind = Indicator.objects.get(code="AandeelMannen")
    g = Gebied.objects.filter(niveau="wijk").first()
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        waarden_schrijven([Schrijfrij(ind.id, g.id, "2030", 1.0, "beschikbaar", "test", "")])
    assert _analyses(ctx) == []


@pytest.mark.postgres  # ANALYZE runs on PostgreSQL only
@pytest.mark.django_db
def test_importing_many_boundaries_analyses_the_area_tables(monkeypatch, django_capture_on_commit_callbacks, tmp_path):
    import json

    from wijken import importers

    monkeypatch.setattr(importers, "ANALYZE_VANAF", 1)
    vorm = {"type": "Polygon", "coordinates": [[[6.8, 52.2], [6.81, 52.2], [6.81, 52.21], [6.8, 52.2]]]}
    pad = tmp_path / "gm.geojson"
    pad.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"statcode": "GM0164", "statnaam": "Hengelo", "jrstatcode": "2030GM0164"},
                        "geometry": vorm,
                    }
                ],
            }
        )
    )
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        from django.core.management import call_command

        call_command("import_gebieden", str(pad))
    assert _analyses(ctx) == ['ANALYZE "wijken_gebied"', 'ANALYZE "wijken_gebiedversie"']


# --- map shapes: simplified per level, rounded -------------------------------------------------------


def _verdicht(geometrie: dict, per_zijde: int) -> dict:
    """A real boundary at 'full resolution': `per_zijde` points along each edge, ~1 m of wobble."""
    import math

    def ring(r):
        uit = []
        for (x1, y1), (x2, y2) in zip(r[:-1], r[1:], strict=True):
            for k in range(per_zijde):
                t = k / per_zijde
                ruis = 0 if k == 0 else 0.00001 * math.sin(k * 1.7)
                uit.append([x1 + (x2 - x1) * t + ruis, y1 + (y2 - y1) * t - ruis])
        return uit + [uit[0]]

    if geometrie["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geometrie["coordinates"]]}
    return {"type": "Polygon", "coordinates": [ring(r) for r in geometrie["coordinates"]]}


def _hoekpunten(geometrie: dict) -> int:
    rings = (
        geometrie["coordinates"] if geometrie["type"] == "Polygon" else [r for p in geometrie["coordinates"] for r in p]
    )
    return sum(len(r) for r in rings)


def test_map_shape_drops_the_detail_of_a_full_resolution_boundary_and_rounds_to_a_metre():
    import json
    from pathlib import Path

    from shapely.geometry import shape

    from wijken.geo import kaartvorm

    pad = Path(__file__).resolve().parents[2] / "fixtures" / "geo" / "hengelo_buurten_2025.geojson"
    echt = json.loads(pad.read_text())["features"][0]["geometry"]
    vol = _verdicht(echt, 40)
    assert _hoekpunten(vol) > 200
    kaart = kaartvorm(vol, "buurt")
    assert _hoekpunten(kaart) <= _hoekpunten(echt) + 2  # the wobble is gone, the corners stay
    assert all(round(c, 5) == c for r in kaart["coordinates"] for p in r for c in p)
    assert shape(kaart).is_valid
    assert shape(kaart).area == pytest.approx(shape(vol).area, rel=0.01)
    assert kaartvorm(None, "buurt") is None
    assert kaartvorm({"type": "Point", "coordinates": [6.8, 52.2]}, "buurt") is None


@pytest.mark.django_db
def test_map_of_all_hengelo_buurten_with_full_resolution_shapes_stays_under_150_kb(client):
    from wijken.geo import kaartvorm
    from wijken.models import GebiedVersie

    versies = list(GebiedVersie.objects.filter(gebied__niveau="buurt").select_related("gebied"))
    for v in versies:
        v.geometrie = _verdicht(v.geometrie, 40)
        v.kaartvorm = kaartvorm(v.geometrie, "buurt")
    GebiedVersie.objects.bulk_update(versies, ["geometrie", "kaartvorm"])
    volle_grootte = sum(len(str(v.geometrie)) for v in versies if v.jaar == 2021)
    antwoord = client.get("/kaart/?niveau=buurt")
    assert antwoord.status_code == 200
    assert (
        antwoord.content.decode().count('"type": "Feature"') + antwoord.content.decode().count('"type":"Feature"') >= 60
    )
    assert volle_grootte > 300_000  # the unsimplified shapes alone would be twice the budget
    assert len(antwoord.content) < 150_000


# --- the shared cache of the heavy read pages ---------------------------------------------------------


def _zonder_csrf(html: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _matrix_queries(ctx) -> int:
    return sum("signalen" not in q["sql"] and "WITH kandidaat AS" in q["sql"] for q in ctx.captured_queries)


@pytest.mark.postgres  # counts runs of the one PostgreSQL statement (gelijkenis_lezen._SQL)
@pytest.mark.django_db
def test_similar_areas_are_computed_once_and_again_after_every_write_of_their_data(
    client, django_capture_on_commit_callbacks
):
    from indicatoren.models import Indicator, Waarde

    url = "/gebied/WK016403/vergelijkbaar/"
    with CaptureQueriesContext(connection) as eerste:
        html = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as tweede:
        tweede_html = client.get(url).content.decode()
    assert _zonder_csrf(tweede_html) == _zonder_csrf(html)
    assert (_matrix_queries(eerste), _matrix_queries(tweede)) == (1, 0)
    assert len(tweede) == len(eerste) - 1

    # a value saved (the admin, the shell): recomputed, with the new number
    w = Waarde.objects.get(gebied__code="WK016404", indicator__code="Bevolkingsdichtheid", periode="2024")
    with django_capture_on_commit_callbacks(execute=True):
        w.waarde = 99_999
        w.save()
    with CaptureQueriesContext(connection) as na_save:
        nieuw = client.get(url).content.decode()
    assert _matrix_queries(na_save) == 1 and nieuw != html and "Groot Driene (0,56)" not in nieuw

    # an import (bulk: no model signals) invalidates too
    client.get(url)
    ind = Indicator.objects.get(code="Bevolkingsdichtheid")
    with django_capture_on_commit_callbacks(execute=True):
        waarden_schrijven([Schrijfrij(ind.id, w.gebied_id, "2024", 3302.0, "beschikbaar", "test", "")])
    with CaptureQueriesContext(connection) as na_import:
        client.get(url)
    assert _matrix_queries(na_import) == 1

    # an unchanged re-import writes nothing and keeps the cache
    with django_capture_on_commit_callbacks(execute=True):
        assert waarden_schrijven(
            [Schrijfrij(ind.id, w.gebied_id, "2024", 3302.0, "beschikbaar", "test", "")]
        ).ongewijzigd
    with CaptureQueriesContext(connection) as ongewijzigd:
        client.get(url)
    assert _matrix_queries(ongewijzigd) == 0


@pytest.mark.postgres  # counts runs of the one PostgreSQL statement (gelijkenis_lezen._SQL)
@pytest.mark.django_db
def test_the_cache_key_holds_what_the_visitor_may_see(client_partner_a, client_beleid):
    """A partner and a civil servant see different indicators: never each other's cached result."""
    from indicatoren.models import Dataset

    Dataset.objects.filter(indicatoren__code="AandeelMannen").update(zichtbaarheid="intern")
    url = "/gebied/WK016403/vergelijkbaar/"
    with CaptureQueriesContext(connection) as beleid:
        assert "Aandeel mannen" in client_beleid.get(url).content.decode()
    with CaptureQueriesContext(connection) as partner:
        assert "Aandeel mannen" not in client_partner_a.get(url).content.decode()
    assert _matrix_queries(beleid) == 1
    assert _matrix_queries(partner) == 1  # other visible indicators: another key, computed for the partner


def test_with_redis_url_the_cache_is_redis_shared_by_all_workers(monkeypatch):
    import importlib

    import wijkportaal.settings as instellingen

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/6")
    try:
        herladen = importlib.reload(instellingen)
        assert herladen.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(instellingen)


@pytest.mark.django_db
def test_areas_api_lists_the_map_shape_and_the_detail_the_full_boundary(client_anoniem):
    from wijken.models import GebiedVersie

    versie = GebiedVersie.objects.filter(gebied__code="WK016403").order_by("-jaar").first()
    versie.geometrie = _verdicht(versie.geometrie, 30)
    versie.kaartvorm = None
    versie.save()  # as an import would: the map shape made from the full boundary
    from wijken.geo import kaartvorm

    GebiedVersie.objects.filter(pk=versie.pk).update(kaartvorm=kaartvorm(versie.geometrie, "wijk"))
    lijst = client_anoniem.get("/api/v1/gebieden/?code=WK016403&geometrie=true").json()["results"][0]
    detail = client_anoniem.get("/api/v1/gebieden/WK016403/?geometrie=true").json()
    assert detail["geometrie"] == versie.geometrie
    assert lijst["geometrie"] == kaartvorm(versie.geometrie, "wijk")
    assert _hoekpunten(lijst["geometrie"]) * 5 < _hoekpunten(detail["geometrie"])


# --- national views: the map over all gemeenten, or the wijken of another gemeente ----------------------


@pytest.mark.django_db
def test_national_map_of_all_gemeenten_with_nederland_as_reference(client, django_assert_num_queries):
    from wijken.models import Gebied

    with django_assert_num_queries(7):  # the same budget as a map of Hengelo's wijken
        antwoord = client.get("/kaart/?niveau=gemeente&indicator=Bevolkingsdichtheid")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    gemeenten = Gebied.objects.filter(niveau="gemeente").count()
    assert gemeenten > 300
    # every gemeente is in the data table (with or without a boundary), Hengelo among them
    assert html.count('<th scope="row">') >= gemeenten
    assert "GM0164" in html and "GM0153" in html
    if Gebied.objects.filter(niveau="land").exists():
        assert "Nederland" in html


@pytest.mark.django_db
def test_map_of_another_gemeente_and_a_bad_gemeente_code(client, settings):
    antwoord = client.get("/kaart/?niveau=wijk&gemeente=gm0153")  # no wijk figures of Enschede loaded
    assert antwoord.status_code == 200
    assert "nog geen cijfers per wijk" in antwoord.content.decode()
    settings.DEBUG = False
    antwoord = client.get("/kaart/?niveau=wijk&gemeente=Enschede")
    assert antwoord.status_code == 404 and "geen gemeentecode" in antwoord.content.decode()


def test_map_shape_stays_valid_where_plain_rounding_would_make_the_ring_cross_itself():
    import math
    import random

    from shapely.geometry import shape

    from wijken.geo import kaartvorm

    rnd = random.Random(1)
    punten = []
    for i in range(1500):  # a gemeente at full resolution: a wobbly outline with metre-scale noise
        hoek = 2 * math.pi * i / 1500
        f = 1 + 0.08 * math.sin(7 * hoek + rnd.random()) + 0.02 * (rnd.random() - 0.5)
        punten.append([6.8 + 0.08 * f * math.cos(hoek), 52.25 + 0.055 * f * math.sin(hoek)])
    vol = {"type": "Polygon", "coordinates": [punten + [punten[0]]]}
    assert shape(vol).is_valid
    kaart = kaartvorm(vol, "gemeente")
    assert shape(kaart).is_valid
    assert _hoekpunten(kaart) < 300
    assert shape(kaart).area == pytest.approx(shape(vol).area, rel=0.03)
