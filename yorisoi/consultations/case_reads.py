"""The consultations app's rows of a case page, each table read once (see ``cases/case_page.py``).

Header, sections and timeline take their rows from the page's ``CaseRows``: the stage
transitions, for one, are read once for the header's current stage, the section's last five and
the timeline's page together.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext as _

from yorisoi.cases.case_page import CaseRows, register_rows
from yorisoi.cases.selectors import Later, TimelineEntry
from yorisoi.consultations.models import (
    Achievement,
    ConsultationMode,
    ConsultationRecord,
    Goal,
    LifeArea,
    LifeChange,
    RiskFlag,
    RiskKind,
    StageTransition,
    SupportPlan,
)

RECENT_RECORDS = 5  # records the records section lists
RECENT = 5  # achievements, life changes and stage transitions the sections list


def _of_case(model, rows: CaseRows):
    return model.objects.filter(program_id=rows.case.program_id, case=rows.case)


def _records(rows: CaseRows) -> list[ConsultationRecord]:
    limit = max(rows.section(RECENT_RECORDS), rows.timeline("record"))
    if limit <= 0:
        return []
    return list(
        _of_case(ConsultationRecord, rows)
        .select_related("staff", "second_staff", "place")
        .order_by("-held_on", "-starts_at", "-id")[:limit]
    )


def _family_present(rows: CaseRows) -> dict[int, list]:
    """Who of the case's people took part in each record the section lists (record id → people)."""
    shown = rows["records"][: rows.section(RECENT_RECORDS)]
    present: dict[int, list] = {record.pk: [] for record in shown}
    people = {person.pk: person for person in rows["people"]} if present else {}
    if not people:
        return present
    links = (
        ConsultationRecord.family_present.through.objects.filter(consultationrecord_id__in=present)
        .order_by("relatedperson_id")
        .values_list("consultationrecord_id", "relatedperson_id")
    )
    for record_id, person_id in links:
        if person_id in people:  # only the case's own people, as the record form offers
            present[record_id].append(people[person_id])
    return present


def _stages(rows: CaseRows) -> list[StageTransition]:
    """Newest first: the header's current stage is the first."""
    limit = max(1, rows.section(RECENT), rows.timeline("stage"))
    return list(
        _of_case(StageTransition, rows)
        .select_related("stage", "actor")
        .order_by("-entered_on", "-id")[:limit]
    )


def _life_changes(rows: CaseRows) -> list[LifeChange]:
    limit = max(rows.section(RECENT), rows.timeline("life"))
    return list(_of_case(LifeChange, rows).order_by("-observed_on", "-id")[:limit]) if limit > 0 else []


def _achievements(rows: CaseRows) -> list[Achievement]:
    limit = max(rows.section(RECENT), rows.timeline("achievement"))
    return list(_of_case(Achievement, rows).order_by("-achieved_on", "-id")[:limit]) if limit > 0 else []


def _flags(rows: CaseRows) -> list[RiskFlag]:
    """Newest first: every open flag (the header) and the timeline's newest flags, in one query."""
    flags = _of_case(RiskFlag, rows)
    wanted = Q(cleared_on__isnull=True)
    if limit := rows.timeline("flag"):
        wanted |= Q(pk__in=flags.order_by("-raised_on", "-id").values("pk")[:limit])
    return list(flags.filter(wanted).order_by("-raised_on", "-id"))


def _plan(rows: CaseRows) -> SupportPlan | None:
    if not rows.sections:
        return None
    return _of_case(SupportPlan, rows).filter(is_current=True).first()


def _goals(rows: CaseRows) -> list[Goal]:
    """The current plan's goals (the section) and the newest achieved goals (the timeline), in one query."""
    case, plan, limit = rows.case, rows["plan"], rows.timeline("goal")
    wanted = [Q(plan_id=plan.pk)] if plan is not None else []
    if limit:
        achieved = Goal.objects.filter(program_id=case.program_id, plan__case=case, achieved_on__isnull=False)
        wanted.append(Q(pk__in=achieved.order_by("-achieved_on", "-id").values("pk")[:limit]))
    if not wanted:
        return []
    return list(Goal.objects.filter(reduce(or_, wanted), program_id=case.program_id))


def register() -> None:
    register_rows("records", _records)
    register_rows("record_family", _family_present)
    register_rows("stages", _stages)
    register_rows("life_changes", _life_changes)
    register_rows("achievements", _achievements)
    register_rows("flags", _flags)
    register_rows("plan", _plan)
    register_rows("goals", _goals)


def open_flags(rows: CaseRows) -> list[RiskFlag]:
    return [flag for flag in rows["flags"] if flag.cleared_on is None]


def current_stage(rows: CaseRows) -> StageTransition | None:
    return next(iter(rows["stages"]), None)


def recent_records(rows: CaseRows) -> list[tuple[ConsultationRecord, list]]:
    """The records section: the newest records, each with the family members who took part."""
    present = rows["record_family"]
    return [(record, present[record.pk]) for record in rows["records"][:RECENT_RECORDS]]


def plan_goals(rows: CaseRows) -> list[Goal]:
    plan = rows["plan"]
    if plan is None:
        return []
    return sorted((g for g in rows["goals"] if g.plan_id == plan.pk), key=lambda g: (g.order, g.pk))


def _record_entry(r: ConsultationRecord) -> TimelineEntry:
    title = _("%(mode)s %(start)s〜%(end)s：%(summary)s") % {
        "mode": ConsultationMode(r.mode).label,
        "start": f"{r.starts_at:%H:%M}",
        "end": f"{r.ends_at:%H:%M}",
        "summary": r.summary,
    }
    detail = r.next_step and _("次にすること：%(s)s") % {"s": r.next_step}
    return TimelineEntry(
        r.held_on,
        "record",
        title,
        detail,
        r.staff.name_for_display,
        url=r.get_absolute_url(),
        at=r.created_at,
    )


def record_entries(rows: CaseRows, limit: int) -> list[Later]:
    return [Later(r.held_on, r.created_at, _record_entry, r) for r in rows["records"][:limit]]


def _stage_entry(t: StageTransition) -> TimelineEntry:
    title = _("支援段階：%(s)s") % {"s": t.stage.label}
    return TimelineEntry(t.entered_on, "stage", title, t.note, t.actor.name_for_display, at=t.created_at)


def stage_entries(rows: CaseRows, limit: int) -> list[Later]:
    return [Later(t.entered_on, t.created_at, _stage_entry, t) for t in rows["stages"][:limit]]


def _life_entry(c: LifeChange) -> TimelineEntry:
    title = _("暮らしの変化（%(a)s）") % {"a": LifeArea(c.area).label}
    return TimelineEntry(c.observed_on, "life", title, c.note, at=c.created_at)


def life_entries(rows: CaseRows, limit: int) -> list[Later]:
    return [Later(c.observed_on, c.created_at, _life_entry, c) for c in rows["life_changes"][:limit]]


def _achievement_entry(a: Achievement) -> TimelineEntry:
    return TimelineEntry(
        a.achieved_on, "achievement", _("できたこと：%(t)s") % {"t": a.text}, at=a.created_at
    )


def achievement_entries(rows: CaseRows, limit: int) -> list[Later]:
    return [Later(a.achieved_on, a.created_at, _achievement_entry, a) for a in rows["achievements"][:limit]]


def _goal_entry(g: Goal) -> TimelineEntry:
    return TimelineEntry(g.achieved_on, "achievement", _("目標を達成：%(t)s") % {"t": g.text})


def goal_entries(rows: CaseRows, limit: int) -> list[Later]:
    achieved = sorted(
        (g for g in rows["goals"] if g.achieved_on is not None),
        key=lambda g: (g.achieved_on, g.pk),
        reverse=True,
    )
    return [Later(g.achieved_on, None, _goal_entry, g) for g in achieved[:limit]]


def _flag_raised(f: RiskFlag) -> TimelineEntry:
    return TimelineEntry(f.raised_on, "flag", _("注意：%(k)s") % {"k": RiskKind(f.kind).label}, f.note)


def _flag_cleared(f: RiskFlag) -> TimelineEntry:
    return TimelineEntry(f.cleared_on, "flag", _("注意を解除：%(k)s") % {"k": RiskKind(f.kind).label})


def flag_entries(rows: CaseRows, limit: int) -> list[Later]:
    entries = []
    for f in rows["flags"][:limit]:
        entries.append(Later(f.raised_on, None, _flag_raised, f))
        if f.cleared_on:
            entries.append(Later(f.cleared_on, None, _flag_cleared, f))
    return entries
