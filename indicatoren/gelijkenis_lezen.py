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
  target has a number and more than half of the list's candidates do;
- a list's candidates are its areas with any value of a relative indicator the visitor may see.

The indicator ids must already be filtered to those the visitor may see: visibility is per indicator
(its dataset), so no value of another indicator is read.
"""

from dataclasses import dataclass

import numpy as np
from django.db import connection

from wijken import codes

from .gelijkenis import Kolom

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
), w AS MATERIALIZED (
    SELECT k.lijst, v.gebied_id, v.indicator_id, v.periode,
           CASE WHEN v.waarde IS NOT NULL
                 AND (i.onthullingsdrempel IS NULL OR abs(v.waarde) >= i.onthullingsdrempel)
                THEN v.waarde END AS getal
    FROM indicatoren_waarde v
    JOIN kandidaat_met k ON k.id = v.gebied_id
    JOIN indicatoren_indicator i ON i.id = v.indicator_id
    WHERE v.indicator_id = ANY(%(indicatoren)s)
), omvang AS (
    SELECT lijst, count(*) AS n FROM kandidaat_met GROUP BY lijst
), doelparen AS (
    SELECT * FROM unnest(%(doel_indicatoren)s::int[], %(doel_perioden)s::text[]) AS d(indicator_id, periode)
), telling AS (
    SELECT w.lijst, w.indicator_id, w.periode, count(w.getal) AS n
    FROM w JOIN doelparen d ON d.indicator_id = w.indicator_id AND d.periode = w.periode
    GROUP BY w.lijst, w.indicator_id, w.periode
), keuze AS (
    SELECT DISTINCT ON (t.lijst, t.indicator_id) t.lijst, t.indicator_id, t.periode
    FROM telling t JOIN omvang o ON o.lijst = t.lijst
    WHERE 2 * t.n > o.n
    ORDER BY t.lijst, t.indicator_id, t.periode COLLATE "C" DESC
)
SELECT 'matrix', w.lijst, w.indicator_id, w.periode, array_agg(w.gebied_id), NULL::text[], NULL::text[],
       array_agg(w.getal)
FROM w JOIN keuze k ON k.lijst = w.lijst AND k.indicator_id = w.indicator_id AND k.periode = w.periode
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
