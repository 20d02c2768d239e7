"""The access log: an append-only record of every view, export, print and change of person data."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
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
    database triggers refuse UPDATE and DELETE and a back-dated ``occurred_at`` underneath
    (``audit/db_guard.py``), and on PostgreSQL the application's role holds only INSERT and
    SELECT. Each entry is a link of its program's hash chain (``audit/chain.py``): ``seq`` counts
    the program's entries, ``prev_hash`` is the previous entry's ``entry_hash``.

    Altering a field rebuilds the table on SQLite and drops its triggers: every ``migrate``
    re-creates them afterwards (``post_migrate`` in apps.py), and a test guards it.
    """

    occurred_at = models.DateTimeField(_("日時"), db_default=Now(), db_index=True)
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
    # null only for an entry written below the application
    seq = models.BigIntegerField(_("通し番号"), null=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = ScopedManager(program="program", _manager_class=models.Manager.from_queryset(AccessLogQuerySet))

    class Meta:
        verbose_name = _("アクセス記録")
        verbose_name_plural = _("アクセス記録")
        ordering = ["-occurred_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["program", "seq"], name="accesslog_program_seq")]
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

    @property
    def action_label(self) -> str:
        from yorisoi.audit.actions import action_label

        return action_label(self.action)


class AccessLogChainHead(models.Model):
    """How many entries a program's chain holds: the row writers lock, one at a time, to add the next.

    Verification compares it with the last entry, so entries cut off the end are noticed too.
    """

    program = models.OneToOneField("programs.Program", on_delete=models.PROTECT, primary_key=True)
    seq = models.BigIntegerField(default=0)

    def __str__(self):
        return f"chain head {self.program_id}:{self.seq}"
