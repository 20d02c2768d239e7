"""Staff forms for events, sessions, registrations and the roster; kind Japanese messages."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yorisoi.cases.forms import JapaneseMessagesMixin, validate_phone
from yorisoi.core.fiscal_year import fiscal_year_of
from yorisoi.outreach.models import Category, EventKind, EventStatus, OutreachEvent, RegistrationStatus
from yorisoi.outreach.services import RegistrantDetails
from yorisoi.programs.models import Membership, Role

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _combine(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


class SessionFieldsMixin:
    """A date with start and end times; an end before the start is refused next to the end time."""

    def clean_session(self, cleaned):
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end and end <= start:
            self.add_error("end_time", _("終了の時刻は、開始の時刻より後にしてください。"))
        if day and not 1900 <= day.year <= 2200:
            self.add_error("day", _("日付をお確かめください。"))
        return cleaned

    @property
    def session_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        c = self.cleaned_data
        return _combine(c["day"], c["start_time"]), _combine(c["day"], c["end_time"])


def session_fields():
    return {
        "day": forms.DateField(label=gettext_lazy("開催日"), widget=DATE_WIDGET),
        "start_time": forms.TimeField(label=gettext_lazy("開始"), widget=TIME_WIDGET),
        "end_time": forms.TimeField(label=gettext_lazy("終了"), widget=TIME_WIDGET),
    }


class SessionForm(SessionFieldsMixin, JapaneseMessagesMixin, forms.Form):
    day, start_time, end_time = session_fields().values()
    note = forms.CharField(label=gettext_lazy("内容（例：第2回 支援の実際）"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.apply_times()

    def apply_times(self):
        for name in ("start_time", "end_time"):
            self.fields[name].error_messages["invalid"] = _("時刻を「14:00」の形で入力してください。")

    def clean(self):
        return self.clean_session(super().clean())


class EventForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = OutreachEvent
        fields = [
            "kind",
            "title",
            "description",
            "venue",
            "venue_access",
            "is_online",
            "capacity",
            "registration_open",
            "registration_closes_at",
            "contact_required",
            "staff_in_charge",
        ]
        widgets = {
            "registration_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        staff_ids = Membership.objects.filter(
            program=program, is_active=True, role__in=[Role.MANAGER, Role.COUNSELOR, Role.CLERK]
        ).values("user_id")
        self.fields["staff_in_charge"].queryset = self.fields["staff_in_charge"].queryset.filter(
            pk__in=staff_ids
        )
        self.fields["staff_in_charge"].label_from_instance = lambda user: user.name_for_display
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": 10000})

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= 10000:
            raise forms.ValidationError(_("定員は1人から10000人のあいだで入力してください。"))
        return capacity


class EventCreateForm(SessionFieldsMixin, EventForm):
    """A new event with its first session; more sessions are added on the event's page."""

    day, start_time, end_time = session_fields().values()

    def clean(self):
        return self.clean_session(super().clean())


class EventCancelForm(JapaneseMessagesMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("中止のお知らせ（申し込んだ方の画面に表示されます）"),
        max_length=400,
        widget=forms.Textarea,
    )


class EventFilterForm(JapaneseMessagesMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("種類"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("状態"), required=False)
    when = forms.ChoiceField(
        label=gettext_lazy("時期"),
        required=False,
        choices=[
            ("", gettext_lazy("すべて")),
            ("upcoming", gettext_lazy("これから")),
            ("past", gettext_lazy("終わったもの")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("すべて")), *EventKind.choices]
        self.fields["status"].choices = [("", _("すべて")), *EventStatus.choices]


class RegistrantForm(JapaneseMessagesMixin, forms.Form):
    """Staff taking a registration by phone (or a walk-in, with fewer fields)."""

    name = forms.CharField(label=gettext_lazy("お名前（ニックネーム可の会もあります）"), max_length=60)
    is_nickname = forms.BooleanField(label=gettext_lazy("ニックネーム"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("参加区分"), choices=Category.choices)
    contact_phone = forms.CharField(
        label=gettext_lazy("電話番号"), max_length=20, required=False, validators=[validate_phone]
    )
    contact_email = forms.EmailField(label=gettext_lazy("メールアドレス"), required=False)
    accessibility_needs = forms.CharField(
        label=gettext_lazy("配慮してほしいこと"), max_length=400, required=False, widget=forms.Textarea
    )
    join_waiting_list = forms.BooleanField(
        label=gettext_lazy("満席ならキャンセル待ちにする"), required=False, initial=True
    )

    def __init__(self, *args, event: OutreachEvent, walk_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if not event.allows_nickname:
            del self.fields["is_nickname"]
        if walk_in:
            for name in ("accessibility_needs", "join_waiting_list", "contact_email"):
                del self.fields[name]
            self.fields["name"].required = False

    def clean(self):
        cleaned = super().clean()
        needs_contact = self.event.contact_required and "join_waiting_list" in self.fields
        if needs_contact and not cleaned.get("contact_phone") and not cleaned.get("contact_email"):
            if "contact_phone" not in self.errors:
                self.add_error(
                    "contact_phone", _("この催しでは、電話番号かメールアドレスのどちらかが必要です。")
                )
        return cleaned

    @property
    def details(self) -> RegistrantDetails:
        c = self.cleaned_data
        return RegistrantDetails(
            name=c.get("name", ""),
            category=c["category"],
            contact_email=c.get("contact_email", ""),
            contact_phone=c.get("contact_phone", ""),
            accessibility_needs=c.get("accessibility_needs", ""),
            is_nickname=c.get("is_nickname", False),
        )


class RegistrationFilterForm(JapaneseMessagesMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("状態"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("参加区分"), required=False)
    promoted_untold = forms.BooleanField(label=gettext_lazy("繰り上がりをまだ伝えていない人"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("すべて")), *RegistrationStatus.choices]
        self.fields["category"].choices = [("", _("すべて")), *Category.choices]


class CaseLinkForm(JapaneseMessagesMixin, forms.Form):
    case_label = forms.RegexField(
        label=gettext_lazy("ケース番号（例：C-0012）"),
        regex=r"^[Cc]-?\d{1,6}$",
        max_length=10,
        error_messages={"invalid": gettext_lazy("ケース番号は「C-0012」の形で入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_label"].error_messages["invalid"] = _(
            "ケース番号は「C-0012」の形で入力してください。"
        )

    @property
    def case_number(self) -> int:
        return int(self.cleaned_data["case_label"].upper().lstrip("C").lstrip("-"))


class SupporterForm(JapaneseMessagesMixin, forms.Form):
    agrees_to_contact = forms.BooleanField(
        label=gettext_lazy("活動の連絡を受け取ることに同意"), required=False
    )
    keeps_details = forms.BooleanField(label=gettext_lazy("連絡先を保管することに同意"), required=False)


class SupporterFilterForm(JapaneseMessagesMixin, forms.Form):
    contact_ok = forms.BooleanField(label=gettext_lazy("連絡してよい人だけ"), required=False)
    include_withdrawn = forms.BooleanField(label=gettext_lazy("登録をやめた人も（記録のみ）"), required=False)


class CountsForm(JapaneseMessagesMixin, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=1900, max_value=2200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages.update(
            {"min_value": _("年度をお確かめください。"), "max_value": _("年度をお確かめください。")}
        )

    @property
    def fiscal_year(self) -> int:
        year = self.cleaned_data.get("year") if self.is_valid() else None
        return year or fiscal_year_of(timezone.localdate())
