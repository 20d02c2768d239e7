"""Other apps' items in the program calendar and 自分の週, without appointments importing them.

An app registers, in its ``AppConfig.ready()``, a function ``fn(*, actor, start, end)`` that
returns ``CalendarItem`` rows between two dates (inclusive) that the actor may see, read through
its own scoped selectors in a fixed number of queries. The calendar shows them beside appointments.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class CalendarItem:
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None
    title: str  # shown as is: no personal data beyond what the calendar already shows
    url: str
    kind: str  # a short label: 「講座」「フォロー」

    @property
    def day(self) -> datetime.date:
        if isinstance(self.start, datetime.datetime):
            return timezone.localtime(self.start).date()
        return self.start

    @property
    def time_label(self) -> str:
        if isinstance(self.start, datetime.datetime):
            return f"{timezone.localtime(self.start):%H:%M}"
        return ""


_SOURCES: list[Callable] = []


def register(fn: Callable) -> Callable:
    """Add a source (usable as a decorator); registering the same function twice adds it once."""
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def unregister(fn: Callable) -> None:
    if fn in _SOURCES:
        _SOURCES.remove(fn)


def items_between(
    *, actor, start: datetime.date, end: datetime.date
) -> dict[datetime.date, list[CalendarItem]]:
    """Every registered source's items from ``start`` to ``end``, by day, in time order."""
    by_day: dict[datetime.date, list[CalendarItem]] = {}
    for source in _SOURCES:
        for item in source(actor=actor, start=start, end=end):
            by_day.setdefault(item.day, []).append(item)
    for items in by_day.values():
        items.sort(key=lambda i: (i.time_label, i.title))
    return by_day
