import datetime

import pytest
from django.utils import timezone

JST = timezone.get_default_timezone()


def jst(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=JST)


@pytest.fixture
def frozen_now(monkeypatch):
    """``frozen_now(jst(2026, 11, 20, 9))``: the clock every service, form and view reads stops there."""

    def freeze(moment: datetime.datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze
