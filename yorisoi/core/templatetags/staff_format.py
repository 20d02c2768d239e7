"""How staff pages show dates, phone numbers and quoted words: one filter each, used everywhere.

「4月10日（金）」 this year, 「2025年4月10日（木）」 otherwise; with ``|when`` the time follows
(「4月10日（金）9:30」). Loaded as a template builtin, so every template can use it without a load.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR

register = template.Library()


def _as_local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


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
    value = _as_local(value)
    text = f"{value.month}月{value.day}日（{WEEKDAYS_ABBR[value.weekday()]}）"
    return text if value.year == current_year else f"{value.year:04d}年{text}"


@register.filter
def when(value) -> str:
    """A moment: the date as ``day`` shows it, then the time (「9:30」)."""
    return when_in(value, timezone.localdate().year)


def when_in(value, current_year: int) -> str:
    """``when`` for a caller that formats many moments and knows the current year (see ``day_in``)."""
    if not value:
        return ""
    value = _as_local(value)
    return f"{day_in(value, current_year)}{value.hour}:{value.minute:02d}"


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
