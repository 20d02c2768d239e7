"""Reads of support work, scoped to the actor's program, with related rows fetched up front."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from yorisoi.cases.follow_ups import FollowUp
from yorisoi.cases.follow_ups import follow_ups_due as all_follow_ups_due
from yorisoi.cases.models import Case
from yorisoi.consultations.models import (
    ConsultationRecord,
    Goal,
    RiskFlag,
    SupportPlan,
)
from yorisoi.programs.permissions import Actor, person_scope, require_consultation_contents


def record_get(*, actor: Actor, record_id) -> ConsultationRecord:
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(ConsultationRecord.objects.all(), actor).select_related(
            "case__client", "inquiry", "place", "staff", "second_staff", "author"
        ),
        public_id=record_id,
    )


def record_revisions(*, record: ConsultationRecord):
    return list(record.revisions.select_related("edited_by").order_by("-version"))


def records_of_inquiry(*, inquiry, limit: int = 50) -> list[ConsultationRecord]:
    """Records written on an inquiry — before registration and after (they then also sit on the case)."""
    return list(
        ConsultationRecord.objects.filter(program_id=inquiry.program_id, inquiry=inquiry)
        .select_related("staff", "case")
        .order_by("-held_on", "-starts_at", "-id")[:limit]
    )


def flag_get(*, actor: Actor, flag_id) -> RiskFlag:
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(RiskFlag.objects.all(), actor).select_related("case"), public_id=flag_id
    )


def current_plan(*, case: Case) -> SupportPlan | None:
    return (
        SupportPlan.objects.filter(program_id=case.program_id, case=case, is_current=True)
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("order", "id")))
        .first()
    )


def plan_history(*, case: Case) -> list[SupportPlan]:
    return list(
        SupportPlan.objects.filter(program_id=case.program_id, case=case)
        .select_related("author")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("order", "id")))
        .order_by("-version")
    )


def goal_get(*, actor: Actor, goal_id) -> Goal:
    require_consultation_contents(actor)
    return get_object_or_404(
        person_scope(Goal.objects.all(), actor).select_related("plan__case"), public_id=goal_id
    )


# --- follow-ups (次の連絡予定日) ---------------------------------------------------------------------


def record_follow_ups(actor: Actor, start, end, limit: int) -> list[FollowUp]:
    """Open follow-ups of the records the actor held, due in [start, end]: one query, by index."""
    qs = person_scope(ConsultationRecord.objects.all(), actor).filter(
        staff=actor.user, follow_up_on__isnull=False, follow_up_done_on__isnull=True, follow_up_on__lte=end
    )
    if start is not None:
        qs = qs.filter(follow_up_on__gte=start)
    rows = qs.select_related("case", "inquiry").order_by("follow_up_on", "id")[:limit]
    return [
        FollowUp(
            due_on=r.follow_up_on,
            kind="record",
            title=r.next_step or r.summary,
            case=r.case,
            inquiry=r.inquiry,
            url=r.get_absolute_url(),
            done_url=reverse("consultations:follow_up_done", kwargs={"record_id": r.public_id}),
            record_url=(
                reverse("consultations:record_new", kwargs={"case_id": r.case.public_id})
                if r.case
                else reverse(
                    "consultations:record_new_for_inquiry", kwargs={"inquiry_id": r.inquiry.public_id}
                )
            )
            + f"?follow_up={r.public_id}",
        )
        for r in rows
    ]


def follow_ups_due(*, actor: Actor, start, end) -> list[FollowUp]:
    """The actor's follow-ups of every source (records, referrals) due in [start, end]: for 自分の週."""
    return all_follow_ups_due(actor=actor, start=start, end=end)
