"""Booking: whom for, the free slots beside the form, and one POST that books (or says why not)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.appointments import availability, selectors, services
from yorisoi.appointments.forms import (
    BookingForm,
    CaseNumberForm,
    RescheduleForm,
    SlotPickForm,
    SlotSearchForm,
)
from yorisoi.appointments.models import TRAVELLING_KINDS, AppointmentKind
from yorisoi.appointments.transitions import TransitionNotAllowed
from yorisoi.audit.shortcuts import render_logged
from yorisoi.programs.permissions import require_person_access

SEARCH_DAYS = 14
INQUIRY_KINDS = (AppointmentKind.INITIAL, AppointmentKind.PHONE, AppointmentKind.HOME_VISIT)


@login_required
def book_pick(request):
    """Whom to book for: an open inquiry (an initial consultation), or a case by its number."""
    require_person_access(request.actor)
    form = CaseNumberForm(request.GET)
    typed = request.GET.get("case_number", "").strip()
    number = form.number()
    case = selectors.case_by_number(actor=request.actor, number=number) if number is not None else None
    if case is not None:
        return redirect("appointments:book_for_case", case_id=case.public_id)
    inquiries = selectors.open_inquiries(actor=request.actor)
    context = {"nav": "calendar", "inquiries": inquiries, "case_number": typed[:40], "not_found": bool(typed)}
    return render_logged(
        request, "appointments/book_pick.html", context, action="inquiry.list", subjects=inquiries
    )


def _slot_search(request, program, default_kind):
    """The search form and the free slots it finds; its place defaults to the booking form's."""
    settings = availability.scheduling_settings(program)
    initial = {
        "kind": default_kind,
        "since": timezone.localdate(),
        "duration": settings.session_minutes,
        "place": selectors.places(program).first(),
    }
    search = SlotSearchForm(request.GET if "since" in request.GET else None, program=program, initial=initial)
    chosen = dict(initial, staff=None)
    if search.is_bound and search.is_valid():
        chosen.update({k: v for k, v in search.cleaned_data.items() if v not in (None, "")})
    days = availability.free_slots(
        program,
        staff=[chosen["staff"]] if chosen["staff"] else list(selectors.consultants(program)),
        first=chosen["since"],
        days=SEARCH_DAYS,
        kind=chosen["kind"],
        duration_minutes=chosen["duration"],
        place=chosen["place"],
    )
    kept = {"kind": chosen["kind"], "since": chosen["since"].isoformat(), "duration": chosen["duration"]}
    kept.update({"place": chosen["place"].pk} if chosen["place"] else {})
    kept.update({"staff": chosen["staff"].pk} if chosen["staff"] else {})
    return {
        "search": search,
        "slot_days": days,
        "slot_kind": chosen["kind"],
        "settings": settings,
        "search_query": urlencode(kept) + "&",
        "travelling": chosen["kind"] in TRAVELLING_KINDS,
        "search_place": chosen["place"],
        "search_rooms": selectors.rooms_of(chosen["place"]) if chosen["place"] else [],
    }


def _initial(request, program, *, default_kind, inquiry=None, appointment=None) -> dict:
    initial = {"kind": default_kind, "staff": request.actor.user.pk}
    first_place = selectors.places(program).first()
    initial["place"] = first_place.pk if first_place else None
    if inquiry is not None and inquiry.is_urgent:
        initial["is_emergency"] = True  # an urgent inquiry skips the queue: the urgent option is on
    if appointment is not None:
        start, end = timezone.localtime(appointment.starts_at), timezone.localtime(appointment.ends_at)
        initial.update(
            date=start.date(),
            start=start.time(),
            end=end.time(),
            place=appointment.place_id,
            room=appointment.room_id,
            staff=appointment.staff_id,
            second_staff=appointment.second_staff_id,
            note=appointment.note,
            remind_by_email=appointment.remind_by_email,
        )
    initial.update(SlotPickForm(request.GET, program=program).initial_values())
    return initial


def _book(request, form, *, case, inquiry, appointment):
    """Book (or reschedule) what the valid form asks; None with the reason on the form if refused."""
    try:
        if appointment is not None:
            return services.appointment_reschedule(
                appointment=appointment,
                actor=request.actor,
                slot=form.slot(kind=appointment.kind),
                reason=form.cleaned_data["reason"],
            )
        return services.appointment_book(
            program=request.actor.program, actor=request.actor, slot=form.slot(), case=case, inquiry=inquiry
        )
    except services.BookingError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    except TransitionNotAllowed as error:
        form.add_error(None, error.message)
    return None


def _booked(request, booked, rescheduled: bool):
    messages.success(request, _("予約を変更しました。") if rescheduled else _("予約を入れました。"))
    if booked.room_id:
        messages.info(request, _("部屋：%(room)s") % {"room": booked.room.name})
    for warning in getattr(booked, "warnings", []):
        messages.warning(request, warning)
    if booked.outside_hours_reason:
        messages.warning(
            request,
            _("受付時間外・休業日の予約です（理由：%(reason)s）。") % {"reason": booked.outside_hours_reason},
        )
    return redirect(booked.get_absolute_url())


def _booking_page(request, *, case=None, inquiry=None, appointment=None):
    program = request.actor.program
    kinds = INQUIRY_KINDS if inquiry is not None else None
    default_kind = (
        appointment.kind
        if appointment
        else (AppointmentKind.INITIAL if inquiry else AppointmentKind.CONTINUING)
    )
    form_class = RescheduleForm if appointment else BookingForm
    if request.method == "POST":
        form = form_class(request.POST, program=program, kinds=kinds)
        booked = (
            _book(request, form, case=case, inquiry=inquiry, appointment=appointment)
            if form.is_valid()
            else None
        )
        if booked is not None:  # redirect at once: no slot search on a POST that succeeds
            return _booked(request, booked, rescheduled=appointment is not None)
    else:
        initial = _initial(
            request, program, default_kind=default_kind, inquiry=inquiry, appointment=appointment
        )
        form = form_class(program=program, kinds=kinds, initial=initial)
    context = {"nav": "calendar", "case": case, "inquiry": inquiry, "appointment": appointment, "form": form}
    context.update(_slot_search(request, program, default_kind))
    return render_logged(
        request, "appointments/book.html", context, action="booking.view", target=case or inquiry
    )


@login_required
def book_for_inquiry(request, inquiry_id):
    inquiry = selectors.inquiry_for_booking(actor=request.actor, inquiry_id=inquiry_id)
    return _booking_page(request, inquiry=inquiry)


@login_required
def book_for_case(request, case_id):
    case = selectors.case_for_booking(actor=request.actor, case_id=case_id)
    return _booking_page(request, case=case)


@login_required
def reschedule(request, appointment_id):
    appointment = selectors.appointment_get(actor=request.actor, appointment_id=appointment_id)
    if not appointment.is_open:
        status = appointment.get_status_display()
        messages.error(request, _("この予約は「%(s)s」のため変更できません。") % {"s": status})
        return redirect(appointment.get_absolute_url())
    return _booking_page(request, case=appointment.case, inquiry=appointment.inquiry, appointment=appointment)
