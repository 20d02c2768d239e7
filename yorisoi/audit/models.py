"""The access log: an append-only record of every view, export, print and change of person data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class AppendOnlyError(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("access log entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("access log entries cannot be deleted")


class AccessKind(models.TextChoices):
    VIEW = "view", _("閲覧")
    EXPORT = "export", _("書き出し")
    PRINT = "print", _("印刷")
    CHANGE = "change", _("変更")


class AccessLog(models.Model):
    """Who did what to whose data, when, from where and why.

    Rows are only ever inserted: the queryset refuses update and delete, there is no admin,
    and a database trigger refuses UPDATE (and DELETE on PostgreSQL) underneath.

    Never alter a field of this model: on SQLite Django rebuilds the table for that and the
    trigger goes with the old one (add indexes freely; test_the_database_itself_refuses_an_update
    guards it).
    """

    occurred_at = models.DateTimeField(_("日時"), default=timezone.now, db_index=True)
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("種類"), max_length=10, choices=AccessKind.choices)
    action = models.CharField(_("操作"), max_length=60)
    target_type = models.CharField(_("対象の種類"), max_length=40)
    target_id = models.UUIDField(_("対象ID"), null=True, blank=True)  # empty for a list or search
    # The person (client) or case the data belongs to, so a manager can list "who saw this person".
    subject_id = models.UUIDField(_("本人・ケースID"), null=True, blank=True, db_index=True)
    subject_label = models.CharField(_("ケース番号など"), max_length=40, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("接続元"), null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(program="program", _manager_class=models.Manager.from_queryset(AccessLogQuerySet))

    class Meta:
        verbose_name = _("アクセス記録")
        verbose_name_plural = _("アクセス記録")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["program", "-occurred_at"], name="accesslog_program_time"),
            models.Index(fields=["program", "actor", "-occurred_at"], name="accesslog_program_actor_time"),
            # A manager asking "who saw C-0032?": without it SQLite walks the whole program's log.
            models.Index(
                fields=["program", "subject_label", "-occurred_at"], name="accesslog_program_subject"
            ),
        ]

    def __str__(self):
        return f"{self.action} {self.target_type}:{self.target_id}"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("access log entries cannot be deleted")
