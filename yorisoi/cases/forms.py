"""Input shape and plain Japanese messages for inquiries, registration and the case lifecycle."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models import (
    CallerType,
    Case,
    Client,
    ClosureReason,
    FamilyRelation,
    Inquiry,
    InquiryStatus,
    RelatedPerson,
)
from yorisoi.cases.normalize import looks_like_kana
from yorisoi.core.bounds import bound_fields
from yorisoi.core.form_rendering import PLAIN_WIDGETS
from yorisoi.core.phone import PhoneField
from yorisoi.programs.selectors import consultants_of
from yorisoi.programs.staff_field import StaffNameField

REQUIRED = _("入力してください。")
BAD_DATE = _("日付を「2026-04-01」の形で入力してください。")
BAD_NUMBER = _("数字で入力してください。")
BAD_EMAIL = _("メールアドレスの形が正しくありません（例：name@example.jp）。")
BAD_CHOICE = _("一覧から選んでください。")


def validate_kana(value: str) -> None:
    """Furigana are what search compares: hiragana or katakana (any width), nothing else."""
    if value and not looks_like_kana(value):
        raise ValidationError(_("ふりがなは、ひらがなかカタカナで入力してください（例：さとう）。"))


def validate_not_future(value: datetime.date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("未来の日付になっています。日付をお確かめください。"))


class JapaneseMessagesMixin:
    """Every field gets the same plain messages, so no English default ever reaches a person.

    A form that adds fields after ``__init__`` calls ``apply_japanese_messages()`` again.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.apply_japanese_messages()

    def apply_japanese_messages(self):
        bound_fields(self)  # dates 1900–2200, integers the database can hold
        for field in self.fields.values():
            field.error_messages.update({"required": REQUIRED, "invalid_choice": BAD_CHOICE})
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = BAD_DATE
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            elif isinstance(field, forms.DateTimeField):
                field.error_messages["invalid"] = _("日時を入力してください。")
            elif isinstance(field, forms.IntegerField):
                field.error_messages.update(
                    {"invalid": BAD_NUMBER, "min_value": _("0以上の数字で入力してください。")}
                )
            elif isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = BAD_EMAIL
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            _no_dashes(field)


def _no_dashes(field) -> None:
    """Django's blank choice 「---------」 means nothing to a person: say what to do instead."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and str(field.empty_label).startswith("---"):
            field.empty_label = _("選んでください") if field.required else _("（なし）")
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        if any(value == "" and str(label).startswith("---") for value, label in field.choices):
            blank = _("選んでください") if field.required else _("（なし）")
            field.choices = [(v, blank if v == "" else label) for v, label in field.choices]


class InquiryForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = [
            "received_at",
            "channel",
            "caller_type",
            "family_relation",
            "agency_name",
            "caller_name",
            "contact_phone",
            "contact_email",
            "contact_preferences",
            "person_age",
            "person_age_band",
            "person_gender",
            "residence_city",
            "concern",
            "is_urgent",
            "urgent_note",
        ]
        field_classes = {"contact_phone": PhoneField}
        widgets = {
            "received_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "caller_type": forms.RadioSelect,
            "is_urgent": forms.CheckboxInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["person_age"].validators.append(validate_age)
        self.fields["person_age"].widget.attrs["min"] = 0
        self.fields["is_urgent"].label = _("緊急（予約を待たずに対応が必要）")

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value and value > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError(_("未来の日時になっています。日時をお確かめください。"))
        return value

    def clean(self):
        data = super().clean()
        if data.get("caller_type") == CallerType.FAMILY and not data.get("family_relation"):
            self.add_error("family_relation", _("家族からの連絡のときは、本人との続柄を選んでください。"))
        if data.get("caller_type") == CallerType.AGENCY and not data.get("agency_name"):
            self.add_error("agency_name", _("関係機関からの連絡のときは、機関名を入力してください。"))
        if data.get("is_urgent") and not data.get("urgent_note"):
            self.add_error("urgent_note", _("緊急にする理由をひとこと書いてください。"))
        return data


def validate_age(value):
    if value is not None and value > 120:
        raise ValidationError(_("年齢をお確かめください（0〜120）。"))


class InquiryStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状況"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        choices = [c for c in InquiryStatus.choices if c[0] != InquiryStatus.REGISTERED]
        self.fields["status"].choices = choices
        self.fields["status"].error_messages["invalid_choice"] = BAD_CHOICE


class ClientForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = Client
        fields = [
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "birth_date",
            "approximate_age",
            "gender",
            "residence_city",
            "address",
            "phone",
            "email",
            "contact_preferences",
        ]
        field_classes = {"phone": PhoneField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approximate_age"].validators.append(validate_age)
        self.fields["family_name_kana"].validators.append(validate_kana)
        self.fields["given_name_kana"].validators.append(validate_kana)

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("生年月日が未来になっています。日付をお確かめください。"))
        return value


class CaseRegistrationForm(JapaneseMessagesMixin, forms.ModelForm):
    """初回相談: 登録手続き, 現在の状況, 困りごと, 希望."""

    client_unknown = forms.BooleanField(label=_("本人はまだ登録しない（家族のみの相談など）"), required=False)

    class Meta:
        model = Case
        fields = [
            "registered_on",
            "primary_staff",
            "secondary_staff",
            "current_situation",
            "main_concerns",
            "wishes",
            "withdrawal_since",
            "withdrawal_since_note",
        ]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        staff = consultants_of(program)
        for name in ("primary_staff", "secondary_staff"):
            self.fields[name].queryset = staff
            self.fields[name].label_from_instance = lambda u: u.name_for_display
        self.fields["registered_on"].initial = timezone.localdate()
        self.fields["registered_on"].validators.append(validate_not_future)
        self.fields["withdrawal_since"].validators.append(validate_not_future)
        self.fields["main_concerns"].required = True

    def clean(self):
        data = super().clean()
        if data.get("primary_staff") and data.get("primary_staff") == data.get("secondary_staff"):
            self.add_error(
                "secondary_staff", _("主担当と同じ職員です。別の職員を選ぶか、空欄にしてください。")
            )
        return data


class CaseEditForm(CaseRegistrationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(CaseRegistrationForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["client_unknown"]


class RelatedPersonForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = RelatedPerson
        fields = [
            "relation",
            "relation_note",
            "name",
            "name_kana",
            "phone",
            "email",
            "consults",
            "contact_preferences",
        ]
        field_classes = {"phone": PhoneField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_kana"].validators.append(validate_kana)
        self.fields["relation"].choices = [("", _("選んでください"))] + list(FamilyRelation.choices)


class CaseCloseForm(JapaneseMessagesMixin, forms.Form):
    closed_on = forms.DateField(label=_("終結日"), validators=[validate_not_future])
    reason = forms.ChoiceField(
        label=_("終結の理由"), choices=[("", _("選んでください"))] + list(ClosureReason.choices)
    )
    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["closed_on"].initial = timezone.localdate()

    def clean_closed_on(self):
        value = self.cleaned_data["closed_on"]
        if self.case and value < self.case.registered_on:
            raise ValidationError(
                _("登録日（%(d)s）より前には終結できません。")
                % {"d": self.case.registered_on.strftime("%Y-%m-%d")}
            )
        return value


class CaseReopenForm(JapaneseMessagesMixin, forms.Form):
    reopened_on = forms.DateField(label=_("再開日"), validators=[validate_not_future])
    note = forms.CharField(label=_("再開のきっかけ"), required=False, widget=forms.Textarea)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["reopened_on"].initial = timezone.localdate()

    def clean_reopened_on(self):
        value = self.cleaned_data["reopened_on"]
        if self.case and self.case.closed_on and value < self.case.closed_on:
            raise ValidationError(_("終結日より前には再開できません。"))
        return value


class CaseFilterForm(forms.Form):
    default_renderer = PLAIN_WIDGETS  # above every page of the case list: rendered without templates

    mine = forms.BooleanField(label=_("自分の担当のみ"), required=False)
    status = forms.ChoiceField(label=_("状況"), required=False)
    staff = StaffNameField(label=_("担当者"))
    quiet_days = forms.IntegerField(
        label=_("連絡がない日数"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("例：60（60日以上接触なし）"),
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        from yorisoi.cases.models import CaseStatus

        self.fields["status"].choices = [("", _("すべて"))] + list(CaseStatus.choices)
        self.fields["staff"].users = consultants_of(program)
        for field in self.fields.values():
            field.error_messages.update({"invalid_choice": BAD_CHOICE, "invalid": BAD_NUMBER})
        self.fields["quiet_days"].error_messages.update(
            {
                "min_value": _("1以上の数字で入力してください。"),
                "max_value": _("3650以下で入力してください。"),
            }
        )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("名前・ふりがな・電話番号・メール・ケース番号で探す"),
        max_length=60,
        required=False,
        strip=True,
    )
