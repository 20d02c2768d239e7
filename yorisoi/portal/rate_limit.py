"""How often the public may send a form, counted in Django's cache.

Two counters guard the web request: one per address, so one person (or script) cannot send
many; one per program, so even a script spread over many addresses cannot fill a program's
inbox — past it, visitors are asked kindly to phone instead. Addresses are kept only as a
hash and only for the window.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    max_count: int
    window_seconds: int


REQUEST_PER_ADDRESS = Limit("request-address", max_count=3, window_seconds=60 * 60)
REQUEST_PER_PROGRAM = Limit("request-program", max_count=30, window_seconds=60 * 60)
LOOKUP_PER_ADDRESS = Limit("lookup-address", max_count=60, window_seconds=10 * 60)


def visitor_address(request) -> str:
    """The visitor's address as this server can trust it.

    Behind the production proxy the last X-Forwarded-For entry is the one the proxy added;
    anywhere else the header is whatever the client typed, so only REMOTE_ADDR counts.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{subject}".encode()).hexdigest()[:32]
    return f"portal:rate:{limit.name}:{digest}"


def is_exceeded(limit: Limit, subject: str) -> bool:
    return cache.get(_key(limit, subject), 0) >= limit.max_count


def count(limit: Limit, subject: str) -> None:
    key = _key(limit, subject)
    if not cache.add(key, 1, timeout=limit.window_seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=limit.window_seconds)


def take(limit: Limit, subject: str) -> bool:
    """Count one use; False (and nothing counted) if the limit is already reached."""
    if is_exceeded(limit, subject):
        return False
    count(limit, subject)
    return True
