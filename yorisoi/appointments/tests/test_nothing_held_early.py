"""Nothing is marked held before it happens; a case from a consultation dates from that consultation."""

import datetime

from django.urls import reverse

from yorisoi.appointments.models import AppointmentStatus, FollowUpTask
from yorisoi.appointments.tests.conftest import jst
from yorisoi.appointments.tests.factories import make_appointment
from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Role

NOW = jst(2026, 11, 20, 9, 0)
TUESDAY = datetime.date(2026, 11, 24)


def test_an_appointment_cannot_be_held_before_it_starts_and_nothing_changes(
    urayasu, urayasu_counselor, client_as, frozen_now
):
    # given an initial consultation on 11/24 10:00, looked at on 11/24 at 9:59
    frozen_now(NOW)
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor)
    appointment = make_appointment(program=urayasu, actor=urayasu_counselor, inquiry=inquiry, day=TUESDAY)
    frozen_now(jst(2026, 11, 24, 9, 59))
    # when someone marks it held
    response = client_as(urayasu_counselor).post(
        reverse("appointments:hold", args=[appointment.public_id]), follow=True
    )
    # then a clear message, and it is still booked with no hold entry
    appointment.refresh_from_db()
    assert (
        "この予約はまだ始まっていません（開始：11月24日 10:00）。「実施」にできるのは開始時刻のあとです。"
        in (response.content.decode())
    )
    assert appointment.status == AppointmentStatus.BOOKED
    assert AccessLog.objects.filter(action="appointment.hold").count() == 0


def test_missed_only_once_it_has_started(chiba, chiba_counselor, client_as, frozen_now):
    frozen_now(NOW)
    case = make_case(program=chiba, actor=chiba_counselor)
    appointment = make_appointment(program=chiba, actor=chiba_counselor, case=case, day=TUESDAY)
    http = client_as(chiba_counselor)
    early = http.post(reverse("appointments:no_show", args=[appointment.public_id]), follow=True)
    appointment.refresh_from_db()
    assert "「連絡なし欠席」にできるのは開始時刻のあとです。" in early.content.decode()
    assert (appointment.status, FollowUpTask.objects.count()) == (AppointmentStatus.BOOKED, 0)
    frozen_now(jst(2026, 11, 24, 10, 0))  # at its start, nobody has come
    http = client_as(chiba_counselor)  # a new session: the old one timed out while the clock moved
    http.post(reverse("appointments:no_show", args=[appointment.public_id]))
    appointment.refresh_from_db()
    assert (appointment.status, FollowUpTask.objects.count()) == (AppointmentStatus.NO_SHOW, 1)


def test_a_case_registered_from_a_held_consultation_dates_from_that_day(
    urayasu, urayasu_counselor, client_as, frozen_now
):
    # given an initial consultation held on 11/24
    frozen_now(NOW)
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor)
    appointment = make_appointment(program=urayasu, actor=urayasu_counselor, inquiry=inquiry, day=TUESDAY)
    frozen_now(jst(2026, 11, 24, 11, 0))
    http = client_as(urayasu_counselor)
    http.post(reverse("appointments:hold", args=[appointment.public_id]))
    # when the case is registered four days later
    frozen_now(jst(2026, 11, 28, 9, 0))
    http = client_as(urayasu_counselor)
    body = http.get(reverse("cases:register_from_inquiry", args=[inquiry.public_id])).content.decode()
    # then the registration date is the consultation's day, not today
    assert 'name="case-registered_on" value="2026-11-24"' in body


def test_booking_from_an_urgent_inquiry_has_the_urgent_option_on(chiba, staff, client_as, frozen_now):
    frozen_now(NOW)
    counselor = staff("chiba", Role.COUNSELOR)
    urgent = make_inquiry(program=chiba, actor=counselor, is_urgent=True)
    calm = make_inquiry(program=chiba, actor=counselor)
    http = client_as(counselor)
    urgent_page = http.get(reverse("appointments:book_for_inquiry", args=[urgent.public_id])).content.decode()
    calm_page = http.get(reverse("appointments:book_for_inquiry", args=[calm.public_id])).content.decode()
    assert 'name="is_emergency" id="id_is_emergency" checked' in urgent_page
    assert 'name="is_emergency" id="id_is_emergency" checked' not in calm_page
