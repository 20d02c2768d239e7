"""Input shape and plain Japanese messages for partner agencies and referrals."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.forms import BAD_CHOICE, JapaneseMessagesMixin, validate_not_future
from yorisoi.core.phone import PhoneField
from yorisoi.referrals.consent import agency_key
from yorisoi.referrals.models import AgencyKind, PartnerAgency, Referral, ReferralStatus
from yorisoi.referrals.selectors import agency_choices
from yorisoi.referrals.transitions import allowed_targets

OTHER_PROGRAM_AGENCY = _(
    "選んだ連携機関は、この事業の連携機関の一覧にありません。一覧から選び直してください。"
    "（ほかの事業の連携機関にはつなげません。）"
)


class AgencyForm(JapaneseMessagesMixin, forms.ModelForm):
    class Meta:
        model = PartnerAgency
        fields = ["kind", "name", "contact_person", "phone", "email", "address", "notes", "is_active"]
        field_classes = {"phone": PhoneField}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["kind"].choices = [("", _("選んでください"))] + list(AgencyKind.choices)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = PartnerAgency.objects.filter(program=self.program).exclude(pk=self.instance.pk)
        if any(agency_key(n) == agency_key(name) for n in others.values_list("name", flat=True)):
            raise ValidationError(_("同じ名称の連携機関がすでに登録されています。名称をお確かめください。"))
        return name


class AgencyFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), required=False)
    include_inactive = forms.BooleanField(label=_("連携していない機関も表示"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("すべて"))] + list(AgencyKind.choices)
        self.fields["kind"].error_messages["invalid_choice"] = BAD_CHOICE


class ReferralForm(JapaneseMessagesMixin, forms.ModelForm):
    """連携・つなぎの提案. The agency list holds only the case's program's partners."""

    agency = forms.ModelChoiceField(
        label=_("連携先"), queryset=PartnerAgency.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = Referral
        fields = ["agency", "purpose", "shares_personal_info", "proposed_on"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        agency = self.fields["agency"]
        agency.queryset = agency_choices(program_id=case.program_id)
        agency.label_from_instance = lambda a: f"{a.name}（{a.get_kind_display()}）"
        agency.empty_label = _("選んでください")
        agency.error_messages["invalid_choice"] = OTHER_PROGRAM_AGENCY
        self.fields["purpose"].help_text = _("例：就労について相談したいという本人の希望から、見学を提案")
        self.fields["proposed_on"].initial = timezone.localdate()
        self.fields["proposed_on"].validators.append(validate_not_future)


class ReferralStatusForm(JapaneseMessagesMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("新しい状況"))
    on = forms.DateField(label=_("日付"), validators=[validate_not_future])
    note = forms.CharField(
        label=_("結果・メモ"),
        required=False,
        widget=forms.Textarea,
        help_text=_("例：本人と一緒に窓口へ行き、次回の予約ができた"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        targets = allowed_targets(referral.status)
        self.fields["to_status"].choices = [("", _("選んでください"))] + [
            (s, ReferralStatus(s).label) for s in targets
        ]
        self.fields["to_status"].error_messages["invalid_choice"] = _(
            "今の状況（%(status)s）からは選べない変更です。一覧から選んでください。"
        ) % {"status": referral.get_status_display()}
        self.fields["on"].initial = timezone.localdate()
        self.fields["version"].initial = referral.version

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value < self.referral.proposed_on:
            raise ValidationError(
                _("提案日（%(d)s）より前の日付です。日付をお確かめください。")
                % {"d": self.referral.proposed_on.strftime("%Y-%m-%d")}
            )
        return value


class FollowUpForm(JapaneseMessagesMixin, forms.Form):
    follow_up_on = forms.DateField(
        label=_("フォローアップ予定日"),
        required=False,
        help_text=_("本人や連携先に様子を確かめる日。空欄にすると予定を消します。"),
    )
    follow_up_note = forms.CharField(label=_("フォローアップのメモ"), required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.initial.setdefault("follow_up_on", referral.follow_up_on)
        self.initial.setdefault("follow_up_note", referral.follow_up_note)
        self.initial.setdefault("version", referral.version)

    def clean_follow_up_on(self):
        value = self.cleaned_data["follow_up_on"]
        if value and value < self.referral.proposed_on:
            raise ValidationError(
                _("提案日（%(d)s）より前の日付です。日付をお確かめください。")
                % {"d": self.referral.proposed_on.strftime("%Y-%m-%d")}
            )
        return value


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状況"), required=False)
    follow_up_due = forms.BooleanField(label=_("フォローアップの日が来ているもの"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("すべて")), ("open", _("進行中（提案・調整中）"))] + list(
            ReferralStatus.choices
        )
        self.fields["status"].error_messages["invalid_choice"] = BAD_CHOICE
