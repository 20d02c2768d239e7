import datetime

from django.db.models import Exists, OuterRef, QuerySet

from yorisoi.cases.models import Case, CaseStatus
from yorisoi.cases.selectors import staff_name_columns
from yorisoi.programs.permissions import Actor, person_scope, require_manager
from yorisoi.retention.models import AnonymisationDecision, RetentionPolicy


def policy_of(program) -> RetentionPolicy | None:
    return RetentionPolicy.objects.filter(program=program).first()


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def due_cutoff(*, policy: RetentionPolicy | None, today: datetime.date) -> datetime.date | None:
    """Cases closed on or before this day are past the term; None while no term is set."""
    return years_before(today, policy.years_after_closure) if policy else None


def cases_due(*, actor: Actor, policy: RetentionPolicy | None, today: datetime.date) -> QuerySet[Case]:
    """Closed cases of the manager's program past the retention term and not yet anonymised, oldest first."""
    require_manager(actor)
    cutoff = due_cutoff(policy=policy, today=today)
    if cutoff is None:
        return Case.objects.none()
    anonymised = AnonymisationDecision.objects.filter(case=OuterRef("pk"))
    return (
        person_scope(Case.objects.all(), actor)
        .filter(status=CaseStatus.CLOSED, closed_on__lte=cutoff)
        .exclude(Exists(anonymised))
        .select_related("primary_staff")
        .only(
            "public_id",
            "number",
            "registered_on",
            "closed_on",
            "closure_reason",
            *staff_name_columns("primary_staff"),
        )
        .order_by("closed_on", "number")
    )


def case_due_get(*, actor: Actor, case_id) -> Case:
    """One case of the manager's program (open or closed: the service says why it may not be anonymised)."""
    from django.shortcuts import get_object_or_404

    require_manager(actor)
    return get_object_or_404(person_scope(Case.objects.all(), actor), public_id=case_id)
