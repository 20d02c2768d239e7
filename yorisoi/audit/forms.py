from django import forms
from django.utils.translation import gettext_lazy as _

from yorisoi.core.bounds import bound_fields
from yorisoi.programs.selectors import members_of
from yorisoi.programs.staff_field import StaffNameField


class AccessLogFilterForm(forms.Form):
    staff = StaffNameField(label=_("職員"), who="members")
    subject = forms.CharField(label=_("ケース番号"), required=False, max_length=20, help_text=_("例：C-0012"))
    date_from = forms.DateField(
        label=_("いつから"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("いつまで"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].users = members_of(program)
        bound_fields(self)
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = _("日付を「2026-04-01」の形で入力してください。")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("「いつまで」は「いつから」より後の日付にしてください。"))
        return data


class ReviewMonthForm(forms.Form):
    month = forms.DateField(
        label=_("月"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={
            "invalid": _("月を「2026-04」の形で入力してください。"),
            "required": _("月を選んでください。"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_fields(self)
