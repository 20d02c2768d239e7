"""Every write of support work: atomic, audited, inside one program."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.forms.models import model_to_dict
from django.utils import timezone

from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case
from yorisoi.cases.services import StaleCaseError
from yorisoi.consultations.models import (
    Achievement,
    ConsultationRecord,
    ConsultationRecordRevision,
    Goal,
    GoalStatus,
    LifeChange,
    RiskFlag,
    StageTransition,
    SupportPlan,
)
from yorisoi.consultations.permissions import may_edit_record
from yorisoi.programs.permissions import Actor, ensure_same_program

MAX_MINUTES = 12 * 60


def duration_minutes(starts_at: datetime.time, ends_at: datetime.time) -> int:
    start = datetime.datetime.combine(datetime.date.min, starts_at)
    end = datetime.datetime.combine(datetime.date.min, ends_at)
    return int((end - start).total_seconds() // 60)


def _touch_last_contact(case: Case | None, held_on: datetime.date) -> None:
    """Keep ``Case.last_contact_on`` as the latest contact, so quiet cases can be listed by index."""
    if case is None:
        return
    Case.objects.with_scopes_disabled().filter(pk=case.pk).filter(
        Q(last_contact_on__lt=held_on) | Q(last_contact_on__isnull=True)
    ).update(last_contact_on=held_on)


# --- consultation records --------------------------------------------------------------------------


@transaction.atomic
def record_create(
    *, actor: Actor, case=None, inquiry=None, family_present=(), **fields
) -> ConsultationRecord:
    """Write a consultation record (相談記録) for a case, or for an inquiry before any case exists."""
    program_id = (case or inquiry).program_id
    ensure_same_program(program_id, case, inquiry, *family_present)
    if fields.get("place") is not None:
        ensure_same_program(program_id, fields["place"])
    record = ConsultationRecord(
        program_id=program_id, case=case, inquiry=inquiry, author=actor.user, **fields
    )
    record.duration_minutes = duration_minutes(record.starts_at, record.ends_at)
    record.save()
    record.family_present.set(family_present)
    _touch_last_contact(case, record.held_on)
    audit_record(actor=actor, action="record.create", target=record)
    return record


def _snapshot(record: ConsultationRecord) -> dict:
    data = model_to_dict(record, exclude=["family_present"])
    data["family_present"] = sorted(record.family_present.values_list("pk", flat=True))
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


@transaction.atomic
def record_update(
    *, record: ConsultationRecord, actor: Actor, expected_version: int, family_present=None, **fields
) -> ConsultationRecord:
    """Edit a record (author or manager only), keeping the earlier text as a revision."""
    if not may_edit_record(actor, record):
        raise PermissionDenied("only the author or the manager edits a record")
    if family_present is not None:
        ensure_same_program(record.program_id, *family_present)
    # The form has already written the new values onto ``record``; the revision keeps the stored ones.
    before = _snapshot(ConsultationRecord.objects.with_scopes_disabled().get(pk=record.pk))
    changed = ConsultationRecord.objects.with_scopes_disabled().filter(pk=record.pk, version=expected_version)
    if not changed.update(version=F("version") + 1):
        raise StaleCaseError(record.pk)
    ConsultationRecordRevision.objects.create(
        program_id=record.program_id,
        record=record,
        version=expected_version,
        snapshot=before,
        edited_by=actor.user,
    )
    record.refresh_from_db()
    for name, value in fields.items():
        setattr(record, name, value)
    record.duration_minutes = duration_minutes(record.starts_at, record.ends_at)
    record.save()
    if family_present is not None:
        record.family_present.set(family_present)
    _touch_last_contact(record.case, record.held_on)
    audit_record(actor=actor, action="record.update", target=record, data={"fields": sorted(fields)})
    return record


def inquiry_records_join_case(inquiry, case, caller) -> None:
    """Registered or attached: the inquiry's records go onto the case's timeline and stay linked to
    the inquiry; where the caller took part, the related person they became is marked present."""
    records = list(
        ConsultationRecord.objects.filter(program_id=case.program_id, inquiry=inquiry, case__isnull=True)
    )
    if not records:
        return
    ConsultationRecord.objects.filter(pk__in=[r.pk for r in records]).update(case=case)
    if caller is not None:
        through = ConsultationRecord.family_present.through
        through.objects.bulk_create(
            [
                through(consultationrecord_id=r.pk, relatedperson_id=caller.pk)
                for r in records
                if r.caller_present
            ]
        )
    _touch_last_contact(case, max(r.held_on for r in records))


@transaction.atomic
def follow_up_done(
    *, record: ConsultationRecord, actor: Actor, on: datetime.date | None = None
) -> ConsultationRecord:
    """The promised contact was made: the follow-up leaves everyone's list (the record stays as written)."""
    on = on or timezone.localdate()
    done = ConsultationRecord.objects.with_scopes_disabled().filter(
        pk=record.pk, follow_up_on__isnull=False, follow_up_done_on__isnull=True
    )
    if done.update(follow_up_done_on=on, follow_up_done_by=actor.user):
        audit_record(actor=actor, action="record.follow_up_done", target=record, data={"on": on.isoformat()})
    record.refresh_from_db()
    return record


# --- stages, changes in life, risk flags -----------------------------------------------------------


@transaction.atomic
def stage_set(*, case: Case, stage, entered_on: datetime.date, note: str, actor: Actor) -> StageTransition:
    ensure_same_program(case.program_id, stage)
    transition = StageTransition.objects.create(
        program_id=case.program_id, case=case, stage=stage, entered_on=entered_on, note=note, actor=actor.user
    )
    audit_record(actor=actor, action="case.stage", target=case, data={"stage": stage.label})
    return transition


@transaction.atomic
def life_change_add(*, case: Case, actor: Actor, **fields) -> LifeChange:
    change = LifeChange.objects.create(program_id=case.program_id, case=case, actor=actor.user, **fields)
    audit_record(actor=actor, action="case.life_change", target=case, data={"area": change.area})
    return change


@transaction.atomic
def risk_flag_raise(*, case: Case, actor: Actor, kind: str, note: str, raised_on: datetime.date) -> RiskFlag:
    flag = RiskFlag.objects.create(
        program_id=case.program_id, case=case, kind=kind, note=note, raised_on=raised_on, raised_by=actor.user
    )
    audit_record(actor=actor, action="case.flag_raise", target=flag, data={"kind": kind})
    return flag


@transaction.atomic
def risk_flag_clear(*, flag: RiskFlag, actor: Actor, cleared_on: datetime.date) -> RiskFlag:
    flag.cleared_on, flag.cleared_by = cleared_on, actor.user
    flag.save(update_fields=["cleared_on", "cleared_by"])
    audit_record(actor=actor, action="case.flag_clear", target=flag, data={"kind": flag.kind})
    return flag


# --- the plan of small goals -----------------------------------------------------------------------


@transaction.atomic
def plan_make(
    *, case: Case, actor: Actor, made_on: datetime.date, persons_hopes: str, review_note: str = "", goals=()
) -> SupportPlan:
    """Write a new version of the plan; the earlier version stays, with its goals as they were."""
    previous = SupportPlan.objects.filter(case=case, is_current=True).first()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    plan = SupportPlan.objects.create(
        program_id=case.program_id,
        case=case,
        version=(previous.version + 1) if previous else 1,
        made_on=made_on,
        persons_hopes=persons_hopes,
        review_note=review_note,
        author=actor.user,
    )
    Goal.objects.bulk_create(
        Goal(program_id=case.program_id, plan=plan, order=i, **goal)
        for i, goal in enumerate(goals)
        if goal.get("text")
    )
    audit_record(actor=actor, action="plan.create" if previous is None else "plan.review", target=plan)
    return plan


@transaction.atomic
def goal_set_status(*, goal: Goal, status: str, actor: Actor) -> Goal:
    goal.status = status
    # The day it was achieved puts it on the timeline; moving it back takes it off again.
    goal.achieved_on = timezone.localdate() if status == GoalStatus.ACHIEVED else None
    goal.save(update_fields=["status", "achieved_on"])
    audit_record(actor=actor, action="goal.status", target=goal, data={"status": status})
    return goal


@transaction.atomic
def achievement_add(
    *, case: Case, actor: Actor, text: str, achieved_on: datetime.date, goal: Goal | None = None
):
    if goal is not None:
        ensure_same_program(case.program_id, goal)
    achievement = Achievement.objects.create(
        program_id=case.program_id, case=case, goal=goal, text=text, achieved_on=achieved_on, actor=actor.user
    )
    if goal is not None and goal.status == GoalStatus.WORKING:
        goal_set_status(goal=goal, status=GoalStatus.ACHIEVED, actor=actor)
    audit_record(actor=actor, action="case.achievement", target=case)
    return achievement
