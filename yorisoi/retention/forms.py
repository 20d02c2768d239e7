from django import forms
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.forms import JapaneseMessagesMixin


class RetentionPolicyForm(JapaneseMessagesMixin, forms.Form):
    years_after_closure = forms.IntegerField(
        label=_("終結後の保存年数"),
        help_text=_("委託契約で決められた年数です。例：5"),
        min_value=1,
        max_value=100,
    )
    note = forms.CharField(label=_("根拠・メモ"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["years_after_closure"].error_messages.update(
            {
                "min_value": _("保存年数は1年以上で入力してください。"),
                "max_value": _("保存年数は100年以下で入力してください。"),
            }
        )


class AnonymiseForm(JapaneseMessagesMixin, forms.Form):
    reason = forms.CharField(
        label=_("匿名化する理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例：委託契約の保存期間（終結後5年）を過ぎたため"),
        max_length=500,
    )
    confirm = forms.BooleanField(
        label=_("名前・連絡先・住所・生年月日・記録の文章が消え、元に戻せないことを確認しました"),
        error_messages={"required": _("確認のチェックを入れてください。")},
    )

    def apply_japanese_messages(self):
        super().apply_japanese_messages()
        self.fields["reason"].error_messages["required"] = _("匿名化する理由を入力してください。")
        self.fields["confirm"].error_messages["required"] = _("確認のチェックを入れてください。")
