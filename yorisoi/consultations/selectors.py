"""Reads of support work, scoped to the actor's program, with related rows fetched up front."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from yorisoi.cases.follow_ups import FollowUp
from yorisoi.cases.follow_ups import follow_ups_due as all_follow_ups_due
from yorisoi.cases.models import Case, RelatedPerson
from yorisoi.cases.selectors import TimelineEntry
from yorisoi.consultations.models import (
    Achievement,
    ConsultationRecord,
    Goal,
    LifeChange,
    RiskFlag,
    StageTransition,
    SupportPlan,
)
from yorisoi.programs.permissions import Actor, person_scope, require_consultation_contents

RECENT_RECORDS = 5


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


def records_of_case(*, case: Case, limit: int = RECENT_RECORDS) -> list[ConsultationRecord]:
    return list(
        ConsultationRecord.objects.filter(program_id=case.program_id, case=case)
        .select_related("staff", "second_staff", "place")
        # Narrowed to the case's people, so the lookup uses the (program, case) index at any scale.
        .prefetch_related(Prefetch("family_present", queryset=RelatedPerson.objects.filter(case=case)))
        .order_by("-held_on", "-starts_at", "-id")[:limit]
    )


def records_of_inquiry(*, inquiry, limit: int = 50) -> list[ConsultationRecord]:
    """Records written on an inquiry — before registration and after (they then also sit on the case)."""
    return list(
        ConsultationRecord.objects.filter(program_id=inquiry.program_id, inquiry=inquiry)
        .select_related("staff", "case")
        .order_by("-held_on", "-starts_at", "-id")[:limit]
    )


def current_stage(*, case: Case) -> StageTransition | None:
    return (
        StageTransition.objects.filter(program_id=case.program_id, case=case)
        .select_related("stage")
        .order_by("-entered_on", "-id")
        .first()
    )


def stage_history(*, case: Case, limit: int = 20) -> list[StageTransition]:
    return list(
        StageTransition.objects.filter(program_id=case.program_id, case=case)
        .select_related("stage", "actor")
        .order_by("-entered_on", "-id")[:limit]
    )


def open_flags(*, case: Case) -> list[RiskFlag]:
    return list(RiskFlag.objects.filter(program_id=case.program_id, case=case, cleared_on__isnull=True))


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


def life_changes(*, case: Case, limit: int = 10) -> list[LifeChange]:
    return list(
        LifeChange.objects.filter(program_id=case.program_id, case=case).order_by("-observed_on", "-id")[
            :limit
        ]
    )


def achievements(*, case: Case, limit: int = 10) -> list[Achievement]:
    return list(
        Achievement.objects.filter(program_id=case.program_id, case=case)
        .select_related("goal")
        .order_by("-achieved_on", "-id")[:limit]
    )


# --- timeline sources ------------------------------------------------------------------------------


def record_entries(case: Case, limit: int) -> list[TimelineEntry]:
    records = (
        ConsultationRecord.objects.filter(program_id=case.program_id, case=case)
        .select_related("staff")
        .order_by("-held_on", "-starts_at", "-id")[:limit]
    )
    return [
        TimelineEntry(
            r.held_on,
            "record",
            _("%(mode)s %(start)s〜%(end)s：%(summary)s")
            % {
                "mode": r.get_mode_display(),
                "start": f"{r.starts_at:%H:%M}",
                "end": f"{r.ends_at:%H:%M}",
                "summary": r.summary,
            },
            r.next_step and _("次にすること：%(s)s") % {"s": r.next_step},
            r.staff.name_for_display,
            url=r.get_absolute_url(),
            at=r.created_at,
        )
        for r in records
    ]


def stage_entries(case: Case, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            t.entered_on,
            "stage",
            _("支援段階：%(s)s") % {"s": t.stage.label},
            t.note,
            t.actor.name_for_display,
            at=t.created_at,
        )
        for t in stage_history(case=case, limit=limit)
    ]


def life_entries(case: Case, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            c.observed_on,
            "life",
            _("暮らしの変化（%(a)s）") % {"a": c.get_area_display()},
            c.note,
            at=c.created_at,
        )
        for c in life_changes(case=case, limit=limit)
    ]


def achievement_entries(case: Case, limit: int) -> list[TimelineEntry]:
    return [
        TimelineEntry(a.achieved_on, "achievement", _("できたこと：%(t)s") % {"t": a.text}, at=a.created_at)
        for a in achievements(case=case, limit=limit)
    ]


def goal_entries(case: Case, limit: int) -> list[TimelineEntry]:
    goals = Goal.objects.filter(
        program_id=case.program_id, plan__case=case, achieved_on__isnull=False
    ).order_by("-achieved_on", "-id")[:limit]
    return [
        TimelineEntry(g.achieved_on, "achievement", _("目標を達成：%(t)s") % {"t": g.text}) for g in goals
    ]


def flag_entries(case: Case, limit: int) -> list[TimelineEntry]:
    flags = RiskFlag.objects.filter(program_id=case.program_id, case=case).order_by("-raised_on", "-id")[
        :limit
    ]
    entries = []
    for f in flags:
        entries.append(
            TimelineEntry(f.raised_on, "flag", _("注意：%(k)s") % {"k": f.get_kind_display()}, f.note)
        )
        if f.cleared_on:
            entries.append(
                TimelineEntry(f.cleared_on, "flag", _("注意を解除：%(k)s") % {"k": f.get_kind_display()})
            )
    return entries


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
