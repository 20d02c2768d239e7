"""Statements written once per database vendor, run for the connection's own vendor.

The database-side guards (the access log's triggers, the membership version triggers) are literal
DDL per vendor, re-created after every ``migrate``; this is the one place that picks and runs them.
"""

from collections.abc import Iterable, Mapping


def execute_for_vendor(connection, statements: Mapping[str, Iterable[str]]) -> None:
    """Run ``statements[connection.vendor]`` in order (nothing for a vendor not named)."""
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, ()):
            cursor.execute(statement)
