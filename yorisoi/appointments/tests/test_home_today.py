"""The home page shows a counselor's own appointments of today, and each showing is logged."""

import datetime

from django.urls import reverse
from django.utils import timezone

from yorisoi.appointments.models import AppointmentKind
from yorisoi.appointments.tests.factories import at, make_appointment
from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind


def test_todays_own_appointments_are_on_the_home_panel_and_logged(chiba, staff, chiba_counselor, client_as):
    # given my home visit today at 15:00 (booked this morning) and a colleague's at 16:00
    today = timezone.localdate()
    home = chiba.places.get(kind=PlaceKind.HOME)
    morning = at(today, datetime.time(0, 1))
    case = make_case(program=chiba, actor=chiba_counselor)
    mine = make_appointment(
        program=chiba,
        actor=chiba_counselor,
        case=case,
        day=today,
        start=datetime.time(15),
        place=home,
        outside_hours_reason="本人の希望で",
        kind=AppointmentKind.HOME_VISIT,
        now=morning,
    )
    colleague = staff("chiba", "counselor")
    other = make_case(program=chiba, actor=colleague)
    make_appointment(
        program=chiba,
        actor=colleague,
        case=other,
        day=today,
        start=datetime.time(16),
        place=home,
        outside_hours_reason="本人の希望で",
        kind=AppointmentKind.HOME_VISIT,
        now=morning,
    )
    http = client_as(chiba_counselor)
    # when the home page loads and its panel asks for today's appointments
    home_page = http.get(reverse("programs:home")).content.decode()
    panel = http.get(reverse("appointments:home_today"), HTTP_HX_REQUEST="true").content.decode()
    # then the home page links the panel (also without JavaScript), which shows my visit only
    assert 'hx-get="/staff/calendar/today/"' in home_page and 'href="/staff/calendar/today/"' in home_page
    assert "15:00–16:00" in panel and case.label in panel
    assert "16:00–17:00" not in panel and other.label not in panel
    entry = AccessLog.objects.filter(actor=chiba_counselor, action="appointment.list").latest("id")
    assert entry.data["subjects"] == [str(mine.case.public_id)]
