"""The calendar's pages in the isolation matrix (tests/test_isolation_matrix.py).

Not a staff page: ``appointments:feed`` (``/staff/calendar/feed/<token>.ics``) is outside login —
the private token in the URL is the key, so roles and sessions do not apply. It is declared with
``method="token"`` so the matrix neither opens it as a staff page nor reports it as undeclared;
``test_feed.py`` proves it instead: an unknown or revoked token gets 404, the feed holds only the
owner's own appointments in programs they still belong to, and no names.
"""

import datetime

from django.utils import timezone

from yorisoi.appointments import services
from yorisoi.appointments.models import AppointmentKind
from yorisoi.appointments.tests.factories import make_appointment, make_past_appointment, next_open_day
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.core.testing.isolation import CONTENT_ROLES, MANAGER_ONLY, PERSON_ROLES, Built, StaffPage
from yorisoi.programs.models import PlaceKind


def _case(program, author):
    case = make_case(program=program, actor=author)
    name = f"{case.client.family_name} {case.client.given_name}"
    return case, Built({"case_id": case.public_id}, (name,), case.public_id)


def _case_page(program, author):
    return _case(program, author)[1]


def _inquiry(program, author):
    inquiry = make_inquiry(program=program, actor=author, caller_name="照合用 花子")
    return Built({"inquiry_id": inquiry.public_id}, ("照合用 花子",), inquiry.public_id)


def _appointment(program, author):
    case, built = _case(program, author)
    appointment = make_appointment(program=program, actor=author, case=case)
    return Built({"appointment_id": appointment.public_id}, built.identifiers, case.public_id)


def _listed_appointment(program, author):
    case, built = _case(program, author)
    day = next_open_day(program)
    make_appointment(program=program, actor=author, case=case, day=day)
    return Built({}, built.identifiers, case.public_id, query={"date": day.isoformat()})


def _listed_inquiry(program, author):
    built = _inquiry(program, author)
    return Built({}, built.identifiers, built.subject_id)


def _series(program, author):
    case, built = _case(program, author)
    first = next_open_day(program)
    series, _skipped = services.series_create(
        program=program,
        actor=author,
        case=case,
        kind=AppointmentKind.CONTINUING,
        place=program.places.order_by("display_order", "id").first(),
        staff=author,
        first_on=first,
        until_on=first + datetime.timedelta(days=28),
        start_time=datetime.time(10),
        duration_minutes=60,
        interval_weeks=2,
    )
    return Built({"series_id": series.public_id}, built.identifiers, case.public_id)


def _follow_up(program, author):
    case, built = _case(program, author)
    appointment = make_past_appointment(program=program, actor=author, case=case)
    task = services.appointment_no_show(appointment=appointment, actor=author)
    return Built({"task_id": task.public_id}, built.identifiers, case.public_id)


def _tomorrow(program, author):
    case, built = _case(program, author)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_appointment(
        program=program,
        actor=author,
        case=case,
        day=tomorrow,
        kind=AppointmentKind.HOME_VISIT,
        place=program.places.get(kind=PlaceKind.HOME),
        outside_hours_reason="本人の希望で",  # kept only if tomorrow is a closed day
    )
    return Built({}, built.identifiers, case.public_id)


PAGES = [
    StaffPage("appointments:calendar", PERSON_ROLES, _listed_appointment),
    # Only the viewer's own appointments: proved in test_pages.py (another's never shows).
    StaffPage("appointments:my_week", PERSON_ROLES),
    StaffPage("appointments:tomorrow", PERSON_ROLES, _tomorrow),
    StaffPage("appointments:book_pick", PERSON_ROLES, _listed_inquiry),
    StaffPage("appointments:book_for_inquiry", PERSON_ROLES, _inquiry, per_object=True),
    StaffPage("appointments:book_for_case", PERSON_ROLES, _case_page, per_object=True),
    StaffPage("appointments:detail", PERSON_ROLES, _appointment, per_object=True),
    StaffPage("appointments:reschedule", PERSON_ROLES, _appointment, per_object=True),
    StaffPage("appointments:hold", CONTENT_ROLES, _appointment, method="post"),
    StaffPage("appointments:cancel", PERSON_ROLES, _appointment, method="post", data={"reason": "体調不良"}),
    StaffPage("appointments:no_show", PERSON_ROLES, _appointment, method="post"),
    StaffPage("appointments:follow_up_done", PERSON_ROLES, _follow_up, method="post"),
    StaffPage("appointments:series_new", PERSON_ROLES, _case_page, per_object=True),
    StaffPage("appointments:series_detail", PERSON_ROLES, _series, per_object=True),
    StaffPage(
        "appointments:series_cancel",
        PERSON_ROLES,
        _series,
        method="post",
        data={"from_on": "2000-01-01", "reason": "終了"},
    ),
    StaffPage(
        "appointments:series_move",
        PERSON_ROLES,
        _series,
        method="post",
        data={"move-from_on": "2000-01-01", "move-weekday": "1", "move-start_time": "10:00"},
    ),
    # Program settings, no person data: managers only.
    StaffPage("appointments:closures", MANAGER_ONLY),
    StaffPage("appointments:closure_delete", MANAGER_ONLY, method="post"),
    StaffPage("appointments:schedules", MANAGER_ONLY),
    StaffPage("appointments:workday_add", MANAGER_ONLY, method="post"),
    StaffPage("appointments:workday_delete", MANAGER_ONLY, method="post"),
    StaffPage("appointments:absence_add", MANAGER_ONLY, method="post"),
    StaffPage("appointments:absence_delete", MANAGER_ONLY, method="post"),
    StaffPage("appointments:settings_update", MANAGER_ONLY, method="post"),
    StaffPage("appointments:feed_settings", PERSON_ROLES),
    StaffPage("appointments:feed", frozenset(), method="token"),  # outside login: see the module docstring
]
