"""What becomes of an appointment: held, cancelled, missed — and where holding leads next.

Nothing is marked held before it happens: 実施 only from its start, 連絡なし欠席 only once it began.
"""

import datetime
from urllib.parse import urlencode

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.appointments.availability.clock import when
from yorisoi.appointments.models import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    FollowUpTask,
)
from yorisoi.appointments.services.status import locked, set_status
from yorisoi.appointments.transitions import TransitionNotAllowed, ensure_transition
from yorisoi.audit.services import audit_record
from yorisoi.programs.models import PlaceKind
from yorisoi.programs.permissions import user_of


def _ensure_started(appointment: Appointment, status: str) -> None:
    """Refuse 実施 / 連絡なし欠席 before the session's start, kindly and with the time."""
    ensure_transition(appointment.status, status)  # a final status says so first
    if timezone.now() < appointment.starts_at:
        raise TransitionNotAllowed(
            _("この予約はまだ始まっていません（開始：%(start)s）。「%(to)s」にできるのは開始時刻のあとです。")
            % {"start": when(appointment.starts_at), "to": AppointmentStatus(status).label}
        )


@transaction.atomic
def appointment_hold(*, appointment: Appointment, actor) -> Appointment:
    """The session took place (実施); the consultation record is written next."""
    row = locked(appointment)
    _ensure_started(row, AppointmentStatus.HELD)
    set_status(row, AppointmentStatus.HELD)
    audit_record(actor=actor, action="appointment.hold", target=row)
    return row


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, actor, reason: str = "") -> Appointment:
    row = locked(appointment)
    set_status(row, AppointmentStatus.CANCELLED, reason)
    audit_record(actor=actor, action="appointment.cancel", target=row, data={"reason": reason})
    return row


@transaction.atomic
def appointment_no_show(*, appointment: Appointment, actor) -> FollowUpTask:
    """Nobody came and nobody called: no penalty, only a gentle reminder to get back in touch."""
    row = locked(appointment)
    _ensure_started(row, AppointmentStatus.NO_SHOW)
    set_status(row, AppointmentStatus.NO_SHOW)
    audit_record(actor=actor, action="appointment.no_show", target=row)
    task = FollowUpTask.objects.create(
        program_id=row.program_id,
        appointment=row,
        assigned_to=row.staff,
        due_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    audit_record(actor=actor, action="follow_up.create", target=task)
    return task


@transaction.atomic
def follow_up_done(*, task: FollowUpTask, actor) -> FollowUpTask:
    if task.done_at is None:
        task.done_at, task.done_by = timezone.now(), user_of(actor)
        task.save(update_fields=["done_at", "done_by"])
        audit_record(actor=actor, action="follow_up.done", target=task)
    return task


KIND_MODES = {
    AppointmentKind.HOME_VISIT: "home_visit",
    AppointmentKind.ACCOMPANIMENT: "accompaniment",
    AppointmentKind.CASE_MEETING: "case_meeting",
    AppointmentKind.PHONE: "phone",
}
PLACE_MODES = {
    PlaceKind.CENTER: "center_visit",
    PlaceKind.HEALTH_WELFARE_CENTER: "health_center",
    PlaceKind.CITY_HALL_DESK: "city_hall",
    PlaceKind.HOME: "home_visit",
}


def consultation_mode_for(appointment: Appointment) -> str:
    """The consultation record's mode (ConsultationMode value) for this appointment."""
    return KIND_MODES.get(appointment.kind) or PLACE_MODES.get(appointment.place.kind, "center_visit")


def record_prefill(appointment: Appointment) -> dict[str, str]:
    start, end = timezone.localtime(appointment.starts_at), timezone.localtime(appointment.ends_at)
    params = {
        "date": f"{start:%Y-%m-%d}",
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "mode": consultation_mode_for(appointment),
        "place": str(appointment.place_id),
        "staff": str(appointment.staff_id),
    }
    if appointment.second_staff_id:
        params["second_staff"] = str(appointment.second_staff_id)
    return params


def record_url_for(appointment: Appointment) -> tuple[str, bool]:
    """Where holding leads, and whether that page exists yet.

    A case: the new consultation record, prefilled. An inquiry (an initial consultation before
    any case exists): the registration of the case from that inquiry, dated on the consultation's day.
    """
    if appointment.case_id is None:
        url = reverse("cases:register_from_inquiry", kwargs={"inquiry_id": appointment.inquiry.public_id})
        return url, True
    query = "?" + urlencode(record_prefill(appointment))
    try:
        return reverse(
            "consultations:record_new", kwargs={"case_id": appointment.case.public_id}
        ) + query, True
    except NoReverseMatch:  # the record page is not there yet: the case page, with the same details
        return appointment.case.get_absolute_url() + query, False
