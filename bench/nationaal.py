"""Build (or reuse) the national benchmark database: SYNTHETIC NUMBERS, FOR TIMING ONLY.

Used by bench/pages_bench.py. What it contains:
- the real Hengelo data (`load_hengelo`: Hengelo's gemeente, wijken, buurten with their boundaries of
  every indeling year, the CBS metadata, the indicators and the real values of all gemeenten);
- synthetic wijken and buurten for every other gemeente, up to 18,300 areas in all (350 gemeenten,
  3,300 wijken, 14,650 buurten), named "Synthetische wijk/buurt ...";
- a boundary for every area in indeling year 2025 with the vertex count of real CBS shapes at full
  resolution (~220 vertices per buurt, ~600 per wijk, ~1,500 per gemeente; Hengelo's real shapes are
  densified to that count along their own edges), coordinates at full float precision, so that map
  simplification has real work to do;
- a value for every area x every indicator x the years 2020-2024 where none is loaded
  (bron "SYNTHETISCH (benchmark)", ~2% with CBS status 'geheim');
- 1,000,000 synthetic signals over Hengelo's buurten (the rows of bench/signalen_bench.py).

Never load any of this into a real portal database.
"""

import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/postgres"
GEMEENTEN, WIJKEN, BUURTEN = 350, 3_300, 14_650
JAREN = ["2020", "2021", "2022", "2023", "2024"]
HOEKPUNTEN = {"gemeente": 1_500, "wijk": 600, "buurt": 220}
SYNTHETISCH = "SYNTHETISCH (benchmark)"
KLAAR = "bench_nationaal_klaar"  # a marker table: the build finished


class Willekeurig(Protocol):
    """What `verdicht` draws from: `random.Random`, or a stand-in without jitter."""

    def random(self) -> float: ...


def database_url(naam: str) -> str:
    server = urlsplit(os.environ.get("DATABASE_URL") or STANDAARD_URL)
    return urlunsplit(server._replace(path=f"/{naam}"))


def _beheer():
    import psycopg2

    conn = psycopg2.connect(database_url("postgres"))
    conn.autocommit = True
    return conn


def bestaat_klaar(naam: str) -> bool:
    import psycopg2

    with _beheer() as beheer, beheer.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
        if cur.fetchone() is None:
            return False
    conn = psycopg2.connect(database_url(naam))
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass(%s)", [KLAAR])
            rij = cur.fetchone()
            return rij is not None and rij[0] is not None
    finally:
        conn.close()


def maak_leeg(naam: str) -> None:
    beheer = _beheer()
    with beheer.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        cur.execute(f'CREATE DATABASE "{naam}"')
    beheer.close()


def verwijder(naam: str) -> None:
    beheer = _beheer()
    with beheer.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{naam}"')
    beheer.close()


def ring(cx: float, cy: float, rx: float, ry: float, n: int, rnd: random.Random) -> list[list[float]]:
    """A closed, star-free ring of n vertices around (cx, cy): a wobbly ellipse (always valid)."""
    punten = []
    for i in range(n):
        hoek = 2 * math.pi * i / n
        f = 1 + 0.08 * math.sin(7 * hoek + rnd.random()) + 0.02 * (rnd.random() - 0.5)
        punten.append([cx + rx * f * math.cos(hoek), cy + ry * f * math.sin(hoek)])
    punten.append(punten[0])
    return punten


def verdicht(geometrie: dict, n: int, rnd: Willekeurig) -> dict:
    """The same shape with about n vertices: points added along each edge, a few metres of jitter."""

    def ring_verdicht(r):
        lengte = len(r) - 1
        per_zijde = max(1, n // max(1, lengte))
        uit = []
        for (x1, y1), (x2, y2) in zip(r[:-1], r[1:], strict=True):
            for k in range(per_zijde):
                t = k / per_zijde
                j = 0 if k == 0 else 0.00002
                uit.append(
                    [x1 + (x2 - x1) * t + j * (rnd.random() - 0.5), y1 + (y2 - y1) * t + j * (rnd.random() - 0.5)]
                )
        uit.append(uit[0])
        return uit

    from shapely.geometry import shape

    if geometrie["type"] == "Polygon":
        uit = {"type": "Polygon", "coordinates": [ring_verdicht(r) for r in geometrie["coordinates"]]}
    else:
        uit = {"type": "MultiPolygon", "coordinates": [[ring_verdicht(r) for r in p] for p in geometrie["coordinates"]]}
    if not shape(uit).is_valid:  # the jitter crossed an edge near a sharp corner: no jitter for this one
        return _zonder_ruis(geometrie, n)
    return uit


def _zonder_ruis(geometrie: dict, n: int) -> dict:
    class Stil:
        def random(self):
            return 0.5  # jitter 0

    return verdicht(geometrie, n, Stil())


def bouw(naam: str, *, signalen: int = 1_000_000, log=print) -> None:
    """Create and fill the database `naam` (Django must not be set up yet in this process)."""
    maak_leeg(naam)
    os.environ["DATABASE_URL"] = database_url(naam)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    sys.path.insert(0, str(ROOT))
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    stil = io.StringIO()
    t = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=stil)
    call_command("load_hengelo", stdout=stil, stderr=stil)
    log(f"migrated, Hengelo loaded: {time.perf_counter() - t:.0f} s")

    from wijken.models import Gebied, GebiedVersie

    rnd = random.Random(20261201)
    t = time.perf_counter()
    with transaction.atomic():
        Gebied.objects.filter(niveau="land").first() or Gebied.objects.create(
            code="NL01", niveau="land", naam="Nederland"
        )
        gemeenten = list(Gebied.objects.filter(niveau="gemeente").order_by("code"))
        bestaand = set(Gebied.objects.values_list("code", flat=True))
        nr = 1
        while len(gemeenten) < GEMEENTEN:
            code = f"GM{nr:04d}"
            nr += 1
            if code not in bestaand:
                gemeenten.append(Gebied(code=code, niveau="gemeente", naam=f"Synthetische gemeente {code[2:]}"))
        Gebied.objects.bulk_create([g for g in gemeenten if g.pk is None])
        gemeenten = list(Gebied.objects.filter(niveau="gemeente").order_by("code"))
        eigen_wijken = Gebied.objects.filter(niveau="wijk").count()
        eigen_buurten = Gebied.objects.filter(niveau="buurt").count()
        anderen = [g for g in gemeenten if g.code != "GM0164"]
        wijken = []
        for i in range(WIJKEN - eigen_wijken):
            gm = anderen[i % len(anderen)]
            code = f"WK{gm.code[2:]}{i // len(anderen):02d}"
            wijken.append(Gebied(code=code, niveau="wijk", naam=f"Synthetische wijk {code[2:]}", ouder=gm))
        Gebied.objects.bulk_create(wijken, batch_size=5000)
        wijken = list(Gebied.objects.filter(niveau="wijk").exclude(code__startswith="WK0164").order_by("code"))
        buurten = []
        for j in range(BUURTEN - eigen_buurten):
            wk = wijken[j % len(wijken)]
            code = f"BU{wk.code[2:]}{j // len(wijken):02d}"
            buurten.append(Gebied(code=code, niveau="buurt", naam=f"Synthetische buurt {code[2:]}", ouder=wk))
        Gebied.objects.bulk_create(buurten, batch_size=5000)
    log(f"{Gebied.objects.count():,} gebieden: {time.perf_counter() - t:.0f} s")

    # Boundaries 2025: gemeenten on a grid over the Netherlands, wijken and buurten inside.
    t = time.perf_counter()
    alle = list(Gebied.objects.exclude(niveau="land").select_related("ouder").order_by("code"))
    echte = {v.gebied_id: v for v in GebiedVersie.objects.filter(jaar=2025)}
    oudere = list(GebiedVersie.objects.exclude(jaar=2025).select_related("gebied"))
    for v in oudere:  # Hengelo's earlier indelingen: the same vertex count as the newest
        v.geometrie = verdicht(v.geometrie, HOEKPUNTEN[v.gebied.niveau], rnd)
    per_gm = {g.id: i for i, g in enumerate(g for g in alle if g.niveau == "gemeente")}
    kolommen = 19
    nieuwe, bijgewerkt = [], []
    kind_nr: dict[int, int] = {}
    for g in alle:
        n = HOEKPUNTEN[g.niveau]
        if g.id in echte and echte[g.id].geometrie:
            v = echte[g.id]
            v.geometrie = verdicht(v.geometrie, n, rnd)
            bijgewerkt.append(v)
            continue
        gm = g if g.niveau == "gemeente" else g.ouder if g.niveau == "wijk" else g.ouder.ouder
        i = per_gm[gm.id]
        cx = 3.6 + (i % kolommen) * 0.19
        cy = 51.0 + (i // kolommen) * 0.13
        if g.niveau == "gemeente":
            vorm = ring(cx, cy, 0.08, 0.055, n, rnd)
        else:
            k = kind_nr[g.ouder_id] = kind_nr.get(g.ouder_id, -1) + 1
            basis_x = cx + 0.05 * math.cos(k) if g.niveau == "wijk" else cx + 0.05 * math.cos(k * 2.1)
            basis_y = cy + 0.035 * math.sin(k) if g.niveau == "wijk" else cy + 0.035 * math.sin(k * 2.1)
            r = 0.018 if g.niveau == "wijk" else 0.006
            vorm = ring(basis_x, basis_y, r, r * 0.7, n, rnd)
        nieuwe.append(
            GebiedVersie(
                gebied=g, jaar=2025, naam=g.naam, geometrie={"type": "Polygon", "coordinates": [vorm]}, bron=SYNTHETISCH
            )
        )
    GebiedVersie.objects.bulk_update(bijgewerkt + oudere, ["geometrie"], batch_size=500)
    GebiedVersie.objects.bulk_create(nieuwe, batch_size=500)
    from wijken.geo import kaartvorm

    alle_versies = list(GebiedVersie.objects.select_related("gebied"))
    for v in alle_versies:
        v.kaartvorm = kaartvorm(v.geometrie, v.gebied.niveau)
    GebiedVersie.objects.bulk_update(alle_versies, ["kaartvorm"], batch_size=500)
    log(f"{len(nieuwe) + len(bijgewerkt):,} boundaries: {time.perf_counter() - t:.0f} s")

    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO indicatoren_waarde
                (indicator_id, gebied_id, periode, waarde, status, bron, toelichting, bijgewerkt_op)
            SELECT i.id, g.id, p.periode,
                   CASE WHEN (g.id * 31 + i.id * 7 + p.nr) %% 50 = 0 THEN NULL
                        ELSE round((abs(hashtext(g.code || i.code || p.periode)) %% 100000) / 100.0, 2) END,
                   CASE WHEN (g.id * 31 + i.id * 7 + p.nr) %% 50 = 0 THEN 'geheim' ELSE 'beschikbaar' END,
                   %s, '', now()
            FROM wijken_gebied g
            CROSS JOIN indicatoren_indicator i
            CROSS JOIN (SELECT periode, nr FROM unnest(%s::text[]) WITH ORDINALITY AS u(periode, nr)) p
            ON CONFLICT (indicator_id, gebied_id, periode) DO NOTHING
            """,
            [SYNTHETISCH, JAREN],
        )
        log(f"{cur.rowcount:,} synthetic values: {time.perf_counter() - t:.0f} s")
    if signalen:
        t = time.perf_counter()
        sys.path.insert(0, str(ROOT / "bench"))
        from signalen_bench import DUPLICATEN, VULLEN

        with connection.cursor() as cur:
            cur.execute(VULLEN, {"n": signalen})
            cur.execute(DUPLICATEN, {})
        log(f"{signalen:,} synthetic signals: {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute(f"CREATE TABLE {KLAAR} (gebouwd_op timestamptz DEFAULT now())")
        cur.execute(f"INSERT INTO {KLAAR} DEFAULT VALUES")
    log(f"VACUUM ANALYZE: {time.perf_counter() - t:.0f} s")


if __name__ == "__main__":
    naam = sys.argv[1] if len(sys.argv) > 1 else "bench_nl"
    bouw(naam, signalen=int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
