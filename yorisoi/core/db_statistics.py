"""Planner statistics refreshed after a bulk write (an import, the demo seed, the bench's data).

One function for every bulk writer, so none has to remember ``ANALYZE`` (connections also run
``PRAGMA optimize`` as they close on SQLite: ``yorisoi/core/sqlite_backend``).
"""

from django.db import connections

# Every table, each index sampled up to a bound, so an import into a large database stays quick
# (tables smaller than the bound are counted exactly). PRAGMA optimize would skip a table whose
# old statistics exist unless it grew 25-fold.
SQLITE_SQL = ("PRAGMA analysis_limit=1000", "ANALYZE")


def statistics_refresh(using: str = "default") -> None:
    """Bring the planner's statistics up to date after many rows were written."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_SQL:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
