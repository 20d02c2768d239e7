"""The plain-widget renderer writes exactly what Django's widget templates write."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from yorisoi.cases.forms import CaseFilterForm
from yorisoi.cases.work_forms import InboxFilterForm
from yorisoi.core.form_rendering import PLAIN_WIDGETS


class Everything(forms.Form):
    word = forms.CharField(
        required=False, help_text="ヒント", widget=forms.TextInput(attrs={"placeholder": '"<x>"'})
    )
    count = forms.IntegerField(label="件数", min_value=1, max_value=3650)
    flag = forms.BooleanField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    mail = forms.EmailField(required=False)
    secret = forms.CharField(required=False, widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        choices=[("", "すべて"), ("a", "A & B"), (1, mark_safe("<b>安全</b>"))], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("果物", [("apple", "りんご"), ("pear", "なし")]), ("other", "その他")],
        required=False,
    )
    attrs = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"disabled": True, "readonly": False, "data-n": 0})
    )


DATA = [
    None,
    {},
    {"word": "<script>", "count": "0", "flag": "on", "day": "2026-13-40", "choice": "a", "grouped": "pear"},
    {
        "word": "ふつう",
        "count": "60",
        "mail": "a@example.jp",
        "secret": 'x"y',
        "choice": "1",
        "grouped": "other",
    },
]


def _both(form_class, data, monkeypatch, **kwargs):
    """(field name, Django's HTML, the plain renderer's HTML) of each field of the form."""
    django_form = form_class(data, renderer=DjangoTemplates(), **kwargs)
    django_html = {name: str(django_form[name]) for name in django_form.fields}
    with monkeypatch.context() as patched:  # the plain renderer must not fall back to the templates
        patched.setattr(DjangoTemplates, "render", lambda *args, **kwargs: pytest.fail("template used"))
        plain_form = form_class(data, renderer=PLAIN_WIDGETS, **kwargs)
        return [(name, html, str(plain_form[name])) for name, html in django_html.items()]


@pytest.mark.parametrize("data", DATA)
def test_every_plain_widget_renders_as_django_does(data, monkeypatch):
    for name, django_html, plain_html in _both(Everything, data, monkeypatch):
        assert plain_html == django_html, name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [None, {"mine": "on", "status": "closed", "quiet_days": "x"}, {"staff": "山田"}]
)
def test_the_list_filters_render_as_django_would(data, programs, monkeypatch):
    for name, django_html, plain_html in _both(CaseFilterForm, data, monkeypatch, program=programs["chiba"]):
        assert plain_html == django_html, name
    inbox = data and {"status": "all", "received_from": datetime.date(2026, 4, 1).isoformat(), "urgent": "on"}
    for name, django_html, plain_html in _both(InboxFilterForm, inbox, monkeypatch):
        assert plain_html == django_html, name
