"""Japanese phone numbers, through the ``phonenumbers`` library: one rule for every form.

Typed in any width, with or without hyphens or brackets, a number is stored in its national
format (「043-204-1606」, 「090-1234-5678」) and compared by its digits.
"""

import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "JP"
NOT_A_NUMBER = _("電話番号は数字とハイフンで入力してください（例：043-204-1606）。")
WRONG_LENGTH = _("電話番号の桁数をお確かめください（市外局番から10けたか11けたです。例：043-204-1606）。")
_SEPARATORS = str.maketrans({"ー": "-", "−": "-", "‐": "-", "―": "-", "–": "-"})
_ALLOWED = set("0123456789-()+ ")


def normalize_phone(raw: str) -> str:
    """「０４３（２０４）１６０６」 → 「043-204-1606」; empty stays empty; anything else is refused."""
    text = unicodedata.normalize("NFKC", raw or "").translate(_SEPARATORS).strip()
    if not text:
        return ""
    if set(text) - _ALLOWED:
        raise ValidationError(NOT_A_NUMBER, code="phone_chars")
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(NOT_A_NUMBER, code="phone_chars") from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(WRONG_LENGTH, code="phone_length")
    if number.country_code != 81:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def format_phone(stored: str) -> str:
    """How a stored number is shown; an older value that does not parse is shown as it was."""
    try:
        return normalize_phone(stored)
    except ValidationError:
        return stored or ""


class PhoneField(forms.CharField):
    """A form field that cleans to the stored (national) format, with a kind Japanese message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return normalize_phone(super().clean(value))
