"""Recurring sessions, closures, staff schedules and settings: input shape and Japanese messages."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.appointments import selectors
from yorisoi.appointments.forms.booking import BAD_TIME, SAME_STAFF, staff_field, time_input
from yorisoi.appointments.forms.fields import BoundedDateField, BoundedModelChoiceField
from yorisoi.appointments.models import AppointmentKind, SchedulingSettings
from yorisoi.cases.forms import JapaneseMessagesMixin
from yorisoi.programs.models import OpeningHours

INTERVALS = [(1, _("毎週")), (2, _("隔週（2週間ごと）")), (4, _("4週間ごと"))]


class SeriesForm(JapaneseMessagesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=AppointmentKind.choices)
    first_on = BoundedDateField(label=_("初回の日付"))
    start_time = forms.TimeField(label=_("開始時刻"), widget=time_input())
    duration_minutes = forms.TypedChoiceField(
        label=_("時間"),
        coerce=int,
        choices=[(30, _("30分")), (45, _("45分")), (60, _("60分")), (90, _("90分"))],
    )
    interval_weeks = forms.TypedChoiceField(label=_("くり返し"), coerce=int, choices=INTERVALS, initial=1)
    until_on = BoundedDateField(label=_("最終日"), help_text=_("この日までの予約を作ります（最長1年）。"))
    place = BoundedModelChoiceField(label=_("場所"), queryset=None)
    staff = BoundedModelChoiceField(label=_("担当職員"), queryset=None)
    second_staff = BoundedModelChoiceField(label=_("同席する職員"), queryset=None, required=False)
    outside_hours_reason = forms.CharField(
        label=_("受付時間外に入れる理由（訪問・同行のみ）"), max_length=200, required=False
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.places(program)
        staff_field(self, "staff", program)
        staff_field(self, "second_staff", program, required=False)
        self.fields["kind"].choices = [c for c in AppointmentKind.choices if c[0] != AppointmentKind.INITIAL]
        self.fields["start_time"].error_messages["invalid"] = BAD_TIME

    def clean(self):
        data = super().clean()
        first, until = data.get("first_on"), data.get("until_on")
        if first and first < timezone.localdate():
            self.add_error("first_on", _("初回の日付が過去になっています。今日以降の日付にしてください。"))
        if first and until:
            if until < first:
                self.add_error("until_on", _("最終日が初回の日付より前になっています。"))
            elif until > first + datetime.timedelta(days=366):
                self.add_error("until_on", _("定期の予約は1年以内にしてください。"))
        staff, second = data.get("staff"), data.get("second_staff")
        if staff and second and staff == second:
            self.add_error("second_staff", SAME_STAFF)
        return data


class SeriesCancelForm(JapaneseMessagesMixin, forms.Form):
    from_on = BoundedDateField(label=_("この日以降の予約をやめる"))
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)


class SeriesMoveForm(JapaneseMessagesMixin, forms.Form):
    """Move the rest of a series to another weekday or time, from a date on."""

    from_on = BoundedDateField(label=_("この日以降を変更する"))
    weekday = forms.TypedChoiceField(label=_("新しい曜日"), coerce=int, choices=OpeningHours.Weekday.choices)
    start_time = forms.TimeField(label=_("新しい開始時刻"), widget=time_input())
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="move", **kwargs)
        self.fields["start_time"].error_messages["invalid"] = BAD_TIME

    def clean_from_on(self):
        value = self.cleaned_data["from_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("変更する日が過去になっています。今日以降の日付にしてください。"))
        return value


class ClosureForm(JapaneseMessagesMixin, forms.Form):
    date = BoundedDateField(label=_("日付"))
    reason = forms.CharField(
        label=_("理由"), max_length=100, help_text=_("例：職員研修のため、庁舎の点検のため")
    )


class WorkdayForm(JapaneseMessagesMixin, forms.Form):
    user = BoundedModelChoiceField(label=_("職員"), queryset=None)
    weekday = forms.TypedChoiceField(label=_("曜日"), coerce=int, choices=OpeningHours.Weekday.choices)
    starts = forms.TimeField(label=_("開始"), widget=time_input(), initial=datetime.time(9))
    ends = forms.TimeField(label=_("終了"), widget=time_input(), initial=datetime.time(17))

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, prefix="workday", **kwargs)
        staff_field(self, "user", program)
        for name in ("starts", "ends"):
            self.fields[name].error_messages["invalid"] = BAD_TIME

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("終了が開始より前（または同じ）になっています。"))
        return data


class AbsenceForm(JapaneseMessagesMixin, forms.Form):
    user = BoundedModelChoiceField(label=_("職員"), queryset=None)
    starts_on = BoundedDateField(label=_("開始日"))
    ends_on = BoundedDateField(label=_("終了日"))
    all_programs = forms.BooleanField(label=_("すべての事業で不在（もう一方の事業も休み）"), required=False)
    note = forms.CharField(label=_("メモ"), max_length=100, required=False, help_text=_("例：研修、休暇"))

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, prefix="absence", **kwargs)
        staff_field(self, "user", program)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("終了日が開始日より前になっています。"))
        return data


SETTINGS_LIMITS = {
    "record_buffer_minutes": (0, 120),
    "travel_minutes": (0, 180),
    "session_minutes": (15, 240),
    "slot_step_minutes": (5, 120),
}


class SchedulingSettingsForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = SchedulingSettings
        fields = list(SETTINGS_LIMITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="settings", **kwargs)
        for name, (low, high) in SETTINGS_LIMITS.items():
            self.fields[name].widget.attrs.update({"min": low, "max": high})

    def clean(self):
        data = super().clean()
        for name, (low, high) in SETTINGS_LIMITS.items():
            value = data.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(
                    name, _("%(low)s〜%(high)sの数字で入力してください。") % {"low": low, "high": high}
                )
        return data
