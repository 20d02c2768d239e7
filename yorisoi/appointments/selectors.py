"""Every read the calendar pages need: scoped to the actor's program, bounded by dates, related rows
fetched up front so a page costs the same number of queries however many appointments it shows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from yorisoi.accounts.models import User
from yorisoi.appointments import availability
from yorisoi.appointments.models import (
    BUSY_STATUSES,
    Appointment,
    AppointmentStatus,
    FollowUpTask,
    RecurringSeries,
    StaffAbsence,
    StaffCalendar,
    StaffWorkday,
)
from yorisoi.cases.models import Case, Inquiry, InquiryStatus
from yorisoi.cases.selectors import TimelineEntry
from yorisoi.programs.calendar import closed_reason_on, closures_between, hours_on
from yorisoi.programs.models import Closure, Membership, Place, Program, Role
from yorisoi.programs.permissions import PERSON_DATA_ROLES, Actor, person_scope, require_person_access

RELATED = ("case__client", "inquiry", "place", "staff", "second_staff")


def _appointments(actor: Actor) -> QuerySet[Appointment]:
    return person_scope(Appointment.objects.all(), actor).select_related(*RELATED)


def _day_bounds(first: datetime.date, last: datetime.date):
    return availability.at(first, datetime.time.min), availability.at(
        last + datetime.timedelta(days=1), datetime.time.min
    )


def appointments_between(
    *,
    actor: Actor,
    first: datetime.date,
    last: datetime.date,
    staff_id: int | None = None,
    mine: bool = False,
) -> list[Appointment]:
    """The program's appointments from ``first`` to ``last`` (inclusive), by start time."""
    require_person_access(actor)
    start, end = _day_bounds(first, last)
    qs = _appointments(actor).filter(starts_at__gte=start, starts_at__lt=end)
    if mine:
        staff_id = actor.user.pk
    if staff_id:
        qs = qs.filter(Q(staff_id=staff_id) | Q(second_staff_id=staff_id))
    return list(qs.order_by("starts_at", "id"))


def appointment_get(*, actor: Actor, appointment_id) -> Appointment:
    require_person_access(actor)
    return get_object_or_404(
        _appointments(actor).select_related("replaces", "series", "follow_up"), public_id=appointment_id
    )


def appointment_history(*, appointment: Appointment) -> list[Appointment]:
    """The appointment and the ones it replaced / that replaced it, oldest first (a short chain)."""
    chain, current = [appointment], appointment
    while current.replaces_id and len(chain) < 20:
        current = Appointment.objects.select_related("place", "staff").get(pk=current.replaces_id)
        chain.insert(0, current)
    current = appointment
    while len(chain) < 20:
        nxt = Appointment.objects.select_related("place", "staff").filter(replaces=current).first()
        if nxt is None:
            break
        chain.append(nxt)
        current = nxt
    return chain


@dataclass
class CalendarDay:
    day: datetime.date
    closed_reason: str | None
    hours: list
    appointments: list = field(default_factory=list)
    regular_day_off: bool = False  # closed only because the program does not open on this weekday

    @property
    def booked_count(self) -> int:
        return sum(1 for a in self.appointments if a.status in BUSY_STATUSES)


def calendar_days(
    *,
    actor: Actor,
    first: datetime.date,
    last: datetime.date,
    staff_id: int | None = None,
    mine: bool = False,
) -> list[CalendarDay]:
    """Each day from ``first`` to ``last`` with its hours or why it is closed, and its appointments."""
    program = availability.with_hours(actor.program)
    closures = closures_between(program, first, last)
    by_day: dict[datetime.date, list] = {}
    for appointment in appointments_between(
        actor=actor, first=first, last=last, staff_id=staff_id, mine=mine
    ):
        by_day.setdefault(timezone.localtime(appointment.starts_at).date(), []).append(appointment)
    days, day = [], first
    while day <= last:
        special = closed_reason_on(program, day, closures)
        hours = hours_on(program, day)
        days.append(
            CalendarDay(
                day,
                special or availability.day_closed_reason(program, day, closures),
                hours,
                by_day.get(day, []),
                regular_day_off=special is None and not hours,
            )
        )
        day += datetime.timedelta(days=1)
    return days


def open_inquiries(*, actor: Actor, limit: int = 50) -> list[Inquiry]:
    """Inquiries waiting for an initial consultation (no case yet), urgent first, oldest first."""
    require_person_access(actor)
    return list(
        person_scope(Inquiry.objects.all(), actor)
        .filter(case__isnull=True, status__in=[InquiryStatus.NEW, InquiryStatus.BOOKED])
        .order_by("-is_urgent", "received_at", "id")[:limit]
    )


def inquiry_for_booking(*, actor: Actor, inquiry_id) -> Inquiry:
    require_person_access(actor)
    return get_object_or_404(person_scope(Inquiry.objects.all(), actor), public_id=inquiry_id)


def case_for_booking(*, actor: Actor, case_id) -> Case:
    """The case a session is booked for: its label and name only (clerks book too)."""
    require_person_access(actor)
    return get_object_or_404(
        person_scope(Case.objects.all(), actor).select_related("client"), public_id=case_id
    )


def case_by_number(*, actor: Actor, number: int) -> Case | None:
    require_person_access(actor)
    return person_scope(Case.objects.all(), actor).filter(number=number).first()


def upcoming_for(
    *, case: Case | None = None, inquiry: Inquiry | None = None, limit: int = 10
) -> list[Appointment]:
    row = case or inquiry
    qs = Appointment.objects.filter(program_id=row.program_id).select_related(
        "place", "staff", "second_staff"
    )
    qs = qs.filter(case=case) if case is not None else qs.filter(inquiry=inquiry)
    since = timezone.now() - datetime.timedelta(days=1)
    return list(qs.filter(starts_at__gte=since).order_by("starts_at", "id")[:limit])


def consultants(program: Program) -> QuerySet[User]:
    """Staff who hold sessions in ``program``: its managers and counselors."""
    return (
        User.objects.filter(
            memberships__program=program,
            memberships__is_active=True,
            memberships__role__in=[Role.MANAGER, Role.COUNSELOR],
        )
        .distinct()
        .order_by("username")
    )


def places(program: Program) -> QuerySet[Place]:
    return Place.objects.filter(program=program, is_active=True).order_by("display_order", "id")


def follow_ups_open(*, actor: Actor, mine: bool = True) -> list[FollowUpTask]:
    require_person_access(actor)
    qs = person_scope(FollowUpTask.objects.all(), actor).filter(done_at__isnull=True)
    if mine:
        qs = qs.filter(assigned_to=actor.user)
    return list(
        qs.select_related("appointment__case__client", "appointment__inquiry", "appointment__place").order_by(
            "due_on", "id"
        )[:50]
    )


def follow_up_get(*, actor: Actor, task_id) -> FollowUpTask:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(FollowUpTask.objects.all(), actor).select_related("appointment"), public_id=task_id
    )


def series_get(*, actor: Actor, series_id) -> RecurringSeries:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(RecurringSeries.objects.all(), actor).select_related(
            "case__client", "place", "staff", "second_staff"
        ),
        public_id=series_id,
    )


def series_occurrences(*, series: RecurringSeries) -> list[Appointment]:
    return list(
        Appointment.objects.filter(program_id=series.program_id, series=series)
        .select_related("place", "staff", "second_staff")
        .order_by("starts_at", "id")
    )


def closures_upcoming(*, program: Program, today: datetime.date) -> list[Closure]:
    return list(Closure.objects.filter(program=program, date__gte=today).order_by("date"))


def closure_get(*, actor: Actor, closure_id: int) -> Closure:
    return get_object_or_404(Closure.objects.filter(program=actor.program), pk=closure_id)


def workdays(*, program: Program) -> list[StaffWorkday]:
    return list(
        StaffWorkday.objects.filter(program=program).select_related("user").order_by("user", "weekday")
    )


def workday_get(*, actor: Actor, workday_id: int) -> StaffWorkday:
    return get_object_or_404(StaffWorkday.objects.filter(program=actor.program), pk=workday_id)


def absences(*, program: Program, today: datetime.date) -> list[StaffAbsence]:
    staff_ids = consultants(program).values("pk")
    return list(
        StaffAbsence.objects.filter(user_id__in=staff_ids, ends_on__gte=today)
        .filter(Q(program__isnull=True) | Q(program=program))
        .select_related("user", "program")
        .order_by("starts_on", "id")
    )


def absence_get(*, actor: Actor, absence_id: int) -> StaffAbsence:
    """An absence of a staff member of the actor's program (their own-program or all-program rows)."""
    staff_ids = consultants(actor.program).values("pk")
    return get_object_or_404(
        StaffAbsence.objects.filter(user_id__in=staff_ids).filter(
            Q(program__isnull=True) | Q(program=actor.program)
        ),
        pk=absence_id,
    )


def staff_calendar(*, user) -> StaffCalendar | None:
    return StaffCalendar.objects.filter(user=user).first()


# --- the private calendar feed (outside login: the token is the key) -----------------------------------

FEED_PAST_DAYS = 31
FEED_FUTURE_DAYS = 183


def feed_owner(*, token_hash: str):
    """The staff member whose feed this is, or None for an unknown or revoked token."""
    calendar = StaffCalendar.objects.filter(feed_token_hash=token_hash).select_related("user").first()
    if calendar is None or not calendar.user.is_active:
        return None
    return calendar.user


def feed_appointments(*, user) -> tuple[list[Appointment], list[Program]]:
    """The staff member's own appointments in every program where they may still see persons.

    Runs outside any request scope (the feed has no session), so the program filter is explicit:
    a membership ended or turned into a role without person data drops that program from the feed.
    """
    programs = [
        m.program
        for m in Membership.objects.filter(
            user=user, is_active=True, role__in=PERSON_DATA_ROLES
        ).select_related("program")
    ]
    now = timezone.now()
    with scopes_disabled():
        rows = list(
            Appointment.objects.filter(
                program__in=[p.pk for p in programs],
                starts_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS),
                starts_at__lt=now + datetime.timedelta(days=FEED_FUTURE_DAYS),
                status__in=[*BUSY_STATUSES, AppointmentStatus.CANCELLED],
            )
            .filter(Q(staff=user) | Q(second_staff=user))
            .select_related("case", "place", "program")
            .order_by("starts_at", "id")
        )
    return rows, programs


def timeline_entries(case: Case, limit: int) -> list[TimelineEntry]:
    """The case's past appointments that were held, cancelled or missed, for the case timeline."""
    rows = (
        Appointment.objects.filter(program_id=case.program_id, case=case, starts_at__lte=timezone.now())
        .exclude(status=AppointmentStatus.RESCHEDULED)
        .select_related("staff")
        .order_by("-starts_at", "-id")[:limit]
    )
    return [
        TimelineEntry(
            timezone.localtime(a.starts_at).date(),
            "appointment",
            _("予約（%(kind)s %(time)s）：%(status)s")
            % {
                "kind": a.get_kind_display(),
                "time": f"{timezone.localtime(a.starts_at):%H:%M}",
                "status": a.get_status_display(),
            },
            by=a.staff.name_for_display,
            url=a.get_absolute_url(),
            at=a.starts_at,
        )
        for a in rows
    ]
