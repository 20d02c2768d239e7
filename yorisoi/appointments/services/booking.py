"""Booking and rescheduling: lock, ask the one rule, write, audit — in one transaction.

Booking locks the calendar rows of the staff involved and the place (when it has rooms) before it
loads what the rule needs, so two people booking the same slot at once cannot both succeed.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from yorisoi.appointments.availability import ROOM_KINDS, BookingSlot, Verdict, judge, load
from yorisoi.appointments.availability.clock import local_day
from yorisoi.appointments.models import Appointment, AppointmentStatus, StaffCalendar
from yorisoi.appointments.services.status import locked, set_status
from yorisoi.audit.services import audit_record
from yorisoi.cases.models import InquiryStatus
from yorisoi.cases.services import inquiry_set_status
from yorisoi.programs.models import Membership, Place
from yorisoi.programs.permissions import CONSULTANT_ROLES, CrossProgramError, ensure_same_program, user_of


def ensure_staff_of(program, *users) -> None:
    """Raise unless every given user (None is skipped) is a consultant of ``program``."""
    ids = {u.pk for u in users if u is not None}
    members = set(
        Membership.objects.filter(
            program=program, user_id__in=ids, is_active=True, role__in=CONSULTANT_ROLES
        ).values_list("user_id", flat=True)
    )
    if ids - members:
        raise CrossProgramError("staff is not a consultant of this program")


def _lock(slot: BookingSlot) -> None:
    """Take the staff members' calendar rows (in id order, so two bookings never deadlock), then the place."""
    user_ids = sorted({u.pk for u in slot.staff_list})
    for user_id in user_ids:
        try:
            with transaction.atomic():
                StaffCalendar.objects.get_or_create(user_id=user_id)
        except IntegrityError:
            pass  # created by a concurrent booking a moment ago: lock it below
    list(StaffCalendar.objects.select_for_update().filter(user_id__in=user_ids).order_by("user_id"))
    if slot.place.kind in ROOM_KINDS:
        list(Place.objects.select_for_update().filter(pk=slot.place.pk))


def decide(program, slot: BookingSlot, *, now=None, exclude_pk=None) -> Verdict:
    """Lock, load the day's data and ask the rule; call inside a transaction."""
    _lock(slot)
    snap = load(
        program,
        staff_ids=[u.pk for u in slot.staff_list],
        places=[slot.place],
        first=local_day(slot.starts_at),
        last=local_day(max(slot.starts_at, slot.ends_at)),
        exclude_pk=exclude_pk,
    )
    return judge(slot, snap, now or timezone.now())


@transaction.atomic
def appointment_book(
    *,
    program,
    actor,
    slot: BookingSlot,
    case=None,
    inquiry=None,
    series=None,
    replaces=None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Book ``slot`` for a case or an inquiry; a refusal raises ``BookingError`` naming its reason."""
    if (case is None) == (inquiry is None):
        raise ValueError("an appointment belongs to exactly one case or inquiry")
    ensure_same_program(program.pk, case, inquiry, slot.place, series, replaces)
    ensure_staff_of(program, *slot.staff_list)
    verdict = decide(program, slot, now=now)
    if verdict.refusal:
        raise verdict.refusal
    appointment = Appointment.objects.create(
        program=program,
        kind=slot.kind,
        case=case,
        inquiry=inquiry,
        place=slot.place,
        room=verdict.room,
        staff=slot.staff,
        second_staff=slot.second_staff,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        outside_hours_reason=verdict.outside_hours_reason,
        note=slot.note,
        remind_by_email=slot.remind_by_email,
        series=series,
        replaces=replaces,
        created_by=user_of(actor),
    )
    appointment.warnings = verdict.warnings  # for the page that made the booking: not stored
    audit_record(
        actor=actor,
        action="appointment.create",
        target=appointment,
        data={
            "kind": slot.kind,
            "starts_at": slot.starts_at.isoformat(),
            "outside_hours": bool(verdict.outside_hours_reason),
            "room": verdict.room.pk if verdict.room else None,
        },
    )
    if inquiry is not None and inquiry.status == InquiryStatus.NEW:
        inquiry_set_status(inquiry=inquiry, status=InquiryStatus.BOOKED, actor=actor)
    return appointment


@transaction.atomic
def appointment_reschedule(
    *, appointment: Appointment, actor, slot: BookingSlot, reason: str = "", now=None
) -> Appointment:
    """Move an appointment: it becomes 変更 and a new appointment replaces it (the history stays)."""
    old = locked(appointment)
    set_status(old, AppointmentStatus.RESCHEDULED, reason)
    audit_record(actor=actor, action="appointment.reschedule", target=old, data={"reason": reason})
    return appointment_book(
        program=old.program,
        actor=actor,
        slot=slot.moved(kind=old.kind),
        case=old.case,
        inquiry=old.inquiry,
        series=old.series,
        replaces=old,
        now=now,
    )
