"""SQLite for the test suite only: the test runner's flush may empty the access log.

Django empties tables between transactional tests with DELETE, which the log's triggers refuse;
this backend lifts them for that flush alone and puts them straight back. Production settings
never use it (config/databases.py picks it only when YORISOI_TESTING=1).
"""

from yorisoi.audit import db_guard
from yorisoi.core.sqlite_backend import base


class DatabaseOperations(base.DatabaseWrapper.ops_class):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if db_guard.TABLE not in tables:
            return statements
        drop = [f"DROP TRIGGER IF EXISTS {name};" for name in db_guard.SQLITE_TRIGGERS]
        return [*drop, *statements, *db_guard.SQLITE_TRIGGERS.values()]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
