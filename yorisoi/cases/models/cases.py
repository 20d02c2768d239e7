"""Cases and their dated moves through the lifecycle."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models.persons import Client
from yorisoi.cases.models.scoping import program_scoped
from yorisoi.programs.models import Program


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("受付")
    INITIAL = "initial", _("初回相談")
    CONTINUING = "continuing", _("継続支援")
    CLOSED = "closed", _("終結")
    REOPENED = "reopened", _("再開")


class ClosureReason(models.TextChoices):
    NO_LONGER_NEEDED = "no_longer_needed", _("本人が「サポートがいらない」と表明")
    MOVED = "moved", _("転居")
    TRANSFERRED = "transferred", _("他機関へ移行")
    LOST_CONTACT = "lost_contact", _("連絡途絶")
    OTHER = "other", _("その他")


class Case(models.Model):
    """One program's support of one person (or of a family while the person is unmet)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField(_("ケース番号"))
    client = models.ForeignKey(Client, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    status = models.CharField(_("状況"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    registered_on = models.DateField(_("登録日"))
    primary_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("主担当")
    )
    secondary_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("副担当"),
    )
    current_situation = models.TextField(_("現在の状況"), blank=True)
    main_concerns = models.TextField(_("主訴・困りごと"), blank=True)
    wishes = models.TextField(_("本人の希望（本人の言葉で）"), blank=True)
    withdrawal_since = models.DateField(
        _("ひきこもり状態になった時期"),
        null=True,
        blank=True,
        help_text=_("わからなければ空欄のままで大丈夫です。"),
    )
    withdrawal_since_note = models.CharField(
        _("時期についてのメモ"), max_length=100, blank=True, help_text=_("例：高校2年の夏ごろから")
    )
    last_contact_on = models.DateField(_("最後の接触日"), null=True, blank=True)
    closed_on = models.DateField(_("終結日"), null=True, blank=True)
    closure_reason = models.CharField(_("終結理由"), max_length=20, choices=ClosureReason.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("ケース")
        verbose_name_plural = _("ケース")
        ordering = ["-registered_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="case_number_unique_in_program"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("registered_on")),
                name="case_closed_not_before_registered",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "-registered_on", "-number"], name="case_program_newest"),
            models.Index(fields=["program", "status", "-registered_on"], name="case_program_status"),
            models.Index(fields=["program", "primary_staff", "status"], name="case_program_staff"),
            models.Index(fields=["program", "last_contact_on"], name="case_program_last_contact"),
            # A client's newest case, for each search hit: equality on both, newest first.
            models.Index(
                fields=["program", "client", "-registered_on", "-number"], name="case_program_client_newest"
            ),
        ]

    def __str__(self):
        return f"case:{self.public_id}"

    def get_absolute_url(self):
        return reverse("cases:detail", kwargs={"case_id": self.public_id})

    @property
    def label(self) -> str:
        return f"C-{self.number:04d}"

    audit_label = label


class CaseStatusChange(models.Model):
    """One dated move of a case through the lifecycle; the history is never rewritten."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = case.program
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=CaseStatus.choices)
    changed_on = models.DateField(_("日付"))
    reason = models.CharField(_("理由"), max_length=20, choices=ClosureReason.choices, blank=True)
    note = models.TextField(_("メモ"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["case_id", "changed_on", "id"]
        indexes = [
            models.Index(fields=["program", "to_status", "changed_on"], name="statuschange_program_to"),
            models.Index(fields=["program", "case", "-changed_on"], name="statuschange_program_case"),
        ]

    def __str__(self):
        return f"{self.from_status}->{self.to_status}"
