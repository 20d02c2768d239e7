"""Booking, rescheduling and the slot search: input shape and plain Japanese messages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.appointments import selectors
from yorisoi.appointments.availability import BookingSlot, at
from yorisoi.appointments.forms.fields import BoundedDateField, BoundedModelChoiceField
from yorisoi.appointments.models import AppointmentKind
from yorisoi.cases.forms import JapaneseMessagesMixin

BAD_TIME = _("時刻を「10:00」の形で入力してください。")
PAST = _("過去の日時には予約できません。日付と時刻をお確かめください。")
SAME_STAFF = _("担当職員と同じ職員です。別の職員を選ぶか、空欄にしてください。")
DURATIONS = [(30, _("30分")), (45, _("45分")), (60, _("60分")), (90, _("90分")), (120, _("120分"))]


def time_input():
    return forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")


def staff_field(form, name, program, required=True):
    field = form.fields[name]
    field.queryset = selectors.consultants(program)
    field.label_from_instance = lambda u: u.name_for_display
    field.required = required


def room_field(form, program):
    field = form.fields["room"]
    field.queryset = selectors.rooms(program)
    field.label_from_instance = lambda r: f"{r.place.name} {r.name}"


class BookingForm(JapaneseMessagesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=AppointmentKind.choices)
    date = BoundedDateField(label=_("日付"))
    start = forms.TimeField(label=_("開始時刻"), widget=time_input())
    end = forms.TimeField(label=_("終了時刻"), widget=time_input())
    place = BoundedModelChoiceField(label=_("場所"), queryset=None)
    room = BoundedModelChoiceField(
        label=_("部屋"),
        queryset=None,
        required=False,
        empty_label=_("空いている部屋を自動で選ぶ"),
        help_text=_("部屋のある場所（センター・窓口）だけ。空欄なら空いている部屋に入れます。"),
    )
    staff = BoundedModelChoiceField(label=_("担当職員"), queryset=None)
    second_staff = BoundedModelChoiceField(label=_("同席する職員"), queryset=None, required=False)
    is_emergency = forms.BooleanField(label=_("緊急の対応として入れる"), required=False)
    outside_hours_reason = forms.CharField(
        label=_("受付時間外・休業日に入れる理由"),
        max_length=200,
        required=False,
        help_text=_("訪問・同行か緊急のときだけ、理由を書けば受付時間外や休業日にも入れられます。"),
    )
    note = forms.CharField(
        label=_("連絡メモ"),
        max_length=200,
        required=False,
        help_text=_("待ち合わせ場所など、段取りだけを書きます（相談の内容は書かないでください）。"),
    )
    remind_by_email = forms.BooleanField(
        label=_("前日にメールでお知らせする"),
        required=False,
        help_text=_("ご本人・ご家族がメールを希望したときだけ。日時・場所・電話番号だけを送ります。"),
    )

    def __init__(self, *args, program, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.places(program)
        room_field(self, program)
        staff_field(self, "staff", program)
        staff_field(self, "second_staff", program, required=False)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in AppointmentKind.choices if c[0] in kinds]
        for name in ("start", "end"):
            self.fields[name].error_messages["invalid"] = BAD_TIME

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", _("終了時刻が開始時刻より前（または同じ）になっています。"))
            elif at(day, start) < timezone.now():
                self.add_error("date", PAST)
        staff, second = data.get("staff"), data.get("second_staff")
        if staff and second and staff == second:
            self.add_error("second_staff", SAME_STAFF)
        room, place = data.get("room"), data.get("place")
        if room and place and room.place_id != place.pk:
            self.add_error("room", _("この部屋は選んだ場所の部屋ではありません。"))
        return data

    def slot(self, kind: str | None = None) -> BookingSlot:
        """The booking asked for, as one value (after ``is_valid()``)."""
        data = self.cleaned_data
        return BookingSlot(
            kind=kind or data["kind"],
            place=data["place"],
            room=data["room"],
            staff=data["staff"],
            second_staff=data["second_staff"],
            starts_at=at(data["date"], data["start"]),
            ends_at=at(data["date"], data["end"]),
            outside_hours_reason=data["outside_hours_reason"],
            is_emergency=data["is_emergency"],
            note=data["note"],
            remind_by_email=data["remind_by_email"],
        )


class RescheduleForm(BookingForm):
    reason = forms.CharField(label=_("変更の理由"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class SlotSearchForm(JapaneseMessagesMixin, forms.Form):
    """The free-slot search on the booking page (GET): from which day, for whom, where, how long."""

    kind = forms.ChoiceField(label=_("種類"), choices=AppointmentKind.choices, required=False)
    since = BoundedDateField(label=_("この日から2週間"), required=False)
    staff = BoundedModelChoiceField(label=_("職員"), queryset=None, required=False, empty_label=_("だれでも"))
    # No "any place": a slot is looked for where it will be booked, rooms included.
    place = BoundedModelChoiceField(label=_("場所"), queryset=None, required=False, empty_label=None)
    duration = forms.TypedChoiceField(label=_("時間"), coerce=int, required=False, choices=DURATIONS)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.places(program)
        staff_field(self, "staff", program, required=False)
        self.fields["staff"].empty_label = _("だれでも")


class SlotPickForm(forms.Form):
    """A picked slot's details in the booking link (GET): only valid values prefill the form."""

    kind = forms.ChoiceField(choices=AppointmentKind.choices, required=False)
    date = BoundedDateField(required=False)
    start = forms.TimeField(required=False)
    end = forms.TimeField(required=False)
    place = BoundedModelChoiceField(queryset=None, required=False)
    room = BoundedModelChoiceField(queryset=None, required=False)
    staff = BoundedModelChoiceField(queryset=None, required=False)

    def __init__(self, data, *, program):
        data = data.copy()
        if "with" in data:
            data["staff"] = data["with"]
        super().__init__(data)
        self.fields["place"].queryset = selectors.places(program)
        self.fields["room"].queryset = selectors.rooms(program)
        self.fields["staff"].queryset = selectors.consultants(program)

    def initial_values(self) -> dict:
        """The fields that parsed, as initial values for the booking form (nothing invalid is kept)."""
        self.is_valid()
        values = getattr(self, "cleaned_data", {})
        return {
            name: value.pk if hasattr(value, "pk") else value
            for name, value in values.items()
            if value not in (None, "") and name not in self.errors
        }


class CancelForm(JapaneseMessagesMixin, forms.Form):
    reason = forms.CharField(label=_("キャンセルの理由"), max_length=200, required=False)


class CalendarQueryForm(JapaneseMessagesMixin, forms.Form):
    """The calendar's query: which view, around which day, whose appointments."""

    view = forms.ChoiceField(choices=[("day", "day"), ("week", "week"), ("month", "month")], required=False)
    date = BoundedDateField(required=False)
    staff = BoundedModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = selectors.consultants(program)


class CaseNumberForm(forms.Form):
    """「C-0049」「49」: a case number typed on the booking pick page."""

    case_number = forms.RegexField(
        regex=r"^\s*[Cc]?-?\s*[0-9]{1,9}\s*$",
        required=False,
        error_messages={"invalid": _("ケース番号は「C-0049」または数字で入力してください。")},
    )

    def number(self) -> int | None:
        if not self.is_valid() or not self.cleaned_data["case_number"]:
            return None
        return int("".join(c for c in self.cleaned_data["case_number"] if c in "0123456789"))
