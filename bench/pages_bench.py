#!/usr/bin/env python3
"""Pages benchmark: every dashboard page and API call at national size against its raw SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nice -n 10 .venv/bin/python bench/pages_bench.py --keep
    .venv/bin/python bench/pages_bench.py --keep --runs 7 --only vergelijkbaar   # reuse the database

What it does:
1. Builds the national database (bench/nationaal.py: 18,301 areas with full-resolution boundaries,
   ~131 indicators x 5 years = ~12M values, 1M signals; SYNTHETIC NUMBERS, FOR TIMING ONLY) in `--db`
   (default `bench_nl`), or reuses it when a finished build is there and `--keep` is given
   (`--rebuild` forces a new build). It never touches the database named in DATABASE_URL.
2. Per case: the page (Django test client, logged in as a beleidsmedewerker of Hengelo, so the time
   is server time without network) and its best index-friendly raw SQL fetching the same data,
   alternating page, SQL, page, SQL ... `--runs` times after one warm-up of each; the median of each.
3. Counts the page's queries (besides session, user and account) and the response bytes, and for
   "similar areas" the peak of Python memory allocated during one request (tracemalloc). The shared
   cache is cleared before every timed run, so the times are the computation; the "(cached)" rows
   time the same request served from the cache.
4. Prints a Markdown table with the machine load, ready for bench/RESULTS.md. Drops the database
   unless --keep.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import nationaal  # noqa: E402

GOAL_RATIO, GOAL_MS = 1.5, 300

# (name, url, raw SQL, goal note). The SQL uses ids and codes resolved up front where a raw client
# would know them; %(x)s are filled from `ids()`.
CASES = [
    ("home", "/", "SELECT id, code, naam FROM wijken_gebied WHERE ouder_id = %(gm)s ORDER BY code"),
    (
        "profile gemeente",
        "/gebied/GM0164/",
        """SELECT v.*, i.*, d.* FROM indicatoren_waarde v JOIN indicatoren_indicator i ON i.id = v.indicator_id
           JOIN indicatoren_domein d ON d.id = i.domein_id WHERE v.gebied_id IN (%(gm)s, %(nl)s)""",
    ),
    (
        "profile wijk",
        "/gebied/WK016403/",
        """SELECT v.*, i.*, d.* FROM indicatoren_waarde v JOIN indicatoren_indicator i ON i.id = v.indicator_id
           JOIN indicatoren_domein d ON d.id = i.domein_id WHERE v.gebied_id IN (%(wk)s, %(gm)s, %(nl)s)""",
    ),
    (
        "profile buurt",
        "/gebied/BU01640300/",
        """SELECT v.*, i.*, d.* FROM indicatoren_waarde v JOIN indicatoren_indicator i ON i.id = v.indicator_id
           JOIN indicatoren_domein d ON d.id = i.domein_id WHERE v.gebied_id IN (%(bu)s, %(gm)s, %(nl)s)""",
    ),
    (
        "public profile wijk",
        "/openbaar/gebied/WK016403/",
        """SELECT v.*, i.*, d.* FROM indicatoren_waarde v JOIN indicatoren_indicator i ON i.id = v.indicator_id
           JOIN indicatoren_domein d ON d.id = i.domein_id WHERE v.gebied_id IN (%(wk)s, %(gm)s, %(nl)s)""",
    ),
    (
        "trend",
        "/gebied/WK016403/trend/Bevolkingsdichtheid/",
        """SELECT v.* FROM indicatoren_waarde v WHERE v.indicator_id = %(ind)s
           AND v.gebied_id IN (%(wk)s, %(gm)s, %(nl)s) ORDER BY v.periode""",
    ),
    (
        "map Hengelo buurten",
        "/kaart/?niveau=buurt&indicator=Bevolkingsdichtheid",
        """SELECT g.code, gv.geometrie, v.waarde FROM wijken_gebied g JOIN wijken_gebied w ON w.id = g.ouder_id
           JOIN wijken_gebiedversie gv ON gv.gebied_id = g.id AND gv.jaar = 2025
           LEFT JOIN indicatoren_waarde v ON v.gebied_id = g.id AND v.indicator_id = %(ind)s AND v.periode = '2024'
           WHERE w.ouder_id = %(gm)s""",
    ),
    (
        "map national (all gemeenten)",
        "/kaart/?niveau=gemeente&indicator=Bevolkingsdichtheid",
        """SELECT g.code, gv.kaartvorm, v.waarde FROM wijken_gebied g
           JOIN wijken_gebiedversie gv ON gv.gebied_id = g.id AND gv.jaar = 2025
           LEFT JOIN indicatoren_waarde v ON v.gebied_id = g.id AND v.indicator_id = %(ind)s AND v.periode = '2024'
           WHERE g.niveau = 'gemeente'""",
    ),
    (
        "map buurten of another gemeente",
        "/kaart/?niveau=buurt&gemeente=GM0363&indicator=Bevolkingsdichtheid",
        """SELECT g.code, gv.kaartvorm, v.waarde FROM wijken_gebied g JOIN wijken_gebied w ON w.id = g.ouder_id
           JOIN wijken_gebied gm ON gm.id = w.ouder_id
           JOIN wijken_gebiedversie gv ON gv.gebied_id = g.id AND gv.jaar = 2025
           LEFT JOIN indicatoren_waarde v ON v.gebied_id = g.id AND v.indicator_id = %(ind)s AND v.periode = '2024'
           WHERE gm.code = 'GM0363'""",
    ),
    (
        "compare 2 wijken",
        "/vergelijk/?gebieden=WK016403,WK016400",
        """SELECT v.*, i.*, d.* FROM indicatoren_waarde v JOIN indicatoren_indicator i ON i.id = v.indicator_id
           JOIN indicatoren_domein d ON d.id = i.domein_id WHERE v.gebied_id IN (%(wk)s, %(wk0)s)""",
    ),
    (
        "similar buurt (national)",
        "/gebied/BU01640300/vergelijkbaar/",
        """SELECT v.gebied_id, v.indicator_id, v.waarde FROM indicatoren_waarde v
           JOIN wijken_gebied g ON g.id = v.gebied_id
           WHERE g.niveau = 'buurt' AND v.indicator_id = ANY(%(kern)s) AND v.periode = '2024'""",
    ),
    (
        "similar wijk (national)",
        "/gebied/WK016403/vergelijkbaar/",
        """SELECT v.gebied_id, v.indicator_id, v.waarde FROM indicatoren_waarde v
           JOIN wijken_gebied g ON g.id = v.gebied_id
           WHERE g.niveau IN ('wijk', 'buurt') AND v.indicator_id = ANY(%(kern)s) AND v.periode = '2024'""",
    ),
    (
        "similar gemeente",
        "/gebied/GM0164/vergelijkbaar/",
        """SELECT v.gebied_id, v.indicator_id, v.waarde FROM indicatoren_waarde v
           JOIN wijken_gebied g ON g.id = v.gebied_id
           WHERE g.niveau = 'gemeente' AND v.indicator_id = ANY(%(kern)s) AND v.periode = '2024'""",
    ),
    (
        "combine (scatter)",
        "/combineer/",
        """SELECT v.gebied_id, v.indicator_id, v.waarde FROM indicatoren_waarde v JOIN wijken_gebied g
           ON g.id = v.gebied_id WHERE g.ouder_id = %(gm)s AND v.periode = '2024'""",
    ),
    (
        "index wijk",
        "/gebied/WK016403/index/",
        """SELECT v.gebied_id, v.indicator_id, v.waarde FROM indicatoren_waarde v JOIN wijken_gebied g
           ON g.id = v.gebied_id WHERE g.ouder_id = %(gm)s""",
    ),
    (
        "wijkanalyse",
        "/gebied/WK016403/analyse/",
        """SELECT v.*, i.*, d.* FROM indicatoren_waarde v JOIN indicatoren_indicator i ON i.id = v.indicator_id
           JOIN indicatoren_domein d ON d.id = i.domein_id JOIN wijken_gebied g ON g.id = v.gebied_id
           WHERE g.id = %(gm)s OR (g.niveau = 'wijk' AND g.ouder_id = %(gm)s)""",
    ),
    (
        "signal counts (page)",
        "/signalen/cijfers/",
        """SELECT s.wijk_id, date_trunc('month', s.datum_voorval)::date, COUNT(*) FROM signalen_signaal s
           WHERE s.duplicaat_van_id IS NULL AND s.status <> 'geannuleerd' GROUP BY 1, 2""",
    ),
    (
        "API values 1 indicator x buurten x years",
        "/api/v1/waarden/?indicator=Bevolkingsdichtheid&niveau=buurt&limit=10000",
        """SELECT i.code, g.code, v.periode, v.waarde, v.status FROM indicatoren_waarde v
           JOIN indicatoren_indicator i ON i.id = v.indicator_id JOIN wijken_gebied g ON g.id = v.gebied_id
           WHERE v.indicator_id = %(ind)s AND g.niveau = 'buurt' ORDER BY g.code, v.periode LIMIT 10000""",
    ),
    (
        "API values CSV",
        "/api/v1/waarden/?indicator=Bevolkingsdichtheid&niveau=buurt&limit=10000&format=csv",
        """SELECT i.code, g.code, v.periode, v.waarde, v.status FROM indicatoren_waarde v
           JOIN indicatoren_indicator i ON i.id = v.indicator_id JOIN wijken_gebied g ON g.id = v.gebied_id
           WHERE v.indicator_id = %(ind)s AND g.niveau = 'buurt' ORDER BY g.code, v.periode LIMIT 10000""",
    ),
    (
        "API areas with geometry",
        "/api/v1/gebieden/?niveau=gemeente&geometrie=true&limit=1000",
        """SELECT g.code, g.naam, gv.kaartvorm FROM wijken_gebied g JOIN wijken_gebiedversie gv
           ON gv.gebied_id = g.id AND gv.jaar = 2025 WHERE g.niveau = 'gemeente' ORDER BY g.code""",
    ),
]


def ids(connection) -> dict:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT code, id FROM wijken_gebied WHERE code IN ('NL01','GM0164','WK016403','WK016400','BU01640300')"
        )
        per_code = dict(cur.fetchall())
        cur.execute("SELECT id FROM indicatoren_indicator WHERE code = 'Bevolkingsdichtheid'")
        ind = cur.fetchone()[0]
        cur.execute(
            "SELECT array_agg(i.id) FROM indicatoren_kernsetitem k"
            " JOIN indicatoren_indicator i ON i.id = k.indicator_id WHERE k.gebied_id IS NULL AND NOT i.absoluut"
        )
        kern = cur.fetchone()[0] or []
    nl = per_code.get("NL01")
    return {
        "nl": nl,
        "gm": per_code["GM0164"],
        "wk": per_code["WK016403"],
        "wk0": per_code["WK016400"],
        "bu": per_code["BU01640300"],
        "ind": ind,
        "kern": kern,
    }


def meet(args) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from toegang.models import Account, Organisatie

    call_command("migrate", verbosity=0)
    gebruiker, nieuw = get_user_model().objects.get_or_create(username="bench-beleid")
    if nieuw:
        Account.objects.create(
            gebruiker=gebruiker, rol="beleidsmedewerker", organisatie=Organisatie.objects.get(code="gemeente-hengelo")
        )
    client = Client()
    client.force_login(gebruiker)
    waarden = ids(connection)

    def pagina(url):
        antwoord = client.get(url)
        inhoud = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
        if antwoord.status_code != 200:
            raise SystemExit(f"{url}: HTTP {antwoord.status_code}: {inhoud[:300]!r}")
        return len(inhoud)

    def sql(tekst):
        with connection.cursor() as cur:
            cur.execute(tekst, waarden)
            return len(cur.fetchall())

    from django.core.cache import cache

    from signalen.models import Signaal

    def signaalaggregaat(_url):
        return len(Signaal.objects.per_maand().per("wijk_id", "maand"))

    gevallen = [(naam, url, tekst, pagina, True) for naam, url, tekst in CASES]
    # cached: the same request again, served by the shared cache (indicatoren/cache.py)
    gevallen += [(f"{naam} (cached)", url, tekst, pagina, False) for naam, url, tekst in CASES if "similar" in naam]
    gevallen.append(
        (
            "signal counts per wijk x month (1M signals)",
            "Signaal.objects.per_maand()",
            CASES[[c[0] for c in CASES].index("signal counts (page)")][2],
            signaalaggregaat,
            True,
        )
    )

    rijen = []
    for naam, url, tekst, pagina, koud in gevallen:
        if args.only and args.only not in naam and args.only not in url:
            continue
        if koud:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            grootte = pagina(url)  # warm-up, and the query count
        queries = len(ctx.captured_queries) - (3 if url.startswith("/") else 0)  # session, user, account
        sql(tekst)
        tp, ts = [], []
        for _ in range(args.runs):
            if koud:
                cache.clear()  # the computation itself, not a cache hit
            t = time.perf_counter()
            pagina(url)
            tp.append(time.perf_counter() - t)
            t = time.perf_counter()
            sql(tekst)
            ts.append(time.perf_counter() - t)
        geheugen = ""
        if "similar" in naam and koud:
            cache.clear()
            tracemalloc.start()
            pagina(url)
            geheugen = f"{tracemalloc.get_traced_memory()[1] / 2**20:.0f} MiB"
            tracemalloc.stop()
        mp, ms = statistics.median(tp) * 1000, statistics.median(ts) * 1000
        rij = (naam, url, mp, ms, mp / ms if ms else float("inf"), queries, grootte, geheugen, os.getloadavg()[0])
        rijen.append(rij)
        print(f"{naam:42} page {mp:8.1f} ms  sql {ms:8.1f} ms  x{rij[4]:6.1f}  q={queries}  {grootte:,} B", flush=True)

    print()
    print(f"load average before/after: {args.laden:.2f} / {os.getloadavg()[0]:.2f}; runs per case: {args.runs}")
    print()
    print(
        "| what | URL | page ms (median) | raw SQL ms (median) | ratio | queries | bytes | peak Python memory | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for naam, url, mp, ms, r, q, b, g, laden in rijen:
        print(f"| {naam} | `{url}` | {mp:.0f} | {ms:.1f} | {r:.1f} | {q} | {b:,} | {g} | {laden:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_nl", help="name of the bench database (default bench_nl)")
    parser.add_argument("--keep", action="store_true", help="reuse a finished build and keep the database")
    parser.add_argument("--rebuild", action="store_true", help="build the database even if one is there")
    parser.add_argument("--runs", type=int, default=5, help="alternating runs per case (median; default 5)")
    parser.add_argument("--only", default="", help="only the cases whose name or URL contains this text")
    parser.add_argument("--signalen", type=int, default=1_000_000)
    args = parser.parse_args()
    args.laden = os.getloadavg()[0]
    if args.rebuild or not args.keep or not nationaal.bestaat_klaar(args.db):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "nationaal.py"), args.db, str(args.signalen)],
            check=True,
            env={**os.environ, "DEBUG": "1"},
        )
        print(f"built {args.db} in {time.perf_counter() - t:.0f} s")
    os.environ["DATABASE_URL"] = nationaal.database_url(args.db)
    os.environ.setdefault("DEBUG", "1")  # no collected static files needed; the test client's host allowed
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    sys.path.insert(0, str(ROOT))
    try:
        meet(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            nationaal.verwijder(args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
