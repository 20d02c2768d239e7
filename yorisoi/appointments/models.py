"""Appointments, recurring sessions, staff schedules and the settings that shape free slots.

Appointment rows are person-related (they name a case or an inquiry): non-null ``program`` and the
scoped manager. Staff schedules and program settings describe staff and the program, not persons.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models import Case, Inquiry, program_scoped
from yorisoi.programs.models import OpeningHours, Place, Program, Room


class SchedulingSettings(models.Model):
    """Per-program time around each session: writing the record, travelling to a home."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="scheduling_settings")
    record_buffer_minutes = models.PositiveSmallIntegerField(
        _("記録を書く時間（分）"), default=15, help_text=_("相談のあと、次の予約までに空ける時間です。")
    )
    travel_minutes = models.PositiveSmallIntegerField(
        _("訪問の移動時間（分）"), default=30, help_text=_("訪問・同行の前と後に空ける時間です。")
    )
    session_minutes = models.PositiveSmallIntegerField(_("相談の標準の長さ（分）"), default=60)
    slot_step_minutes = models.PositiveSmallIntegerField(_("空き枠の刻み（分）"), default=30)

    class Meta:
        verbose_name = _("予約の設定")
        verbose_name_plural = _("予約の設定")

    def __str__(self):
        return f"scheduling:{self.program_id}"


class StaffWorkday(models.Model):
    """A weekday a staff member works for one program; part-time staff often split two programs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workdays")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("曜日"), choices=OpeningHours.Weekday.choices)
    starts = models.TimeField(_("開始"))
    ends = models.TimeField(_("終了"))

    class Meta:
        verbose_name = _("勤務日")
        verbose_name_plural = _("勤務日")
        ordering = ["user", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="workday_end_after_start"
            ),
            models.UniqueConstraint(fields=["user", "program", "weekday", "starts"], name="workday_once"),
        ]
        indexes = [models.Index(fields=["program", "weekday"], name="workday_program_weekday")]

    def __str__(self):
        return f"workday:{self.user_id}:{self.program_id}:{self.weekday}"


class StaffAbsence(models.Model):
    """Days a staff member is away: for one program, or for every program when ``program`` is empty."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    starts_on = models.DateField(_("開始日"))
    ends_on = models.DateField(_("終了日"))
    note = models.CharField(_("メモ"), max_length=100, blank=True, help_text=_("例：研修、休暇"))

    class Meta:
        verbose_name = _("不在")
        verbose_name_plural = _("不在")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_end_not_before_start"
            )
        ]
        indexes = [models.Index(fields=["user", "ends_on"], name="absence_user_ends")]

    def __str__(self):
        return f"absence:{self.user_id}:{self.starts_on}"


class StaffCalendar(models.Model):
    """One row per staff member: the row a booking locks, and the private calendar feed's token.

    Booking takes ``select_for_update`` on the rows of the staff involved, so two bookings of one
    staff member queue instead of both passing the overlap check (PostgreSQL); SQLite's IMMEDIATE
    transactions already serialise writers.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Only a hash is stored: a copy of the database does not open anybody's feed.
    feed_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    feed_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("職員の予定表")
        verbose_name_plural = _("職員の予定表")

    def __str__(self):
        return f"staff-calendar:{self.user_id}"


class AppointmentKind(models.TextChoices):
    INITIAL = "initial", _("初回相談")
    CONTINUING = "continuing", _("継続相談")
    HOME_VISIT = "home_visit", _("訪問")
    ACCOMPANIMENT = "accompaniment", _("同行")
    CASE_MEETING = "case_meeting", _("ケース会議")
    PHONE = "phone", _("電話予約")


# Sessions away from the desk: travel time before and after, and allowed outside hours with a reason.
TRAVELLING_KINDS = frozenset({AppointmentKind.HOME_VISIT, AppointmentKind.ACCOMPANIMENT})


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("予約")
    HELD = "held", _("実施")
    CANCELLED = "cancelled", _("キャンセル")
    NO_SHOW = "no_show", _("連絡なし欠席")
    RESCHEDULED = "rescheduled", _("変更")


# Statuses that occupy the staff member's and the room's time.
BUSY_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.HELD)


class RecurringSeries(models.Model):
    """Sessions repeated every ``interval_weeks`` weeks; each occurrence is an Appointment row."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("種類"), max_length=20, choices=AppointmentKind.choices)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("ケース"))
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("場所"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("担当職員")
    )
    second_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("同席する職員"),
    )
    first_on = models.DateField(_("初回の日付"))
    until_on = models.DateField(_("最終日"))
    start_time = models.TimeField(_("開始時刻"))
    duration_minutes = models.PositiveSmallIntegerField(_("時間（分）"))
    interval_weeks = models.PositiveSmallIntegerField(_("間隔（週）"), default=1)
    ended_on = models.DateField(_("打ち切った日"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("定期の予約")
        verbose_name_plural = _("定期の予約")
        ordering = ["-first_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until_on__gte=models.F("first_on")), name="series_until_not_before_first"
            ),
            models.CheckConstraint(
                condition=models.Q(interval_weeks__gte=1), name="series_interval_positive"
            ),
        ]
        indexes = [models.Index(fields=["program", "case"], name="series_program_case")]

    def __str__(self):
        return f"series:{self.public_id}"

    def get_absolute_url(self):
        return reverse("appointments:series_detail", kwargs={"series_id": self.public_id})

    @property
    def audit_subject(self):
        return self.case

    @property
    def audit_label(self) -> str:
        return self.case.label


class Appointment(models.Model):
    """A booked session with a case or an inquiry: who, where, when, and what became of it."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("種類"), max_length=20, choices=AppointmentKind.choices)
    status = models.CharField(
        _("状況"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ケース")
    )
    inquiry = models.ForeignKey(
        Inquiry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("問い合わせ"),
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("場所"))
    # The consultation room at the place; empty for a home, an accompaniment, or a place without rooms.
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("部屋")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("担当職員")
    )
    second_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("同席する職員"),
    )
    starts_at = models.DateTimeField(_("開始"))
    ends_at = models.DateTimeField(_("終了"))
    outside_hours_reason = models.CharField(_("受付時間外・休業日に入れる理由"), max_length=200, blank=True)
    note = models.CharField(
        _("連絡メモ"),
        max_length=200,
        blank=True,
        help_text=_("待ち合わせ場所など、予約の段取りだけを書きます（相談の内容は書かないでください）。"),
    )
    remind_by_email = models.BooleanField(
        _("前日にメールでお知らせする"),
        default=False,
        help_text=_(
            "ご本人・ご家族がメールでの連絡を望んだときだけ。メールには日時・場所・事業の電話番号だけを書きます。"
        ),
    )
    series = models.ForeignKey(
        RecurringSeries, on_delete=models.PROTECT, null=True, blank=True, related_name="occurrences"
    )
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    status_note = models.CharField(_("理由"), max_length=200, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("予約")
        verbose_name_plural = _("予約")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(inquiry__isnull=False),
                name="appointment_has_case_or_inquiry",
            ),
            models.CheckConstraint(
                condition=models.Q(second_staff__isnull=True) | ~models.Q(second_staff=models.F("staff")),
                name="appointment_two_different_staff",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "starts_at"], name="appt_program_starts"),
            models.Index(fields=["staff", "starts_at"], name="appt_staff_starts"),
            models.Index(fields=["second_staff", "starts_at"], name="appt_second_staff_starts"),
            models.Index(fields=["place", "starts_at"], name="appt_place_starts"),
            models.Index(fields=["room", "starts_at"], name="appt_room_starts"),
            models.Index(fields=["case", "starts_at"], name="appt_case_starts"),
            models.Index(fields=["inquiry", "starts_at"], name="appt_inquiry_starts"),
        ]

    def __str__(self):
        return f"appointment:{self.public_id}"

    def get_absolute_url(self):
        return reverse("appointments:detail", kwargs={"appointment_id": self.public_id})

    @property
    def audit_subject(self):
        return self.case or self.inquiry

    @property
    def audit_label(self) -> str:
        return self.case.label if self.case_id else "問い合わせ"

    @property
    def belongs_to_label(self) -> str:
        """A label without personal data: the case number, or 「問い合わせ」."""
        return self.case.label if self.case_id else str(_("問い合わせ"))

    @property
    def is_open(self) -> bool:
        return self.status == AppointmentStatus.BOOKED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        """実施 and 連絡なし欠席 can be recorded only from here on."""
        return self.starts_at <= timezone.now()

    @property
    def staff_ids(self) -> list[int]:
        return [i for i in (self.staff_id, self.second_staff_id) if i]


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("メール")


class Reminder(models.Model):
    """A reminder sent for an appointment: one per appointment and channel, so never sent twice."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = appointment.program
    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="reminders")
    channel = models.CharField(_("方法"), max_length=20, choices=ReminderChannel.choices)
    sent_at = models.DateTimeField(_("送った日時"))

    objects = program_scoped()

    class Meta:
        verbose_name = _("予約のお知らせ")
        verbose_name_plural = _("予約のお知らせ")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appointment", "channel"], name="reminder_once_per_channel")
        ]

    def __str__(self):
        return f"reminder:{self.appointment_id}:{self.channel}"

    @property
    def audit_subject(self):
        return self.appointment.audit_subject


class FollowUpTask(models.Model):
    """A gentle reminder to get back in touch after a missed appointment — never a penalty."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = appointment.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appointment = models.OneToOneField(Appointment, on_delete=models.PROTECT, related_name="follow_up")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("目安の日"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("連絡のフォロー")
        verbose_name_plural = _("連絡のフォロー")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["program", "assigned_to", "done_at"], name="followup_open")]

    def __str__(self):
        return f"follow-up:{self.public_id}"

    @property
    def audit_subject(self):
        return self.appointment.audit_subject
