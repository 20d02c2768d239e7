"""Rooms: the center's rooms are real — four families at 10:00 in four rooms, a fifth is told none is free."""

import datetime
import threading

import pytest
from django.db import connection, connections

from yorisoi.appointments import services
from yorisoi.appointments.availability import BookingSlot, at, free_slots
from yorisoi.appointments.models import Appointment, AppointmentKind
from yorisoi.appointments.tests.conftest import jst
from yorisoi.appointments.tests.factories import make_appointment
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind, Role, Room

NOW = jst(2026, 11, 20, 9, 0)
TUESDAY = datetime.date(2026, 11, 24)


def _at_center(program, user, *, start=datetime.time(10), **fields):
    case = make_case(program=program, actor=user)
    return make_appointment(
        program=program,
        actor=user,
        case=case,
        day=TUESDAY,
        start=start,
        place=program.places.get(kind=PlaceKind.CENTER),
        now=NOW,
        **fields,
    )


def test_bootstrap_gives_the_center_four_rooms_the_desk_one_and_a_home_none(chiba, urayasu):
    def rooms(program, kind):
        return list(
            Room.objects.filter(place__program=program, place__kind=kind).values_list("name", flat=True)
        )

    assert rooms(chiba, PlaceKind.CENTER) == ["相談室1", "相談室2", "相談室3", "相談室4"]
    assert rooms(urayasu, PlaceKind.CITY_HALL_DESK) == ["相談ブース"]
    assert rooms(chiba, PlaceKind.HOME) == []


def test_four_consultations_at_once_take_the_four_rooms_and_a_fifth_is_refused(chiba, staff):
    # given five counselors and a center with four rooms
    people = [staff("chiba", Role.COUNSELOR) for _ in range(5)]
    # when four book 10:00 at the center
    booked = [_at_center(chiba, user) for user in people[:4]]
    # then each got its own room
    assert [a.room.name for a in booked] == ["相談室1", "相談室2", "相談室3", "相談室4"]
    # and the fifth is told every room is in use, and nothing is added
    with pytest.raises(services.ConflictError) as refused:
        _at_center(chiba, people[4])
    assert refused.value.message == (
        "千葉市ひきこもり地域支援センターの相談室（4室）は 11月24日 10:00〜11:00 にすべて使われています。"
        "別の時間か場所を選んでください。"
    )
    assert refused.value.code == "room_busy"
    assert Appointment.objects.count() == 4


def test_a_chosen_room_that_is_taken_is_refused_by_name(chiba, staff):
    a, b = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    first = _at_center(chiba, a)
    with pytest.raises(services.ConflictError) as refused:
        _at_center(chiba, b, start=datetime.time(10, 30), room=first.room)
    assert refused.value.message == (
        "千葉市ひきこもり地域支援センター 相談室1は 11月24日 10:00〜11:00 に別の予約で使われています。"
        "別の時間か部屋を選んでください。"
    )
    assert Appointment.objects.count() == 1


def test_a_room_out_of_use_or_of_another_place_is_refused(chiba, chiba_counselor):
    room = Room.objects.get(place__program=chiba, name="相談室2")
    room.is_active = False
    room.save()
    with pytest.raises(services.BookingError, match="使われていません") as closed:
        _at_center(chiba, chiba_counselor, room=room)
    assert closed.value.code == "room_closed"
    assert Appointment.objects.count() == 0


def test_the_slot_search_sees_the_rooms_the_booking_sees(chiba, staff):
    # given all four rooms busy at 10:00 and a fifth counselor free all day
    people = [staff("chiba", Role.COUNSELOR) for _ in range(5)]
    for user in people[:4]:
        _at_center(chiba, user)
    center = chiba.places.get(kind=PlaceKind.CENTER)
    (day,) = free_slots(
        chiba,
        staff=[people[4]],
        first=TUESDAY,
        days=1,
        kind=AppointmentKind.CONTINUING,
        duration_minutes=60,
        place=center,
        now=NOW,
    )
    starts = [f"{s.starts_at:%H:%M}" for s in day.slots]
    # then 10:00 (and 9:30, 10:30 that overlap it) are not offered at the center; 9:00 and 11:00 are
    assert "10:00" not in starts and "09:30" not in starts and "10:30" not in starts
    assert "09:00" in starts and "11:00" in starts


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers with IMMEDIATE transactions; row locks are tested on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_bookings_of_the_same_room_at_once_exactly_one_wins(chiba, staff):
    # given two counselors booking the same room at the same moment
    a, b = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    room = Room.objects.get(place__program=chiba, name="相談室1")
    cases = [make_case(program=chiba, actor=a), make_case(program=chiba, actor=b)]
    barrier, outcomes = threading.Barrier(2), []

    def book(user, case):
        try:
            barrier.wait()
            start = at(TUESDAY, datetime.time(10))
            slot = BookingSlot(
                kind=AppointmentKind.CONTINUING,
                place=room.place,
                room=room,
                staff=user,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=1),
            )
            services.appointment_book(program=chiba, actor=user, slot=slot, case=case, now=NOW)
            outcomes.append("booked")
        except services.ConflictError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=pair) for pair in zip((a, b), cases, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then exactly one wins and the room holds one appointment
    assert sorted(outcomes) == ["booked", "refused"]
    assert Appointment.objects.filter(room=room).count() == 1
