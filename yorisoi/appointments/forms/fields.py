"""Bounded fields: hostile input (9999-12-31, ``²``, 30-digit ids) becomes a kind message, never a 500."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 1900, 2200
ASCII_ID = re.compile(r"[0-9]{1,9}")
BAD_YEAR = _("1900年から2200年までの日付を入力してください。")
BAD_ID = _("選択肢の中から選んでください。")


class BoundedDateField(forms.DateField):
    """A date between 1900 and 2200: far-off years are refused before any arithmetic on them."""

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise forms.ValidationError(BAD_YEAR, code="out_of_range")
        return day


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice by id: ASCII digits only (``str.isdigit()`` accepts ``²``), at most nine of them."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str) or not ASCII_ID.fullmatch(value):
            raise forms.ValidationError(BAD_ID, code="invalid_choice")
        return super().to_python(value)


def bounded_day(value: datetime.date, days: int) -> datetime.date:
    """``value`` + ``days``, clamped inside the bounded years (a month view of 2200-12 stays valid)."""
    low, high = datetime.date(MIN_YEAR, 1, 1), datetime.date(MAX_YEAR, 12, 31)
    if (days > 0 and (high - value).days < days) or (days < 0 and (value - low).days < -days):
        return high if days > 0 else low
    return value + datetime.timedelta(days=days)
