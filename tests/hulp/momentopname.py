"""A snapshot of the test database with the real Hengelo data, taken once per test process (per xdist worker)
right after `load_hengelo`, and put back at the end of every transactional test (threads, processes, the
live server), in place of Django's flush (tests/conftest.py).

- PostgreSQL: every Django table as `COPY ... TO STDOUT (FORMAT binary)` in memory (about 4 MB). The
  restore, in one transaction, deletes every row and copies the snapshot back, with triggers off (the
  trigger-kept signal aggregate is restored as a table, not counted again) and the foreign keys checked
  neither per row nor at commit: as the database owner with `session_replication_role = replica` when the
  role may set it (a superuser, as here and in CI), otherwise with the constraints deferred (Django makes
  its foreign keys DEFERRABLE) and the tables' own triggers disabled. DELETE, not TRUNCATE: TRUNCATE makes
  new files for every table and index, which costs about a second on this machine even for empty tables.
  Sequences are left alone, as Django's flush leaves them: no id is handed out twice in one session.
- SQLite: sqlite3's backup API, the whole database page by page into an in-memory copy and back.

Before, `hengelo_bewaard` serialised the whole database through Django's JSON serializer per module
(`serialize_db_to_string`, 7-12 s) and deserialised it before every transactional test.
"""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass, field

from django.db import connection, transaction


@dataclass
class Momentopname:
    vendor: str
    tabellen: dict[str, bytes] = field(default_factory=dict)  # PostgreSQL: table -> binary COPY data
    replica: bool = False  # PostgreSQL: may this role set session_replication_role (a superuser)?
    sqlite: sqlite3.Connection | None = None  # SQLite: an in-memory copy of the whole database


def maak() -> Momentopname:
    """Snapshot the test database as it is now."""
    if connection.vendor == "postgresql":
        opname = Momentopname("postgresql")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            opname.replica = cursor.fetchone()[0]
            for tabel in _tabellen():
                buffer = io.BytesIO()
                cursor.copy_expert(f"COPY {connection.ops.quote_name(tabel)} TO STDOUT (FORMAT binary)", buffer)
                opname.tabellen[tabel] = buffer.getvalue()
        return opname
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        kopie = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(kopie)
        return Momentopname("sqlite", sqlite=kopie)
    raise NotImplementedError(f"no snapshot for {connection.vendor}")


def herstel(opname: Momentopname) -> None:
    """Put the snapshot back: every Django table holds exactly the snapshot's rows again."""
    if opname.vendor == "postgresql":
        naam = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            met_triggers = []
            if opname.replica:
                cursor.execute("SET LOCAL session_replication_role = replica")
            else:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                met_triggers = _tabellen_met_triggers(cursor, opname.tabellen)
                for tabel in met_triggers:
                    cursor.execute(f"ALTER TABLE {naam(tabel)} DISABLE TRIGGER USER")
            for tabel in opname.tabellen:
                cursor.execute(f"DELETE FROM {naam(tabel)}")
            for tabel, data in opname.tabellen.items():
                if data:
                    cursor.copy_expert(f"COPY {naam(tabel)} FROM STDIN (FORMAT binary)", io.BytesIO(data))
            for tabel in met_triggers:
                cursor.execute(f"ALTER TABLE {naam(tabel)} ENABLE TRIGGER USER")
    else:
        connection.ensure_connection()
        assert opname.sqlite is not None  # not PostgreSQL: the SQLite copy
        opname.sqlite.backup(connection.connection)
    # Content types are cached by id in the process; the restored rows are the snapshot's.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def sluit(opname: Momentopname) -> None:
    if opname.sqlite is not None:
        opname.sqlite.close()


def _tabellen() -> list[str]:
    """The tables Django's flush empties (every model's, many-to-many included; not django_migrations)."""
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _tabellen_met_triggers(cursor, tabellen) -> list[str]:
    cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
    return sorted(t for (t,) in cursor.fetchall() if t in tabellen)
