"""Forms of the day's work: the inbox filters, flagging urgency, attaching to a case, printing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.forms import BAD_CHOICE, BAD_DATE, JapaneseMessagesMixin
from yorisoi.cases.models import OPEN_INQUIRY_STATUSES, Channel, InquiryStatus
from yorisoi.core.form_rendering import PLAIN_WIDGETS

INBOX_STATUS_CHOICES = [
    ("open", _("対応が必要なもの（新規・予約済み）")),
    *InquiryStatus.choices,
    ("all", _("すべて")),
]


class BoundedDateField(forms.DateField):
    """A date between 1900 and 2200: anything else is a kind message, never a server error."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not (1900 <= value.year <= 2200):
            raise ValidationError(BAD_DATE, code="out_of_range")
        return value


class InboxFilterForm(JapaneseMessagesMixin, forms.Form):
    default_renderer = PLAIN_WIDGETS  # above every page of the inbox: rendered without templates

    status = forms.ChoiceField(label=_("状況"), choices=INBOX_STATUS_CHOICES, required=False)
    channel = forms.ChoiceField(
        label=_("受付方法"), choices=[("", _("すべて")), *Channel.choices], required=False
    )
    urgent = forms.BooleanField(label=_("緊急のみ"), required=False)
    mine = forms.BooleanField(label=_("自分が対応中のみ"), required=False)
    received_from = BoundedDateField(label=_("受付日（から）"), required=False)
    received_to = BoundedDateField(label=_("受付日（まで）"), required=False)
    cursor = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)

    def filters(self):
        """The selector's filters; an invalid form shows the default inbox (and its messages)."""
        from yorisoi.cases.selectors import InboxFilters

        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or "open"
        statuses = OPEN_INQUIRY_STATUSES if status == "open" else () if status == "all" else (status,)
        return InboxFilters(
            statuses=tuple(statuses),
            channel=data.get("channel") or "",
            urgent=bool(data.get("urgent")),
            taken_by_me=bool(data.get("mine")),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
        )


class UrgentForm(JapaneseMessagesMixin, forms.Form):
    urgent = forms.TypedChoiceField(
        label=_("緊急"),
        choices=[("1", _("緊急にする")), ("0", _("緊急を解除する"))],
        coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("理由"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("理由をひとこと書いてください。")
        self.fields["reason"].error_messages["max_length"] = _("理由は200文字以内でお願いします。")


class AttachForm(forms.Form):
    case = forms.UUIDField(error_messages={"required": BAD_CHOICE, "invalid": BAD_CHOICE})


class PrintForm(JapaneseMessagesMixin, forms.Form):
    """Printing takes a person's data off the screen: the access log records why."""

    reason = forms.CharField(
        label=_("印刷する理由"),
        max_length=200,
        help_text=_("例：ケース会議の資料として／保健福祉センターとの連携のため"),
    )
    start = BoundedDateField(label=_("経過の期間（から）"), required=False)
    end = BoundedDateField(label=_("経過の期間（まで）"), required=False)

    def __init__(self, *args, with_period=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "印刷の理由をひとこと書いてください。アクセス記録に残ります。"
        )
        if not with_period:
            del self.fields["start"], self.fields["end"]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("「まで」の日付が「から」より前になっています。"))
        return data
