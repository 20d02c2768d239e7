"""Booking: overlaps refused with a clear message, bad input kept in the form, one winner in a race."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from yorisoi.appointments import services
from yorisoi.appointments.availability import at
from yorisoi.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from yorisoi.appointments.tests.conftest import jst
from yorisoi.appointments.tests.factories import make_appointment, one_room_only
from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import InquiryStatus
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Membership, PlaceKind, Role

NOW = jst(2026, 11, 20, 9, 0)
TUESDAY = datetime.date(2026, 11, 24)
HOLIDAY = datetime.date(2026, 11, 23)  # 勤労感謝の日


def _book(program, user, case, start, *, minutes=60, place=None, **fields):
    return make_appointment(
        program=program,
        actor=user,
        case=case,
        day=fields.pop("day", TUESDAY),
        start=start,
        minutes=minutes,
        place=place or program.places.get(kind=PlaceKind.CENTER),
        now=NOW,
        **fields,
    )


def test_an_overlap_for_the_same_staff_member_is_refused_by_name_and_time(chiba, chiba_counselor):
    # given a session 10:00–11:00
    case = make_case(program=chiba, actor=chiba_counselor)
    _book(chiba, chiba_counselor, case, datetime.time(10))
    home = chiba.places.get(kind=PlaceKind.HOME)
    # when the same consultant is booked 10:30–11:30 elsewhere
    with pytest.raises(services.ConflictError) as refused:
        _book(chiba, chiba_counselor, case, datetime.time(10, 30), place=home)
    # then the message names who and when, and nothing was added
    assert refused.value.message == (
        f"{chiba_counselor.name_for_display}さんは 11月24日 10:00〜11:00 に別の予約が入っています。"
        "別の時間を選んでください。"
    )
    assert Appointment.objects.count() == 1


def test_back_to_back_sessions_are_not_an_overlap(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    _book(chiba, chiba_counselor, case, datetime.time(10))
    _book(chiba, chiba_counselor, case, datetime.time(11))
    assert Appointment.objects.count() == 2


def test_the_second_staff_member_counts_too(chiba, staff):
    a, b = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=a)
    _book(chiba, b, case, datetime.time(10))
    with pytest.raises(services.ConflictError, match=b.name_for_display):
        _book(chiba, a, case, datetime.time(10), second_staff=b, place=chiba.places.get(kind=PlaceKind.HOME))


def test_a_room_cannot_be_double_booked(chiba, staff):
    a, b = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    one_room_only(chiba.places.get(kind=PlaceKind.CENTER))  # given a center with a single room in use
    case = make_case(program=chiba, actor=a)
    _book(chiba, a, case, datetime.time(10))
    with pytest.raises(services.ConflictError) as refused:
        _book(chiba, b, case, datetime.time(10, 30))
    assert refused.value.message == (
        "千葉市ひきこもり地域支援センターは 11月24日 10:00〜11:00 に別の予約で使われています。"
        "別の時間か場所を選んでください。"
    )
    assert Appointment.objects.count() == 1


def test_an_overlap_in_the_other_program_is_refused_without_naming_anyone(chiba, urayasu, staff):
    both = staff("chiba", Role.COUNSELOR)
    Membership.objects.create(user=both, program=urayasu, role=Role.COUNSELOR)
    urayasu_case = make_case(program=urayasu, actor=both)
    _book(
        urayasu,
        both,
        urayasu_case,
        datetime.time(10),
        place=urayasu.places.get(kind=PlaceKind.CITY_HALL_DESK),
    )
    chiba_case = make_case(program=chiba, actor=both)
    with pytest.raises(services.ConflictError) as refused:
        _book(chiba, both, chiba_case, datetime.time(10))
    assert "（浦安市の予定）" in refused.value.message
    assert urayasu_case.client.display_name not in refused.value.message


def test_a_cancelled_appointment_frees_its_time(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    first = _book(chiba, chiba_counselor, case, datetime.time(10))
    services.appointment_cancel(appointment=first, actor=chiba_counselor)
    _book(chiba, chiba_counselor, case, datetime.time(10))
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).count() == 1


def test_an_absent_staff_member_cannot_be_booked(chiba, chiba_counselor):
    from yorisoi.appointments.models import StaffAbsence

    StaffAbsence.objects.create(user=chiba_counselor, starts_on=TUESDAY, ends_on=TUESDAY, note="研修")
    case = make_case(program=chiba, actor=chiba_counselor)
    with pytest.raises(services.BookingError, match="この日は不在です（研修）"):
        _book(chiba, chiba_counselor, case, datetime.time(10))
    assert Appointment.objects.count() == 0


def test_a_holiday_is_refused_for_a_desk_session_and_allowed_for_a_home_visit_with_a_reason(
    chiba, chiba_counselor
):
    case = make_case(program=chiba, actor=chiba_counselor)
    with pytest.raises(services.BookingError) as refused:
        _book(chiba, chiba_counselor, case, datetime.time(10), day=HOLIDAY)
    assert refused.value.message == (
        "祝日（勤労感謝の日）。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。"
    )
    home = chiba.places.get(kind=PlaceKind.HOME)
    with pytest.raises(services.BookingError, match="理由を書いてください") as no_reason:
        _book(
            chiba,
            chiba_counselor,
            case,
            datetime.time(10),
            day=HOLIDAY,
            place=home,
            kind=AppointmentKind.HOME_VISIT,
        )
    assert no_reason.value.field == "outside_hours_reason"
    visit = _book(
        chiba,
        chiba_counselor,
        case,
        datetime.time(10),
        day=HOLIDAY,
        place=home,
        kind=AppointmentKind.HOME_VISIT,
        outside_hours_reason="本人が平日は会えないため",
    )
    assert visit.outside_hours_reason == "本人が平日は会えないため"


def test_an_emergency_may_be_booked_after_hours_with_a_reason(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    late = _book(
        chiba,
        chiba_counselor,
        case,
        datetime.time(17, 30),
        is_emergency=True,
        outside_hours_reason="家族から緊急の連絡",
    )
    assert late.outside_hours_reason == "家族から緊急の連絡"


def test_booking_an_inquiry_marks_it_booked(urayasu, urayasu_counselor):
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor)
    make_appointment(program=urayasu, actor=urayasu_counselor, inquiry=inquiry, day=TUESDAY, now=NOW)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.BOOKED
    assert AccessLog.objects.filter(action="appointment.create", subject_id=inquiry.public_id).count() == 1


# --- through the page: clear messages, nothing typed is lost ---------------------------------------------


def _post(http, inquiry, **overrides):
    data = {
        "kind": AppointmentKind.INITIAL,
        "date": "2026-11-24",
        "start": "10:00",
        "end": "11:00",
        "place": str(inquiry.program.places.get(kind=PlaceKind.CITY_HALL_DESK).pk),
        "staff": "",
        "note": "1階の受付で待ち合わせ",
        **overrides,
    }
    url = reverse("appointments:book_for_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    return http.post(url, data)


@pytest.fixture
def desk(urayasu, urayasu_counselor, client_as, frozen_now):
    frozen_now(NOW)
    inquiry = make_inquiry(program=urayasu, actor=urayasu_counselor)
    return client_as(urayasu_counselor), inquiry, urayasu_counselor


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end": "09:30"}, "終了時刻が開始時刻より前（または同じ）になっています。"),
        ({"date": "2026-11-19"}, "過去の日時には予約できません。日付と時刻をお確かめください。"),
        (
            {"date": "2026-11-25"},
            "受付日ではありません（水曜日）。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。",
        ),
        ({"start": "16:30", "end": "17:30"}, "受付時間（09:00〜17:00）の外です。"),
        ({"start": "25:00"}, "時刻を「10:00」の形で入力してください。"),
    ],
)
def test_bad_input_gets_a_japanese_message_and_keeps_what_was_typed(desk, overrides, message):
    http, inquiry, counselor = desk
    response = _post(http, inquiry, staff=str(counselor.pk), **overrides)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="1階の受付で待ち合わせ"' in body
    assert Appointment.objects.count() == 0


def test_an_overlap_through_the_page_is_refused_with_the_time(desk, urayasu):
    http, inquiry, counselor = desk
    case = make_case(program=urayasu, actor=counselor)
    make_appointment(
        program=urayasu,
        actor=counselor,
        case=case,
        day=TUESDAY,
        start=datetime.time(10, 30),
        place=urayasu.places.get(kind=PlaceKind.HOME),
        kind=AppointmentKind.HOME_VISIT,
    )
    body = _post(http, inquiry, staff=str(counselor.pk)).content.decode()
    assert "11月24日 10:30〜11:30 に別の予約が入っています" in body
    assert 'value="1階の受付で待ち合わせ"' in body
    assert Appointment.objects.count() == 1


def test_a_good_booking_redirects_to_the_appointment(desk):
    http, inquiry, counselor = desk
    response = _post(http, inquiry, staff=str(counselor.pk))
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response.url == appointment.get_absolute_url()
    assert (appointment.starts_at, appointment.inquiry_id) == (at(TUESDAY, datetime.time(10)), inquiry.pk)


# --- two bookings of the same slot at once -------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers with IMMEDIATE transactions; row locks are tested on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_bookings_of_the_same_slot_at_once_exactly_one_wins(chiba, staff):
    # given one consultant and two cases, and two staff members booking at the same moment
    counselor = staff("chiba", Role.COUNSELOR)
    cases = [make_case(program=chiba, actor=counselor) for _ in range(2)]
    places = [chiba.places.get(kind=PlaceKind.CENTER), chiba.places.get(kind=PlaceKind.HOME)]
    barrier, outcomes = threading.Barrier(2), []

    def book(i):
        try:
            barrier.wait()
            _book(chiba, counselor, cases[i], datetime.time(10), place=places[i])
            outcomes.append("booked")
        except services.ConflictError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then exactly one wins and the other is told the time is taken
    assert sorted(outcomes) == ["booked", "refused"]
    assert Appointment.objects.filter(staff=counselor).count() == 1


def test_booking_across_programs_is_a_bug_and_writes_nothing(
    chiba, urayasu, chiba_counselor, urayasu_counselor
):
    from yorisoi.programs.permissions import CrossProgramError

    chiba_case = make_case(program=chiba, actor=chiba_counselor)
    with pytest.raises(CrossProgramError):
        make_appointment(program=urayasu, actor=urayasu_counselor, case=chiba_case, day=TUESDAY, now=NOW)
    with pytest.raises(CrossProgramError):  # a staff member who does not work for that program
        make_appointment(program=chiba, actor=urayasu_counselor, case=chiba_case, day=TUESDAY, now=NOW)
    assert Appointment.objects.count() == 0
