"""Import batches from the programs' old spreadsheets, the column mappings each program keeps,
and the ledger of every row a batch wrote (what makes a batch undoable and re-imports idempotent).

Every row carries ``program``; the ledger repeats the batch's program on purpose so one column scopes it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorisoi.cases.models import program_scoped
from yorisoi.programs.models import Program


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", _("確認待ち")
    WRITING = "writing", _("取り込み中")
    DONE = "done", _("取り込み済み")
    FAILED = "failed", _("失敗（元に戻しました）")
    ROLLED_BACK = "rolled_back", _("取り消し済み")
    DISCARDED = "discarded", _("取りやめ")


class ImportBatch(models.Model):
    """One uploaded file, previewed and then confirmed (or discarded) as one unit."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(_("ファイル名"), max_length=200)
    file_size = models.PositiveBigIntegerField(_("大きさ（バイト）"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("状況"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.UPLOADED
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("取り込んだ日時"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rolled_back_at = models.DateTimeField(_("取り消した日時"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("ファイルの行数"), default=0)  # an estimate until done
    rows_done = models.PositiveIntegerField(_("読んで処理した行数"), default=0)
    # {"cases": {"created": 3, "matched": 1, "skipped": 0, "rejected": 2}, ...}
    counts = models.JSONField(_("件数"), default=dict, blank=True)
    error = models.TextField(_("失敗の理由"), blank=True)

    objects = program_scoped()

    class Meta:
        verbose_name = _("取り込み")
        verbose_name_plural = _("取り込み")
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["program", "-uploaded_at"], name="importbatch_program_time"),
            models.Index(fields=["program", "checksum"], name="importbatch_program_checksum"),
        ]

    def __str__(self):
        return f"import:{self.public_id}"

    def get_absolute_url(self):
        return reverse("imports:detail", kwargs={"batch_id": self.public_id})

    @property
    def audit_label(self) -> str:
        return f"取り込み {self.uploaded_at:%Y-%m-%d}"

    @property
    def summary(self) -> list[tuple[str, int, int, int, int]]:
        from yorisoi.imports.fields import KINDS

        return [
            (KINDS[k].label, c.get("create", 0), c.get("match", 0), c.get("skip", 0), c.get("reject", 0))
            for k, c in sorted(self.counts.items(), key=lambda kc: list(KINDS).index(kc[0]))
        ]

    @property
    def may_roll_back(self) -> bool:
        return self.status == BatchStatus.DONE

    @property
    def percent(self) -> int:
        return 100 if not self.rows_total else min(100, self.rows_done * 100 // self.rows_total)


class ColumnMapping(models.Model):
    """A program's own header for a column (「相談日」 → held_on), remembered for the next file."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    source_header = models.CharField(_("ファイルの見出し"), max_length=100)
    target = models.CharField(_("取り込み先の項目"), max_length=40)  # a Column.name, or "-" to skip
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = program_scoped()

    class Meta:
        ordering = ["program_id", "kind", "source_header"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "source_header"], name="mapping_once_per_header"
            ),
        ]

    def __str__(self):
        return f"mapping:{self.kind}:{self.target}"


class LedgerEntry(models.Model):
    """One row a batch wrote (``model`` + ``object_id``), or a case it touched (``previous`` holds
    what to restore). ``row_key`` identifies the source row, so the same row is never imported twice."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")  # = batch.program
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="ledger")
    model = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    row_key = models.CharField(max_length=64, blank=True)
    external_ref = models.CharField(max_length=40, blank=True)  # the program's own case number
    previous = models.CharField(max_length=40, blank=True)

    objects = program_scoped()

    class Meta:
        ordering = ["batch_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "row_key"], condition=~models.Q(row_key=""), name="ledger_row_once"
            ),
        ]
        indexes = [
            models.Index(fields=["program", "external_ref"], name="ledger_program_ref"),
            models.Index(fields=["batch", "model"], name="ledger_batch_model"),
        ]

    def __str__(self):
        return f"ledger:{self.model}:{self.object_id}"
