#!/usr/bin/env python3
"""Import benchmark: the KWB importer against a raw COPY of the same rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_bench.py
    .venv/bin/python bench/import_bench.py --areas 2000 --measures 40     # quick small run

What it does:
1. Creates a throw-away database (default `wijkportaal_bench`) on the server DATABASE_URL points to
   (the database named in DATABASE_URL itself is never touched) and migrates it.
2. Generates a national-size KWB-shaped OData TypedDataSet file in a temp dir: about 18,300 regions
   (GM/WK/BU with nested codes) x 115 real measure keys of 85984NED, ~2% null.
   SYNTHETIC NUMBERS, FOR TIMING ONLY: never load this file into a real portal database.
3. Times, separately: creating the gebieden; `kwb_importeren` end to end into an empty value table
   (read + parse + validate + COPY + merge + commit, with a breakdown per phase); the same
   import again (idempotent: must write 0 rows).
4. Baseline: the rows the importer wrote (resolved ids) are dumped to a COPY buffer before timing;
   then --rondes rounds alternate an import into the emptied value table and one raw COPY of the
   buffer into that same emptied table (same indexes, constraints and foreign keys) plus commit; the
   medians are compared. The importer's time includes its ANALYZE after commit.
5. Prints rows, seconds, the ratio importer/COPY (goal: <= 2) and peak RSS, drops the bench
   database (unless --keep) and removes its temp files.
"""

import argparse
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "fixtures" / "cbs" / "cbs_kwb2024_85984NED_DataProperties.json"
TABEL = "85984NED"
NUMERIEK = {"Long", "Double", "Decimal", "Integer", "Float", "Short", "Byte"}
STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/postgres"
GOAL = 1.3  # issue 12 (was 2 in issue 5)


# --- synthetic file (runs in a child process, so its memory does not count as the importer's) ----


def regiocodes(aantal: int) -> list[str]:
    """~1.9% gemeenten, ~18% wijken, the rest buurten, each nested in its parent by code."""
    n_gm = max(1, round(aantal * 350 / 18_300))
    n_wk = max(1, round(aantal * 3_300 / 18_300))
    n_bu = max(0, aantal - n_gm - n_wk)
    if n_wk > n_gm * 100 or n_bu > n_wk * 100 or n_gm > 9999:
        raise SystemExit(f"--areas {aantal} does not fit the GM/WK/BU code space")
    gm = [f"GM{g + 1:04d}" for g in range(n_gm)]
    wk = [f"WK{gm[i % n_gm][2:]}{i // n_gm:02d}" for i in range(n_wk)]
    bu = [f"BU{wk[j % n_wk][2:]}{j // n_wk:02d}" for j in range(n_bu)]
    return gm + wk + bu


def maatsleutels(aantal: int) -> list[tuple[str, str]]:
    """The first `aantal` numeric measure keys of the real DataProperties, with their datatype."""
    items = json.loads(METADATA.read_text(encoding="utf-8"))
    items = items["value"] if isinstance(items, dict) else items
    maten = [(i["Key"], i["Datatype"]) for i in items if i.get("Type") == "Topic" and i.get("Datatype") in NUMERIEK]
    if aantal > len(maten):
        raise SystemExit(f"--measures {aantal}: the DataProperties have only {len(maten)} numeric measures")
    return maten[:aantal]


def genereer(pad: Path, areas: int, measures: int, seed: int) -> None:
    rnd = random.Random(seed)
    maten = maatsleutels(measures)
    soort = {"GM": "Gemeente  ", "WK": "Wijk      ", "BU": "Buurt     "}
    records = []
    for nummer, code in enumerate(regiocodes(areas)):
        record = {
            "ID": nummer,
            "WijkenEnBuurten": f"{code:<10}",  # CBS pads codes with spaces
            "Gemeentenaam_1": "Synthetisch                             ",
            "SoortRegio_2": soort[code[:2]],
            "Codering_3": f"{code:<10}",
        }
        for sleutel, datatype in maten:
            if rnd.random() < 0.02:
                record[sleutel] = None  # missing figure: status 'onbekend'
            elif datatype == "Long":
                record[sleutel] = rnd.randrange(0, 50_000)
            else:
                record[sleutel] = round(rnd.uniform(0, 1_000), 1)
        records.append(record)
    pad.write_text(
        json.dumps({"_synthetisch": "SYNTHETIC TIMING DATA, NOT CBS FIGURES", "value": records}), encoding="utf-8"
    )


# --- helpers ------------------------------------------------------------------------------------


def bench_url(basis: str, naam: str) -> str:
    delen = urlsplit(basis)
    return urlunsplit(delen._replace(path=f"/{naam}"))


def beheer_verbinding(url: str):
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
    return verbinding


def maak_database(url: str, naam: str) -> None:
    verbinding = beheer_verbinding(url)
    try:
        with verbinding.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{naam}"')
    finally:
        verbinding.close()


def verwijder_database(url: str, naam: str) -> None:
    verbinding = beheer_verbinding(url)
    try:
        with verbinding.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    finally:
        verbinding.close()


def piek_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class Stopwatch:
    """Collects (seconds since start, message) from the importer's progress callback."""

    def __init__(self):
        self.start = time.perf_counter()
        self.momenten: list[tuple[float, str]] = []

    def __call__(self, melding: str) -> None:
        self.momenten.append((time.perf_counter() - self.start, melding))

    def na(self, tekst: str) -> float | None:
        """Seconds from the start to the first message containing `tekst`."""
        return next((t for t, m in self.momenten if tekst in m), None)


def checkpoint() -> None:
    """Start each timed step without dirty buffers of the previous one (needs a superuser)."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cur:
            cur.execute("CHECKPOINT")
    except DatabaseError:
        pass


# --- the benchmark ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=18_300, help="number of regions (default 18300)")
    parser.add_argument("--measures", type=int, default=115, help="number of measure columns (default 115)")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--db", default="wijkportaal_bench", help="name of the throw-away database")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    parser.add_argument("--rondes", type=int, default=5, help="alternating importer/COPY rounds (median)")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the first import to FILE")
    parser.add_argument("--genereer", metavar="FILE", help=argparse.SUPPRESS)  # child process: write the file
    args = parser.parse_args()

    if args.genereer:
        genereer(Path(args.genereer), args.areas, args.measures, args.seed)
        return 0

    basis = os.environ.get("DATABASE_URL") or STANDAARD_URL
    if urlsplit(basis).scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("DATABASE_URL must point to PostgreSQL: the baseline is a PostgreSQL COPY")
    if urlsplit(basis).path.lstrip("/") == args.db:
        raise SystemExit(f"--db {args.db} is the database in DATABASE_URL; pick another name")
    maak_database(basis, args.db)
    os.environ["DATABASE_URL"] = bench_url(basis, args.db)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    sys.path.insert(0, str(ROOT))

    try:
        with tempfile.TemporaryDirectory(prefix="wijkportaal_bench_") as tmp:
            return draai(args, Path(tmp))
    finally:
        if args.keep:
            print(f"bench database kept: {os.environ['DATABASE_URL']}")
        else:
            from django.db import connections

            connections.close_all()
            verwijder_database(basis, args.db)


def draai(args, tmp: Path) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from indicatoren.importers import gebieden_aanmaken, kwb_importeren
    from indicatoren.models import Waarde
    from wijken import codes

    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg_versie = cur.fetchone()[0]

    bestand = tmp / f"synthetisch_{TABEL}_alleen_voor_timing.json"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--genereer", str(bestand), "--areas", str(args.areas)]
        + ["--measures", str(args.measures), "--seed", str(args.seed)],
        check=True,
    )
    t_genereer = time.perf_counter() - t0
    print(
        f"synthetic file: {args.areas} regions x {args.measures} measures, "
        f"{bestand.stat().st_size / 2**20:.0f} MiB, generated in {t_genereer:.1f} s"
    )

    # 1. Gebieden (a one-off per indeling; reported apart from the value import).
    checkpoint()
    t0 = time.perf_counter()
    with transaction.atomic():
        gemaakt = gebieden_aanmaken({c for c in regiocodes(args.areas) if codes.is_cbs_code(c)})
    t_gebieden = time.perf_counter() - t0

    # 2. First import into an empty value table: metadata, parse, validate, write, commit.
    checkpoint()
    stopwatch = Stopwatch()
    profiel = None
    if args.profile:
        import cProfile

        profiel = cProfile.Profile()
        profiel.enable()
    stopwatch.start = t0 = time.perf_counter()
    rapport = kwb_importeren(bestand, tabel=TABEL, metadata=METADATA, maak_gebieden=True, voortgang=stopwatch)
    t_import = time.perf_counter() - t0
    if profiel:
        profiel.disable()
        profiel.dump_stats(args.profile)
    rss_import = piek_rss_mb()
    rijen = Waarde.objects.count()
    if rapport.nieuw != rijen or rapport.gelezen != rijen or rapport.overgeslagen:
        print(f"unexpected report: {rapport.samenvatting()} with {rijen} rows in the table", file=sys.stderr)
        return 1
    null_rijen = Waarde.objects.filter(waarde__isnull=True).count()

    # 3. The same file again: every row unchanged, nothing written.
    checkpoint()
    t0 = time.perf_counter()
    opnieuw = kwb_importeren(bestand, tabel=TABEL, metadata=METADATA, maak_gebieden=True)
    t_opnieuw = time.perf_counter() - t0
    if opnieuw.nieuw or opnieuw.gewijzigd or opnieuw.ongewijzigd != rijen:
        print(f"re-import was not idempotent: {opnieuw.samenvatting()}", file=sys.stderr)
        return 1

    # 4. Baseline: the same rows (resolved ids), one raw COPY into the same empty table, alternating
    #    with the importer into the same empty table: importer, COPY, importer, COPY, ... (--rondes),
    #    so that a change in the machine's load hits both alike. The first import above is not in the
    #    rounds (it also created the indicators from the metadata).
    tabel = Waarde._meta.db_table
    kolommen = "indicator_id, gebied_id, periode, waarde, status, bron, toelichting, bijgewerkt_op"
    buffer = io.BytesIO()  # bytes: a StringIO would hold 4 bytes per character
    with connection.cursor() as cur:
        cur.copy_expert(f"COPY {tabel} ({kolommen}) TO STDOUT", buffer)
    importer_tijden, copy_tijden = [], []
    for _ in range(args.rondes):
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {tabel}")
        checkpoint()
        t0 = time.perf_counter()
        kwb_importeren(bestand, tabel=TABEL, metadata=METADATA, maak_gebieden=True)
        importer_tijden.append(time.perf_counter() - t0)
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {tabel}")
        checkpoint()
        buffer.seek(0)
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.copy_expert(f"COPY {tabel} ({kolommen}) FROM STDIN", buffer)
        copy_tijden.append(time.perf_counter() - t0)
        if Waarde.objects.count() != rijen:
            print("baseline COPY loaded a different number of rows", file=sys.stderr)
            return 1
    del buffer
    t_copy = statistics.median(copy_tijden)
    t_rondes = statistics.median(importer_tijden)

    # 5. Report.
    fases = _fases(stopwatch, t_import)
    ratio = t_rondes / t_copy
    print()
    print(f"PostgreSQL {pg_versie}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'rows (values)':<44}{rijen:>12,}   ({null_rijen:,} null -> status onbekend)")
    print(f"{'gebieden created (timed apart)':<44}{gemaakt:>12,}   {t_gebieden:8.2f} s")
    print(f"{'importer, first run (kwb_importeren)':<44}{t_import:>12.2f} s")
    for naam, sec in fases:
        print(f"{'  ' + naam:<44}{sec:>12.2f} s")
    print(f"{'importer, median of the alternating rounds':<44}{t_rondes:>12.2f} s   {_lijst(importer_tijden)}")
    print(f"{'raw COPY of the same rows, median':<44}{t_copy:>12.2f} s   {_lijst(copy_tijden)}")
    print(f"{'load average at the end':<44}{os.getloadavg()[0]:>12.2f}")
    oordeel = "met" if ratio <= GOAL else "NOT met"
    print(f"{'ratio importer / COPY':<44}{ratio:>12.2f}     goal <= {GOAL:.1f}: {oordeel}")
    print(f"{'re-import, identical file (0 rows written)':<44}{t_opnieuw:>12.2f} s")
    print(f"{'peak RSS after the first import':<44}{rss_import:>12.0f} MiB")
    print(f"{'peak RSS at the end (+ the baseline buffer)':<44}{piek_rss_mb():>12.0f} MiB")
    print()
    print("for bench/RESULTS.md:")
    print(
        f"| {time.strftime('%Y-%m-%d')} | {args.areas:,} x {args.measures} | {rijen:,} | {t_rondes:.1f} | "
        f"{t_copy:.1f} | {ratio:.2f} | {t_opnieuw:.1f} | {rss_import:.0f} MiB |"
    )
    return 0


def _lijst(tijden: list[float]) -> str:
    return "(" + ", ".join(f"{t:.1f}" for t in tijden) + ")"


def _fases(stopwatch: Stopwatch, totaal: float) -> list[tuple[str, float]]:
    """Split the first import by the importer's own progress messages."""
    gelezen = stopwatch.na("regio's")
    kopie = stopwatch.na("naar de database kopiëren")
    if gelezen is None or kopie is None:
        return []
    return [
        ("read + parse JSON", gelezen),
        ("metadata, read cells, validate rows", kopie - gelezen),
        ("COPY (streamed) to temp, merge, commit", totaal - kopie),
    ]


if __name__ == "__main__":
    sys.exit(main())
