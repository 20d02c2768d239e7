"""The person served (本人) and the people around them (家族・関係者)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models.choices import FamilyRelation, Gender
from yorisoi.cases.models.scoping import program_scoped
from yorisoi.programs.models import Program


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


class RelatedPerson(models.Model):
    """A family member or other person around the case; may consult on the person's behalf."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = case.program
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="related_people")
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
