"""The period a report covers, parsed from the query string; bad input gets a kind Japanese message."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.core.fiscal_year import fiscal_year_of
from yorisoi.reports.periods import Period, PeriodKind

MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_RANGE_YEARS = 5


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return datetime.date(day.year + years, 3, 1)


def in_bounds(day: datetime.date) -> None:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise forms.ValidationError(_("1900年から2200年までの日付を入れてください。"))


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("期間の種類"),
        choices=[
            (PeriodKind.MONTH, _("月")),
            (PeriodKind.QUARTER, _("四半期")),
            (PeriodKind.FISCAL_YEAR, _("年度")),
            (PeriodKind.RANGE, _("期間を指定")),
        ],
        initial=PeriodKind.MONTH,
    )
    month = forms.DateField(
        label=_("月"),
        required=False,
        input_formats=["%Y-%m"],
        validators=[in_bounds],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    fiscal_year = forms.IntegerField(
        label=_("年度（西暦）"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("例：2025"),
    )
    quarter = forms.TypedChoiceField(
        label=_("四半期"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "—"),
            (1, _("第1（4〜6月）")),
            (2, _("第2（7〜9月）")),
            (3, _("第3（10〜12月）")),
            (4, _("第4（1〜3月）")),
        ],
    )
    first = forms.DateField(
        label=_("いつから"),
        required=False,
        validators=[in_bounds],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    last = forms.DateField(
        label=_("いつまで"),
        required=False,
        validators=[in_bounds],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = _("期間の種類を選んでください。")
        self.fields["month"].error_messages["invalid"] = _("月を「2025-10」の形で入力してください。")
        self.fields["quarter"].error_messages["invalid_choice"] = _(
            "四半期は第1から第4までで選んでください。"
        )
        for name in ("fiscal_year",):
            self.fields[name].error_messages.update(
                invalid=_("年度は「2025」のように西暦の数字で入力してください。"),
                min_value=_("1900年度から2200年度までで入力してください。"),
                max_value=_("1900年度から2200年度までで入力してください。"),
            )
        for name in ("first", "last"):
            self.fields[name].error_messages["invalid"] = _(
                "日付を「2025-04-01」の形で入力してください（ない日付は使えません）。"
            )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        period = None
        if kind == PeriodKind.MONTH:
            period = self._need(data, "month", _("月を選んでください。"), Period.month)
        elif kind == PeriodKind.FISCAL_YEAR:
            period = self._need(data, "fiscal_year", _("年度を入力してください。"), Period.fiscal_year)
        elif kind == PeriodKind.QUARTER:
            year = self._need(data, "fiscal_year", _("年度を入力してください。"), int)
            quarter = self._need(data, "quarter", _("四半期を選んでください。"), int)
            if year is not None and quarter is not None:
                period = Period.quarter(year, quarter)
        elif kind == PeriodKind.RANGE:
            period = self._clean_range(data)
        if period is not None and period.first > timezone.localdate():
            self.add_error(None, _("まだ始まっていない期間です。今日までを含む期間を選んでください。"))
            period = None
        data["period"] = period
        return data

    def _need(self, data, name, message, make):
        if name in self.errors:
            return None
        if data.get(name) is None:
            self.add_error(name, message)
            return None
        return make(data[name])

    def _clean_range(self, data) -> Period | None:
        first = self._need(data, "first", _("始まりの日を入力してください。"), lambda d: d)
        last = self._need(data, "last", _("終わりの日を入力してください。"), lambda d: d)
        if first is None or last is None:
            return None
        if last < first:
            self.add_error("last", _("「いつまで」は「いつから」と同じか後の日付にしてください。"))
            return None
        if last >= years_after(first, MAX_RANGE_YEARS):
            self.add_error("last", _("期間は5年以内にしてください。"))
            return None
        return Period(PeriodKind.RANGE, first, last)


def period_from_query(query) -> tuple[PeriodForm, Period | None]:
    """The form (bound to the query, or showing this month) and the period it selects, or None if invalid."""
    if not query:
        today = timezone.localdate()
        form = PeriodForm(
            initial={"kind": PeriodKind.MONTH, "month": today, "fiscal_year": fiscal_year_of(today)}
        )
        return form, Period.month(today)
    form = PeriodForm(query)
    return form, (form.cleaned_data["period"] if form.is_valid() else None)
