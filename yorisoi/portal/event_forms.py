"""The public registration form for an event: works without JavaScript, kind messages by each field."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yorisoi.outreach.models import Category, OutreachEvent
from yorisoi.outreach.services import RegistrantDetails
from yorisoi.portal.forms import PublicForm, phone_text

ACCESSIBILITY_MAX_LENGTH = 400
LENGTH_MESSAGE = _("%(limit_value)d文字以内でお願いします（いまは%(show_value)d文字です）。")


class EventRegistrationForm(PublicForm):
    name = forms.CharField(
        label=_("お名前"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("お名前を入力してください。"), "max_length": LENGTH_MESSAGE},
    )
    is_nickname = forms.BooleanField(label=_("ニックネームで申し込む"), required=False)
    category = forms.ChoiceField(
        label=_("どのお立場で参加されますか"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("あてはまるものを一つ選んでください。")},
    )
    contact_email = forms.EmailField(
        label=_("メールアドレス"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("メールアドレスの形（例：name@example.jp）で入力してください。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("電話番号"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    accessibility_needs = forms.CharField(
        label=_("配慮してほしいこと（あれば）"),
        help_text=_("例：車いすで参加します／手話通訳がほしい／出入り口の近くの席がよい"),
        required=False,
        max_length=ACCESSIBILITY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": LENGTH_MESSAGE},
    )
    join_waiting_list = forms.BooleanField(label=_("キャンセル待ちで申し込む"), required=False)
    privacy_consent = forms.BooleanField(
        label=_("「個人情報の取り扱い」を読み、同意します"),
        error_messages={"required": _("申し込むには、個人情報の取り扱いへの同意が必要です。")},
    )

    def __init__(self, *args, event: OutreachEvent, full: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.allows_nickname:
            self.fields["name"].help_text = gettext(
                "ニックネームでもかまいません。本名を書かなくても参加できます。"
            )
        else:
            del self.fields["is_nickname"]
        if not full:
            del self.fields["join_waiting_list"]
        if event.contact_required:
            self.fields["contact_email"].help_text = gettext(
                "メールか電話番号の、どちらか一つをお書きください。変更や中止のお知らせに使います。"
            )
        else:
            self.fields["contact_email"].help_text = gettext("書かなくても参加できます。")

    def offer_waiting_list(self, message) -> None:
        """The last seat went while they typed: show the waiting-list choice with the message."""
        self.fields["join_waiting_list"] = forms.BooleanField(
            label=gettext("キャンセル待ちで申し込む"), required=False
        )
        self.add_error("join_waiting_list", message)

    def clean_contact_phone(self):
        raw = self.cleaned_data["contact_phone"]
        return phone_text(raw) if raw.strip() else ""

    def clean(self):
        cleaned = super().clean()
        has_contact = cleaned.get("contact_email") or cleaned.get("contact_phone")
        broken = "contact_email" in self.errors or "contact_phone" in self.errors
        if self.event.contact_required and not has_contact and not broken:
            self.add_error(
                "contact_email", gettext("メールアドレスか電話番号の、どちらか一つをお書きください。")
            )
        if "join_waiting_list" in self.fields and not cleaned.get("join_waiting_list"):
            self.add_error(
                "join_waiting_list",
                gettext("いまは定員に達しています。キャンセル待ちでよければ、チェックを入れてください。"),
            )
        return cleaned

    @property
    def details(self) -> RegistrantDetails:
        c = self.cleaned_data
        return RegistrantDetails(
            name=c["name"],
            category=c["category"],
            contact_email=c["contact_email"],
            contact_phone=c["contact_phone"],
            accessibility_needs=c["accessibility_needs"],
            is_nickname=c.get("is_nickname", False),
        )
