import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(AuthenticationForm):
    """Login form whose errors never tell whether the user exists."""

    username = forms.CharField(label=_("ユーザー名"), max_length=150)
    password = forms.CharField(label=_("パスワード"), strip=False, widget=forms.PasswordInput)

    error_messages = {
        "invalid_login": _(
            "ユーザー名またはパスワードが違います。入力をお確かめください。"
            "（続けて間違えると、しばらくログインできなくなります）"
        ),
        "inactive": _("ユーザー名またはパスワードが違います。入力をお確かめください。"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["username"].error_messages["required"] = _("ユーザー名を入力してください。")
        self.fields["password"].error_messages["required"] = _("パスワードを入力してください。")


class MfaCodeForm(forms.Form):
    code = forms.CharField(
        label=_("認証アプリに表示されている6桁の番号"),
        max_length=12,
        error_messages={"required": _("6桁の番号を入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        )

    def clean_code(self):
        code = "".join(
            ch for ch in unicodedata.normalize("NFKC", self.cleaned_data["code"]) if not ch.isspace()
        )
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("6桁の数字で入力してください。"))
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("回復コード"),
        max_length=40,
        help_text=_("設定したときに控えた、12文字のコードです（例: ab3d-ef5h-jk7m）。"),
        error_messages={"required": _("回復コードを入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autofocus": True, "spellcheck": "false"}
        )


class ReauthForm(forms.Form):
    """The current password and, with two-step login set up, a code: asked before changing either."""

    password = forms.CharField(
        label=_("いまのパスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": _("いまのパスワードを入力してください。")},
    )
    code = forms.CharField(
        label=_("認証アプリの6桁の番号、または回復コード"),
        max_length=40,
        error_messages={"required": _("認証アプリの番号か回復コードを入力してください。")},
    )

    def __init__(self, *args, needs_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_code:
            self.fields["code"].widget.attrs.update({"autocomplete": "one-time-code"})
        else:
            del self.fields["code"]


class PledgeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10_000)
    agree = forms.BooleanField(
        label=_("上の内容を読み、守ることを誓約します"),
        error_messages={"required": _("内容を読んだうえで、チェックを入れてください。")},
    )
