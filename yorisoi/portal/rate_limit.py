"""How often the public may send a form, counted by django-ratelimit in the shared database cache.

Counts live in ``CACHES["ratelimit"]`` (a database table with an atomic increment,
``core/cache.py``), so every worker process of every server sees the same numbers.

Two counters guard the web request: one per address, so one person (or script) cannot send
many; one per program, so a script spread over many addresses cannot fill a program's inbox.
Past the program's count nobody is turned away: each visitor is asked one small question
(a sum, in the session) before the request goes in. Addresses are kept only as a keyed hash,
only for the window (then ``purge_visitor_addresses`` removes the expired rows).
"""

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage


@dataclass(frozen=True)
class Limit:
    name: str
    max_count: int
    window_seconds: int

    @property
    def rate(self) -> str:
        return f"{self.max_count}/{self.window_seconds}s"


REQUEST_PER_ADDRESS = Limit("request-address", max_count=3, window_seconds=60 * 60)
REQUEST_PER_PROGRAM = Limit("request-program", max_count=30, window_seconds=60 * 60)
LOOKUP_PER_ADDRESS = Limit("lookup-address", max_count=60, window_seconds=10 * 60)
BUSY_SESSION_KEY = "portal_busy_answer"


def _digest(subject: str | None) -> str:
    """A keyed hash: the cache holds no address a reader could recover (an IPv4 is easy to brute-force)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (subject or "unknown").encode(), hashlib.sha256).hexdigest()[:32]


def _usage(limit: Limit, request, subject: str | None, *, increment: bool) -> int:
    digest = _digest(subject)
    usage = get_usage(
        request,
        group=f"portal:{limit.name}",
        key=lambda group, req: digest,
        rate=limit.rate,
        increment=increment,
    )
    return usage["count"] if usage else 0


def is_exceeded(limit: Limit, request, subject: str | None) -> bool:
    return _usage(limit, request, subject, increment=False) >= limit.max_count


def count(limit: Limit, request, subject: str | None) -> None:
    _usage(limit, request, subject, increment=True)


def take(limit: Limit, request, subject: str | None) -> bool:
    """Count one use; False if the limit was already reached (that use then counts too)."""
    return _usage(limit, request, subject, increment=True) <= limit.max_count


def busy_question(request) -> str:
    """A small sum for a visitor while the program's inbox is busy; the answer waits in the session."""
    a, b = secrets.randbelow(8) + 1, secrets.randbelow(8) + 1
    request.session[BUSY_SESSION_KEY] = str(a + b)
    return f"{a} たす {b} は？"


def busy_answer_ok(request) -> bool:
    expected = request.session.pop(BUSY_SESSION_KEY, None)
    given = unicodedata.normalize("NFKC", request.POST.get("busy_answer", "")).strip()
    return expected is not None and given == expected


def purge_expired_counts() -> int:
    """Remove the counts whose window has passed (with them the keyed hashes of visitors' addresses).

    Django's database cache only drops an expired row when it is read again or the table is full;
    this removes them all. Run hourly (``manage.py purge_visitor_addresses``). Returns how many.
    """
    from django.core.cache import caches
    from django.db import connections, router, transaction
    from django.utils import timezone

    cache = caches[settings.RATELIMIT_USE_CACHE]
    db = router.db_for_write(cache.cache_model_class)
    connection = connections[db]
    table = connection.ops.quote_name(cache._table)
    now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
    with transaction.atomic(using=db), connection.cursor() as cursor:
        # The table name comes from settings, quoted; the time is a parameter.
        cursor.execute(f"DELETE FROM {table} WHERE expires <= %s", [now])  # nosec B608
        return cursor.rowcount
