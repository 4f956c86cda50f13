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
