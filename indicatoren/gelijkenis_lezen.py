"""The read behind "similar areas": one SQL statement that returns the candidates x indicators matrix.

At national size the candidates of a buurt are 14,650 buurten; loading every relative value of every
one of them in every year (4.2M rows) took 59 s and 6.5 GiB. This statement lets PostgreSQL do the
selection and the period choice, and returns per candidate list and chosen indicator only the numbers
of the period `gelijkenis.kies_periode` would choose, as arrays (a few rows, not a row per value):

- the candidate lists (same level in the own gemeente, the other level in the own gemeente, the same
  level elsewhere, or all gemeenten) are assigned on the area table by parent id, not by parsing codes;
- a value counts as a number when `weergave.beslis` would show it (stored number, not below the
  indicator's disclosure threshold);
- per list and indicator the chosen period is the latest (in Python's string order) in which the
  target has a number and more than half of the list's candidates do (the target's newest period is
  counted first; older ones only where that one does not qualify);
- a list's candidates are its areas with any value of a relative indicator the visitor may see.

The indicator ids must already be filtered to those the visitor may see: visibility is per indicator
(its dataset), so no value of another indicator is read.
"""

from dataclasses import dataclass

import numpy as np
from django.db import connection

from wijken import codes

from .gelijkenis import Kolom, kies_periode

_SQL = """
WITH kandidaat AS (
    SELECT g.id, g.code, g.naam,
           CASE WHEN g.niveau = %(gemeente_niveau)s THEN 'gemeenten'
                WHEN g.niveau = %(wijk_niveau)s AND g.ouder_id = %(gemeente)s THEN 'wijken'
                WHEN g.niveau = %(buurt_niveau)s AND o.ouder_id = %(gemeente)s THEN 'buurten'
                WHEN g.niveau = %(doel_niveau)s THEN 'landelijk'
           END AS lijst
    FROM wijken_gebied g
    LEFT JOIN wijken_gebied o ON o.id = g.ouder_id
    WHERE g.id <> %(doel)s AND g.niveau IN (%(gemeente_niveau)s, %(wijk_niveau)s, %(buurt_niveau)s)
), kandidaat_met AS MATERIALIZED (
    SELECT k.* FROM kandidaat k
    WHERE k.lijst = ANY(%(lijsten)s)
      AND EXISTS (SELECT 1 FROM indicatoren_waarde v WHERE v.gebied_id = k.id AND v.indicator_id = ANY(%(relatief)s))
), gekozen AS (
    SELECT i.id AS indicator_id, i.onthullingsdrempel AS drempel
    FROM indicatoren_indicator i WHERE i.id = ANY(%(indicatoren)s)
), doelparen AS (
    SELECT * FROM unnest(%(doel_indicatoren)s::int[], %(doel_perioden)s::text[]) AS d(indicator_id, periode)
), omvang AS (
    SELECT lijst, count(*) AS n FROM kandidaat_met GROUP BY lijst
), nieuwste AS (
    -- kies_periode counts newest first and takes the first period that qualifies; nearly always that
    -- is the target's newest period, so that one is counted first for all lists (one index-only scan of
    -- waarde_indicator_periode per indicator) and older periods only for the lists it did not suit
    SELECT DISTINCT ON (indicator_id) indicator_id, periode FROM doelparen
    ORDER BY indicator_id, periode COLLATE "C" DESC
), telling_nieuwste AS (
    SELECT v.indicator_id, v.periode,
           count(*) FILTER (WHERE k.lijst = 'gemeenten' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS gemeenten,
           count(*) FILTER (WHERE k.lijst = 'wijken' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS wijken,
           count(*) FILTER (WHERE k.lijst = 'buurten' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS buurten,
           count(*) FILTER (WHERE k.lijst = 'landelijk' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS landelijk
    FROM nieuwste d
    JOIN gekozen g ON g.indicator_id = d.indicator_id
    JOIN indicatoren_waarde v ON v.indicator_id = d.indicator_id AND v.periode = d.periode
    JOIN kandidaat k ON k.id = v.gebied_id
    GROUP BY v.indicator_id, v.periode
), keuze_nieuwste AS (
    SELECT t.lijst, t.indicator_id, t.periode
    FROM (
        SELECT indicator_id, periode, 'gemeenten' AS lijst, gemeenten AS n FROM telling_nieuwste
        UNION ALL SELECT indicator_id, periode, 'wijken', wijken FROM telling_nieuwste
        UNION ALL SELECT indicator_id, periode, 'buurten', buurten FROM telling_nieuwste
        UNION ALL SELECT indicator_id, periode, 'landelijk', landelijk FROM telling_nieuwste
    ) t
    JOIN omvang o ON o.lijst = t.lijst
    WHERE 2 * t.n > o.n
), open AS (
    SELECT o.lijst, g.indicator_id FROM omvang o CROSS JOIN gekozen g
    EXCEPT SELECT lijst, indicator_id FROM keuze_nieuwste
), ouder AS (
    SELECT d.* FROM doelparen d
    WHERE d.indicator_id IN (SELECT indicator_id FROM open)
      AND (d.indicator_id, d.periode) NOT IN (SELECT indicator_id, periode FROM nieuwste)
), telling_ouder AS (
    SELECT v.indicator_id, v.periode,
           count(*) FILTER (WHERE k.lijst = 'gemeenten' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS gemeenten,
           count(*) FILTER (WHERE k.lijst = 'wijken' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS wijken,
           count(*) FILTER (WHERE k.lijst = 'buurten' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS buurten,
           count(*) FILTER (WHERE k.lijst = 'landelijk' AND abs(v.waarde) >= coalesce(g.drempel, 0)) AS landelijk
    FROM ouder d
    JOIN gekozen g ON g.indicator_id = d.indicator_id
    JOIN indicatoren_waarde v ON v.indicator_id = d.indicator_id AND v.periode = d.periode
    JOIN kandidaat k ON k.id = v.gebied_id
    GROUP BY v.indicator_id, v.periode
), keuze AS (
    SELECT lijst, indicator_id, periode FROM keuze_nieuwste
    UNION ALL (
    SELECT DISTINCT ON (t.lijst, t.indicator_id) t.lijst, t.indicator_id, t.periode
    FROM (
        SELECT indicator_id, periode, 'gemeenten' AS lijst, gemeenten AS n FROM telling_ouder
        UNION ALL SELECT indicator_id, periode, 'wijken', wijken FROM telling_ouder
        UNION ALL SELECT indicator_id, periode, 'buurten', buurten FROM telling_ouder
        UNION ALL SELECT indicator_id, periode, 'landelijk', landelijk FROM telling_ouder
    ) t
    JOIN open USING (lijst, indicator_id)
    JOIN omvang o ON o.lijst = t.lijst
    WHERE 2 * t.n > o.n
    ORDER BY t.lijst, t.indicator_id, t.periode COLLATE "C" DESC
    )
), w AS (
    -- the chosen period's numbers: each (indicator, period) an index range, then the candidates by hash
    -- (each range read once for all lists; OFFSET 0 keeps the planner from pairing every candidate
    -- with every indicator first)
    SELECT y.lijst, y.gebied_id, y.indicator_id, y.periode, y.getal
    FROM (
    SELECT k.lijst, x.gebied_id, x.indicator_id, x.periode, x.getal
    FROM (
        SELECT v.gebied_id, v.indicator_id, v.periode,
               CASE WHEN abs(v.waarde) >= coalesce(g.drempel, 0)
                    THEN v.waarde END AS getal
        FROM (SELECT DISTINCT indicator_id, periode FROM keuze) c
        JOIN gekozen g ON g.indicator_id = c.indicator_id
        JOIN indicatoren_waarde v ON v.indicator_id = c.indicator_id AND v.periode = c.periode
        OFFSET 0
    ) x
    JOIN kandidaat k ON k.id = x.gebied_id
    OFFSET 0
    ) y
    JOIN keuze c ON c.lijst = y.lijst AND c.indicator_id = y.indicator_id AND c.periode = y.periode
)
SELECT 'matrix', w.lijst, w.indicator_id, w.periode, array_agg(w.gebied_id), NULL::text[], NULL::text[],
       array_agg(w.getal)
FROM w
GROUP BY w.lijst, w.indicator_id, w.periode
UNION ALL
SELECT 'kandidaten', k.lijst, NULL, NULL, array_agg(k.id ORDER BY k.code), array_agg(k.code ORDER BY k.code),
       array_agg(k.naam ORDER BY k.code), NULL
FROM kandidaat_met k
GROUP BY k.lijst
"""


@dataclass
class Lijst:
    """The candidates of one list, in code order, and per chosen indicator code its column."""

    codes: list[str]
    namen: dict[str, str]
    kolommen: dict[str, Kolom]


def gelijkenis_matrix(
    *,
    doel_id: int,
    doel_niveau: str,
    gemeente_id: int | None,
    lijsten: list[str],
    indicatoren: dict[int, str],
    relatief: list[int],
    doel_getallen: dict[str, dict[str, float | None]],
) -> dict[str, Lijst]:
    """Per list id its candidates and matrix columns (1 query). `indicatoren`: id -> code of the
    chosen indicators; `relatief`: the ids of all relative indicators (both visible to the visitor);
    `doel_getallen`: the target's numbers per indicator code and period."""
    if connection.vendor != "postgresql":
        return _gelijkenis_matrix_orm(
            doel_id=doel_id,
            doel_niveau=doel_niveau,
            gemeente_id=gemeente_id,
            lijsten=lijsten,
            indicatoren=indicatoren,
            relatief=relatief,
            doel_getallen=doel_getallen,
        )
    paren = [(i, p) for i, c in indicatoren.items() for p, w in doel_getallen.get(c, {}).items() if w is not None]
    params = {
        "gemeente_niveau": codes.GEMEENTE,
        "wijk_niveau": codes.WIJK,
        "buurt_niveau": codes.BUURT,
        "gemeente": gemeente_id,
        "doel": doel_id,
        "doel_niveau": doel_niveau,
        "indicatoren": list(indicatoren),
        "lijsten": lijsten,
        "relatief": relatief,
        "doel_indicatoren": [i for i, _ in paren],
        "doel_perioden": [p for _, p in paren],
    }
    with connection.cursor() as cur:
        cur.execute(_SQL, params)
        rijen = cur.fetchall()
    uit: dict[str, Lijst] = {}
    ids_per_lijst: dict[str, np.ndarray] = {}
    for soort, lijst, _, _, ids, codes_, namen, _ in rijen:
        if soort == "kandidaten":
            uit[lijst] = Lijst(
                codes_, dict(zip(codes_, (n or c for n, c in zip(namen, codes_, strict=True)), strict=True)), {}
            )
            ids_per_lijst[lijst] = np.asarray(ids, dtype=np.int64)
    for soort, lijst, indicator_id, periode, ids, _, _, getallen in rijen:
        if soort != "matrix":
            continue
        alle_ids = ids_per_lijst[lijst]
        volgorde = np.argsort(alle_ids)
        plek = volgorde[np.searchsorted(alle_ids, np.asarray(ids, dtype=np.int64), sorter=volgorde)]
        kolom = np.full(len(alle_ids), np.nan)
        kolom[plek] = np.array([np.nan if g is None else g for g in getallen], dtype=float)
        uit[lijst].kolommen[indicatoren[indicator_id]] = Kolom(periode, kolom)
    return uit


def _gelijkenis_matrix_orm(
    *,
    doel_id: int,
    doel_niveau: str,
    gemeente_id: int | None,
    lijsten: list[str],
    indicatoren: dict[int, str],
    relatief: list[int],
    doel_getallen: dict[str, dict[str, float | None]],
) -> dict[str, Lijst]:
    """The same matrix as `_SQL`, through the ORM and Python: for SQLite (the first-run default, one
    gemeente), where arrays, DISTINCT ON and FILTER do not exist. Same rules as the module docstring; the
    period is chosen by `gelijkenis.kies_periode` itself, the rule the SQL statement implements."""
    from django.db.models import Exists, OuterRef

    from wijken.models import Gebied

    from .models import Waarde

    def lijst_van(niveau: str, ouder_id: int | None, grootouder_id: int | None) -> str | None:
        if niveau == codes.GEMEENTE:
            return "gemeenten"
        if niveau == codes.WIJK and gemeente_id is not None and ouder_id == gemeente_id:
            return "wijken"
        if niveau == codes.BUURT and gemeente_id is not None and grootouder_id == gemeente_id:
            return "buurten"
        return "landelijk" if niveau == doel_niveau else None

    kandidaten: dict[str, list[tuple[int, str, str]]] = {}
    met_waarde = Waarde.objects.filter(gebied_id=OuterRef("pk"), indicator_id__in=relatief)
    for gid, code, naam, niveau, ouder_id, grootouder_id in (
        Gebied.objects.filter(Exists(met_waarde), niveau__in=[codes.GEMEENTE, codes.WIJK, codes.BUURT])
        .exclude(id=doel_id)
        .values_list("id", "code", "naam", "niveau", "ouder_id", "ouder__ouder_id")
        .order_by("code")
    ):
        lijst = lijst_van(niveau, ouder_id, grootouder_id)
        if lijst in lijsten:
            kandidaten.setdefault(lijst, []).append((gid, code, naam))
    getallen: dict[tuple[int, str], dict[int, float]] = {}
    for indicator_id, periode, gebied_id, waarde, drempel in Waarde.objects.filter(
        indicator_id__in=indicatoren, waarde__isnull=False
    ).values_list("indicator_id", "periode", "gebied_id", "waarde", "indicator__onthullingsdrempel"):
        if abs(waarde) >= (drempel or 0):
            getallen.setdefault((indicator_id, periode), {})[gebied_id] = waarde
    uit: dict[str, Lijst] = {}
    for lijst, rijen in kandidaten.items():
        ids = [gid for gid, _, _ in rijen]
        ids_set = set(ids)
        kand = Lijst([c for _, c, _ in rijen], {c: n or c for _, c, n in rijen}, {})
        for indicator_id, code in indicatoren.items():
            # the target's periods with a number, each with the list's numbers in it: kies_periode's input
            per_periode = {
                periode: {gid: w for gid, w in getallen.get((indicator_id, periode), {}).items() if gid in ids_set}
                | {doel_id: doel_w}
                for periode, doel_w in doel_getallen.get(code, {}).items()
                if doel_w is not None
            }
            periode = kies_periode(per_periode, doel_id, ids_set)
            if periode is not None:
                per_gebied = per_periode[periode]
                kolom = np.array([per_gebied.get(gid, np.nan) for gid in ids], dtype=float)
                kand.kolommen[code] = Kolom(periode, kolom)
        uit[lijst] = kand
    return uit
