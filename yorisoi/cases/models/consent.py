"""Consent: what was explained, who agreed to what, when and how."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models.cases import Case
from yorisoi.cases.models.persons import RelatedPerson
from yorisoi.cases.models.scoping import program_scoped
from yorisoi.programs.models import Program


class ConsentGivenBy(models.TextChoices):
    SELF = "self", _("本人")
    FAMILY = "family", _("家族")
    GUARDIAN = "guardian", _("後見人等")


class ConsentFor(models.TextChoices):
    CLIENT = "client", _("本人について")
    FAMILY = "family", _("家族自身について")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("書面")
    VERBAL = "verbal", _("口頭")
    ELECTRONIC = "electronic", _("電子（ウェブ等）")


class Consent(models.Model):
    """What was explained, who agreed to what, when and how. A change is a new row; the old stays."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = case.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents")
    given_by = models.CharField(_("同意した方"), max_length=12, choices=ConsentGivenBy.choices)
    given_by_name = models.CharField(_("同意した方の名前"), max_length=60, blank=True)
    given_by_person = models.ForeignKey(
        RelatedPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("同意した家族"),
    )
    given_for = models.CharField(
        _("誰についての同意か"), max_length=12, choices=ConsentFor.choices, default=ConsentFor.CLIENT
    )
    # Why a family member agreed for an adult person (要配慮個人情報): required, and shown.
    proxy_reason = models.TextField(_("家族が本人に代わって同意した理由"), blank=True)
    given_on = models.DateField(_("同意日"))
    method = models.CharField(_("方法"), max_length=12, choices=ConsentMethod.choices)
    explained = models.TextField(_("説明した内容"))
    shares_with = models.TextField(
        _("情報共有に同意した連携先"), blank=True, help_text=_("1行に1つ。例：保健福祉センター、ハローワーク")
    )
    sensitive_info_recording = models.BooleanField(
        _("健康・障害などの要配慮個人情報の記録に同意"), default=False
    )
    withdrawn_on = models.DateField(_("撤回日"), null=True, blank=True)
    withdrawal_note = models.TextField(_("撤回の内容"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("同意")
        verbose_name_plural = _("同意")
        ordering = ["case_id", "-given_on", "-id"]
        indexes = [models.Index(fields=["program", "case", "-given_on"], name="consent_program_case")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_not_before_given",
            )
        ]

    def __str__(self):
        return f"consent:{self.public_id}"

    @property
    def audit_subject(self):
        return self.case

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    @property
    def shared_agencies(self) -> list[str]:
        return [line.strip() for line in self.shares_with.splitlines() if line.strip()]
