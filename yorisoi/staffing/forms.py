from django import forms
from django.utils.translation import gettext_lazy as _

from yorisoi.programs.models import Role
from yorisoi.staffing.permissions import programs_managed_by
from yorisoi.staffing.selectors import grantable_users


class GrantRequestForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("職員"),
        queryset=None,
        error_messages={
            "required": _("職員を選んでください。"),
            "invalid_choice": _("その職員は選べません。"),
        },
    )
    program = forms.ModelChoiceField(
        label=_("事業"),
        queryset=None,
        error_messages={
            "required": _("事業を選んでください。"),
            "invalid_choice": _("その事業は選べません。"),
        },
    )
    role = forms.ChoiceField(
        label=_("役割"),
        choices=[("", "---------"), *Role.choices],
        error_messages={
            "required": _("役割を選んでください。"),
            "invalid_choice": _("その役割は選べません。"),
        },
    )
    reason = forms.CharField(
        label=_("理由"),
        max_length=200,
        help_text=_("例: 4月からの新任の相談員のため"),
        error_messages={
            "required": _("理由を入力してください。"),
            "max_length": _("200文字以内で入力してください。"),
        },
    )

    def __init__(self, *args, actor_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = grantable_users().exclude(pk=actor_user.pk)
        self.fields["user"].label_from_instance = lambda u: f"{u.name_for_display}（{u.username}）"
        self.fields["program"].queryset = programs_managed_by(actor_user)
