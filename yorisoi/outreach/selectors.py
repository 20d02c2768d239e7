"""Every read of events, registrations, attendance and supporters: scoped, related rows up front.

The public reads only published events (never a registrant); staff reads go through
``person_scope``; the count functions at the end are what the city reports call.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from yorisoi.outreach.models import (
    Attendance,
    Category,
    EventKind,
    EventSession,
    EventStatus,
    OutreachEvent,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    Supporter,
)
from yorisoi.programs.models import Program
from yorisoi.programs.permissions import Actor, person_scope, require_person_access

ADVANCE_SEAT = Q(registrations__status=RegistrationStatus.CONFIRMED) & ~Q(
    registrations__channel=RegistrationChannel.WALK_IN
)


def _with_dates_and_seats(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        first_starts_at=Min("sessions__starts_at"),
        seats_taken=Count("registrations", filter=ADVANCE_SEAT, distinct=True),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING), distinct=True
        ),
    )


def _day_bounds(
    start_date: datetime.date, end_date: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """From the first moment of ``start_date`` to just before ``end_date + 1``, in local time."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(start_date, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


# --- the public site -------------------------------------------------------------------------------


def upcoming_public_events(*, program: Program | None = None, limit: int = 10) -> list[OutreachEvent]:
    """Published events whose first session is still ahead, soonest first (one program's or all)."""
    qs = OutreachEvent.objects.filter(status=EventStatus.PUBLISHED).select_related("program")
    if program is not None:
        qs = qs.filter(program=program)
    qs = _with_dates_and_seats(qs).filter(first_starts_at__gt=timezone.now())
    return list(qs.order_by("first_starts_at", "id")[:limit])


def public_event_get(*, event_id) -> OutreachEvent:
    """A published (or cancelled, to say so) event with its sessions; a draft is a missing page."""
    qs = OutreachEvent.objects.exclude(status=EventStatus.DRAFT).select_related("program")
    event = get_object_or_404(_with_dates_and_seats(qs), public_id=event_id)
    event.session_list = list(event.sessions.order_by("starts_at", "id"))
    return event


# --- staff: events ---------------------------------------------------------------------------------


def event_list(*, actor: Actor, kind: str = "", status: str = "", when: str = "") -> QuerySet[OutreachEvent]:
    """The program's events with first date and seats; ``when``: "upcoming" or "past"."""
    qs = _with_dates_and_seats(person_scope(OutreachEvent.objects.all(), actor))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    now = timezone.now()
    if when == "upcoming":
        return qs.filter(first_starts_at__gte=now).order_by("first_starts_at", "id")
    if when == "past":
        return qs.filter(first_starts_at__lt=now).order_by("-first_starts_at", "-id")
    return qs.order_by("-first_starts_at", "-id")


def event_get(*, actor: Actor, event_id) -> OutreachEvent:
    require_person_access(actor)
    qs = person_scope(OutreachEvent.objects.select_related("staff_in_charge"), actor)
    event = get_object_or_404(_with_dates_and_seats(qs), public_id=event_id)
    event.session_list = list(
        event.sessions.annotate(attended=Count("attendances")).order_by("starts_at", "id")
    )
    return event


def session_get(*, actor: Actor, session_id) -> EventSession:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(EventSession.objects.select_related("event"), actor), public_id=session_id
    )


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    confirmed: int
    waiting: int
    attended: int
    walk_ins: int


def event_counts(*, event: OutreachEvent) -> list[CategoryCount]:
    """Per category: confirmed, waiting, attended at least once (walk-ins included), walk-ins. No names."""
    attended = Exists(Attendance.objects.filter(registration=OuterRef("pk")))
    rows = (
        Registration.objects.filter(program_id=event.program_id, event=event)
        .values("category")
        .annotate(
            confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
            attended=Count("id", filter=Q(attended, status=RegistrationStatus.CONFIRMED)),
            walk_ins=Count("id", filter=Q(channel=RegistrationChannel.WALK_IN)),
        )
    )
    by_category = {row["category"]: row for row in rows}
    empty = {"confirmed": 0, "waiting": 0, "attended": 0, "walk_ins": 0}
    return [
        CategoryCount(value, str(label), **{k: by_category.get(value, empty)[k] for k in empty})
        for value, label in Category.choices
    ]


# --- staff: registrations --------------------------------------------------------------------------


def registration_list(
    *, actor: Actor, event: OutreachEvent, status: str = "", category: str = "", promoted_untold: bool = False
) -> QuerySet[Registration]:
    """One event's registrations, in number order, each with how many sessions they attended."""
    require_person_access(actor)
    qs = person_scope(Registration.objects.all(), actor).filter(event=event)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if promoted_untold:
        qs = qs.filter(
            promoted_at__isnull=False, promotion_told_at__isnull=True, status=RegistrationStatus.CONFIRMED
        )
    return qs.annotate(attended=Count("attendances")).order_by("number")


def registration_get(*, actor: Actor, registration_id) -> Registration:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(Registration.objects.select_related("event", "case"), actor), public_id=registration_id
    )


def sign_in_rows(*, actor: Actor, session: EventSession) -> list[Registration]:
    """Everyone expected at ``session`` (confirmed), in number order, each with ``present``."""
    require_person_access(actor)
    present = Exists(Attendance.objects.filter(registration=OuterRef("pk"), session=session))
    qs = person_scope(Registration.objects.all(), actor).filter(
        event_id=session.event_id, status=RegistrationStatus.CONFIRMED
    )
    return list(qs.annotate(present=present).order_by("number"))


def event_attendance_grid(*, actor: Actor, event: OutreachEvent) -> tuple[list[EventSession], list[tuple]]:
    """For the export: sessions, and per registration the set of sessions attended."""
    require_person_access(actor)
    sessions = list(event.sessions.order_by("starts_at", "id"))
    registrations = list(
        person_scope(Registration.objects.all(), actor).filter(event=event).order_by("number")
    )
    attended: dict[int, set[int]] = {}
    for reg_id, session_id in Attendance.objects.filter(
        program_id=event.program_id, registration__event=event
    ).values_list("registration_id", "session_id"):
        attended.setdefault(reg_id, set()).add(session_id)
    return sessions, [(r, attended.get(r.pk, set())) for r in registrations]


# --- staff: supporters -----------------------------------------------------------------------------


def supporter_list(
    *, actor: Actor, contact_ok: bool = False, include_withdrawn: bool = False
) -> QuerySet[Supporter]:
    """The roster, newest completion first, each with the follow-up trainings attended since."""
    require_person_access(actor)
    qs = person_scope(Supporter.objects.select_related("training", "training__event"), actor)
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    if contact_ok:
        qs = qs.filter(agrees_to_contact=True)
    # Follow-up registrations are linked only to an existing supporter, so every one is "since".
    follow_ups = Count("follow_ups", filter=Q(follow_ups__attendances__isnull=False), distinct=True)
    return qs.annotate(follow_ups_attended=follow_ups).order_by("-completed_on", "-id")


def supporter_get(*, actor: Actor, supporter_id) -> Supporter:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(Supporter.objects.select_related("training", "training__event"), actor),
        public_id=supporter_id,
    )


def supporter_follow_ups(*, supporter: Supporter) -> list[Registration]:
    """Follow-up trainings this supporter registered for, with how many sessions they attended."""
    return list(
        Registration.objects.filter(program_id=supporter.program_id, as_supporter=supporter)
        .select_related("event")
        .annotate(attended=Count("attendances"))
        .order_by("created_at")
    )


# --- the program calendar --------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarItem:
    """One event session for the program calendar: no person data."""

    start: datetime.datetime
    end: datetime.datetime
    title: str
    url: str
    kind_label: str


def calendar_items(*, actor: Actor, start: datetime.datetime, end: datetime.datetime) -> list[CalendarItem]:
    """Sessions of the actor's program's events (drafts and published, not cancelled) in [start, end)."""
    sessions = (
        person_scope(EventSession.objects.all(), actor)
        .filter(starts_at__lt=end, ends_at__gt=start)
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event")
        .order_by("starts_at", "id")
    )
    return [
        CalendarItem(
            start=s.starts_at,
            end=s.ends_at,
            title=s.event.title,
            url=s.event.get_absolute_url(),
            kind_label=str(EventKind(s.event.kind).label),
        )
        for s in sessions
    ]


# --- counts for the city reports -------------------------------------------------------------------


def events_held_by_kind(
    program: Program, start_date: datetime.date, end_date: datetime.date
) -> dict[str, int]:
    """Events held, by kind: each published (not draft, not cancelled) event of ``program`` with at
    least one session starting on a day from ``start_date`` to ``end_date`` (both included, local
    time) counts once in that period, however many of its sessions fall in it. Every kind is a key.
    """
    start, end = _day_bounds(start_date, end_date)
    in_period = EventSession.objects.filter(event=OuterRef("pk"), starts_at__gte=start, starts_at__lt=end)
    rows = (
        OutreachEvent.objects.filter(program=program, status=EventStatus.PUBLISHED)
        .filter(Exists(in_period))
        .values("kind")
        .annotate(n=Count("id"))
    )
    counts = {kind: 0 for kind in EventKind.values}
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def attendances_by_category(
    program: Program, start_date: datetime.date, end_date: datetime.date
) -> dict[str, int]:
    """Participants (延べ人数), by category: one per person per session attended, for sessions of
    ``program``'s events (not cancelled) starting from ``start_date`` to ``end_date`` (both included).
    Walk-ins count like everyone else; a withdrawn supporter's attendance still counts; registrations
    nobody marked present do not. Every category is a key.
    """
    start, end = _day_bounds(start_date, end_date)
    rows = (
        Attendance.objects.with_scopes_disabled()
        .filter(program=program, session__starts_at__gte=start, session__starts_at__lt=end)
        .exclude(session__event__status=EventStatus.CANCELLED)
        .values("registration__category")
        .annotate(n=Count("id"))
    )
    counts = {category: 0 for category in Category.values}
    counts.update({row["registration__category"]: row["n"] for row in rows})
    return counts


def attendees_by_category(
    program: Program, start_date: datetime.date, end_date: datetime.date
) -> dict[str, int]:
    """Participants (実人数 per event), by category: one per registration marked present at least once
    at a session starting in the period (same sessions as ``attendances_by_category``). A person who
    attends two events counts twice (registrations are not matched across events). Every category is a key.
    """
    start, end = _day_bounds(start_date, end_date)
    rows = (
        Attendance.objects.with_scopes_disabled()
        .filter(program=program, session__starts_at__gte=start, session__starts_at__lt=end)
        .exclude(session__event__status=EventStatus.CANCELLED)
        .values("registration__category")
        .annotate(n=Count("registration", distinct=True))
    )
    counts = {category: 0 for category in Category.values}
    counts.update({row["registration__category"]: row["n"] for row in rows})
    return counts


def supporters_completed(program: Program, start_date: datetime.date, end_date: datetime.date) -> int:
    """Supporters trained: those of ``program`` who completed a サポーター養成研修 (attended every
    session) with the last session on a day from ``start_date`` to ``end_date`` (both included).
    Supporters who withdrew later still count: withdrawal removes details, not the fact.
    """
    return (
        Supporter.objects.with_scopes_disabled()
        .filter(program=program, completed_on__gte=start_date, completed_on__lte=end_date)
        .count()
    )
