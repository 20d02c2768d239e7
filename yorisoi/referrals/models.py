"""Partner agencies (連携機関) of a program, and referrals (連携・つなぎ) of a case to them.

Agencies are program data rather than person data, but they still carry a non-null ``program``
and the scoped manager: each program keeps its own partner list, and an agency of one program
must never be offered in the other. Referrals and their status history repeat the case's
``program`` on purpose (denormalised) so that one column scopes them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models import Case, program_scoped
from yorisoi.programs.models import Program


class AgencyKind(models.TextChoices):
    MEDICAL = "medical", _("医療機関")
    EMPLOYMENT_SUPPORT = "employment_support", _("就労支援機関")
    HELLO_WORK = "hello_work", _("ハローワーク")
    YOUTH_SUPPORT_STATION = "youth_support_station", _("地域若者サポートステーション")
    HEALTH_WELFARE_CENTER = "health_welfare_center", _("保健福祉センター")
    CITY_HALL = "city_hall", _("市役所内他部署")
    IBASHO = "ibasho", _("居場所")
    EDUCATION = "education", _("教育機関")
    DISABILITY_SERVICE = "disability_service", _("障害福祉サービス")
    LIVELIHOOD_SUPPORT = "livelihood_support", _("生活困窮者自立相談支援機関")
    MENTAL_HEALTH_CENTER = "mental_health_center", _("精神保健福祉センター")
    OTHER = "other", _("その他")


class PartnerAgency(models.Model):
    """One partner of one program (連携機関): who to call there, and what to know about them."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("種類"), max_length=30, choices=AgencyKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    contact_person = models.CharField(_("担当者"), max_length=60, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    email = models.EmailField(_("メール"), blank=True)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    notes = models.TextField(
        _("メモ"), blank=True, help_text=_("例：予約は電話のみ／初回は相談員の同行が望ましい")
    )
    is_active = models.BooleanField(
        _("連携中"), default=True, help_text=_("外すと新しいつなぎ先に出ません。")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("連携機関")
        verbose_name_plural = _("連携機関")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="agency_name_unique_in_program"),
        ]
        indexes = [
            models.Index(fields=["program", "is_active", "kind", "name"], name="agency_program_kind"),
        ]

    def __str__(self):
        return f"agency:{self.public_id}"

    def get_absolute_url(self):
        return reverse("referrals:agency_edit", kwargs={"agency_id": self.public_id})

    @property
    def audit_label(self) -> str:
        return self.name  # an organisation's name, not a person's


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("提案")
    ARRANGING = "arranging", _("調整中")
    CONNECTED = "connected", _("つながった")
    NOT_CONNECTED = "not_connected", _("不成立")
    WITHDRAWN = "withdrawn", _("取り下げ")


OPEN_STATUSES = (ReferralStatus.PROPOSED, ReferralStatus.ARRANGING)


class Referral(models.Model):
    """A case connected (つなぎ) to a partner agency, from the proposal to its outcome and follow-up."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = case.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    agency = models.ForeignKey(
        PartnerAgency, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("連携先")
    )
    status = models.CharField(
        _("状況"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    purpose = models.TextField(_("つなぐ目的"))
    shares_personal_info = models.BooleanField(_("本人の個人情報を連携先と共有する"), default=False)
    proposed_on = models.DateField(_("提案日"))
    arranged_on = models.DateField(_("調整を始めた日"), null=True, blank=True)
    outcome_on = models.DateField(_("結果の日"), null=True, blank=True)
    outcome_note = models.TextField(_("結果"), blank=True)
    follow_up_on = models.DateField(_("フォローアップ予定日"), null=True, blank=True)
    follow_up_note = models.TextField(_("フォローアップのメモ"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("連携・つなぎ")
        verbose_name_plural = _("連携・つなぎ")
        ordering = ["-proposed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(arranged_on__isnull=True)
                | models.Q(arranged_on__gte=models.F("proposed_on")),
                name="referral_arranged_not_before_proposed",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True)
                | models.Q(outcome_on__gte=models.F("proposed_on")),
                name="referral_outcome_not_before_proposed",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "case", "-proposed_on"], name="referral_program_case"),
            models.Index(fields=["program", "status", "-proposed_on"], name="referral_program_status"),
            models.Index(fields=["program", "follow_up_on"], name="referral_program_follow_up"),
            models.Index(fields=["program", "agency"], name="referral_program_agency"),
            # 実績報告: referrals proposed in a period
            models.Index(fields=["program", "proposed_on"], name="referral_program_proposed"),
        ]

    def __str__(self):
        return f"referral:{self.public_id}"

    def get_absolute_url(self):
        return reverse("referrals:detail", kwargs={"referral_id": self.public_id})

    @property
    def audit_subject(self):
        return self.case

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def follow_up_due(self) -> bool:
        return self.follow_up_on is not None and self.follow_up_on <= timezone.localdate()


class ReferralStatusChange(models.Model):
    """One dated move of a referral; the history is never rewritten."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = referral.program
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    changed_on = models.DateField(_("日付"))
    note = models.TextField(_("メモ"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["referral_id", "changed_on", "id"]
        indexes = [
            models.Index(fields=["program", "to_status", "changed_on"], name="refchange_program_to"),
        ]

    def __str__(self):
        return f"{self.from_status}->{self.to_status}"
