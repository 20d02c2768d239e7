"""The program calendar (day / week / month), 自分の週, and tomorrow's appointments with contact cautions."""

import datetime

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from yorisoi.appointments import selectors
from yorisoi.appointments.forms import CalendarQueryForm
from yorisoi.appointments.views.common import answers_bad_query, date_range, parsed
from yorisoi.audit.shortcuts import render_logged
from yorisoi.programs.calendar import open_status
from yorisoi.programs.permissions import require_person_access


@login_required
@answers_bad_query
def calendar(request):
    require_person_access(request.actor)
    query = parsed(CalendarQueryForm(request.GET, program=request.actor.program))
    view, anchor, staff = query["view"] or "week", query["date"] or timezone.localdate(), query["staff"]
    first, last, previous, following = date_range(view, anchor)
    days = selectors.calendar_days(actor=request.actor, first=first, last=last, staff_id=staff and staff.pk)
    context = {
        "nav": "calendar",
        "view": view,
        "anchor": anchor,
        "days": days,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
        "status": open_status(request.actor.program),
        "staff_choices": selectors.consultants(request.actor.program),
        "staff_id": staff and staff.pk,
    }
    data = {"view": view, "from": first.isoformat(), "to": last.isoformat()}
    shown = [a for d in days for a in d.appointments]
    return render_logged(
        request, "appointments/calendar.html", context, action="appointment.list", data=data, subjects=shown
    )


@login_required
@answers_bad_query
def my_week(request):
    require_person_access(request.actor)
    query = parsed(CalendarQueryForm(request.GET, program=request.actor.program))
    first, last, previous, following = date_range("week", query["date"] or timezone.localdate())
    context = {
        "nav": "calendar",
        "days": selectors.calendar_days(actor=request.actor, first=first, last=last, mine=True),
        "follow_ups": selectors.follow_ups_open(actor=request.actor),
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
    }
    data = {"mine": first.isoformat()}
    shown = [a for d in context["days"] for a in d.appointments] + [
        t.appointment for t in context["follow_ups"]
    ]
    return render_logged(
        request, "appointments/my_week.html", context, action="appointment.list", data=data, subjects=shown
    )


@login_required
def tomorrow(request):
    """Tomorrow's appointments with each person's contact cautions and what happens about a reminder."""
    require_person_access(request.actor)
    today = timezone.localdate()
    rows = selectors.tomorrow(actor=request.actor, today=today)
    context = {"nav": "calendar", "rows": rows, "day": today + datetime.timedelta(days=1)}
    return render_logged(
        request,
        "appointments/tomorrow.html",
        context,
        action="appointment.list",
        data={"tomorrow": context["day"].isoformat()},
        subjects=[row.appointment for row in rows],
    )
