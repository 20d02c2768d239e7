"""PostgreSQL bulk load: the history tables take their rows without indexes, then build them once.

A row COPYed into the access log otherwise updates its ten secondary indexes one entry at a time
and queues two foreign-key checks; at scale L that is most of PostgreSQL's work. Building an index
once over the loaded table (a sort) and validating a foreign key with one join cost a fraction.
The definitions are read from the catalog before they are dropped and replayed as they were, so
whatever the migrations declare comes back unchanged (primary keys stay: identity, append-only).
"""

import contextlib
import sys
import time

from django.db import connection
from django.db.models import Model

_CONSTRAINTS_SQL = """
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname
"""
_INDEXES_SQL = """
SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS (
    SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
) ORDER BY c.relname
"""


@contextlib.contextmanager
def indexes_lifted(models: list[type[Model]], label: str = "", stream=sys.stderr):
    """Drop the secondary indexes, unique and foreign-key constraints of ``models``' tables; put
    them back (and check the data against them) when the block ends, whether it failed or not."""
    quote = connection.ops.quote_name
    restore: list[str] = []
    with connection.cursor() as cursor:
        for model in models:
            table = quote(model._meta.db_table)
            cursor.execute(_CONSTRAINTS_SQL, [model._meta.db_table])
            constraints = cursor.fetchall()
            cursor.execute(_INDEXES_SQL, [model._meta.db_table])
            indexes = cursor.fetchall()
            for name, _definition in constraints:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {quote(name)}")
            restore += [definition for _name, definition in indexes]
            restore += [f"ALTER TABLE {table} ADD CONSTRAINT {quote(n)} {d}" for n, d in constraints]
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for statement in restore:
                cursor.execute(statement)
            cursor.execute("RESET maintenance_work_mem")
        print(
            f"[bench {label}] {len(restore)} indexes and constraints rebuilt"
            f" in {time.perf_counter() - started:,.0f} s",
            file=stream,
            flush=True,
        )
