"""SQLite whose planner statistics stay fresh without anyone remembering ``ANALYZE``.

Without ``sqlite_stat1`` the planner guesses, and guesses badly on our tables (a search's "latest
case per hit" walked every case). SQLite's advice for short-lived connections is ``PRAGMA optimize``
as each one closes: it analyses only the tables this connection's queries used whose statistics are
missing or stale, so it usually costs nothing; ``analysis_limit`` bounds it when it does work.
Bulk writers call ``yorisoi.core.db_statistics.statistics_refresh`` at their end as well.
"""

import logging
import sqlite3

from django.db.backends.sqlite3 import base

logger = logging.getLogger(__name__)

OPTIMIZE_ON_CLOSE = ("PRAGMA analysis_limit=400", "PRAGMA optimize")


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        # Not inside an open transaction: it would be rolled back with it (and a broken one can't run).
        if self.connection is not None and not self.connection.in_transaction:
            try:
                for statement in OPTIMIZE_ON_CLOSE:
                    self.connection.execute(statement)
            except sqlite3.Error as error:
                # Statistics are a speed-up: never fail the close for them. Under load another worker
                # often holds the write lock (SQLite then answers "database is locked" at once rather
                # than wait); a later close runs it instead, so this is no warning.
                logger.debug("PRAGMA optimize skipped on close: %s", error)
        super()._close()
