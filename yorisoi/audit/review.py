"""The manager's monthly review: who read unusually much, outside hours, or outside their cases.

Nothing here accuses anyone: it shows, per staff member, four counts for the month and marks the
rows worth a conversation. "Outside their cases" needs to know who is assigned to what, which
``audit`` may not import; the cases app registers that one question (``register_assignments``).
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, ExtractWeekDay
from django.utils import timezone

from yorisoi.audit.models import AccessKind, AccessLog
from yorisoi.programs.permissions import Actor, person_scope, require_manager

# Past these a row is marked 「確認をおすすめ」.
THRESHOLDS = {"unassigned": 10, "after_hours": 5, "exports": 10}
# (program_id, {(actor_id, case public_id)}) -> the pairs where the actor is assigned to the case
_assigned: Callable[[int, set], set] | None = None


def register_assignments(function: Callable[[int, set], set]) -> None:
    global _assigned
    _assigned = function


@dataclass(frozen=True)
class StaffMonth:
    actor_id: int
    name: str
    persons: int  # distinct persons/cases whose records they opened
    unassigned: int  # of those, cases they are not assigned to
    after_hours: int  # reads outside working hours or at the weekend
    exports: int  # exports and prints

    @property
    def worth_a_look(self) -> bool:
        return (
            self.unassigned >= THRESHOLDS["unassigned"]
            or self.after_hours >= THRESHOLDS["after_hours"]
            or self.exports >= THRESHOLDS["exports"]
        )


def monthly_review(*, actor: Actor, month: datetime.date) -> list[StaffMonth]:
    """One row per staff member who read anything in ``month`` (its first day), most unusual first."""
    require_manager(actor)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(month.replace(day=1), datetime.time(), tz)
    end = datetime.datetime.combine(
        (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1), datetime.time(), tz
    )
    entries = person_scope(AccessLog.objects.all(), actor).filter(
        occurred_at__gte=start, occurred_at__lt=end, actor__isnull=False
    )
    reads = entries.filter(kind=AccessKind.VIEW)
    first_hour, last_hour = settings.YORISOI_REVIEW_WORKING_HOURS
    outside = (
        Q(hour__lt=first_hour) | Q(hour__gte=last_hour) | ~Q(weekday__in=settings.YORISOI_REVIEW_WORKING_DAYS)
    )
    per_actor = (
        entries.values(
            "actor_id", "actor__username", "actor__display_name", "actor__last_name", "actor__first_name"
        )
        .annotate(
            persons=Count("subject_id", filter=Q(kind=AccessKind.VIEW), distinct=True),
            exports=Count("id", filter=Q(kind__in=[AccessKind.EXPORT, AccessKind.PRINT])),
        )
        .order_by("actor_id")
    )
    after_hours = Counter(
        dict(
            reads.annotate(
                hour=ExtractHour("occurred_at", tzinfo=tz), weekday=ExtractWeekDay("occurred_at", tzinfo=tz)
            )
            .filter(outside)
            .values_list("actor_id")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    pairs = set(
        reads.filter(target_type="case", subject_id__isnull=False)
        .values_list("actor_id", "subject_id")
        .distinct()
        .order_by()
    )
    assigned = _assigned(actor.program.pk, pairs) if _assigned else pairs
    unassigned = Counter(actor_id for actor_id, _ in pairs - assigned)
    rows = [
        StaffMonth(
            actor_id=row["actor_id"],
            name=row["actor__display_name"]
            or f"{row['actor__last_name']} {row['actor__first_name']}".strip()
            or row["actor__username"],
            persons=row["persons"],
            unassigned=unassigned[row["actor_id"]],
            after_hours=after_hours[row["actor_id"]],
            exports=row["exports"],
        )
        for row in per_actor
    ]
    return sorted(rows, key=lambda r: (not r.worth_a_look, -r.unassigned, -r.after_hours, -r.persons))
