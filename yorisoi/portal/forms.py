"""The public forms: what a visitor may type, and a kind Japanese message next to each field."""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models import AgeBand, CallerType, FamilyRelation
from yorisoi.core.phone import normalize_phone
from yorisoi.portal import selectors
from yorisoi.portal.content import SIGNS, WORRIES
from yorisoi.programs.models import OpeningHours, Program

CONCERN_MAX_LENGTH = 800
CONTACT_NOTE_MAX_LENGTH = 200


class PublicForm(forms.Form):
    """A honeypot field people never see, and error ids the screen reader announces with the field."""

    website = forms.CharField(
        label=_("このらんには何も入力しないでください"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                bound = self[name]
                error_id = f"{bound.auto_id}_error"
                has_helptext = bound.help_text and not bound.use_fieldset
                helptext_id = f"{bound.auto_id}_helptext" if has_helptext else ""
                described = widget.attrs.get("aria-describedby", helptext_id)
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()


def city_field(label):
    return forms.ChoiceField(label=label, required=False)


def with_blank(choices, blank_label):
    return [("", blank_label), *choices]


# --- self-check -------------------------------------------------------------------------------------


class SelfCheckForm(PublicForm):
    """Gentle questions drawn from the seed's lists; every one may be left unanswered."""

    ABOUT_CHOICES = [
        ("self", _("自分のこと")),
        ("family", _("家族のこと")),
        ("someone", _("身近な人や、支援している方のこと")),
    ]

    about = forms.ChoiceField(
        label=_("どなたのことですか"), choices=ABOUT_CHOICES, required=False, widget=forms.RadioSelect
    )
    worries = forms.MultipleChoiceField(
        label=_("このようなことで、悩んでいませんか（あてはまるものがあれば）"),
        choices=WORRIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    signs = forms.MultipleChoiceField(
        label=_("このような様子はありますか（あてはまるものがあれば）"),
        choices=SIGNS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    city = city_field(_("お住まいの市（選ばなくてもかまいません）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = with_blank(selectors.city_choices(), gettext("選ばない"))

    def program_match(self) -> selectors.ProgramMatch | None:
        city = self.cleaned_data.get("city")
        return selectors.match_for_city_choice(city) if city else None


# --- which program serves me ------------------------------------------------------------------------


class FindProgramForm(PublicForm):
    postal_code = forms.CharField(
        label=_("郵便番号"),
        help_text=_("7けたの数字です（例：261-0003）。ハイフンはあってもなくてもかまいません。"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": "10"}),
    )
    city = city_field(_("または、お住まいの市を選ぶ"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = with_blank(selectors.city_choices(), gettext("選んでください"))
        self.match: selectors.ProgramMatch | None = None

    def clean(self):
        cleaned = super().clean()
        raw_code, city = cleaned.get("postal_code", ""), cleaned.get("city", "")
        if raw_code:
            code = selectors.normalized_postal_code(raw_code)
            if not re.fullmatch(r"\d{7}", code):
                self.add_error(
                    "postal_code", gettext("郵便番号は7けたの数字で入力してください（例：261-0003）。")
                )
                return cleaned
            address = selectors.address_for_postal_code(code)
            if address is None:
                self.add_error(
                    "postal_code",
                    gettext(
                        "この郵便番号は見つかりませんでした。番号をお確かめいただくか、"
                        "下の「お住まいの市」から選んでください。"
                    ),
                )
                return cleaned
            self.match = selectors.match_for_address(address)
        elif city:
            self.match = selectors.match_for_city_choice(city)
        else:
            self.add_error("postal_code", gettext("郵便番号を入力するか、お住まいの市を選んでください。"))
        return cleaned


# --- web request for a first consultation ----------------------------------------------------------


CONTACT_METHODS = [("email", _("メール")), ("phone", _("電話"))]

CONTACT_CAUTIONS = [
    ("email_only", _("メールだけで連絡してほしい（電話はしないでほしい）")),
    ("no_home_phone", _("自宅の固定電話にはかけないでほしい")),
    ("no_voicemail", _("留守番電話にメッセージを残さないでほしい")),
    ("no_name_on_phone", _("電話に出た人に、相談窓口の名前を言わないでほしい")),
    ("person_unaware", _("本人は、相談していることを知らない")),
    ("family_unaware", _("家族は、相談していることを知らない")),
]

CALLER_TYPES = [(v, label) for v, label in CallerType.choices if v != CallerType.ANONYMOUS]


class WebRequestForm(PublicForm):
    caller_type = forms.ChoiceField(
        label=_("どなたからのご相談ですか"),
        choices=CALLER_TYPES,
        widget=forms.RadioSelect,
        error_messages={"required": _("ご本人・ご家族・関係機関のどれかを選んでください。")},
    )
    family_relation = forms.ChoiceField(
        label=_("ご家族の方は、ご本人との続柄"),
        choices=with_blank(FamilyRelation.choices, _("選ばない")),
        required=False,
    )
    agency_name = forms.CharField(label=_("関係機関の方は、機関の名前"), required=False, max_length=100)
    caller_name = forms.CharField(
        label=_("お名前"),
        help_text=_("連絡のときにお呼びする名前です。名字だけでもかまいません。"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_method = forms.ChoiceField(
        label=_("ご連絡の方法"),
        choices=CONTACT_METHODS,
        widget=forms.RadioSelect,
        error_messages={"required": _("メールか電話か、ご連絡の方法を選んでください。")},
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
    contact_cautions = forms.MultipleChoiceField(
        label=_("連絡のときに気をつけてほしいこと（あてはまるものがあれば）"),
        choices=CONTACT_CAUTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_note = forms.CharField(
        label=_("そのほか、連絡について伝えたいこと"),
        help_text=_("例：平日の夕方なら電話に出られます"),
        required=False,
        max_length=CONTACT_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("相談を希望する曜日（あれば）"), required=False, widget=forms.CheckboxSelectMultiple
    )
    person_age_band = forms.ChoiceField(
        label=_("ご本人の年代（わかれば）"),
        choices=[(v, label) for v, label in AgeBand.choices if v != AgeBand.UNKNOWN],
        required=False,
    )
    concern = forms.CharField(
        label=_("ご相談したいこと"),
        help_text=_("短くてかまいません。くわしいことは、お話しするときにうかがいます。"),
        max_length=CONCERN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("ご相談したいことを、ひとことでも書いてください。")},
    )
    privacy_consent = forms.BooleanField(
        label=_("「個人情報の取り扱い」を読み、同意します"),
        error_messages={"required": _("送るには、個人情報の取り扱いへの同意が必要です。")},
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        open_days = sorted({h.weekday for h in program.opening_hours.all()})
        self.fields["preferred_days"].choices = [(str(d), OpeningHours.Weekday(d).label) for d in open_days]
        self.fields["preferred_days"].error_messages["invalid_choice"] = gettext(
            "選べるのは、相談を受け付けている曜日（%(hours)s）だけです。"
        ) % {"hours": program.hours_text}
        self.fields["person_age_band"].choices = with_blank(
            self.fields["person_age_band"].choices, gettext("選ばない")
        )
        for name in ("contact_note", "agency_name", "caller_name"):
            self.fields[name].error_messages["max_length"] = gettext(
                "%(limit_value)d文字以内でお願いします（いまは%(show_value)d文字です）。"
            )
        for name, limit in (("concern", CONCERN_MAX_LENGTH), ("contact_note", CONTACT_NOTE_MAX_LENGTH)):
            # No maxlength attribute: a browser would cut pasted text silently. The server says so
            # instead, keeping every character, and the page counts as one types.
            field = self.fields[name]
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["data-max-chars"] = str(limit)
            field.max_chars = limit
            field.help_text = gettext("%(help)s（%(limit)d文字まで）") % {
                "help": field.help_text,
                "limit": limit,
            }
        self.fields["concern"].error_messages["max_length"] = gettext(
            "%(limit_value)d文字以内でお願いします（いまは%(show_value)d文字です）。"
            "くわしいことは、お話しするときにうかがいます。"
        )

    def clean_contact_phone(self):
        raw = self.cleaned_data["contact_phone"]
        return normalize_phone(raw)

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        if method == "email" and not cleaned.get("contact_email") and "contact_email" not in self.errors:
            self.add_error(
                "contact_email",
                gettext("メールでのご連絡を希望される場合は、メールアドレスを入力してください。"),
            )
        if method == "phone" and not cleaned.get("contact_phone") and "contact_phone" not in self.errors:
            self.add_error(
                "contact_phone", gettext("電話でのご連絡を希望される場合は、電話番号を入力してください。")
            )
        if method == "phone" and "email_only" in cleaned.get("contact_cautions", []):
            self.add_error(
                "contact_cautions",
                gettext(
                    "「メールだけで連絡してほしい」を選ぶ場合は、ご連絡の方法で「メール」を選んでください。"
                ),
            )
        return cleaned
