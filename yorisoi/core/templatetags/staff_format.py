"""How staff pages show dates, phone numbers and quoted words: one filter each, used everywhere.

「4月10日（金）」 this year, 「2025年4月10日（木）」 otherwise; with ``|when`` the time follows
(「4月10日（金）9:30」). Loaded as a template builtin, so every template can use it without a load.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


def _as_local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


@register.filter
def day(value) -> str:
    """A date (or the date of a datetime), with the year when it is not the current one."""
    if not value:
        return ""
    value = _as_local(value)
    current = timezone.localdate().year
    pattern = "n月j日（D）" if value.year == current else "Y年n月j日（D）"
    return date_format(value, pattern)


@register.filter
def when(value) -> str:
    """A moment: the date as ``day`` shows it, then the time."""
    if not value:
        return ""
    value = _as_local(value)
    return f"{day(value)}{date_format(value, 'G:i')}"


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
