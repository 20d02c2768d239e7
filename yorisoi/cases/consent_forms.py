"""Consent: who agreed, for whom, to what — and its withdrawal."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from yorisoi.cases.forms import JapaneseMessagesMixin, validate_not_future
from yorisoi.cases.models import Consent, ConsentFor, ConsentGivenBy, RelatedPerson


class ConsentForm(JapaneseMessagesMixin, forms.ModelForm):
    """Who agreed, for whom, to what. A family member agreeing to 要配慮個人情報 about a person who
    is (or may be) an adult is accepted only with a reason, and the form says so before saving."""

    class Meta:
        model = Consent
        fields = [
            "given_by",
            "given_by_person",
            "given_by_name",
            "given_for",
            "given_on",
            "method",
            "explained",
            "shares_with",
            "sensitive_info_recording",
            "proxy_reason",
        ]
        widgets = {"shares_with": forms.Textarea(attrs={"rows": 3}), "given_for": forms.RadioSelect}
        # The default choices would query every program's people at import; the form sets the case's.
        field_classes = {"given_by_person": SafeModelChoiceField}

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["given_on"].initial = timezone.localdate()
        self.fields["given_on"].validators.append(validate_not_future)
        self.fields["explained"].initial = _(
            "個人情報は厳守すること、記録の保管、連携先と情報を共有する場合の範囲について説明した。"
        )
        people = RelatedPerson.objects.filter(program_id=case.program_id, case=case) if case else None
        if people is None:
            # At registration the family member is the one being registered with the case.
            del self.fields["given_by_person"]
        else:
            self.fields["given_by_person"].queryset = people.order_by("id")
            self.fields["given_by_person"].label_from_instance = lambda p: p.display_label
            self.fields["given_by_person"].empty_label = _("（一覧にない方）")
        self.fields["proxy_reason"].help_text = _(
            "成人の本人に代わって家族が要配慮個人情報（健康・障害など）の記録に同意するときは、"
            "本人が同意できない理由を書いてください。"
        )
        self.client_may_be_adult = client_may_be_adult(case.client if case else None)
        self.fields["given_for"].required = False

    def clean_given_for(self):
        return self.cleaned_data.get("given_for") or ConsentFor.CLIENT

    def clean(self):
        data = super().clean()
        by_family = data.get("given_by") in (ConsentGivenBy.FAMILY, ConsentGivenBy.GUARDIAN)
        person = data.get("given_by_person")
        if person is not None and not by_family:
            self.add_error("given_by_person", _("本人が同意したときは、家族を選ばないでください。"))
        if (
            data.get("given_by") == ConsentGivenBy.FAMILY
            and data.get("given_for") == ConsentFor.CLIENT
            and data.get("sensitive_info_recording")
            and self.client_may_be_adult
            and not (data.get("proxy_reason") or "").strip()
        ):
            self.add_error(
                "proxy_reason",
                _(
                    "本人は成人（または年齢不明）です。家族が本人に代わって要配慮個人情報の記録に"
                    "同意するときは、理由を書いてください。"
                ),
            )
        return data


def client_may_be_adult(client) -> bool:
    """True unless the person is known to be under 18 (an unknown age is treated as an adult)."""
    if client is None:
        return True
    if client.birth_date:
        today = timezone.localdate()
        age = (
            today.year
            - client.birth_date.year
            - ((today.month, today.day) < (client.birth_date.month, client.birth_date.day))
        )
        return age >= 18
    if client.approximate_age is not None:
        return client.approximate_age >= 18
    return True


class ConsentWithdrawForm(JapaneseMessagesMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("撤回日"), validators=[validate_not_future])
    note = forms.CharField(label=_("撤回の内容"), widget=forms.Textarea)

    def __init__(self, *args, consent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.fields["withdrawn_on"].initial = timezone.localdate()

    def clean_withdrawn_on(self):
        value = self.cleaned_data["withdrawn_on"]
        if self.consent and value < self.consent.given_on:
            raise ValidationError(_("同意した日（%(d)s）より前の日付です。") % {"d": self.consent.given_on})
        return value
