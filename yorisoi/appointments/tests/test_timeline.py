import datetime

from django.utils import timezone

from yorisoi.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from yorisoi.cases.tests.factories import make_case


def test_past_appointments_appear_on_the_case_timeline_with_their_outcome(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    start = timezone.make_aware(datetime.datetime(2026, 6, 2, 10, 0))
    for status in (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW, AppointmentStatus.RESCHEDULED):
        Appointment.objects.create(
            program=chiba,
            kind=AppointmentKind.HOME_VISIT,
            status=status,
            case=case,
            place=chiba.places.get(kind="home"),
            staff=chiba_counselor,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            created_by=chiba_counselor,
        )
    page = client_as(chiba_counselor).get(case.get_absolute_url(), {"kind": "appointment"}).content.decode()
    timeline = page.split('id="timeline-h"')[1]
    assert "予約（訪問 10:00）：実施" in timeline
    assert "予約（訪問 10:00）：連絡なし欠席" in timeline
    assert "：変更" not in timeline  # a rescheduled booking lives on as its replacement
