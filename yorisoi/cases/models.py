"""Inquiries, the persons served, the people who consult, and cases.

Every row carries a non-null ``program``; child rows repeat it on purpose (denormalised) so
that every query of person data can be scoped by one column, and a program can be sharded.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from yorisoi.programs.models import Program


def program_scoped():
    return ScopedManager(program="program")


class Gender(models.TextChoices):
    MALE = "male", _("男性")
    FEMALE = "female", _("女性")
    OTHER = "other", _("その他")
    UNANSWERED = "unanswered", _("回答しない")
    UNKNOWN = "unknown", _("不明")


class AgeBand(models.TextChoices):
    UNDER_15 = "under_15", _("15歳未満")
    FROM_15 = "15_19", _("15〜19歳")
    FROM_20 = "20_29", _("20代")
    FROM_30 = "30_39", _("30代")
    FROM_40 = "40_49", _("40代")
    FROM_50 = "50_59", _("50代")
    FROM_60 = "60_plus", _("60歳以上")
    UNKNOWN = "unknown", _("不明")


class CallerType(models.TextChoices):
    SELF = "self", _("本人")
    FAMILY = "family", _("家族")
    AGENCY = "agency", _("関係機関")
    ANONYMOUS = "anonymous", _("匿名")


class FamilyRelation(models.TextChoices):
    FATHER = "father", _("父")
    MOTHER = "mother", _("母")
    SIBLING = "sibling", _("きょうだい")
    SPOUSE = "spouse", _("配偶者")
    CHILD = "child", _("子")
    GRANDPARENT = "grandparent", _("祖父母")
    OTHER = "other", _("その他")


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


class Client(models.Model):
    """The person served (本人). Name, age and contact may all be unknown."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family_name = models.CharField(_("姓"), max_length=40, blank=True)
    given_name = models.CharField(_("名"), max_length=40, blank=True)
    family_name_kana = models.CharField(_("せい（ふりがな）"), max_length=60, blank=True)
    given_name_kana = models.CharField(_("めい（ふりがな）"), max_length=60, blank=True)
    # Katakana, full-width, no spaces: what search and duplicate detection compare.
    kana_key = models.CharField(max_length=120, blank=True, editable=False)
    name_key = models.CharField(max_length=80, blank=True, editable=False)
    birth_date = models.DateField(_("生年月日"), null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(_("おおよその年齢"), null=True, blank=True)
    gender = models.CharField(_("性別"), max_length=12, choices=Gender.choices, default=Gender.UNKNOWN)
    residence_city = models.CharField(_("お住まいの市区町村"), max_length=40, blank=True)
    address = models.CharField(_("住所"), max_length=200, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    phone_digits = models.CharField(max_length=20, blank=True, editable=False)
    # The digits reversed, so "the last four digits" is an indexed prefix search.
    phone_digits_reversed = models.CharField(max_length=20, blank=True, editable=False)
    email = models.EmailField(_("メール"), blank=True)
    contact_preferences = models.TextField(
        _("連絡するときの注意"),
        blank=True,
        help_text=_("例：電話はしない／家族が相談していることを本人は知らない"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("本人")
        verbose_name_plural = _("本人")
        ordering = ["kana_key", "id"]
        indexes = [
            models.Index(fields=["program", "kana_key"], name="client_program_kana"),
            models.Index(fields=["program", "name_key"], name="client_program_name"),
            models.Index(fields=["program", "phone_digits_reversed"], name="client_program_phone_rev"),
            models.Index(fields=["program", "email"], name="client_program_email"),
        ]

    def __str__(self):
        return f"client:{self.public_id}"

    @property
    def display_name(self) -> str:
        name = f"{self.family_name} {self.given_name}".strip()
        return name or str(_("（名前未確認）"))

    @property
    def audit_label(self) -> str:
        return f"P-{str(self.public_id)[:8]}"

    @property
    def display_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}".strip()


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


class RelatedPerson(models.Model):
    """A family member or other person around the case; may consult on the person's behalf."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = case.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="related_people")
    relation = models.CharField(_("本人との続柄"), max_length=20, choices=FamilyRelation.choices)
    relation_note = models.CharField(_("続柄の補足"), max_length=40, blank=True)
    name = models.CharField(_("名前"), max_length=60, blank=True)
    name_kana = models.CharField(_("ふりがな"), max_length=80, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    phone_digits = models.CharField(max_length=20, blank=True, editable=False)
    phone_digits_reversed = models.CharField(max_length=20, blank=True, editable=False)
    email = models.EmailField(_("メール"), blank=True)
    kana_key = models.CharField(max_length=120, blank=True, editable=False)
    name_key = models.CharField(max_length=80, blank=True, editable=False)
    consults = models.BooleanField(_("相談者である"), default=True)
    contact_preferences = models.TextField(_("連絡するときの注意"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("家族・関係者")
        verbose_name_plural = _("家族・関係者")
        ordering = ["case_id", "id"]
        indexes = [
            models.Index(fields=["program", "phone_digits_reversed"], name="related_program_phone_rev"),
            models.Index(fields=["program", "case"], name="related_program_case"),
            models.Index(fields=["program", "kana_key"], name="related_program_kana"),
            models.Index(fields=["program", "name_key"], name="related_program_name"),
            models.Index(fields=["program", "email"], name="related_program_email"),
        ]

    def __str__(self):
        return f"related:{self.public_id}"

    @property
    def audit_subject(self):
        return self.case

    @property
    def display_label(self) -> str:
        return f"{self.get_relation_display()} {self.name}".strip()


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
