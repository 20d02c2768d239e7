"""Inquiries (問い合わせ・初回相談予約): first contacts, counted even if no case follows."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models.choices import AgeBand, CallerType, FamilyRelation, Gender
from yorisoi.cases.models.scoping import program_scoped
from yorisoi.programs.models import Program


class Channel(models.TextChoices):
    PHONE = "phone", _("電話")
    WALK_IN = "walk_in", _("来所")
    WEB = "web", _("ウェブ")
    EMAIL = "email", _("メール・手紙")
    OTHER = "other", _("その他")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("新規")
    BOOKED = "booked", _("初回相談予約済み")
    REGISTERED = "registered", _("ケース登録済み")
    REFERRED = "referred", _("他機関を案内")
    NO_FURTHER_CONTACT = "no_further_contact", _("終了（その後連絡なし）")


OPEN_INQUIRY_STATUSES = (InquiryStatus.NEW, InquiryStatus.BOOKED)


class Inquiry(models.Model):
    """A first contact (問い合わせ・初回相談予約); counted in statistics even if no case follows."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    received_at = models.DateTimeField(_("受付日時"))
    channel = models.CharField(_("受付方法"), max_length=20, choices=Channel.choices)
    caller_type = models.CharField(_("連絡してきた方"), max_length=20, choices=CallerType.choices)
    family_relation = models.CharField(
        _("本人との続柄"), max_length=20, choices=FamilyRelation.choices, blank=True
    )
    agency_name = models.CharField(_("関係機関名"), max_length=100, blank=True)
    caller_name = models.CharField(_("連絡者の名前"), max_length=60, blank=True)
    contact_phone = models.CharField(_("連絡先電話"), max_length=20, blank=True)
    contact_email = models.EmailField(_("連絡先メール"), blank=True)
    # Search keys of the caller (see cases/normalize.py): kanji name, kana, reversed phone digits.
    caller_name_key = models.CharField(max_length=80, blank=True, editable=False)
    caller_kana_key = models.CharField(max_length=120, blank=True, editable=False)
    phone_digits_reversed = models.CharField(max_length=20, blank=True, editable=False)
    contact_preferences = models.TextField(
        _("連絡の方法・避けること"), blank=True, help_text=_("例：固定電話にはかけない／本人は相談を知らない")
    )
    person_age = models.PositiveSmallIntegerField(_("本人の年齢"), null=True, blank=True)
    person_age_band = models.CharField(
        _("本人の年代"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    person_gender = models.CharField(
        _("本人の性別"), max_length=12, choices=Gender.choices, default=Gender.UNKNOWN
    )
    residence_city = models.CharField(_("お住まいの市区町村"), max_length=40, blank=True)
    concern = models.TextField(_("相談の概要"))
    is_urgent = models.BooleanField(_("緊急"), default=False)
    urgent_note = models.CharField(_("緊急の理由"), max_length=200, blank=True)
    preferred_days = models.CharField(_("希望の曜日"), max_length=60, blank=True)
    status = models.CharField(
        _("状況"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField(_("対応開始"), null=True, blank=True)
    case = models.ForeignKey(
        "Case", on_delete=models.PROTECT, null=True, blank=True, related_name="inquiries"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("問い合わせ")
        verbose_name_plural = _("問い合わせ")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["program", "status", "-received_at"], name="inquiry_program_status"),
            models.Index(
                fields=["program", "-is_urgent", "-received_at", "-id"], name="inquiry_program_inbox"
            ),
            models.Index(fields=["program", "is_urgent", "taken_at"], name="inquiry_program_urgent"),
            models.Index(fields=["program", "case", "-received_at"], name="inquiry_program_case"),
            models.Index(fields=["program", "received_at", "id"], name="inquiry_program_received"),
            models.Index(
                fields=["program", "channel", "status", "received_at"], name="inquiry_program_channel"
            ),
            models.Index(fields=["program", "caller_name_key"], name="inquiry_program_caller"),
            models.Index(fields=["program", "caller_kana_key"], name="inquiry_program_caller_kana"),
            models.Index(fields=["program", "phone_digits_reversed"], name="inquiry_program_phone_rev"),
            models.Index(fields=["program", "contact_email"], name="inquiry_program_email"),
        ]

    def __str__(self):
        return f"inquiry:{self.public_id}"

    def get_absolute_url(self):
        return reverse("cases:inquiry_detail", kwargs={"inquiry_id": self.public_id})

    @property
    def audit_label(self) -> str:
        return f"問い合わせ {self.received_at:%Y-%m-%d}"

    @property
    def audit_subject(self):
        """Once registered, who saw the inquiry is asked about the case it became."""
        return self.case if self.case_id else self

    @property
    def reference(self) -> str:
        """The number a web requester is given, and staff can find the request by: 「Q-1A2B3C4D」."""
        return f"Q-{str(self.public_id)[:8].upper()}"

    @property
    def is_open(self) -> bool:
        """Still needs someone: new or booked, not registered, referred or ended."""
        return self.status in OPEN_INQUIRY_STATUSES
