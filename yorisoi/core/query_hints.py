"""Conditions written so that SQLite's planner reads them as they are meant.

SQLite keeps one average per index column (no histograms: its sqlite_stat4 is not compiled in),
so it cannot know that few rows are urgent or still open. PostgreSQL plans from its statistics
either way; these change nothing there but the text of the SQL.
"""

from django.db.models import BooleanField, ExpressionWrapper, Func, Q

RARE = 0.001  # the share of rows SQLite is told a rare condition holds for


def seekable_true(field: str) -> Q:
    """``field`` is true, written ``field IN (true)``.

    Django writes ``field=True`` as a bare ``WHERE field``, and SQLite cannot seek an index on a
    bare column: the header's count of urgent inquiries skip-scanned the urgent index (6 ms at
    scale M), where the equality seeks it (0.01 ms)."""
    return Q(**{f"{field}__in": [True]})


class Rare(Func):
    """A condition few rows meet (an inquiry still open): on SQLite ``likelihood(condition, 0.001)``.

    Without it SQLite takes the open inquiries for a quarter of the program's, walks the inbox's
    time index and filters it (25 ms at scale M) instead of seeking the status index (0.06 ms)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, condition: Q):
        super().__init__(ExpressionWrapper(condition, output_field=BooleanField()))

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"likelihood({sql}, {RARE})", params
