import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelMultipleChoiceField

from yorisoi.cases.forms import JapaneseMessagesMixin, validate_not_future
from yorisoi.cases.models import RelatedPerson
from yorisoi.consultations.models import (
    AccompanimentDestination,
    ConsultationMode,
    ConsultationRecord,
    GoalStatus,
    LifeChange,
    RiskFlag,
)
from yorisoi.consultations.services import MAX_MINUTES, duration_minutes
from yorisoi.programs.models import Place
from yorisoi.programs.selectors import consultants_of

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RecordForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = ConsultationRecord
        fields = [
            "held_on",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "place_note",
            "client_present",
            "family_present",
            "agencies_present",
            "staff",
            "second_staff",
            "summary",
            "details",
            "next_step",
            "follow_up_on",
            "accompaniment_destination",
            "accompaniment_destination_name",
            "accompaniment_outcome",
        ]
        widgets = {
            "starts_at": TIME_INPUT,
            "ends_at": TIME_INPUT,
            "family_present": forms.CheckboxSelectMultiple,
        }
        # The default choices would query every program's people at import; the view sets the case's.
        field_classes = {"family_present": SafeModelMultipleChoiceField}

    def __init__(self, *args, program, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(program=program, is_active=True)
        staff = consultants_of(program)
        for name in ("staff", "second_staff"):
            self.fields[name].queryset = staff
            self.fields[name].label_from_instance = lambda u: u.name_for_display
        people = (
            RelatedPerson.objects.filter(program=program, case=case) if case else RelatedPerson.objects.none()
        )
        self.fields["family_present"].queryset = people
        self.fields["family_present"].label_from_instance = lambda p: (
            f"{p.get_relation_display()} {p.name}".strip()
        )
        if case is None:
            del self.fields["family_present"]
        self.fields["held_on"].validators.append(validate_not_future)
        for name in ("starts_at", "ends_at"):
            self.fields[name].error_messages["invalid"] = _("時刻を「10:00」の形で入力してください。")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends:
            minutes = duration_minutes(starts, ends)
            if minutes <= 0:
                self.add_error(
                    "ends_at", _("終了時刻が開始時刻より前になっています。時刻をお確かめください。")
                )
            elif minutes > MAX_MINUTES:
                self.add_error("ends_at", _("12時間を超えています。時刻をお確かめください。"))
        if data.get("staff") and data.get("staff") == data.get("second_staff"):
            self.add_error("second_staff", _("担当職員と同じです。別の職員を選ぶか、空欄にしてください。"))
        if data.get("follow_up_on") and data.get("held_on") and data["follow_up_on"] < data["held_on"]:
            self.add_error("follow_up_on", _("次の連絡予定日が、相談した日より前になっています。"))
        if data.get("mode") == ConsultationMode.ACCOMPANIMENT:
            if not data.get("accompaniment_destination"):
                self.add_error("accompaniment_destination", _("同行支援のときは、同行先を選んでください。"))
            if not data.get("accompaniment_outcome"):
                self.add_error("accompaniment_outcome", _("同行支援のときは、結果を選んでください。"))
        if data.get("accompaniment_destination") == AccompanimentDestination.OTHER and not data.get(
            "accompaniment_destination_name"
        ):
            self.add_error(
                "accompaniment_destination_name", _("「その他」のときは、同行先の名称を入力してください。")
            )
        return data


def record_initial(params, *, actor) -> dict:
    """Prefill from the query string (an appointment being held), or sensible defaults for a quick entry."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    midnight = now.replace(hour=0, minute=0)
    ends = max(now, midnight + datetime.timedelta(minutes=30))
    starts = max(ends - datetime.timedelta(minutes=30), midnight)  # a quick entry never spans midnight
    initial = {
        "held_on": now.date(),
        "starts_at": starts.time(),
        "ends_at": ends.time(),
        "mode": ConsultationMode.PHONE,
        "staff": actor.user.pk,
    }
    mapping = {
        "date": "held_on",
        "start": "starts_at",
        "end": "ends_at",
        "mode": "mode",
        "place": "place",
        "staff": "staff",
        "second_staff": "second_staff",
    }
    for param, field in mapping.items():
        if params.get(param):
            initial[field] = params[param]
    return initial


class RecordEditForm(RecordForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(JapaneseMessagesMixin, forms.Form):
    stage = forms.ModelChoiceField(label=_("支援段階"), queryset=None, empty_label=_("選んでください"))
    entered_on = forms.DateField(label=_("日付"), validators=[validate_not_future])
    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea)

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = stages
        self.fields["entered_on"].initial = timezone.localdate()


class LifeChangeForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = LifeChange
        fields = ["observed_on", "area", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observed_on"].initial = timezone.localdate()
        self.fields["observed_on"].validators.append(validate_not_future)


class RiskFlagForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = RiskFlag
        fields = ["kind", "note", "raised_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_on"].initial = timezone.localdate()
        self.fields["raised_on"].validators.append(validate_not_future)


GOAL_ROWS = 5


class PlanForm(JapaneseMessagesMixin, forms.Form):
    """A plan version: the person's hopes and up to five small goals, each optional but one."""

    made_on = forms.DateField(label=_("作成日"), validators=[validate_not_future])
    persons_hopes = forms.CharField(
        label=_("本人の思い・希望（本人の言葉で）"), required=False, widget=forms.Textarea
    )
    review_note = forms.CharField(label=_("見直しのメモ"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["made_on"].initial = timezone.localdate()
        for i in range(GOAL_ROWS):
            self.fields[f"goal_{i}_text"] = forms.CharField(
                label=_("小さな目標 %(n)s") % {"n": i + 1}, required=False, max_length=200
            )
            self.fields[f"goal_{i}_words"] = forms.BooleanField(label=_("本人の言葉のまま"), required=False)
            self.fields[f"goal_{i}_target"] = forms.DateField(
                label=_("目安の日"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("日付を「2026-04-01」の形で入力してください。")},
            )
            self.fields[f"goal_{i}_status"] = forms.ChoiceField(
                label=_("状況"), choices=GoalStatus.choices, initial=GoalStatus.WORKING, required=False
            )

        self.apply_japanese_messages()

    def goal_rows(self):
        return [
            [
                self[f"goal_{i}_text"],
                self[f"goal_{i}_words"],
                self[f"goal_{i}_target"],
                self[f"goal_{i}_status"],
            ]
            for i in range(GOAL_ROWS)
        ]

    def clean(self):
        data = super().clean()
        if not any((data.get(f"goal_{i}_text") or "").strip() for i in range(GOAL_ROWS)):
            self.add_error("goal_0_text", _("小さな目標を一つ以上書いてください。"))
        return data

    def goals(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "text": data[f"goal_{i}_text"].strip(),
                "in_persons_words": data[f"goal_{i}_words"],
                "target_on": data[f"goal_{i}_target"],
                "status": data[f"goal_{i}_status"] or GoalStatus.WORKING,
            }
            for i in range(GOAL_ROWS)
            if (data.get(f"goal_{i}_text") or "").strip()
        ]

    @staticmethod
    def initial_from(plan) -> dict:
        if plan is None:
            return {}
        initial = {"persons_hopes": plan.persons_hopes}
        for i, goal in enumerate(list(plan.goals.all())[:GOAL_ROWS]):
            initial.update(
                {
                    f"goal_{i}_text": goal.text,
                    f"goal_{i}_words": goal.in_persons_words,
                    f"goal_{i}_target": goal.target_on,
                    f"goal_{i}_status": goal.status,
                }
            )
        return initial


class AchievementForm(JapaneseMessagesMixin, forms.Form):
    text = forms.CharField(label=_("できたこと"), max_length=200)
    achieved_on = forms.DateField(label=_("日付"), validators=[validate_not_future])
    goal = forms.ModelChoiceField(
        label=_("つながる目標"), queryset=None, required=False, empty_label=_("（なし）")
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: g.text
        self.fields["achieved_on"].initial = timezone.localdate()


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=GoalStatus.choices)
