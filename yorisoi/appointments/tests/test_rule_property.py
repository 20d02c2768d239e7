"""The one rule, as a property: every suggested slot can be booked, and every refusal names its reason.

Hypothesis builds many weeks — bookings in any place and room (even ones the rules would now
refuse), absences, part-time workdays, buffers, rooms out of use — then asks the slot search for
slots and books each through the booking path (lock, load the day, judge). Random probes that are
refused must carry a known reason code and a Japanese message, and must never have been suggested.
"""

import datetime
from collections import Counter

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yorisoi.appointments import services
from yorisoi.appointments.availability import BookingSlot, at, free_slots
from yorisoi.appointments.models import (
    Appointment,
    AppointmentKind,
    SchedulingSettings,
    StaffAbsence,
    StaffWorkday,
)
from yorisoi.appointments.tests.conftest import jst
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind, Role

NOW = jst(2026, 12, 1, 9, 0)
MONDAY = datetime.date(2026, 12, 7)  # a week without holidays
KINDS = [
    AppointmentKind.CONTINUING,
    AppointmentKind.HOME_VISIT,
    AppointmentKind.INITIAL,
    AppointmentKind.PHONE,
]
PLACES = [PlaceKind.CENTER, PlaceKind.HOME, PlaceKind.HEALTH_WELFARE_CENTER, None]
CODES = {
    "end_before_start",
    "past",
    "same_staff",
    "outside_hours",
    "outside_hours_no_reason",
    "absent",
    "staff_busy",
    "travel",
    "room_busy",
    "room_closed",
}
EXAMPLES = 60
BOOKED_PER_SCENARIO = 15  # suggested slots booked through the booking path, spread over the week

booking = st.tuples(
    st.integers(0, 4),  # day of the week
    st.integers(0, 17),  # half-hours from 8:30
    st.sampled_from([30, 60, 90]),
    st.sampled_from(KINDS),
    st.integers(0, 2),  # staff
    st.sampled_from(PLACES[:3]),
    st.booleans(),  # in a room
)
probe = st.tuples(
    st.integers(0, 6),
    st.integers(0, 43),  # quarter-hours from 7:00
    st.sampled_from([30, 60, 90]),
    st.integers(0, 2),
    st.sampled_from(PLACES[:3]),
    st.sampled_from(KINDS),
    st.one_of(st.none(), st.tuples(st.integers(0, 9), st.integers(-4, 4))),  # near a booking
)
scenario = st.fixed_dictionaries(
    {
        "rooms": st.integers(0, 4),
        "buffer": st.sampled_from([0, 15]),
        "travel": st.sampled_from([0, 30]),
        "bookings": st.lists(booking, max_size=10),
        "absences": st.lists(st.tuples(st.integers(0, 2), st.integers(0, 4)), max_size=2),
        "workdays": st.lists(st.tuples(st.integers(0, 2), st.integers(0, 4), st.integers(9, 13)), max_size=2),
        "kind": st.sampled_from(KINDS),
        "place": st.sampled_from(PLACES),
        "duration": st.sampled_from([30, 60, 90]),
        "probes": st.lists(probe, max_size=8),
    }
)


def _arrange(chiba, people, case, s, places):
    SchedulingSettings.objects.update_or_create(
        program=chiba, defaults={"record_buffer_minutes": s["buffer"], "travel_minutes": s["travel"]}
    )
    center_rooms = list(places[PlaceKind.CENTER].rooms.order_by("id"))
    for i, room in enumerate(center_rooms):
        room.is_active = i < s["rooms"]
        room.save(update_fields=["is_active"])
    for day, half_hours, minutes, kind, who, place_kind, in_room in s["bookings"]:
        start = at(MONDAY + datetime.timedelta(days=day), datetime.time(8, 30)) + datetime.timedelta(
            minutes=30 * half_hours
        )
        place = places[place_kind]
        room = place.rooms.filter(is_active=True).order_by("?").first() if in_room else None
        Appointment.objects.create(  # straight in: existing data need not obey today's rules
            program=chiba,
            kind=kind,
            case=case,
            place=place,
            room=room,
            staff=people[who],
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=minutes),
            created_by=people[0],
        )
    for who, day in s["absences"]:
        on = MONDAY + datetime.timedelta(days=day)
        StaffAbsence.objects.create(user=people[who], program=chiba, starts_on=on, ends_on=on, note="研修")
    for who, weekday, hour in s["workdays"]:
        StaffWorkday.objects.get_or_create(
            user=people[who],
            program=chiba,
            weekday=weekday,
            starts=datetime.time(hour),
            defaults={"ends": datetime.time(hour + 4)},
        )


def _verdict(chiba, slot):
    with transaction.atomic():
        return services.decide(chiba, slot, now=NOW)


def test_suggested_implies_bookable_and_every_refusal_names_its_reason(chiba, staff):
    people = [staff("chiba", Role.COUNSELOR) for _ in range(3)]
    case = make_case(program=chiba, actor=people[0])
    places = {kind: chiba.places.filter(kind=kind).order_by("id").first() for kind in PLACES[:3]}
    places[None] = None
    counts = Counter()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(scenario)
    def check(s):
        with transaction.atomic():
            _arrange(chiba, people, case, s, places)
            chiba.refresh_from_db()
            days = free_slots(
                chiba,
                staff=people,
                first=MONDAY,
                days=7,
                kind=s["kind"],
                duration_minutes=s["duration"],
                place=places[s["place"]],
                now=NOW,
            )
            offered = [(f, user) for day in days for f in day.slots for user in f.staff]
            suggested = {(f.starts_at, f.ends_at, u.pk, s["place"], s["kind"]) for f, u in offered}
            counts["suggested"] += len(offered)
            step = max(1, len(offered) // BOOKED_PER_SCENARIO)
            for found, user in offered[::step] if s["place"] is not None else []:
                slot = BookingSlot(
                    kind=s["kind"],
                    place=places[s["place"]],
                    staff=user,
                    starts_at=found.starts_at,
                    ends_at=found.ends_at,
                )
                verdict = _verdict(chiba, slot)
                assert verdict.bookable, (slot, verdict.refusal and verdict.refusal.message)
                counts["suggested_then_booked"] += 1
            for day, quarters, minutes, who, place_kind, kind, near in s["probes"]:
                start = at(MONDAY + datetime.timedelta(days=day), datetime.time(7)) + datetime.timedelta(
                    minutes=15 * quarters
                )
                if near is not None and s["bookings"]:
                    b_day, b_half_hours = s["bookings"][near[0] % len(s["bookings"])][:2]
                    start = at(
                        MONDAY + datetime.timedelta(days=b_day), datetime.time(8, 30)
                    ) + datetime.timedelta(minutes=30 * b_half_hours + 15 * near[1])
                end = start + datetime.timedelta(minutes=minutes)
                slot = BookingSlot(
                    kind=kind, place=places[place_kind], staff=people[who], starts_at=start, ends_at=end
                )
                verdict = _verdict(chiba, slot)
                counts["probes"] += 1
                if verdict.refusal is not None:
                    counts["refusals"] += 1
                    counts[f"refused:{verdict.refusal.code}"] += 1
                    assert verdict.refusal.code in CODES
                    assert verdict.refusal.message.endswith("。") and len(verdict.refusal.message) > 10
                    assert (start, end, people[who].pk, place_kind, kind) not in suggested
            counts["scenarios"] += 1
            transaction.set_rollback(True)

    check()
    print(f"\nproperty cases: {dict(sorted(counts.items()))}")
    assert counts["scenarios"] == EXAMPLES
    assert counts["suggested_then_booked"] > 300 and counts["refusals"] > 20
