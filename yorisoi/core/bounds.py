"""Bounds on what a person may type, so hostile input is a kind message and never a server error.

Dates live in years 1900–2200 (date arithmetic near year 1 or 9999 overflows, and no consultation
happens outside them); whole numbers fit the database's integer; page numbers stop at 10,000.
``bound_fields(form)`` applies them to every field of a form (the forms' shared Japanese-messages
mixin calls it), and ``page_number`` parses ``?page=`` through a form field, never ``int()``.
"""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2200, 12, 31)
INT_MAX = 2_147_483_647
MAX_PAGE = 10_000

OUT_OF_RANGE_DATE = _("1900年から2200年までの日付を入力してください。")
OUT_OF_RANGE_NUMBER = _("数が大きすぎます。")


def _validate_day(value) -> None:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(OUT_OF_RANGE_DATE, code="out_of_range")


def bound_fields(form: forms.BaseForm) -> None:
    """Give every date and integer field of ``form`` the bounds above (idempotent)."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            if _validate_day not in field.validators:
                field.validators.append(_validate_day)
        elif isinstance(field, forms.IntegerField) and not getattr(field, "_bounded", False):
            field.validators += [
                MaxValueValidator(INT_MAX, message=OUT_OF_RANGE_NUMBER),
                MinValueValidator(-INT_MAX, message=OUT_OF_RANGE_NUMBER),
            ]
            field._bounded = True


class _PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE)


def page_number(params, name: str = "page") -> int:
    """``params[name]`` as a page number from 1 to ``MAX_PAGE``; anything else is page 1."""
    form = _PageForm({"page": params.get(name, "")})
    return form.cleaned_data["page"] if form.is_valid() else 1
