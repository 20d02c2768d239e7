"""How long a program keeps identifiable case data after closure, and each decision to anonymise."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from yorisoi.cases.models import Case
from yorisoi.programs.models import Program


class RetentionPolicy(models.Model):
    """The contract's retention term: closed cases older than this are listed for anonymisation."""

    program = models.OneToOneField(Program, on_delete=models.PROTECT, related_name="retention_policy")
    years_after_closure = models.PositiveSmallIntegerField(_("終結後の保存年数"))
    note = models.CharField(_("根拠・メモ"), max_length=200, blank=True, help_text=_("例：委託契約書 第12条"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("保存期間")
        verbose_name_plural = _("保存期間")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_after_closure__gte=1), name="retention_at_least_one_year"
            )
        ]

    def __str__(self):
        return f"retention:{self.program_id}:{self.years_after_closure}"


class AnonymisationDecision(models.Model):
    """A manager's recorded decision to anonymise one closed case, with the reason and what changed."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = case.program
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="anonymisation")
    reason = models.TextField(_("理由"))
    rows = models.JSONField(default=dict)  # {model label: rows anonymised}
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(program="program")

    class Meta:
        verbose_name = _("匿名化の記録")
        verbose_name_plural = _("匿名化の記録")
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return f"anonymisation:{self.case_id}"
