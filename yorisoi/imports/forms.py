from django import forms
from django.utils.translation import gettext_lazy as _

from yorisoi.imports.fields import IGNORE, KINDS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("取り込むファイル"),
        help_text=_(
            "Excel（.xlsx）か CSV（UTF-8 / Shift_JIS）。まだ何も書き込みません。"
            "次の画面で中身を確かめられます。"
        ),
        error_messages={"required": _("ファイルを選んでください。"), "empty": _("空のファイルです。")},
    )


class MappingForm(forms.Form):
    """For each sheet: what it holds (if unclear) and where each unknown header goes."""

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = plans
        kind_choices = [("", _("選んでください"))] + [(k.name, k.label) for k in KINDS.values()]
        self.sections = []
        for i, plan in enumerate(plans):
            names = []
            if plan.kind is None:
                name = f"s{i}_kind"
                self.fields[name] = forms.ChoiceField(
                    label=_("このシートの中身"),
                    choices=kind_choices,
                    error_messages={"required": _("シートの中身を選んでください。")},
                )
                names.append(name)
            kind = plan.kind
            for j, header in enumerate(plan.unknown if kind else []):
                name = f"s{i}_h{j}"
                choices = [("", _("選んでください")), (IGNORE, _("取り込まない"))] + [
                    (c.name, c.header) for c in kind.columns
                ]
                self.fields[name] = forms.ChoiceField(
                    label=_("「%(header)s」の列") % {"header": header},
                    choices=choices,
                    error_messages={"required": _("この列をどこに取り込むか選んでください。")},
                )
                names.append(name)
            self.sections.append((plan, [self[n] for n in names]))

    def choices(self) -> list[tuple[str, dict[str, str]]]:
        """[(kind, {header: target})] to remember; a sheet's kind is remembered under "sheet"."""
        result = []
        for i, plan in enumerate(self.plans):
            if plan.kind is None:
                result.append(("sheet", {plan.sheet.name: self.cleaned_data[f"s{i}_kind"]}))
                continue
            chosen = {h: self.cleaned_data[f"s{i}_h{j}"] for j, h in enumerate(plan.unknown)}
            if chosen:
                result.append((plan.kind.name, chosen))
        return result

    def clean(self):
        cleaned = super().clean()
        for i, plan in enumerate(self.plans):
            if plan.kind is None:
                continue
            targets = [cleaned.get(f"s{i}_h{j}") for j in range(len(plan.unknown))]
            taken = {c.name for c in plan.columns.values()}
            for j, target in enumerate(targets):
                if target and target != IGNORE and (target in taken or targets.count(target) > 1):
                    self.add_error(
                        f"s{i}_h{j}", _("この項目にはほかの列がすでに入ります。別の項目を選んでください。")
                    )
        return cleaned
