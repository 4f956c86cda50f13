#!/usr/bin/env python3
"""Signalen aggregation benchmark: signals per wijk per month through the app's own queryset code
(`Signaal.objects.telbaar().per_maand()` grouped per wijk and month, the counting rules of the
dashboards) against the same raw SQL `GROUP BY`, on 1,000,000 synthetic signals.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/signalen_bench.py
    .venv/bin/python bench/signalen_bench.py --signalen 100000 --keep     # smaller, keep the database

What it does:
1. Creates a throw-away database (default `wijkportaal_signalen_bench`) on the server DATABASE_URL points
   to (the database named in DATABASE_URL itself is never touched), migrates it and loads the real
   Hengelo data (buurten, wijken, categories).
2. Inserts N synthetic signals in one `INSERT ... SELECT generate_series` (spread over Hengelo's 62 buurten,
   all categories and sources, three years of event dates, 4% cancelled, 3% linked as duplicates), all
   flagged `synthetisch`. SYNTHETIC, FOR TIMING ONLY. Then VACUUM ANALYZE.
3. Times (best of --herhaal runs, after one warm-up) the ORM aggregation and the raw SQL, checks both
   give the same rows, prints seconds and the ratio ORM/SQL; goal: ORM under 0.5 s.
4. Drops the bench database unless --keep.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DOEL_S = 0.5

RAW_SQL = """
SELECT s.wijk_id, date_trunc('month', s.datum_voorval)::date AS maand, COUNT(s.id)
FROM signalen_signaal s
WHERE s.duplicaat_van_id IS NULL AND s.status <> 'geannuleerd'
GROUP BY 1, 2
"""

VULLEN = """
WITH b AS (
    SELECT array_agg(g.id ORDER BY g.code) AS bu, array_agg(g.ouder_id ORDER BY g.code) AS wk
    FROM wijken_gebied g WHERE g.niveau = 'buurt' AND g.code LIKE 'BU0164%%'
), c AS (SELECT array_agg(id ORDER BY id) AS cat FROM signalen_categorie),
r AS (SELECT i, 1 + ((i * 7919) %% 62) AS k FROM generate_series(1::bigint, %(n)s) AS i)
INSERT INTO signalen_signaal (
    omschrijving, categorie_id, bron, aantal_bewoners, datum_voorval, adres, lon, lat, buurt_id, wijk_id,
    grens_jaar, status, versie, streefdatum, gemeld_op, afgesloten_op, duplicaat_van_id,
    melder_naam, melder_telefoon, melder_email, synthetisch
)
SELECT 'Synthetisch signaal (benchmark)', c.cat[1 + (r.i * 31) %% array_length(c.cat, 1)],
       (ARRAY['bewoner','professional','partner','wijkronde','bewonersavond','telefoon'])[1 + r.i %% 6],
       1 + r.i %% 3, CURRENT_DATE - (r.i %% 1095)::int, '', NULL, NULL, b.bu[r.k], b.wk[r.k], NULL,
       CASE WHEN r.i %% 25 = 0 THEN 'geannuleerd' ELSE 'afgehandeld' END, 2, CURRENT_DATE,
       now() - make_interval(days => (r.i %% 1095)::int), now(), NULL, '', '', '', TRUE
FROM r, b, c
"""
DUPLICATEN = """
UPDATE signalen_signaal s SET duplicaat_van_id = s.id - 1
WHERE s.id %% 33 = 0 AND s.id - 1 >= (SELECT min(id) FROM signalen_signaal)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--signalen", type=int, default=1_000_000)
    parser.add_argument("--herhaal", type=int, default=5)
    parser.add_argument("--database", default="wijkportaal_signalen_bench")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args()

    import psycopg2

    server = urlsplit(os.environ.get("DATABASE_URL") or STANDAARD_URL)
    beheer = psycopg2.connect(urlunsplit(server._replace(path="/postgres")))
    beheer.autocommit = True
    with beheer.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        cur.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = urlunsplit(server._replace(path=f"/{args.database}"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    sys.path.insert(0, str(ROOT))
    try:
        meet(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with beheer.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        beheer.close()


def meet(args) -> None:
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from signalen.models import Signaal

    stil = io.StringIO()
    t = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=stil)
    call_command("load_hengelo", stdout=stil, stderr=stil)
    print(f"database {args.database}: migrated and Hengelo data loaded in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(VULLEN, {"n": args.signalen})
        cur.execute(DUPLICATEN, {})
    connection.cursor().execute("VACUUM ANALYZE signalen_signaal")
    print(f"{args.signalen:,} synthetic signals inserted in {time.perf_counter() - t:.1f} s")

    def orm():
        return list(Signaal.objects.telbaar().per_maand().per("wijk_id", "maand"))

    def raw():
        with connection.cursor() as cur:
            cur.execute(RAW_SQL)
            return cur.fetchall()

    def beste(functie):
        functie()  # warm-up: plan cache, shared buffers
        tijden = []
        for _ in range(args.herhaal):
            t0 = time.perf_counter()
            uit = functie()
            tijden.append(time.perf_counter() - t0)
        return min(tijden), sorted(tijden)[len(tijden) // 2], uit

    orm_s, orm_med, orm_rijen = beste(orm)
    sql_s, sql_med, sql_rijen = beste(raw)
    assert sorted(orm_rijen) == sorted(sql_rijen), "ORM and SQL disagree"
    geteld = sum(n for *_, n in sql_rijen)
    laden = os.getloadavg()[0]
    print(f"rows: {len(sql_rijen)} (wijk x month), signals counted: {geteld:,} (cancelled and duplicates left out)")
    print(f"ORM  (Signaal.objects.telbaar().per_maand()): best {orm_s:.3f} s, median {orm_med:.3f} s")
    print(f"SQL  (raw GROUP BY):                          best {sql_s:.3f} s, median {sql_med:.3f} s")
    print(f"ratio ORM/SQL: {orm_s / sql_s:.2f}; goal ORM < {DOEL_S} s: {'MET' if orm_s < DOEL_S else 'NOT MET'}")
    print(f"load average: {laden:.1f}")


if __name__ == "__main__":
    main()
