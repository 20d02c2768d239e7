"""Outreach events (研修・講座・講演会・家族会), their sessions, registrations, attendance and supporters.

Events and sessions are public announcements, not person data: they use a plain manager so the
public site can list them. Every row about a person (registration, attendance, supporter) carries a
non-null ``program`` (repeated on child rows on purpose, so one column scopes every query) and the
scoped manager, so an unscoped read raises.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from yorisoi.programs.models import Program


class EventKind(models.TextChoices):
    SUPPORTER_TRAINING = "supporter_training", _("サポーター養成研修")
    FOLLOW_UP_TRAINING = "follow_up_training", _("フォローアップ研修")
    SEMINAR = "seminar", _("公開セミナー")
    LECTURE = "lecture", _("講演会")
    FAMILY_MEETING = "family_meeting", _("家族教室・家族会")
    PEER_MEETING = "peer_meeting", _("当事者会")
    OTHER = "other", _("その他")


# Where anonymity is normal, a registrant may give a nickname instead of their name.
NICKNAME_KINDS = frozenset({EventKind.FAMILY_MEETING, EventKind.PEER_MEETING})


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開中")
    CANCELLED = "cancelled", _("中止")


class OutreachEvent(models.Model):
    """An event a program announces: a training course (several sessions), a seminar, a meeting."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("種類"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("名称"), max_length=120)
    description = models.TextField(_("ご案内（公開）"), blank=True)
    venue = models.CharField(_("会場"), max_length=120, blank=True)
    venue_access = models.TextField(_("会場への行き方"), blank=True)
    is_online = models.BooleanField(_("オンラインで開催"), default=False)
    capacity = models.PositiveIntegerField(_("定員"))
    registration_open = models.BooleanField(_("ウェブで申し込みを受け付ける"), default=True)
    registration_closes_at = models.DateTimeField(_("申し込みの締め切り"), null=True, blank=True)
    contact_required = models.BooleanField(
        _("連絡先（メールか電話）を必須にする"),
        default=True,
        help_text=_("家族会・当事者会など、連絡先なしで参加できる会ではチェックを外します。"),
    )
    staff_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("担当職員"),
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    cancellation_note = models.TextField(_("中止のお知らせ"), blank=True)
    next_registration_number = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("研修・講座")
        verbose_name_plural = _("研修・講座")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["program", "status"], name="event_program_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="event_capacity_positive"),
        ]

    def __str__(self):
        return f"event:{self.public_id}"

    def get_absolute_url(self):
        return reverse("outreach:event_detail", kwargs={"event_id": self.public_id})

    @property
    def allows_nickname(self) -> bool:
        return self.kind in NICKNAME_KINDS

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class EventSession(models.Model):
    """One date of an event; a training course has several, and completion needs all of them."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = event.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(OutreachEvent, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("開始"))
    ends_at = models.DateTimeField(_("終了"))
    note = models.CharField(_("内容"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("開催日")
        verbose_name_plural = _("開催日")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["program", "starts_at"], name="session_program_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_end_after_start"
            ),
        ]

    def __str__(self):
        return f"session:{self.public_id}"


class Category(models.TextChoices):
    SELF = "self", _("本人")
    FAMILY = "family", _("家族")
    SUPPORTER = "supporter", _("支援者・関係機関")
    CITIZEN = "citizen", _("市民")
    OTHER = "other", _("その他")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("参加")
    WAITING = "waiting", _("キャンセル待ち")
    CANCELLED = "cancelled", _("取り消し")


class RegistrationChannel(models.TextChoices):
    WEB = "web", _("ウェブ")
    STAFF = "staff", _("職員が受付（電話など）")
    WALK_IN = "walk_in", _("当日参加")


class Registration(models.Model):
    """A person's registration for one event. Person data: program-scoped, every view logged.

    Not a case record: attending a 家族会 creates no case; ``case`` is set only when staff link
    the attendee to one deliberately.
    """

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = event.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(OutreachEvent, on_delete=models.PROTECT, related_name="registrations")
    number = models.PositiveIntegerField(_("申込番号"))
    name = models.CharField(_("お名前"), max_length=60, blank=True)
    is_nickname = models.BooleanField(_("ニックネーム"), default=False)
    contact_email = models.EmailField(_("メールアドレス"), blank=True)
    contact_phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    category = models.CharField(_("参加区分"), max_length=20, choices=Category.choices)
    accessibility_needs = models.TextField(_("配慮してほしいこと"), blank=True)
    channel = models.CharField(_("受付方法"), max_length=20, choices=RegistrationChannel.choices)
    status = models.CharField(_("状態"), max_length=20, choices=RegistrationStatus.choices)
    cancel_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    promoted_at = models.DateTimeField(_("繰り上がり"), null=True, blank=True)
    promotion_told_at = models.DateTimeField(_("繰り上がりを連絡"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A follow-up training's registrant who is a known supporter: "follow-ups attended since".
    as_supporter = models.ForeignKey(
        "Supporter", on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    details_removed_at = models.DateTimeField(_("個人情報を削除"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(program="program")

    class Meta:
        verbose_name = _("申し込み")
        verbose_name_plural = _("申し込み")
        ordering = ["event_id", "number"]
        indexes = [
            models.Index(
                fields=["program", "event", "status", "created_at"], name="registration_event_status"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="registration_number_per_event"),
        ]

    def __str__(self):
        return f"registration:{self.public_id}"

    def get_absolute_url(self):
        return reverse("outreach:registration_detail", kwargs={"registration_id": self.public_id})

    @property
    def label(self) -> str:
        """The registration number the registrant is given: no personal data."""
        return f"{self.event_id}-{self.number:03d}"

    @property
    def audit_label(self) -> str:
        return f"申込 {self.label}"

    @property
    def display_name(self) -> str:
        return self.name or str(_("（お名前なし）"))


class Attendance(models.Model):
    """A registrant was present at one session (marked on the sign-in sheet)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = event.program
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="attendances")
    session = models.ForeignKey(EventSession, on_delete=models.PROTECT, related_name="attendances")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(program="program")

    class Meta:
        verbose_name = _("出席")
        verbose_name_plural = _("出席")
        ordering = ["session_id", "registration_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_once_per_session"),
        ]
        indexes = [models.Index(fields=["program", "session"], name="attendance_program_session")]

    def __str__(self):
        return f"attendance:{self.registration_id}@{self.session_id}"


class Supporter(models.Model):
    """A ひきこもりサポーター: attended every session of a サポーター養成研修.

    Created from attendance (never typed in); withdrawal blanks the details but keeps the row and
    its attendance, so the number of supporters trained in a year stays the same.
    """

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    training = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="supporter")
    completed_on = models.DateField(_("修了日"))
    agrees_to_contact = models.BooleanField(_("活動の連絡を受け取る"), default=False)
    keeps_details = models.BooleanField(_("連絡先の保管に同意"), default=False)
    withdrawn_at = models.DateTimeField(_("登録をやめた日時"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(program="program")

    class Meta:
        verbose_name = _("ひきこもりサポーター")
        verbose_name_plural = _("ひきこもりサポーター")
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["program", "completed_on"], name="supporter_program_completed")]

    def __str__(self):
        return f"supporter:{self.public_id}"

    def get_absolute_url(self):
        return reverse("outreach:supporter_detail", kwargs={"supporter_id": self.public_id})

    @property
    def audit_subject(self):
        return self.training
