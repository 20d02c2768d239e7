"""The client's address as this server can trust it: one rule for the access log, rate limits and lockout.

Each trusted proxy in front of the application appends the address it was connected from to
``X-Forwarded-For``; whatever stands to the left of those entries was typed by the client and
proves nothing. So with ``YORISOI_TRUSTED_PROXIES = n`` the client is the n-th entry from the
right, and with 0 (no proxy, the default outside production) it is ``REMOTE_ADDR``.

django-ipware was tried first: its ``proxy_count`` counts the proxies' own addresses inside the
header (a single nginx that appends the client gives ``None``), which is not how our proxy
writes it; the rule is short enough to state here, with every address parsed by ``ipaddress``.
"""

import ipaddress

from django.conf import settings


def _parsed(value: str | None) -> str | None:
    """``value`` as a canonical IP address, or None for anything else (``unknown``, garbage, ports)."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The visitor's IP address, never raising and never anything but a valid address or None."""
    remote = _parsed(request.META.get("REMOTE_ADDR"))
    hops = int(getattr(settings, "YORISOI_TRUSTED_PROXIES", 0))
    if hops <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < hops:
        return remote  # reached us without passing every proxy: the connection itself is the client
    return _parsed(forwarded[-hops]) or remote
