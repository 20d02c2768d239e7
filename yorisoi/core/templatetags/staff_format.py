"""How staff pages show dates, phone numbers and quoted words: one filter each, used everywhere.

「4月10日（金）」 this year, 「2025年4月10日（木）」 otherwise; with ``|when`` the time follows
(「4月10日（金）9:30」). Loaded as a template builtin, so every template can use it without a load.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def _as_local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


# Monday first, as ``date.weekday()`` counts: what ``date_format(value, "D")`` gives in Japanese, written
# out so the filter (a dozen times on most pages, once per row of a long list) formats without a
# format string parsed per call.
WEEKDAYS = "月火水木金土日"


@register.filter
def day(value) -> str:
    """A date (or the date of a datetime), with the year when it is not the current one."""
    return day_in(value, timezone.localdate().year)


def day_in(value, current_year: int) -> str:
    """``day`` for a caller that formats many dates and knows the current year.

    Written out rather than through ``date_format("n月j日（D）")``, which gives the same text at
    ten times the cost: a list of 50 rows shows two dates a row.
    """
    if not value:
        return ""
    return _day_text(_as_local(value), current_year, WEEKDAYS)


def _day_text(local, current_year: int, weekdays) -> str:
    text = f"{local.month}月{local.day}日（{weekdays[local.weekday()]}）"
    return text if local.year == current_year else f"{local.year:04d}年{text}"


@register.filter
def when(value) -> str:
    """A moment: the date as ``day`` shows it, then the time (「9:30」)."""
    if not value:
        return ""
    value = _as_local(value)
    return f"{_day_text(value, timezone.localdate().year, WEEKDAYS)}{value.hour}:{value.minute:02d}"


class ListDates:
    """``day`` and ``when`` for a list that formats a date on every row.

    The current year and the time zone are read once: otherwise each date costs a thread-local
    lookup for the zone.
    """

    __slots__ = ("year", "zone")

    def __init__(self):
        self.zone = timezone.get_current_timezone()
        self.year = timezone.localdate().year

    def _local(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return value.astimezone(self.zone)
        return value

    def day(self, value) -> str:
        return _day_text(self._local(value), self.year, WEEKDAYS) if value else ""

    def when(self, value) -> str:
        if not value:
            return ""
        local = self._local(value)
        return f"{_day_text(local, self.year, WEEKDAYS)}{local.hour}:{local.minute:02d}"


@register.filter
def phone(value) -> str:
    """A stored phone number, formatted (「0432041606」 → 「043-204-1606」)."""
    from yorisoi.core.phone import format_phone

    return format_phone(value or "")


@register.filter
def quoted(value) -> str:
    """The person's own words in 「」, once: text already in brackets is not bracketed again."""
    text = (value or "").strip()
    if not text:
        return ""
    if text.startswith("「") and text.endswith("」"):
        return text
    return f"「{text}」"
