"""Writing a confirmed batch: chunked bulk writes, each chunk one transaction with its ledger rows.

Every row written carries the batch's program and has a ledger entry written in the same
transaction, so whatever happened (an error, a killed process) the batch can be undone exactly.
If writing fails, what was written is undone at once and the batch is marked failed.
The same invariants as the domain services hold: program on every row, case numbers from the
program's sequence, client search keys, status history, last contact date, an audit entry per case.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import islice

from django.db import transaction
from django.db.models import Max, Q

from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case, CaseStatus, CaseStatusChange, Client, FamilyRelation, RelatedPerson
from yorisoi.cases.normalize import phone_digits
from yorisoi.cases.services import _client_keys
from yorisoi.consultations.models import ConsultationRecord, StageTransition
from yorisoi.consultations.services import duration_minutes
from yorisoi.consultations.stages import stages_for
from yorisoi.imports.attendance import AttendanceWriter
from yorisoi.imports.models import ImportBatch, LedgerEntry
from yorisoi.imports.planning import CREATE, MATCH, PlannedRow
from yorisoi.referrals.models import PartnerAgency

CHUNK = 500
NOTE = "取り込み"


class Writer:
    def __init__(self, batch: ImportBatch, actor):
        self.batch, self.actor = batch, actor
        self.program_id = batch.program_id
        self.ref_cases: dict[str, int] = dict(
            LedgerEntry.objects.filter(
                program_id=self.program_id, model__in=("case", "case_ref")
            ).values_list("external_ref", "object_id")
        )
        self.last_contact: dict[int, datetime.date] = {}
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self._stage_ids: dict[int, int] | None = None
        self.attendance_writer = AttendanceWriter(self)

    def ledger(self, model: str, object_id: int, row: PlannedRow | None = None, **extra) -> LedgerEntry:
        return LedgerEntry(
            program_id=self.program_id,
            batch=self.batch,
            model=model,
            object_id=object_id,
            row_key=row.key if row else "",
            **extra,
        )

    def write_chunk(self, rows: list[PlannedRow]) -> None:
        by_kind = defaultdict(list)
        for row in rows:
            by_kind[row.kind].append(row)
        entries: list[LedgerEntry] = []
        for kind, kind_rows in by_kind.items():
            entries += WRITERS[kind](self, kind_rows)
            for row in kind_rows:
                self.counts[kind][row.outcome] += 1
        LedgerEntry.objects.bulk_create(entries)

    # --- kinds ---------------------------------------------------------------------------------

    def agencies(self, rows):
        agencies = PartnerAgency.objects.bulk_create(
            PartnerAgency(program_id=self.program_id, **{k: v for k, v in row.values.items()}) for row in rows
        )
        return [self.ledger("agency", a.pk, row) for a, row in zip(agencies, rows, strict=True)]

    def cases(self, rows):
        entries = []
        matched = [r for r in rows if r.outcome == MATCH]
        for row in matched:
            self.ref_cases[row.ref] = row.case_id
            entries.append(self.ledger("case_ref", row.case_id, row, external_ref=row.ref))
        new = [r for r in rows if r.outcome == CREATE]
        if not new:
            return entries
        clients = []
        for row in new:
            client = Client(program_id=self.program_id, **_pick(row.values, CLIENT_FIELDS))
            if "age" in row.values:
                client.approximate_age = row.values["age"]
            _client_keys(client)
            clients.append(client)
        Client.objects.bulk_create(clients)
        last = (
            Case.objects.with_scopes_disabled().filter(program_id=self.program_id).aggregate(n=Max("number"))
        )
        number = last["n"] or 0
        cases = []
        for row, client in zip(new, clients, strict=True):
            number += 1
            v = row.values
            closed = v.get("closed_on")
            cases.append(
                Case(
                    program_id=self.program_id,
                    number=number,
                    client=client,
                    status=CaseStatus.CLOSED if closed else CaseStatus.CONTINUING,
                    registered_on=v["registered_on"],
                    last_contact_on=v["registered_on"],
                    primary_staff_id=v["staff_id"],
                    main_concerns=v.get("main_concerns", ""),
                    wishes=v.get("wishes", ""),
                    closed_on=closed,
                    closure_reason=(v.get("closure_reason") or "other") if closed else "",
                )
            )
        Case.objects.bulk_create(cases)
        changes, stages = [], []
        for row, case in zip(new, cases, strict=True):
            self.ref_cases[row.ref] = case.pk
            changes += _status_history(case, self.actor.user.pk)
            if row.values.get("stage_order"):
                stages.append(
                    StageTransition(
                        program_id=self.program_id,
                        case=case,
                        stage_id=self.stage_ids()[row.values["stage_order"]],
                        entered_on=row.values.get("stage_on") or case.registered_on,
                        note=NOTE,
                        actor_id=self.actor.user.pk,
                    )
                )
            entries += [
                self.ledger("client", case.client_id),
                self.ledger("case", case.pk, row, external_ref=row.ref),
            ]
        CaseStatusChange.objects.bulk_create(changes)
        StageTransition.objects.bulk_create(stages)
        entries += [self.ledger("status_change", c.pk) for c in changes]
        entries += [self.ledger("stage", s.pk) for s in stages]
        for case in cases:
            audit_record(
                actor=self.actor, action="import.case", target=case, data={"batch": str(self.batch.public_id)}
            )
        return entries

    def stage_ids(self) -> dict[int, int]:
        if self._stage_ids is None:
            self._stage_ids = {s.order: s.pk for s in stages_for(self.batch.program)}
        return self._stage_ids

    def related(self, rows):
        people = []
        for row in rows:
            person = RelatedPerson(
                program_id=self.program_id,
                case_id=self.ref_cases[row.ref],
                **_pick(row.values, ("relation", "name", "name_kana", "phone", "consults")),
            )
            person.phone_digits = phone_digits(person.phone)
            person.phone_digits_reversed = person.phone_digits[::-1]
            people.append(person)
        RelatedPerson.objects.bulk_create(people)
        return [self.ledger("related", p.pk, row) for p, row in zip(people, rows, strict=True)]

    def records(self, rows):
        case_ids = {self.ref_cases[row.ref] for row in rows}
        family = self._family_of(case_ids)
        entries, missing = [], []
        for row in rows:
            case_id = self.ref_cases[row.ref]
            for relation in row.values["participants"][1]:
                if (case_id, relation) not in family:
                    person = RelatedPerson(
                        program_id=self.program_id, case_id=case_id, relation=relation, consults=True
                    )
                    family[(case_id, relation)] = person
                    missing.append(person)
        RelatedPerson.objects.bulk_create(missing)
        entries += [self.ledger("related", p.pk) for p in missing]
        records = []
        for row in rows:
            v = row.values
            client_present, _relations, agency_present = v["participants"]
            records.append(
                ConsultationRecord(
                    program_id=self.program_id,
                    case_id=self.ref_cases[row.ref],
                    held_on=v["held_on"],
                    starts_at=v["starts_at"],
                    ends_at=v["ends_at"],
                    duration_minutes=duration_minutes(v["starts_at"], v["ends_at"]),
                    mode=v["mode"],
                    client_present=client_present,
                    agencies_present="関係機関" if agency_present else "",
                    staff_id=v["staff_id"],
                    summary=v["summary"][:200],
                    details=v["summary"] if len(v["summary"]) > 200 else "",
                    author_id=self.actor.user.pk,
                )
            )
        ConsultationRecord.objects.bulk_create(records)
        through = ConsultationRecord.family_present.through
        present = []
        for row, record in zip(rows, records, strict=True):
            present += [
                through(consultationrecord_id=record.pk, relatedperson_id=family[(record.case_id, rel)].pk)
                for rel in row.values["participants"][1]
            ]
            if record.held_on > self.last_contact.get(record.case_id, datetime.date.min):
                self.last_contact[record.case_id] = record.held_on
        through.objects.bulk_create(present)
        entries += [self.ledger("record", r.pk, row) for r, row in zip(records, rows, strict=True)]
        return entries

    def attendance(self, rows):
        return self.attendance_writer.write(rows)

    def _family_of(self, case_ids) -> dict:
        family = {}
        people = RelatedPerson.objects.with_scopes_disabled().filter(
            program_id=self.program_id, case_id__in=case_ids
        )
        for person in people.order_by("id"):
            family.setdefault((person.case_id, person.relation), person)
            if person.relation != FamilyRelation.OTHER:
                family.setdefault(
                    (person.case_id, FamilyRelation.OTHER), person
                )  # 「家族」: any family member
        return family

    def touch_last_contact(self) -> None:
        """Each case's last contact becomes its latest record; a case that existed keeps what to restore."""
        cases = Case.objects.with_scopes_disabled().filter(program_id=self.program_id)
        new_ids = set(
            LedgerEntry.objects.filter(batch=self.batch, model="case").values_list("object_id", flat=True)
        )
        previous = dict(cases.filter(pk__in=self.last_contact).values_list("pk", "last_contact_on"))
        entries = [
            self.ledger("case_touch", pk, previous=value.isoformat() if value else "")
            for pk, value in previous.items()
            if pk not in new_ids
        ]
        LedgerEntry.objects.bulk_create(entries)
        for pk, held_on in self.last_contact.items():
            cases.filter(pk=pk).filter(
                Q(last_contact_on__lt=held_on) | Q(last_contact_on__isnull=True)
            ).update(last_contact_on=held_on)


CLIENT_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "birth_date",
    "gender",
    "residence_city",
    "phone",
)


def _pick(values: dict, names) -> dict:
    return {n: values[n] for n in names if n in values}


def _status_history(case: Case, user_id: int) -> list[CaseStatusChange]:
    def change(from_status, to_status, on, reason=""):
        return CaseStatusChange(
            program_id=case.program_id,
            case=case,
            from_status=from_status,
            to_status=to_status,
            changed_on=on,
            reason=reason,
            note=NOTE,
            actor_id=user_id,
        )

    history = [change(CaseStatus.INTAKE, CaseStatus.INITIAL, case.registered_on)]
    if case.status == CaseStatus.CLOSED:
        history.append(change(CaseStatus.INITIAL, CaseStatus.CLOSED, case.closed_on, case.closure_reason))
    else:
        history.append(change(CaseStatus.INITIAL, CaseStatus.CONTINUING, case.registered_on))
    return history


WRITERS: dict[str, Callable] = {
    "agencies": Writer.agencies,
    "cases": Writer.cases,
    "related": Writer.related,
    "records": Writer.records,
    "attendance": Writer.attendance,
}


def write_batch(batch: ImportBatch, actor, rows: Iterable[PlannedRow], after_chunk: Callable[[], None]):
    """Write the rows to create or match, ``CHUNK`` at a time; on any error undo the batch and re-raise."""
    writer = Writer(batch, actor)
    wanted = (r for r in rows if r.outcome in (CREATE, MATCH))
    try:
        while chunk := list(islice(wanted, CHUNK)):
            with transaction.atomic():
                writer.write_chunk(chunk)
                after_chunk()
        with transaction.atomic():
            writer.touch_last_contact()
            after_chunk()
    except Exception as error:
        from yorisoi.imports.rollback import undo_batch

        undo_batch(batch, actor, failed=f"{type(error).__name__}: {error}"[:500])
        raise
