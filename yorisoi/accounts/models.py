import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member. What they may see comes from their program memberships, not from here."""

    display_name = models.CharField(_("表示名"), max_length=60, blank=True)
    is_system_admin = models.BooleanField(
        _("システム管理者"),
        default=False,
        help_text=_("組織の設定を行います。ケースの内容は既定では見られません。"),
    )
    # Moved on by the database itself whenever one of the user's memberships, or a program they
    # belong to, changes (programs/access_version.py): the memberships each session caches are
    # keyed by it, so a change takes effect on the next request.
    access_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("職員")
        verbose_name_plural = _("職員")

    def __str__(self):
        return self.username

    @property
    def name_for_display(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class AppendOnlyError(Exception):
    pass


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("security events cannot be changed")

    def delete(self):
        raise AppendOnlyError("security events cannot be deleted")


class SecurityEvent(models.Model):
    """An organization-level security event: who did what about whom, when (append-only).

    The access log (``audit.AccessLog``) belongs to one program; sign-in devices, recovery codes,
    passwords, sessions, the system-admin flag and feed tokens belong to nobody's program, so they
    are recorded here. ``program`` is filled when the event concerns one (a membership grant).
    The FK to programs is by name only: accounts imports nothing from programs.
    """

    occurred_at = models.DateTimeField(_("日時"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=60)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("対象の職員"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    objects = models.Manager.from_queryset(SecurityEventQuerySet)()

    class Meta:
        verbose_name = _("セキュリティの記録")
        verbose_name_plural = _("セキュリティの記録")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["subject_user", "-occurred_at"], name="securityevent_subject_time")]

    def __str__(self):
        return f"{self.action} user:{self.subject_user_id}"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("security events cannot be deleted")


class RecoveryCode(models.Model):
    """A single-use code for the second step when the phone is lost. Only a hash is stored.

    The codes are random (60 bits), so a plain SHA-256 is enough to keep a copy of the database from
    opening anything, and one indexed lookup finds the code (a slow password hasher would have to
    be tried against every unused code of the user).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("回復コード")
        verbose_name_plural = _("回復コード")
        ordering = ["id"]

    def __str__(self):
        return f"recovery code {self.pk} of user:{self.user_id}"


class StaffSession(models.Model):
    """One signed-in browser of a staff member, so they can see and end it (and we can end all).

    Written at login and when the session key changes, never on ordinary pages; the last activity
    is read from the session itself when the list is shown.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    browser = models.CharField(_("ブラウザ"), max_length=80, blank=True)
    started_at = models.DateTimeField(_("ログイン日時"), default=timezone.now)
    ended_at = models.DateTimeField(_("終了日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("ログイン中の端末")
        verbose_name_plural = _("ログイン中の端末")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "ended_at"], name="staffsession_user_open")]

    def __str__(self):
        return f"session {self.public_id} of user:{self.user_id}"


class PledgeAcceptance(models.Model):
    """A staff member accepted version ``version`` of the confidentiality pledge (守秘義務の誓約)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("版"))
    accepted_at = models.DateTimeField(_("誓約日時"), default=timezone.now)

    class Meta:
        verbose_name = _("守秘義務の誓約")
        verbose_name_plural = _("守秘義務の誓約")
        ordering = ["-accepted_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version")]

    def __str__(self):
        return f"pledge v{self.version} by user:{self.user_id}"
