"""Django's database cache with an ``incr`` that holds across processes.

``DatabaseCache.incr`` is Django's generic read-then-write: two workers reading 2 both write 3,
and a rate limit lets one more through. Here the row is locked for the increment (``SELECT …
FOR UPDATE`` on PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock already),
and its expiry is kept. The rate limits (django-ratelimit) count in this cache, so every worker
of every server shares one count.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        # The table name comes from settings (quoted) and the lock clause is a constant; the key and
        # time are parameters. The value is pickled by Django's own DatabaseCache into our own table.
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value FROM {table} WHERE cache_key = %s AND expires > %s{lock}",  # nosec B608
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # nosec B301 (our own rows)
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])  # nosec B608
        return value
