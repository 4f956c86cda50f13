#!/usr/bin/env python3
"""API benchmark: GET /api/v1/waarden/ for one indicator over all buurten and years, against raw SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/api_bench.py
    .venv/bin/python bench/api_bench.py --buurten 2000 --jaren 5 --herhaal 3     # quick small run

What it does:
1. Creates a throw-away database (default `wijkportaal_apibench`) on the server DATABASE_URL points to
   (the database named in DATABASE_URL itself is never touched) and migrates it.
2. Fills it with a national-size area tree (default 342 gemeenten, 3,300 wijken, 14,500 buurten,
   nested by code) and one indicator with a value for every buurt and year (default 2015..2024:
   145,000 values; ~2% with status 'geheim' and some below the disclosure threshold).
   SYNTHETIC NUMBERS, FOR TIMING ONLY.
3. Times, in-process through Django's test client (middleware, authentication, throttling, parameter
   checks, access filter, count, page, disclosure control, JSON or CSV rendering, audit row; no
   network), an anonymous client fetching every row of
       /api/v1/waarden/?indicator=BenchIndicator&niveau=buurt&limit=10000
   page by page along the `next` links (keyset pagination), as JSON and as CSV; and one page of 10,000
   rows on its own. The client does not decode the responses (the SQL baseline decodes nothing either).
4. Baseline: psycopg2 runs the raw SQL for the same rows (same joins, filter and order) and fetches
   them as tuples: once for all rows, and once for the first page (LIMIT 10000), also with the
   COUNT(*) the API's first page delivers as `count` / X-Total-Count.
5. Prints rows, median seconds of --herhaal runs, and the ratios API / SQL (goal <= 3 for all rows;
   the first page is for information), then drops the bench database (unless --keep).
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/postgres"
GOAL = 3.0
INDICATOR = "BenchIndicator"
PAGINA = 10_000
T = TypeVar("T")

RAW_SQL = """
SELECT i.code, g.code, w.periode, w.waarde, w.status, w.toelichting, w.bron,
       i.eenheid, i.decimalen, i.onthullingsdrempel
FROM indicatoren_waarde w
JOIN indicatoren_indicator i ON i.id = w.indicator_id
JOIN wijken_gebied g ON g.id = w.gebied_id
WHERE i.code = %s AND g.niveau = 'buurt'
ORDER BY w.indicator_id, w.gebied_id, w.periode
"""


def bench_url(basis: str, naam: str) -> str:
    return urlunsplit(urlsplit(basis)._replace(path=f"/{naam}"))


def beheer(url: str, sql: str) -> None:
    import psycopg2

    delen = urlsplit(url)
    verbinding = psycopg2.connect(
        host=delen.hostname or "127.0.0.1",
        port=delen.port or 5432,
        user=delen.username or "postgres",
        password=delen.password,
        dbname="postgres",
    )
    verbinding.autocommit = True
    try:
        with verbinding.cursor() as cur:
            cur.execute(sql)
    finally:
        verbinding.close()


def vullen(gemeenten: int, wijken: int, buurten: int, jaren: list[str], seed: int) -> int:
    """The area tree and one indicator's values, written with COPY (synthetic, for timing only)."""
    from django.db import connection, transaction

    from indicatoren.models import Dataset, Domein, Indicator
    from wijken.models import Gebied

    rnd = random.Random(seed)
    gm = [f"GM{g + 1:04d}" for g in range(gemeenten)]
    wk = [f"WK{gm[i % gemeenten][2:]}{i // gemeenten:02d}" for i in range(wijken)]
    bu = [f"BU{wk[j % wijken][2:]}{j // wijken:02d}" for j in range(buurten)]
    with transaction.atomic():
        Gebied.objects.bulk_create(Gebied(code=c, niveau="gemeente", naam="") for c in gm)
        ids = dict(Gebied.objects.values_list("code", "id"))
        Gebied.objects.bulk_create(Gebied(code=c, niveau="wijk", naam="", ouder_id=ids["GM" + c[2:6]]) for c in wk)
        ids = dict(Gebied.objects.values_list("code", "id"))
        Gebied.objects.bulk_create(
            (Gebied(code=c, niveau="buurt", naam="", ouder_id=ids["WK" + c[2:8]]) for c in bu), batch_size=5000
        )
        ids = dict(Gebied.objects.filter(niveau="buurt").values_list("code", "id"))
        indicator = Indicator.objects.create(
            code=INDICATOR,
            naam="Synthetische indicator (alleen voor timing)",
            domein=Domein.objects.get(code="wonen"),
            dataset=Dataset.objects.get(code="cbs-reeksen"),  # openbaar: readable without a key
            eenheid="aantal",
            onthullingsdrempel=5,
        )
        buffer = io.StringIO()
        tijd = "2024-01-01 00:00:00+00"
        for code in bu:
            for jaar in jaren:
                if rnd.random() < 0.02:  # a CBS-style secret: no number
                    buffer.write(f"{indicator.id}\t{ids[code]}\t{jaar}\t\\N\tgeheim\tsynthetisch\t\t{tijd}\n")
                else:
                    waarde = rnd.randrange(0, 2_000)
                    buffer.write(f"{indicator.id}\t{ids[code]}\t{jaar}\t{waarde}\tbeschikbaar\tsynthetisch\t\t{tijd}\n")
        buffer.seek(0)
        with connection.cursor() as cur:
            cur.copy_expert(
                "COPY indicatoren_waarde (indicator_id, gebied_id, periode, waarde, status, bron, toelichting, "
                "bijgewerkt_op) FROM STDIN",
                buffer,
            )
            cur.execute("ANALYZE")
    return len(bu) * len(jaren)


def mediaan(functie: Callable[[], T], herhaal: int) -> tuple[float, T]:
    uitkomst = functie()  # warm-up: connections, caches, plans (its result is replaced by the timed runs')
    tijden = []
    for _ in range(herhaal):
        t0 = time.perf_counter()
        uitkomst = functie()
        tijden.append(time.perf_counter() - t0)
    return statistics.median(tijden), uitkomst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--wijken", type=int, default=3_300)
    parser.add_argument("--buurten", type=int, default=14_500)
    parser.add_argument("--jaren", type=int, default=10, help="number of years, ending in 2024 (default 10)")
    parser.add_argument("--herhaal", type=int, default=5, help="timed repetitions; the median is reported")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--db", default="wijkportaal_apibench", help="name of the throw-away database")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of one all-rows JSON fetch to FILE")
    args = parser.parse_args()
    if args.wijken > args.gemeenten * 100 or args.buurten > args.wijken * 100:
        raise SystemExit("too many wijken or buurten for the GM/WK/BU code space")

    basis = os.environ.get("DATABASE_URL") or STANDAARD_URL
    if urlsplit(basis).scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("DATABASE_URL must point to PostgreSQL")
    if urlsplit(basis).path.lstrip("/") == args.db:
        raise SystemExit(f"--db {args.db} is the database in DATABASE_URL; pick another name")
    beheer(basis, f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    beheer(basis, f'CREATE DATABASE "{args.db}"')
    os.environ["DATABASE_URL"] = bench_url(basis, args.db)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    # The throttles would refuse a client this fast; they are not what is measured here.
    os.environ["API_RATE_ANONIEM"] = os.environ["API_RATE_TOKEN"] = "1000000/minute"
    sys.path.insert(0, str(ROOT))
    try:
        return draai(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"bench database kept: {os.environ['DATABASE_URL']}")
        else:
            beheer(basis, f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')


def draai(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    jaren = [str(j) for j in range(2025 - args.jaren, 2025)]
    t0 = time.perf_counter()
    rijen = vullen(args.gemeenten, args.wijken, args.buurten, jaren, args.seed)
    print(
        f"synthetic data: {args.buurten:,} buurten x {len(jaren)} years = {rijen:,} values "
        f"({time.perf_counter() - t0:.1f} s to create)"
    )
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg_versie = cur.fetchone()[0]

    client = Client(HTTP_HOST="127.0.0.1")
    eerste = f"/api/v1/waarden/?indicator={INDICATOR}&niveau=buurt&limit={PAGINA}"

    def api_alles(formaat: str = ""):
        """Every page along the Link header (as a client would), counting the rows without decoding."""
        url: str | None = eerste + formaat
        aantal, paginas = 0, 0
        while url:
            response = client.get(url)
            assert response.status_code == 200, response.content[:300]
            paginas += 1
            aantal += response.content.count(b"\n") - 1 if formaat else response.content.count(b'{"indicator":')
            url = _volgende(response.get("Link", ""))
            if url and url.startswith("http"):
                url = url[url.index("/api/") :]
        return aantal, paginas

    def api_pagina():
        response = client.get(eerste)
        assert response.status_code == 200
        return len(response.content)

    def sql(limit: int | None = None):
        with connection.cursor() as cur:
            cur.execute(RAW_SQL + (f" LIMIT {limit}" if limit else ""), [INDICATOR])
            return len(cur.fetchall())

    def sql_pagina_met_telling():
        """What the API's first page holds: the first rows and the total (X-Total-Count)."""
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM ({RAW_SQL}) alle", [INDICATOR])
            cur.fetchone()
        return sql(PAGINA)

    if args.profile:
        import cProfile

        cProfile.runctx("api_alles()", globals(), {"api_alles": api_alles}, args.profile)
        print(f"profile of one all-rows JSON fetch written to {args.profile}")

    t_sql_alles, n_sql = mediaan(sql, args.herhaal)
    t_sql_pagina, _ = mediaan(lambda: sql(PAGINA), args.herhaal)
    t_sql_telling, _ = mediaan(sql_pagina_met_telling, args.herhaal)
    t_api_json, (n_json, paginas) = mediaan(api_alles, args.herhaal)
    t_api_csv, (n_csv, _) = mediaan(lambda: api_alles("&format=csv"), args.herhaal)
    t_api_pagina, grootte = mediaan(api_pagina, args.herhaal)
    if not n_sql == n_json == n_csv == rijen:
        print(f"row counts differ: sql {n_sql}, json {n_json}, csv {n_csv}, expected {rijen}", file=sys.stderr)
        return 1

    print()
    print(
        f"PostgreSQL {pg_versie}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"median of {args.herhaal} runs after a warm-up"
    )
    # The goal (ratio <= 3) is for all rows of the indicator; the first page is shown for information,
    # against the bare LIMIT and against LIMIT + COUNT (the first page also delivers the total).
    regels = [
        ("raw SQL, all rows (one query, fetchall)", t_sql_alles, None, None),
        (f"API JSON, all rows ({paginas} pages of {PAGINA:,})", t_api_json, t_sql_alles, GOAL),
        (f"API CSV, all rows ({paginas} pages of {PAGINA:,})", t_api_csv, t_sql_alles, GOAL),
        (f"raw SQL, first {PAGINA:,} rows (LIMIT)", t_sql_pagina, None, None),
        (f"raw SQL, first {PAGINA:,} rows + COUNT(*)", t_sql_telling, None, None),
        (f"API JSON, first page ({grootte / 2**20:.1f} MiB) vs LIMIT", t_api_pagina, t_sql_pagina, None),
        ("API JSON, first page vs LIMIT + COUNT", t_api_pagina, t_sql_telling, None),
    ]
    for naam, sec, basis, doel in regels:
        oordeel = ""
        if basis is not None:
            oordeel = f"   ratio {sec / basis:5.2f}"
        if doel is not None and basis is not None:
            oordeel += f"  goal <= {doel:.0f}: {'met' if sec / basis <= doel else 'NOT met'}"
        print(f"{naam:<52}{sec:>8.3f} s{oordeel}")
    print()
    print("for bench/RESULTS.md:")
    print(
        f"| {time.strftime('%Y-%m-%d')} | {rijen:,} | {t_sql_alles:.3f} "
        f"| {t_api_json:.3f} ({t_api_json / t_sql_alles:.2f}) "
        f"| {t_api_csv:.3f} ({t_api_csv / t_sql_alles:.2f}) | {t_sql_pagina:.3f} / {t_sql_telling:.3f} "
        f"| {t_api_pagina:.3f} ({t_api_pagina / t_sql_pagina:.2f} / {t_api_pagina / t_sql_telling:.2f}) |"
    )
    return 0


def _volgende(link: str) -> str | None:
    for deel in link.split(","):
        if 'rel="next"' in deel:
            return deel.split(";")[0].strip().strip("<>")
    return None


if __name__ == "__main__":
    sys.exit(main())
