"""Undoing a batch: delete exactly the rows its ledger names, newest kind first, in one transaction.

Every foreign key to these rows is PROTECT, so if anything written since depends on them (a record
added to an imported case, an edited record, a later batch) the database refuses and nothing is
deleted: the batch can only be undone while nothing newer depends on it.
"""

import datetime

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case, CaseStatusChange, Client, RelatedPerson
from yorisoi.consultations.models import ConsultationRecord, StageTransition
from yorisoi.imports import attendance
from yorisoi.imports.models import BatchStatus, ImportBatch, LedgerEntry
from yorisoi.referrals.models import PartnerAgency

# Deleted in this order: what points at a row goes before the row.
MODELS = (
    ("record", ConsultationRecord),
    ("related", RelatedPerson),
    ("stage", StageTransition),
    ("status_change", CaseStatusChange),
    ("case", Case),
    ("client", Client),
    ("agency", PartnerAgency),
)
CHUNK = 500


class BatchDependedOn(Exception):
    """Something written after the batch uses its rows; ``str()`` says so in Japanese."""


def undo_batch(batch: ImportBatch, actor, *, failed: str = "") -> ImportBatch:
    """Roll the whole batch back (or clean up after a failed write, with ``failed`` as the reason)."""
    try:
        with transaction.atomic():
            _delete_rows(batch)
            now = timezone.now()
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=BatchStatus.FAILED if failed else BatchStatus.ROLLED_BACK,
                rolled_back_at=now,
                rolled_back_by=actor.user,
                error=failed,
            )
            audit_record(
                actor=actor,
                action="import.fail" if failed else "import.rollback",
                target=batch,
                data={"counts": batch.counts},
            )
    except ProtectedError as error:
        raise BatchDependedOn(
            "この取り込みのあとに書かれた記録などが、取り込んだケースを使っています。取り消せません。"
        ) from error
    batch.refresh_from_db()
    return batch


def _ids(batch: ImportBatch, model: str) -> list[int]:
    return list(LedgerEntry.objects.filter(batch=batch, model=model).values_list("object_id", flat=True))


def _delete_rows(batch: ImportBatch) -> None:
    records = set(_ids(batch, "record"))
    people = _ids(batch, "related")
    through = ConsultationRecord.family_present.through
    # Deleting a person would silently drop them from a later record's participants: refuse instead.
    if (
        through.objects.filter(relatedperson_id__in=people)
        .exclude(consultationrecord_id__in=records)
        .exists()
    ):
        raise ProtectedError("a later record lists an imported family member", set())
    attendance.undo(batch.program_id, lambda model: _ids(batch, model))
    attendance.restore_numbering(
        batch.program_id,
        list(
            LedgerEntry.objects.filter(batch=batch, model="event_touch").values_list("object_id", "previous")
        ),
    )
    for name, model in MODELS:
        ids = _ids(batch, name)
        rows = model.objects.with_scopes_disabled().filter(program_id=batch.program_id)
        for start in range(0, len(ids), CHUNK):
            rows.filter(pk__in=ids[start : start + CHUNK]).delete()
    _restore_last_contact(batch)
    LedgerEntry.objects.filter(batch=batch).delete()


def _restore_last_contact(batch: ImportBatch) -> None:
    """A case that existed before gets back its last contact date, unless a later record moved it on."""
    cases = Case.objects.with_scopes_disabled().filter(program_id=batch.program_id)
    records = ConsultationRecord.objects.with_scopes_disabled().filter(program_id=batch.program_id)
    for entry in LedgerEntry.objects.filter(batch=batch, model="case_touch"):
        previous = datetime.date.fromisoformat(entry.previous) if entry.previous else None
        latest = records.filter(case_id=entry.object_id).aggregate(d=Max("held_on"))["d"]
        value = max(d for d in (previous, latest) if d) if (previous or latest) else None
        cases.filter(pk=entry.object_id).update(last_contact_on=value)
