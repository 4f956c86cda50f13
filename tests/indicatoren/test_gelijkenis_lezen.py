"""The two reads of the similar-areas matrix (`gelijkenis_lezen`): the one PostgreSQL statement and the
portable ORM read for SQLite give the same candidates and the same columns on the real Hengelo data."""

from collections import defaultdict

import numpy as np
import pytest

from indicatoren.gelijkenis import Gebiedswaarde, kies_periode, matrix_uit_punten, vergelijkbaar, vergelijkbaar_matrix
from indicatoren.gelijkenis_lezen import _gelijkenis_matrix_orm, gelijkenis_matrix
from indicatoren.models import Indicator, Waarde
from wijken.models import Gebied

pytestmark = pytest.mark.django_db


def _invoer(doel_code: str):
    doel = Gebied.objects.get(code=doel_code)
    relatief = dict(Indicator.objects.filter(absoluut=False).values_list("id", "code"))
    doel_getallen: dict[str, dict[str, float | None]] = defaultdict(dict)
    for code, periode, waarde in Waarde.objects.filter(gebied=doel, indicator_id__in=relatief).values_list(
        "indicator__code", "periode", "waarde"
    ):
        doel_getallen[code][periode] = waarde
    gekozen = {i: c for i, c in relatief.items() if any(w is not None for w in doel_getallen.get(c, {}).values())}
    return {
        "doel_id": doel.id,
        "doel_niveau": doel.niveau,
        "gemeente_id": Gebied.objects.get(code="GM0164").id,
        "lijsten": ["wijken", "buurten", "landelijk"],
        "indicatoren": gekozen,
        "relatief": sorted(relatief),
        "doel_getallen": dict(doel_getallen),
    }


@pytest.mark.postgres  # compares the PostgreSQL statement with the portable read
@pytest.mark.parametrize(("doel", "minimaal"), [("WK016403", 3), ("BU01640300", 1)])
def test_the_postgresql_statement_and_the_portable_read_give_the_same_matrix(doel, minimaal):
    invoer = _invoer(doel)
    assert len(invoer["indicatoren"]) >= minimaal  # real relative indicators with a number for the target
    sql, orm = gelijkenis_matrix(**invoer), _gelijkenis_matrix_orm(**invoer)
    assert set(sql) == set(orm) and {"wijken", "buurten"} <= set(sql)
    for lijst in sql:
        assert sql[lijst].codes == orm[lijst].codes
        assert sql[lijst].namen == orm[lijst].namen
        assert set(sql[lijst].kolommen) == set(orm[lijst].kolommen)
        for code, kolom in sql[lijst].kolommen.items():
            assert kolom.periode == orm[lijst].kolommen[code].periode
            np.testing.assert_array_equal(kolom.getallen, orm[lijst].kolommen[code].getallen)


def test_points_become_the_matrix_the_reads_return():
    # A: 2024 has numbers for T and for 1 of 2 candidates (not most): 2023 is taken. B: only T: no column.
    punten = [
        Gebiedswaarde("T", "A", "2023", 1.0),
        Gebiedswaarde("P", "A", "2023", 2.0),
        Gebiedswaarde("Q", "A", "2023", None),
        Gebiedswaarde("R", "A", "2023", 4.0),
        Gebiedswaarde("T", "A", "2024", 5.0),
        Gebiedswaarde("P", "A", "2024", 6.0),
        Gebiedswaarde("T", "B", "2024", 1.0),
        Gebiedswaarde("X", "A", "2023", 9.0),  # not a candidate: ignored
    ]
    doel_getallen, kolommen = matrix_uit_punten(punten, "T", ["P", "Q", "R"], ["A", "B"])
    assert doel_getallen == {"A": {"2023": 1.0, "2024": 5.0}, "B": {"2024": 1.0}}
    assert list(kolommen) == ["A"] and kolommen["A"].periode == "2023"
    np.testing.assert_array_equal(kolommen["A"].getallen, [2.0, np.nan, 4.0])
    assert kies_periode({"2023": {"T": 1.0, "P": 2.0, "R": 4.0}}, "T", {"P", "Q", "R"}) == "2023"
    # the plain entry point is the matrix computation on this input
    uit = vergelijkbaar(punten, "T", {"P", "Q", "R", "T"}, ["A", "B"], min_overlap=1)
    via_matrix = vergelijkbaar_matrix("T", doel_getallen, ["P", "Q", "R"], kolommen, ["A", "B"], min_overlap=1)
    assert uit == via_matrix
    # A over T 1, P 2, R 4: mean 7/3; P is nearest, Q has no number
    assert [b.gebied for b in uit.buren] == ["P", "R"] and [c for c, _ in uit.uitgesloten] == ["Q"]
