"""Planner statistics refreshed after a bulk write (an import, the demo seed, the bench's data).

One function for every bulk writer, so none has to remember ``ANALYZE`` (connections also run
``PRAGMA optimize`` as they close on SQLite: ``yorisoi/core/sqlite_backend``).
"""

from django.db import connections

# Every table, each index read up to a bound, so an import into a large database stays quick
# (0.7 s at scale M; without a bound 21 s, the access log's ten indexes most of it). SQLite reads
# an index's first rows, which all belong to one program: at 1,000 it took 1,001 cases for a
# program of 25,000, and "my cases" walked the program's newest cases (18 ms) instead of seeking
# the counselor's (under 2 ms). 100,000 counts every table but the records and the log exactly.
# PRAGMA optimize would skip a table whose old statistics exist unless it grew 25-fold.
SQLITE_SQL = ("PRAGMA analysis_limit=100000", "ANALYZE")


def statistics_refresh(using: str = "default") -> None:
    """Bring the planner's statistics up to date after many rows were written."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_SQL:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
