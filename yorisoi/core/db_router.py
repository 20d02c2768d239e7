"""Reads that may come from the streaming replica, chosen by the code that reads, never guessed.

With ``DATABASE_REPLICA_URL`` set, settings add the database alias ``"replica"`` (a physical
streaming standby of the primary) and register ``ReplicaRouter``. Every read still goes to the
primary unless it runs inside ``reads_from_replica(request)``, which a view opens around a pure,
heavy read (the reports' aggregates): the router then sends that read to the replica. Writes always
go to the primary, and so does every read inside a transaction on the primary (it may need what that
transaction wrote), so the access-log entry a page writes, and the chain link it reads to write it,
are on the primary whatever the page read before.

Replication lag: a standby replays the primary's WAL a few milliseconds to seconds behind it. A
page that must show what was just written (the page after a save, the manager's "this month so far"
panel) does not open ``reads_from_replica``; reports of a period are read from the replica and may
miss the last second's writes, which is what a report of a period can afford.

Without ``DATABASE_REPLICA_URL`` nothing changes: there is no router and ``reads_from_replica`` is a
no-op.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_read_alias: ContextVar[str | None] = ContextVar("yorisoi_read_alias", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_replica(request=None):
    """Send the reads inside to the replica, if one is configured.

    Only a GET (or HEAD) request reads from the replica: anything else may have written, and reads
    its own writes from the primary. ``request=None`` is for code outside a request (a command).
    """
    safe = request is None or request.method in ("GET", "HEAD")
    token = _read_alias.set(REPLICA if safe and replica_configured() else None)
    try:
        yield
    finally:
        _read_alias.reset(token)


class ReplicaRouter:
    """Reads: the replica inside ``reads_from_replica`` (outside a primary transaction); else the primary."""

    def db_for_read(self, model, **hints):
        alias = _read_alias.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None  # the primary
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database: the replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # a standby is read-only; it gets the schema by replication
