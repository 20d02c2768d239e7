"""Support work inside a case: consultation records, accompaniment, the plan of small goals,
support stages, observations of what changed in the person's life, and risk flags.

Every row repeats the case's ``program`` on purpose (denormalised) so that one column scopes it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models import Case, Inquiry, RelatedPerson, program_scoped
from yorisoi.programs.models import Place, Program


class ConsultationMode(models.TextChoices):
    PHONE = "phone", _("電話")
    CENTER_VISIT = "center_visit", _("来所")
    HOME_VISIT = "home_visit", _("訪問")
    HEALTH_CENTER = "health_center", _("保健福祉センターでの相談")
    CITY_HALL = "city_hall", _("市役所窓口")
    MAIL = "mail", _("メール・手紙")
    ONLINE = "online", _("オンライン")
    ACCOMPANIMENT = "accompaniment", _("同行支援")
    CASE_MEETING = "case_meeting", _("ケース会議")


class AccompanimentDestination(models.TextChoices):
    HELLO_WORK = "hello_work", _("ハローワーク")
    IBASHO = "ibasho", _("居場所")
    MEDICAL = "medical", _("医療機関")
    CITY_HALL = "city_hall", _("市役所の他部署")
    EMPLOYMENT_SUPPORT = "employment_support", _("就労支援機関")
    SCHOOL = "school", _("学校")
    OTHER = "other", _("その他")


class AccompanimentOutcome(models.TextChoices):
    CONNECTED = "connected", _("つながった")
    NEXT_TIME = "next_time", _("次回へ")
    NOT_REALISED = "not_realised", _("不成立")


class ConsultationRecord(models.Model):
    """One contact (相談記録): the unit every report counts. May precede any case (an inquiry's)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="records")
    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    held_on = models.DateField(_("日付"))
    starts_at = models.TimeField(_("開始時刻"))
    ends_at = models.TimeField(_("終了時刻"))
    duration_minutes = models.PositiveSmallIntegerField(_("時間（分）"), editable=False)
    mode = models.CharField(_("相談の形"), max_length=20, choices=ConsultationMode.choices)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("場所")
    )
    place_note = models.CharField(_("場所の補足"), max_length=100, blank=True)
    client_present = models.BooleanField(_("本人が参加"), default=False)
    # Before registration there is no RelatedPerson yet: the inquiry's caller is marked here and
    # becomes a family_present row when the caller becomes the case's related person.
    caller_present = models.BooleanField(_("連絡してきた方が参加"), default=False)
    family_present = models.ManyToManyField(
        RelatedPerson, blank=True, related_name="+", verbose_name=_("参加した家族・関係者")
    )
    agencies_present = models.CharField(_("参加した関係機関"), max_length=200, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("担当職員")
    )
    second_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("同席した職員"),
    )
    summary = models.CharField(_("要旨"), max_length=200)
    details = models.TextField(_("内容"), blank=True)
    next_step = models.TextField(_("次にすること"), blank=True)
    follow_up_on = models.DateField(_("次の連絡予定日"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("連絡した日"), null=True, blank=True)
    follow_up_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accompaniment_destination = models.CharField(
        _("同行先"), max_length=20, choices=AccompanimentDestination.choices, blank=True
    )
    accompaniment_destination_name = models.CharField(_("同行先の名称"), max_length=100, blank=True)
    accompaniment_outcome = models.CharField(
        _("同行の結果"), max_length=20, choices=AccompanimentOutcome.choices, blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("相談記録")
        verbose_name_plural = _("相談記録")
        ordering = ["-held_on", "-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(inquiry__isnull=False),
                name="record_has_case_or_inquiry",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="record_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["program", "held_on"], name="record_program_held"),
            models.Index(fields=["program", "case", "-held_on"], name="record_program_case_held"),
            models.Index(fields=["program", "mode", "held_on"], name="record_program_mode"),
            models.Index(
                fields=["program", "staff", "follow_up_on"],
                condition=models.Q(follow_up_on__isnull=False, follow_up_done_on__isnull=True),
                name="record_program_follow_up_open",
            ),
            models.Index(fields=["program", "inquiry"], name="record_program_inquiry"),
            # 実績報告: the records of a period, grouped, read from the index alone (reports/sources.py)
            models.Index(
                fields=[
                    "program",
                    "held_on",
                    "mode",
                    "accompaniment_destination",
                    "accompaniment_outcome",
                    "client_present",
                    "agencies_present",
                    "id",  # PostgreSQL reads only the index when the counted key is in it too
                    # and whose contact it was: the served subjects are grouped from the index too
                    "case",
                    "inquiry",
                ],
                name="record_report_cube",
            ),
        ]

    def __str__(self):
        return f"record:{self.public_id}"

    def get_absolute_url(self):
        return reverse("consultations:record_detail", kwargs={"record_id": self.public_id})

    @property
    def audit_subject(self):
        return self.case or self.inquiry


class ConsultationRecordRevision(models.Model):
    """The record as it was before an edit: every change is kept."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = record.program
    record = models.ForeignKey(ConsultationRecord, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    edited_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["record_id", "version"]
        constraints = [models.UniqueConstraint(fields=["record", "version"], name="record_revision_once")]

    def __str__(self):
        return f"revision:{self.record_id}:{self.version}"


class SupportStage(models.Model):
    """A stage of support as the program names it (default: the 2010 MHLW guideline's four)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="support_stages")
    order = models.PositiveSmallIntegerField(_("順番"))
    label = models.CharField(_("名称"), max_length=60)
    description = models.CharField(_("説明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("支援段階")
        verbose_name_plural = _("支援段階")
        ordering = ["program_id", "order"]
        constraints = [models.UniqueConstraint(fields=["program", "order"], name="stage_order_unique")]

    def __str__(self):
        return self.label


class StageTransition(models.Model):
    """The case entered ``stage`` on ``entered_on``; stages move back as well as forward."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="stage_transitions")
    stage = models.ForeignKey(SupportStage, on_delete=models.PROTECT, related_name="+")
    entered_on = models.DateField(_("日付"))
    note = models.TextField(_("メモ"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["case_id", "-entered_on", "-id"]
        indexes = [models.Index(fields=["program", "case", "-entered_on"], name="stage_program_case_entered")]

    def __str__(self):
        return f"stage:{self.case_id}:{self.stage_id}"


class LifeArea(models.TextChoices):
    RELATIONSHIPS = "relationships", _("人との関係")
    SAFETY = "safety", _("安心感")
    ASKING_FOR_HELP = "asking_for_help", _("助けを求められる")
    GOING_OUT = "going_out", _("外出")
    DAILY_RHYTHM = "daily_rhythm", _("生活リズム")
    FAMILY = "family", _("家族の変化")
    WORK_STUDY = "work_study", _("仕事・学び")
    OTHER = "other", _("その他")


class LifeChange(models.Model):
    """A dated observation of change in the person's (or family's) life — never only 'found work'."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="life_changes")
    observed_on = models.DateField(_("日付"))
    area = models.CharField(_("領域"), max_length=20, choices=LifeArea.choices)
    note = models.TextField(_("様子"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["case_id", "-observed_on", "-id"]
        indexes = [models.Index(fields=["program", "case", "-observed_on"], name="lifechange_program_case")]

    def __str__(self):
        return f"change:{self.case_id}:{self.area}"


class RiskKind(models.TextChoices):
    SELF_HARM = "self_harm", _("自傷他害のおそれ")
    DOMESTIC_VIOLENCE = "domestic_violence", _("家庭内暴力")
    EIGHTY_FIFTY = "8050", _("8050（高齢の親と長期のひきこもり）")
    OTHER = "other", _("その他")


class RiskFlag(models.Model):
    """Shown on every page of the case until cleared."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="risk_flags")
    kind = models.CharField(_("種類"), max_length=20, choices=RiskKind.choices)
    note = models.CharField(_("内容"), max_length=200, blank=True)
    raised_on = models.DateField(_("日付"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cleared_on = models.DateField(_("解除日"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = program_scoped()

    class Meta:
        ordering = ["case_id", "-raised_on", "-id"]
        indexes = [models.Index(fields=["program", "case", "cleared_on"], name="riskflag_program_case_open")]

    def __str__(self):
        return f"flag:{self.public_id}"

    @property
    def audit_subject(self):
        return self.case


class GoalStatus(models.TextChoices):
    WORKING = "working", _("取組中")
    ACHIEVED = "achieved", _("達成")
    REVISED = "revised", _("見直し")
    STOPPED = "stopped", _("中止")


class SupportPlan(models.Model):
    """One version of the plan of small goals; a review makes a new version and keeps this one."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans")
    version = models.PositiveSmallIntegerField()
    made_on = models.DateField(_("作成日"))
    persons_hopes = models.TextField(_("本人の思い・希望（本人の言葉で）"), blank=True)
    review_note = models.TextField(_("見直しのメモ"), blank=True)
    is_current = models.BooleanField(default=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["case_id", "-version"]
        indexes = [models.Index(fields=["program", "case", "is_current"], name="plan_program_case")]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_once"),
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(is_current=True), name="plan_one_current_per_case"
            ),
        ]

    def __str__(self):
        return f"plan:{self.public_id}"

    @property
    def audit_subject(self):
        return self.case


class Goal(models.Model):
    """A small goal (小さな目標), in the person's own words where possible."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="goals")
    text = models.CharField(_("目標"), max_length=200)
    in_persons_words = models.BooleanField(_("本人の言葉のまま"), default=False)
    target_on = models.DateField(_("目安の日"), null=True, blank=True)
    status = models.CharField(
        _("状況"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.WORKING
    )
    order = models.PositiveSmallIntegerField(default=0)
    achieved_on = models.DateField(_("達成した日"), null=True, blank=True)

    objects = program_scoped()

    class Meta:
        ordering = ["plan_id", "order", "id"]

    def __str__(self):
        return f"goal:{self.public_id}"

    @property
    def audit_subject(self):
        return self.plan.case


class Achievement(models.Model):
    """A success along the way (成功体験), however small."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="achievements")
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="achievements"
    )
    achieved_on = models.DateField(_("日付"))
    text = models.CharField(_("できたこと"), max_length=200)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        ordering = ["case_id", "-achieved_on", "-id"]
        indexes = [models.Index(fields=["program", "case", "-achieved_on"], name="achievement_program_case")]

    def __str__(self):
        return f"achievement:{self.case_id}"
