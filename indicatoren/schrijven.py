"""Bulk writing of values: one statement per batch, idempotent.

On PostgreSQL the rows are COPY'd into a temporary table and merged with
INSERT ... ON CONFLICT ... WHERE IS DISTINCT FROM, so a row that did not change
is not touched (a re-import changes nothing, not even `bijgewerkt_op`). The merge takes
the rows in key order, so concurrent imports of overlapping keys never deadlock.
Elsewhere (SQLite for a first run) the same result comes from bulk_create/bulk_update.
"""

from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from .models import Waarde


class Schrijfrij(NamedTuple):
    indicator_id: int
    gebied_id: int
    periode: str
    waarde: float | None
    status: str
    bron: str
    toelichting: str


class Schrijftelling(NamedTuple):
    nieuw: int
    gewijzigd: int
    ongewijzigd: int


# From this many new or changed rows on, a write refreshes the planner's statistics after commit.
# Without them PostgreSQL plans a freshly imported national table as if it were empty: a 10,000-row
# API page took 11 s instead of 0.4 s (bench/RESULTS.md). Autovacuum gets there too, but only later.
ANALYZE_VANAF = 10_000


def waarden_schrijven(rijen: Sequence[Schrijfrij], *, voortgang: Callable[[str], None] | None = None) -> Schrijftelling:
    """Insert or update values; must run inside the caller's transaction."""
    if not rijen:
        return Schrijftelling(0, 0, 0)
    postgres = connection.vendor == "postgresql"
    telling = _schrijf_postgres(rijen, voortgang) if postgres else _schrijf_generiek(rijen)
    if telling.nieuw + telling.gewijzigd:
        from .cache import cijfers_gewijzigd

        cijfers_gewijzigd()
    if telling.nieuw + telling.gewijzigd >= ANALYZE_VANAF:
        transaction.on_commit(lambda: statistieken_bijwerken(Waarde._meta.db_table))
    return telling


def statistieken_bijwerken(*tabellen: str) -> None:
    """ANALYZE the tables (PostgreSQL; a no-op elsewhere): run after a bulk write has committed."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for tabel in tabellen:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(tabel)}")


def _schrijf_postgres(rijen, voortgang) -> Schrijftelling:
    tabel = Waarde._meta.db_table
    # COPY text format, made in chunks while COPY reads them: a national file (2 million values)
    # is never held as one big buffer. The text cells repeat (one bron per file), so each
    # combination is escaped once.
    ontsnap = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
    teksten: dict[tuple, str] = {}

    def stukken(per_stuk: int = 10_000):
        stuk = []
        for rij in rijen:
            cellen = (rij.periode, rij.status, rij.bron, rij.toelichting)
            tekst = teksten.get(cellen)
            if tekst is None:
                if len(teksten) >= 10_000:
                    teksten.clear()
                tekst = teksten[cellen] = "\t".join("\\N" if c is None else str(c).translate(ontsnap) for c in cellen)
            waarde = "\\N" if rij.waarde is None else repr(rij.waarde)
            stuk.append(f"{rij.indicator_id}\t{rij.gebied_id}\t{waarde}\t{tekst}\n")
            if len(stuk) == per_stuk:
                yield "".join(stuk).encode()
                stuk = []
        if stuk:
            yield "".join(stuk).encode()

    volgende, leesfout = stukken(), []

    def lees(_grootte=-1) -> bytes:  # all copy_expert needs of a file
        try:
            return next(volgende, b"")
        except Exception as exc:
            leesfout.append(exc)  # raised below as itself, not as psycopg2's "error in .read() call"
            raise

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _waarde_import ("
            " indicator_id bigint, gebied_id bigint, periode varchar(10), waarde double precision,"
            " status varchar(16), bron varchar(300), toelichting varchar(300)) ON COMMIT DELETE ROWS"
        )
        cursor.execute("TRUNCATE _waarde_import")
        if voortgang:
            voortgang(f"{len(rijen)} waarden naar de database kopiëren")
        try:
            cursor.copy_expert(
                "COPY _waarde_import (indicator_id, gebied_id, waarde, periode, status, bron, toelichting) FROM STDIN",
                SimpleNamespace(read=lees),
            )
        except Exception:  # psycopg2 reports a failed read() as QueryCanceled
            if leesfout:
                raise leesfout[0] from None
            raise
        cursor.execute(
            f"""
            WITH upsert AS (
                INSERT INTO {tabel} AS w
                    (indicator_id, gebied_id, periode, waarde, status, bron, toelichting, bijgewerkt_op)
                SELECT indicator_id, gebied_id, periode, waarde, status, coalesce(bron, ''),
                       coalesce(toelichting, ''), %s
                FROM _waarde_import
                -- Rows are locked in key order, whatever the order of the file: two imports with
                -- overlapping keys then wait for each other instead of deadlocking.
                ORDER BY indicator_id, gebied_id, periode
                ON CONFLICT (indicator_id, gebied_id, periode) DO UPDATE SET
                    waarde = EXCLUDED.waarde, status = EXCLUDED.status, bron = EXCLUDED.bron,
                    toelichting = EXCLUDED.toelichting, bijgewerkt_op = EXCLUDED.bijgewerkt_op
                WHERE (w.waarde, w.status, w.bron, w.toelichting)
                      IS DISTINCT FROM (EXCLUDED.waarde, EXCLUDED.status, EXCLUDED.bron, EXCLUDED.toelichting)
                RETURNING (xmax = 0) AS nieuw
            )
            SELECT count(*) FILTER (WHERE nieuw), count(*) FILTER (WHERE NOT nieuw) FROM upsert
            """,
            [timezone.now()],
        )
        nieuw, gewijzigd = cursor.fetchone()
        cursor.execute("TRUNCATE _waarde_import")
    return Schrijftelling(nieuw, gewijzigd, len(rijen) - nieuw - gewijzigd)


def _schrijf_generiek(rijen, batch: int = 2000) -> Schrijftelling:
    nieuw = gewijzigd = 0
    nu = timezone.now()
    for start in range(0, len(rijen), batch):
        deel = rijen[start : start + batch]
        bestaand = {
            (w.indicator_id, w.gebied_id, w.periode): w
            for w in Waarde.objects.filter(
                indicator_id__in={r.indicator_id for r in deel},
                gebied_id__in={r.gebied_id for r in deel},
                periode__in={r.periode for r in deel},
            )
        }
        aanmaken, bijwerken = [], []
        for r in deel:
            w = bestaand.get((r.indicator_id, r.gebied_id, r.periode))
            if w is None:
                aanmaken.append(Waarde(**r._asdict(), bijgewerkt_op=nu))
            elif (w.waarde, w.status, w.bron, w.toelichting) != (r.waarde, r.status, r.bron, r.toelichting):
                w.waarde, w.status, w.bron, w.toelichting, w.bijgewerkt_op = (
                    r.waarde,
                    r.status,
                    r.bron,
                    r.toelichting,
                    nu,
                )
                bijwerken.append(w)
        Waarde.objects.bulk_create(aanmaken)
        Waarde.objects.bulk_update(bijwerken, ["waarde", "status", "bron", "toelichting", "bijgewerkt_op"])
        nieuw += len(aanmaken)
        gewijzigd += len(bijwerken)
    return Schrijftelling(nieuw, gewijzigd, len(rijen) - nieuw - gewijzigd)
