import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

JST = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Lookup counters in the local cache start from zero (the rate limits in the database cache
    roll back with each test)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_now(monkeypatch):
    """``frozen_now(2026, 11, 23, 10, 0)``: timezone.now() returns that moment in Japan."""

    def freeze(*args) -> datetime.datetime:
        moment = datetime.datetime(*args, tzinfo=JST)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze
