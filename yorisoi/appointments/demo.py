"""Fictional appointments for the demo: a lived-in calendar around today. No real people.

``create_demo_appointments(program, staff)`` is called by the demo seeder for each program with
that program's managers and counselors. It books through the services (so every rule and audit
entry is real), skips what the rules refuse, and does nothing if the program already has any.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from yorisoi.appointments import services
from yorisoi.appointments.availability import BookingSlot, at
from yorisoi.appointments.models import Appointment, AppointmentKind, StaffWorkday
from yorisoi.cases.models import Case, CaseStatus, Client, Inquiry, InquiryStatus
from yorisoi.programs.bootstrap import program_seed
from yorisoi.programs.calendar import is_open_on
from yorisoi.programs.models import Closure, Membership, PlaceKind

TIMES = [datetime.time(9, 30), datetime.time(11), datetime.time(13, 30), datetime.time(15)]


def _open_days(program, first: datetime.date, count: int, step: int = 1) -> list[datetime.date]:
    days, day = [], first
    while len(days) < count and day < first + datetime.timedelta(days=120):
        if is_open_on(program, day):
            days.append(day)
        day += datetime.timedelta(days=step)
    return days


def _first_workday(program, user, days, starts: datetime.time, ends: datetime.time):
    """The first of ``days`` on which ``user`` works for ``program`` from ``starts`` to ``ends``
    (any of them for a user with no workdays set): a series starts on a day its counselor is in."""
    if user is None:
        return None
    shifts = StaffWorkday.objects.filter(user=user, program=program).values_list("weekday", "starts", "ends")
    if not shifts:
        return days[0] if days else None
    covered = {weekday for weekday, s, e in shifts if s <= starts and ends <= e}
    return next((day for day in days if day.weekday() in covered), None)


def _place(program, kind):
    return program.places.filter(kind=kind).first() or program.places.order_by("display_order", "id").first()


def _desk(program):
    return (
        program.places.exclude(kind__in=[PlaceKind.HOME, PlaceKind.OTHER]).order_by("display_order").first()
    )


def _try_book(*, day, users, program, actor, kind, place, minutes=60, now=None, second=False, **belongs):
    """Book at the first time and staff member the rules accept; None if every try is refused."""
    for time in TIMES:
        for user in users:
            start = at(day, time)
            others = [u for u in users if u.pk != user.pk]
            slot = BookingSlot(
                kind=kind,
                place=place,
                staff=user,
                second_staff=others[0] if second and others else None,
                starts_at=start,
                ends_at=start + datetime.timedelta(minutes=minutes),
                remind_by_email=belongs.get("remind_by_email", False),
                outside_hours_reason=belongs.get("outside_hours_reason", ""),
            )
            try:
                return services.appointment_book(
                    program=program,
                    actor=actor,
                    slot=slot,
                    now=now or (start - datetime.timedelta(days=7)),
                    case=belongs.get("case"),
                    inquiry=belongs.get("inquiry"),
                )
            except services.BookingError:
                continue  # the rules said no (overlap, workday, closed day, no room): try the next slot
    return None


@transaction.atomic
def create_demo_appointments(program, staff: list) -> None:
    with scopes_disabled():
        if not staff or Appointment.objects.filter(program=program).exists():
            return
        rng = random.Random(program_seed(program))
        actor = staff[0]
        today = timezone.localdate()

        # A consultant of both programs works set weekdays in each (part-time staff often split).
        for user in staff:
            if Membership.objects.filter(user=user, is_active=True).count() > 1:
                for weekday in {"chiba": [0, 2, 4], "urayasu": [1, 3]}.get(program.slug, []):
                    StaffWorkday.objects.get_or_create(
                        user=user,
                        program=program,
                        weekday=weekday,
                        starts=datetime.time(9),
                        defaults={"ends": datetime.time(17)},
                    )

        # A training day three weeks ahead, added by the manager.
        training = _open_days(program, today + datetime.timedelta(days=21), 1)
        if training:
            Closure.objects.get_or_create(
                program=program, date=training[0], defaults={"reason": "職員研修のため"}
            )

        cases = list(
            Case.objects.filter(program=program)
            .exclude(status=CaseStatus.CLOSED)
            .select_related("primary_staff")
            .order_by("-registered_on")[:16]
        )
        staff_ids = {u.pk for u in staff}

        def who(case, i):
            first = case.primary_staff if case.primary_staff_id in staff_ids else staff[i % len(staff)]
            return [first] + [u for u in staff if u.pk != first.pk]

        # Last week's sessions: most held, one missed (a gentle follow-up, no penalty).
        past_days = _open_days(program, today - datetime.timedelta(days=8), 4)
        for i, case in enumerate(cases[:5]):
            day = past_days[i % len(past_days)] if past_days else None
            if day is None or day >= today:
                continue
            booked = _try_book(
                day=day,
                users=who(case, i),
                program=program,
                actor=actor,
                kind=AppointmentKind.CONTINUING,
                case=case,
                place=_place(program, PlaceKind.HOME) if i % 2 else _desk(program),
            )
            if booked is None:
                continue
            if i == 3:
                services.appointment_no_show(appointment=booked, actor=actor)
            else:
                services.appointment_hold(appointment=booked, actor=actor)

        # The coming two weeks: continuing sessions, home visits, an accompaniment, a phone call.
        kinds = [
            (AppointmentKind.CONTINUING, _desk(program)),
            (AppointmentKind.HOME_VISIT, _place(program, PlaceKind.HOME)),
            (AppointmentKind.CONTINUING, _place(program, PlaceKind.HEALTH_WELFARE_CENTER)),
            (AppointmentKind.PHONE, _desk(program)),
            (AppointmentKind.ACCOMPANIMENT, _place(program, PlaceKind.OTHER)),
            (AppointmentKind.CASE_MEETING, _desk(program)),
        ]
        coming = _open_days(program, today + datetime.timedelta(days=1), 8)
        for i, case in enumerate(cases[5:15]):
            if not coming:
                break
            kind, place = kinds[i % len(kinds)]
            _try_book(
                day=coming[rng.randrange(len(coming))],
                users=who(case, i),
                minutes=30 if kind == AppointmentKind.PHONE else 60,
                now=timezone.now(),
                second=kind == AppointmentKind.CASE_MEETING,
                program=program,
                actor=actor,
                kind=kind,
                case=case,
                place=place,
            )

        # Initial consultations for inquiries waiting for one.
        inquiries = Inquiry.objects.filter(
            program=program, case__isnull=True, status=InquiryStatus.NEW
        ).order_by("-received_at")[:3]
        for i, inquiry in enumerate(inquiries):
            if not coming:
                break
            _try_book(
                day=coming[(i * 2 + 1) % len(coming)],
                users=staff[i % len(staff) :] + staff[: i % len(staff)],
                now=timezone.now(),
                program=program,
                actor=actor,
                kind=AppointmentKind.INITIAL,
                inquiry=inquiry,
                place=_desk(program),
            )

        _tomorrow_with_cautions(program, actor, staff, cases[-3:-1], today)

        # One recurring session: every other week at 10:00 for three months, moved to 14:00 from week 6.
        counselor = who(cases[-1], 0)[-1] if cases else None
        first = _first_workday(program, counselor, coming, datetime.time(10), datetime.time(11))
        if first:
            series, _skipped = services.series_create(
                program=program,
                actor=actor,
                case=cases[-1],
                kind=AppointmentKind.CONTINUING,
                place=_desk(program),
                staff=counselor,
                first_on=first,
                until_on=first + datetime.timedelta(days=90),
                start_time=datetime.time(10),
                duration_minutes=60,
                interval_weeks=2,
            )
            services.series_move_from(
                series=series,
                actor=actor,
                from_on=first + datetime.timedelta(weeks=6),
                weekday=first.weekday(),
                start_time=datetime.time(14),
                reason="本人の希望で午後に",
            )


CAUTIONS = [
    # (email, contact cautions): one family chose email; the other asked for none.
    ("family.demo@example.jp", "電話は平日の夜だけにしてください。メールでのお知らせを希望。"),
    ("", "メールは送らないでください（家族と共用のため）。連絡は母の携帯へ。"),
]


def _tomorrow_with_cautions(program, actor, staff, cases, today) -> None:
    """Two of tomorrow's sessions whose people have contact cautions; both asked about reminders."""
    tomorrow = today + datetime.timedelta(days=1)
    desk = is_open_on(program, tomorrow)
    for i, case in enumerate(cases):
        if case.client_id is None:
            continue
        email, cautions = CAUTIONS[i % len(CAUTIONS)]
        Client.objects.filter(pk=case.client_id).update(email=email, contact_preferences=cautions)
        place = _desk(program) if desk else _place(program, PlaceKind.HOME)
        _try_book(
            day=tomorrow,
            users=staff[i % len(staff) :] + staff[: i % len(staff)],
            now=timezone.now(),
            program=program,
            actor=actor,
            kind=AppointmentKind.CONTINUING if desk else AppointmentKind.HOME_VISIT,
            case=case,
            place=place,
            remind_by_email=True,
            outside_hours_reason="" if desk else "ご家族の希望で週末に訪問",
        )
