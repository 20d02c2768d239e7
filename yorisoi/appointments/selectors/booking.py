"""Reads the booking pages need: whom to book for, one appointment and its history, places and rooms."""

import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from yorisoi.appointments.models import Appointment, AppointmentStatus
from yorisoi.appointments.selectors.calendar import scoped_appointments
from yorisoi.cases.models import Case, Inquiry, InquiryStatus
from yorisoi.programs.models import Place, Program, Room
from yorisoi.programs.permissions import Actor, person_scope, require_person_access
from yorisoi.programs.selectors import consultants_of


def consultants(program: Program):
    """Staff who hold sessions in ``program``: the one selector in ``yorisoi.programs``."""
    return consultants_of(program)


def places(program: Program) -> QuerySet[Place]:
    return Place.objects.filter(program=program, is_active=True).order_by("display_order", "id")


def rooms(program: Program) -> QuerySet[Room]:
    return (
        Room.objects.filter(place__program=program, place__is_active=True, is_active=True)
        .select_related("place")
        .order_by("place__display_order", "place_id", "display_order", "id")
    )


def rooms_of(place: Place) -> list[Room]:
    return list(place.rooms.filter(is_active=True).order_by("display_order", "id"))


def appointment_get(*, actor: Actor, appointment_id) -> Appointment:
    require_person_access(actor)
    return get_object_or_404(
        scoped_appointments(actor).select_related("replaces", "series", "follow_up"), public_id=appointment_id
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


def initial_consultation_day(inquiry: Inquiry) -> datetime.date | None:
    """The day the inquiry's initial consultation was held (実施), for the case's registration date."""
    held = (
        Appointment.objects.filter(
            program_id=inquiry.program_id, inquiry=inquiry, status=AppointmentStatus.HELD
        )
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localtime(held).date() if held else None
