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
