"""The organization, its programs (the tenant) and the facts each program publishes.

Everything that differs between the two programs — hours, places, who may consult, phone,
the labels of the flow — is a row here, edited in the system admin, never a constant in code.
"""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

month_day_validator = RegexValidator(
    r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", _("「12-29」の形で入力してください。")
)


class Organization(models.Model):
    name = models.CharField(_("法人名"), max_length=100)
    philosophy = models.TextField(_("支援の基本理念"), blank=True)
    consultation_stance = models.TextField(_("相談の基本姿勢"), blank=True)

    class Meta:
        verbose_name = _("法人")
        verbose_name_plural = _("法人")

    def __str__(self):
        return self.name


class Program(models.Model):
    """A commissioned program: the tenant every person-related row belongs to."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="programs")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("識別名"), unique=True)
    name = models.CharField(_("事業名"), max_length=100)
    short_name = models.CharField(_("略称"), max_length=30)
    commissioned_by = models.CharField(_("委託元"), max_length=30)
    started_on = models.DateField(_("開始年月"), help_text=_("月の1日を入れてください。"))
    started_at_text = models.CharField(_("開始時の場所"), max_length=200, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20)
    address = models.CharField(_("所在地"), max_length=200)
    access = models.TextField(_("アクセス"), blank=True)
    description = models.TextField(_("紹介文"), blank=True)
    eligibility = models.TextField(_("相談できる方"))
    service_city = models.CharField(
        _("対象の市"), max_length=30, help_text=_("この市にお住まいの方が相談の対象です。")
    )
    minimum_age_guideline = models.PositiveSmallIntegerField(
        _("年齢の目安（概ね）"),
        null=True,
        blank=True,
        help_text=_("目安です。下回っても受付はでき、注意が表示されるだけです。"),
    )
    hours_text = models.CharField(_("相談受付時間（表示用）"), max_length=100)
    out_of_area_guidance = models.TextField(
        _("対象の市の外にお住まいの方への案内"), blank=True, help_text=_("受付で注意と一緒に表示します。")
    )
    under_age_guidance = models.TextField(
        _("年齢の目安より若い方への案内"), blank=True, help_text=_("受付で注意と一緒に表示します。")
    )
    outreach = models.TextField(_("普及啓発の取り組み"), blank=True)
    strengths = models.TextField(_("連携の強み"), blank=True)
    year_end_break_start = models.CharField(
        _("年末年始休みの始まり"), max_length=5, default="12-29", validators=[month_day_validator]
    )
    year_end_break_end = models.CharField(
        _("年末年始休みの終わり"), max_length=5, default="01-03", validators=[month_day_validator]
    )
    closed_on_national_holidays = models.BooleanField(_("祝日は休み"), default=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("事業")
        verbose_name_plural = _("事業")
        ordering = ["display_order", "id"]

    def __str__(self):
        return self.short_name


class ProgramFlowStep(models.Model):
    """One step of the consultation flow as the program describes it to the public (相談の流れ)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="flow_steps")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(_("見出し"), max_length=60)
    body = models.TextField(_("説明"))

    class Meta:
        ordering = ["program_id", "order"]
        constraints = [models.UniqueConstraint(fields=["program", "order"], name="flow_step_order_unique")]

    def __str__(self):
        return f"{self.program_id}:{self.order}"


class PlaceKind(models.TextChoices):
    CENTER = "center", _("センター")
    HEALTH_WELFARE_CENTER = "health_welfare_center", _("保健福祉センター")
    CITY_HALL_DESK = "city_hall_desk", _("市役所窓口")
    HOME = "home", _("ご自宅（訪問）")
    OTHER = "other", _("その他")


class Place(models.Model):
    """Where a program holds consultations."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="places")
    kind = models.CharField(_("種類"), max_length=30, choices=PlaceKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    is_active = models.BooleanField(_("使用中"), default=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("相談場所")
        verbose_name_plural = _("相談場所")
        ordering = ["program_id", "display_order", "id"]

    def __str__(self):
        return self.name


class Room(models.Model):
    """A consultation room of a place: bookings at the place conflict per room, not per building.

    A center has several, a city-hall desk one, a home none. A place of a room kind with no rows
    here holds one session at a time (it is its own single room).
    """

    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("場所"))
    name = models.CharField(_("部屋の名前"), max_length=60)
    is_active = models.BooleanField(_("使用中"), default=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("相談室")
        verbose_name_plural = _("相談室")
        ordering = ["place_id", "display_order", "id"]
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="room_name_once_per_place")]

    def __str__(self):
        return self.name


class OpeningHours(models.Model):
    """A weekday on which the program takes consultations, and from when to when."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("月曜日")
        TUESDAY = 1, _("火曜日")
        WEDNESDAY = 2, _("水曜日")
        THURSDAY = 3, _("木曜日")
        FRIDAY = 4, _("金曜日")
        SATURDAY = 5, _("土曜日")
        SUNDAY = 6, _("日曜日")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("曜日"), choices=Weekday.choices)
    opens_at = models.TimeField(_("開始"))
    closes_at = models.TimeField(_("終了"))

    class Meta:
        verbose_name = _("相談受付時間")
        verbose_name_plural = _("相談受付時間")
        ordering = ["program_id", "weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="hours_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class Closure(models.Model):
    """A day the program is closed besides national holidays and the year-end break."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("日付"))
    reason = models.CharField(_("理由"), max_length=100)

    class Meta:
        verbose_name = _("臨時休業日")
        verbose_name_plural = _("臨時休業日")
        ordering = ["program_id", "date"]
        constraints = [models.UniqueConstraint(fields=["program", "date"], name="closure_once_per_day")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}"


class CrisisLine(models.Model):
    """Where to turn in an emergency or outside hours; edited by the organization."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="crisis_lines")
    name = models.CharField(_("名称"), max_length=100)
    phone = models.CharField(_("電話番号"), max_length=30)
    hours = models.CharField(_("受付時間"), max_length=100, blank=True)
    note = models.CharField(_("説明"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("緊急時の連絡先")
        verbose_name_plural = _("緊急時の連絡先")
        ordering = ["display_order", "id"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    MANAGER = "manager", _("管理者")
    COUNSELOR = "counselor", _("相談員")
    CLERK = "clerk", _("事務")
    CITY_OFFICER = "city_officer", _("委託元閲覧")


class Membership(models.Model):
    """A staff member's role in one program; a person may belong to both programs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("有効"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("所属")
        verbose_name_plural = _("所属")
        ordering = ["program__display_order", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "program"], name="one_membership_per_program")]

    def __str__(self):
        return f"{self.user_id}@{self.program_id}:{self.role}"


def month_day(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)
