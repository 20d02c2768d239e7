"""The case page's appointments: what is booked next (the section) and what happened (the timeline).

Both come from one query (see ``cases/case_page.py``): the newest past appointments and the next
upcoming ones are picked by two bounded subqueries, then told apart here by the same two rules.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from yorisoi.cases.case_page import CaseRows
from yorisoi.cases.selectors import Later, TimelineEntry

UPCOMING = 10  # appointments the section lists


@dataclass(frozen=True)
class CaseAppointments:
    upcoming: list[Appointment]  # from yesterday on, soonest first
    past: list[Appointment]  # started by now and not moved to another time, newest first


def _upcoming_since(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=1)  # yesterday's stay listed, so they can be marked held


def case_appointments(rows: CaseRows) -> CaseAppointments:
    """The section's next ``UPCOMING`` appointments and the timeline's newest past ones, in one query."""
    case, now = rows.case, timezone.now()
    since = _upcoming_since(now)
    of_case = Appointment.objects.filter(program_id=case.program_id, case=case)
    upcoming = of_case.filter(starts_at__gte=since).order_by("starts_at", "id")
    past = of_case.filter(starts_at__lte=now).exclude(status=AppointmentStatus.RESCHEDULED)
    past = past.order_by("-starts_at", "-id")
    wanted, limit = [], rows.timeline("appointment")
    if rows.sections:
        wanted.append(Q(pk__in=upcoming.values("pk")[:UPCOMING]))
    if limit:
        wanted.append(Q(pk__in=past.values("pk")[:limit]))
    if not wanted:
        return CaseAppointments([], [])
    found = list(of_case.filter(reduce(or_, wanted)).select_related("place", "room", "staff", "second_staff"))
    # The same two rules as the subqueries above, on the rows they found.
    soonest = sorted((a for a in found if a.starts_at >= since), key=lambda a: (a.starts_at, a.pk))
    newest = sorted(
        (a for a in found if a.starts_at <= now and a.status != AppointmentStatus.RESCHEDULED),
        key=lambda a: (a.starts_at, a.pk),
        reverse=True,
    )
    return CaseAppointments(soonest[:UPCOMING] if rows.sections else [], newest[:limit])


def _timeline_entry(a: Appointment) -> TimelineEntry:
    starts = timezone.localtime(a.starts_at)
    title = _("予約（%(kind)s %(time)s）：%(status)s") % {
        "kind": AppointmentKind(a.kind).label,
        "time": f"{starts:%H:%M}",
        "status": AppointmentStatus(a.status).label,
    }
    return TimelineEntry(
        starts.date(),
        "appointment",
        title,
        by=a.staff.name_for_display,
        url=a.get_absolute_url(),
        at=a.starts_at,
    )


def timeline_entries(rows: CaseRows, limit: int) -> list[Later]:
    """The case's past appointments that were held, cancelled or missed, for the case timeline."""
    return [
        Later(timezone.localtime(a.starts_at).date(), a.starts_at, _timeline_entry, a)
        for a in rows["appointments"].past[:limit]
    ]
