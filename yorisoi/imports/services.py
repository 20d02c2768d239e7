"""Every write of the import: upload, remembered mappings, confirm, rollback, discard. Audited."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from yorisoi.audit.services import audit_record
from yorisoi.core.db_statistics import statistics_refresh
from yorisoi.imports.fields import KINDS
from yorisoi.imports.models import BatchStatus, ColumnMapping, ImportBatch
from yorisoi.imports.planning import CREATE, MATCH, REJECT, SKIP, Context, PlannedRow, plan_rows, sheet_plans
from yorisoi.imports.reading import FileRefused, file_too_large, read_bytes_limited
from yorisoi.imports.rollback import BatchDependedOn, undo_batch
from yorisoi.imports.writing import write_batch
from yorisoi.programs.permissions import Actor

DEFAULT_MAX_BYTES = 30 * 1024 * 1024  # when the setting is absent
LISTED = 1000  # problems and matches kept for the preview; the counts are always complete
NEW_SHOWN = 50  # new cases shown by name in the preview; the rest are counted


class BatchNotOpen(Exception):
    """The batch is not in a state that allows this (already written, rolled back...)."""


def max_upload_bytes() -> int:
    return getattr(settings, "YORISOI_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def upload_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stored_file(batch: ImportBatch) -> Path:
    return upload_dir() / f"{batch.public_id}.upload"


def batch_upload(*, actor: Actor, upload, file_name: str) -> ImportBatch:
    """Keep the uploaded file (refused past the size limit, or if it is no spreadsheet) as a new batch."""
    if getattr(upload, "size", 0) and upload.size > max_upload_bytes():
        raise FileRefused(file_too_large(max_upload_bytes()))
    batch = ImportBatch(program=actor.program, uploaded_by=actor.user, file_name=file_name[:200], file_size=0)
    path = stored_file(batch)
    batch.file_size, batch.checksum = read_bytes_limited(upload, path, max_upload_bytes())
    try:
        sheet_plans(path, file_name, actor.program)  # reads the header rows only: refuses a corrupt file now
    except FileRefused:
        path.unlink(missing_ok=True)
        raise
    with transaction.atomic():
        batch.save()
        audit_record(actor=actor, action="import.upload", target=batch, data={"file": batch.file_name})
    return batch


@transaction.atomic
def mapping_save(*, actor: Actor, kind: str, choices: dict[str, str]) -> None:
    """Remember ``{source header: target column (or "-")}`` for the program's next files."""
    for header, target in choices.items():
        ColumnMapping.objects.update_or_create(
            program=actor.program,
            kind=kind,
            source_header=header[:100],
            defaults={"target": target, "updated_by": actor.user},
        )
    audit_record(actor=actor, action="import.mapping", program=actor.program, data={"kind": kind, **choices})


@dataclass
class Preview:
    """What confirming would do; built by reading the file, writing nothing."""

    sheets: list
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    problems: list = field(default_factory=list)  # (sheet, row number, message)
    matches: list = field(default_factory=list)  # PlannedRow matched to an existing case
    new_cases: list = field(default_factory=list)  # the first NEW_SHOWN case rows to be created
    notes: Counter = field(default_factory=Counter)
    more_problems: int = 0
    same_file_batch: ImportBatch | None = None

    @property
    def needs_mapping(self) -> bool:
        return any(s.needs_mapping for s in self.sheets)

    @property
    def to_write(self) -> int:
        return sum(c[CREATE] + c[MATCH] for c in self.counts.values())

    @property
    def note_list(self) -> list[tuple[str, int]]:
        return sorted(self.notes.items())

    @property
    def summary(self) -> list[tuple[str, int, int, int, int]]:
        """(kind label, to create, matched, already imported, refused) per kind in the file."""
        return [
            (KINDS[kind].label, c[CREATE], c[MATCH], c[SKIP], c[REJECT])
            for kind, c in sorted(self.counts.items(), key=lambda kc: list(KINDS).index(kc[0]))
        ]

    @property
    def rows_read(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    def add(self, row: PlannedRow) -> None:
        self.counts[row.kind][row.outcome] += 1
        if row.outcome == REJECT:
            if len(self.problems) < LISTED:
                self.problems.append((row.sheet, row.number, row.message))
            else:
                self.more_problems += 1
        elif row.outcome == MATCH and len(self.matches) < LISTED:
            self.matches.append(row)
        elif row.outcome == CREATE and row.kind == "cases" and len(self.new_cases) < NEW_SHOWN:
            self.new_cases.append(row)
        for note in row.notes:
            self.notes[note] += 1


def batch_preview(*, batch: ImportBatch, actor: Actor, read_rows: bool = True) -> Preview:
    """The dry run: every row checked against the program's data; nothing is written."""
    path = stored_file(batch)
    plans = sheet_plans(path, batch.file_name, batch.program)
    preview = Preview(plans)
    preview.same_file_batch = (
        ImportBatch.objects.filter(program=batch.program, checksum=batch.checksum, status=BatchStatus.DONE)
        .exclude(pk=batch.pk)
        .first()
    )
    if read_rows and not preview.needs_mapping:
        for row in plan_rows(plans, Context(batch.program, actor.user)):
            preview.add(row)
    return preview


def batch_confirm(*, batch: ImportBatch, actor: Actor, progress=None) -> ImportBatch:
    """Read, check and write the batch in one pass, chunk by chunk, each chunk with its ledger rows.

    The rows are checked exactly as the dry run checked them. On failure the batch is undone and
    marked failed. ``progress(n)`` is told how many more rows were read after each chunk.
    """
    if batch.status != BatchStatus.UPLOADED:
        raise BatchNotOpen(batch.status)
    plans = sheet_plans(stored_file(batch), batch.file_name, batch.program)
    if any(plan.needs_mapping for plan in plans):
        raise BatchNotOpen("mapping")
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != BatchStatus.UPLOADED:
            raise BatchNotOpen(locked.status)
        locked.status, locked.rows_done = BatchStatus.WRITING, 0
        locked.rows_total = sum(plan.sheet.size_hint for plan in plans if plan.kind)
        locked.confirmed_by, locked.confirmed_at = actor.user, timezone.now()
        locked.save(update_fields=["status", "rows_total", "rows_done", "confirmed_by", "confirmed_at"])
    tally = Preview(plans)

    def counted_rows():
        for row in plan_rows(plans, Context(locked.program, actor.user)):
            tally.add(row)
            yield row

    def after_chunk():
        read = tally.rows_read
        ImportBatch.objects.filter(pk=locked.pk).update(rows_done=read)
        if progress:
            progress(read - locked.rows_done)
        locked.rows_done = read

    write_batch(locked, actor, counted_rows(), after_chunk)
    counts = {kind: dict(outcomes) for kind, outcomes in tally.counts.items()}
    with transaction.atomic():
        ImportBatch.objects.filter(pk=locked.pk).update(
            status=BatchStatus.DONE, counts=counts, rows_done=tally.rows_read, rows_total=tally.rows_read
        )
        locked.refresh_from_db()
        audit_record(
            actor=actor,
            action="import.confirm",
            target=locked,
            data={"file": locked.file_name, "checksum": locked.checksum, "counts": counts},
        )
    stored_file(locked).unlink(missing_ok=True)  # the file holds personal data: keep it no longer than needed
    statistics_refresh()  # thousands of new rows: the planner's statistics follow them
    return locked


def batch_rollback(*, batch: ImportBatch, actor: Actor) -> ImportBatch:
    if batch.status not in (BatchStatus.DONE, BatchStatus.WRITING):
        raise BatchNotOpen(batch.status)
    return undo_batch(batch, actor)


@transaction.atomic
def batch_discard(*, batch: ImportBatch, actor: Actor) -> ImportBatch:
    if batch.status != BatchStatus.UPLOADED:
        raise BatchNotOpen(batch.status)
    batch.status = BatchStatus.DISCARDED
    batch.save(update_fields=["status"])
    stored_file(batch).unlink(missing_ok=True)
    audit_record(actor=actor, action="import.discard", target=batch)
    return batch


__all__ = ["BatchDependedOn", "BatchNotOpen", "FileRefused", "batch_upload", "batch_preview", "batch_confirm"]
