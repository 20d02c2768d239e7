"""Every write of the calendar: appointments, recurring sessions, closures, staff schedules, feeds.

Atomic, audited in the same transaction, one program at a time. Booking locks the calendar rows
of the staff involved (and the room) before it checks for overlaps, so two people booking the same
slot at once cannot both succeed.
"""

import datetime
import hashlib
import secrets
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.accounts.security_events import security_event_record
from yorisoi.appointments import availability
from yorisoi.appointments.models import (
    TRAVELLING_KINDS,
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    FollowUpTask,
    RecurringSeries,
    SchedulingSettings,
    StaffAbsence,
    StaffCalendar,
    StaffWorkday,
)
from yorisoi.appointments.transitions import ensure_transition
from yorisoi.audit.services import audit_record
from yorisoi.cases.models import InquiryStatus
from yorisoi.cases.services import inquiry_set_status
from yorisoi.programs.models import Closure, Membership, Place, PlaceKind, Role
from yorisoi.programs.permissions import CrossProgramError, ensure_same_program, user_of


class BookingError(Exception):
    """A booking that cannot be made as asked; ``message`` is plain Japanese for the form."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


class ConflictError(BookingError):
    """The staff member or the room already has an appointment at that time."""


BOOKING_ROLES = (Role.MANAGER, Role.COUNSELOR)


def _ensure_staff_of(program, *users) -> None:
    ids = {u.pk for u in users if u is not None}
    members = set(
        Membership.objects.filter(
            program=program, user_id__in=ids, is_active=True, role__in=BOOKING_ROLES
        ).values_list("user_id", flat=True)
    )
    if ids - members:
        raise CrossProgramError("staff is not a consultant of this program")


def _lock_calendars(user_ids) -> None:
    """Take the staff members' calendar rows, in id order so two bookings never deadlock."""
    for user_id in sorted(set(user_ids)):
        try:
            with transaction.atomic():
                StaffCalendar.objects.get_or_create(user_id=user_id)
        except IntegrityError:
            pass  # created by a concurrent booking a moment ago: lock it below
    list(StaffCalendar.objects.select_for_update().filter(user_id__in=user_ids).order_by("user_id"))


def _when(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local:%m月%d日 %H:%M}"


def _check_booking(
    *,
    program,
    kind,
    place,
    staff,
    second_staff,
    starts_at,
    ends_at,
    outside_hours_reason: str,
    is_emergency: bool,
    now,
    exclude_pk=None,
) -> str:
    """Refuse what cannot be booked; return the outside-hours reason to keep on the row."""
    if ends_at <= starts_at:
        raise BookingError(_("終了時刻が開始時刻より前（または同じ）になっています。"), "end")
    if starts_at < now:
        raise BookingError(_("過去の日時には予約できません。日付と時刻をお確かめください。"), "date")
    if second_staff is not None and second_staff.pk == staff.pk:
        raise BookingError(
            _("担当職員と同じ職員です。別の職員を選ぶか、空欄にしてください。"), "second_staff"
        )

    why_outside = availability.outside_hours_reason(program, starts_at, ends_at)
    if why_outside is None and availability.outside_workday(
        program=program, user=staff, starts_at=starts_at, ends_at=ends_at
    ):
        why_outside = _("%(name)sさんの勤務時間の外です") % {"name": staff.name_for_display}
    if why_outside:
        if not (kind in TRAVELLING_KINDS or is_emergency):
            raise BookingError(
                _("%(why)s。受付時間外・休業日に入れられるのは、訪問・同行か緊急のときだけです。")
                % {"why": why_outside},
                "date",
            )
        if not outside_hours_reason.strip():
            raise BookingError(
                _("%(why)s。受付時間外・休業日に入れる理由を書いてください。") % {"why": why_outside},
                "outside_hours_reason",
            )

    day = timezone.localtime(starts_at).date()
    for user in (staff, second_staff):
        if user is None:
            continue
        absence = availability.staff_absence_on(program=program, user=user, day=day)
        if absence:
            raise BookingError(
                _("%(name)sさんはこの日は不在です（%(note)s）。別の日か別の職員を選んでください。")
                % {"name": user.name_for_display, "note": absence.note or _("不在")},
                "staff",
            )

    _lock_calendars([u.pk for u in (staff, second_staff) if u is not None])
    if place.kind in availability.ROOM_KINDS:
        list(Place.objects.select_for_update().filter(pk=place.pk))

    clash = availability.staff_conflict(
        staff_ids=[u.pk for u in (staff, second_staff) if u is not None],
        starts_at=starts_at,
        ends_at=ends_at,
        exclude_pk=exclude_pk,
    )
    if clash:
        busy = staff if staff.pk in clash.staff_ids else second_staff
        where = (
            "" if clash.program_id == program.pk else _("（%(program)sの予定）") % {"program": clash.program}
        )
        raise ConflictError(
            _(
                "%(name)sさんは %(start)s〜%(end)s に別の予約が入っています%(where)s。"
                "別の時間を選んでください。"
            )
            % {
                "name": busy.name_for_display,
                "start": _when(clash.starts_at),
                "end": f"{timezone.localtime(clash.ends_at):%H:%M}",
                "where": where,
            }
        )
    room = availability.room_conflict(
        place=place, starts_at=starts_at, ends_at=ends_at, exclude_pk=exclude_pk
    )
    if room:
        raise ConflictError(
            _("%(place)sは %(start)s〜%(end)s に別の予約で使われています。別の時間か場所を選んでください。")
            % {
                "place": place.name,
                "start": _when(room.starts_at),
                "end": f"{timezone.localtime(room.ends_at):%H:%M}",
            }
        )
    return outside_hours_reason.strip() if why_outside else ""


@transaction.atomic
def appointment_book(
    *,
    program,
    actor,
    kind: str,
    place,
    staff,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    case=None,
    inquiry=None,
    second_staff=None,
    outside_hours_reason: str = "",
    is_emergency: bool = False,
    note: str = "",
    series=None,
    replaces=None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Book a session for a case or an inquiry; refuses overlaps, the past and closed hours."""
    if (case is None) == (inquiry is None):
        raise ValueError("an appointment belongs to exactly one case or inquiry")
    ensure_same_program(program.pk, case, inquiry, place, series, replaces)
    _ensure_staff_of(program, staff, second_staff)
    reason = _check_booking(
        program=program,
        kind=kind,
        place=place,
        staff=staff,
        second_staff=second_staff,
        starts_at=starts_at,
        ends_at=ends_at,
        outside_hours_reason=outside_hours_reason,
        is_emergency=is_emergency,
        now=now or timezone.now(),
    )
    appointment = Appointment.objects.create(
        program=program,
        kind=kind,
        case=case,
        inquiry=inquiry,
        place=place,
        staff=staff,
        second_staff=second_staff,
        starts_at=starts_at,
        ends_at=ends_at,
        outside_hours_reason=reason,
        note=note,
        series=series,
        replaces=replaces,
        created_by=user_of(actor),
    )
    audit_record(
        actor=actor,
        action="appointment.create",
        target=appointment,
        data={"kind": kind, "starts_at": starts_at.isoformat(), "outside_hours": bool(reason)},
    )
    if inquiry is not None and inquiry.status == InquiryStatus.NEW:
        inquiry_set_status(inquiry=inquiry, status=InquiryStatus.BOOKED, actor=actor)
    return appointment


def _set_status(appointment: Appointment, status: str, note: str = "") -> None:
    ensure_transition(appointment.status, status)
    appointment.status, appointment.status_note = status, note
    appointment.status_changed_at = timezone.now()
    appointment.save(update_fields=["status", "status_note", "status_changed_at", "updated_at"])


def _locked(appointment: Appointment) -> Appointment:
    return Appointment.objects.with_scopes_disabled().select_for_update().get(pk=appointment.pk)


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    actor,
    place,
    staff,
    starts_at,
    ends_at,
    second_staff=None,
    outside_hours_reason: str = "",
    is_emergency: bool = False,
    note: str = "",
    reason: str = "",
    now=None,
) -> Appointment:
    """Move an appointment: it becomes 変更 and a new appointment replaces it (the history stays)."""
    old = _locked(appointment)
    _set_status(old, AppointmentStatus.RESCHEDULED, reason)
    audit_record(actor=actor, action="appointment.reschedule", target=old, data={"reason": reason})
    return appointment_book(
        program=old.program,
        actor=actor,
        kind=old.kind,
        case=old.case,
        inquiry=old.inquiry,
        place=place,
        staff=staff,
        second_staff=second_staff,
        starts_at=starts_at,
        ends_at=ends_at,
        outside_hours_reason=outside_hours_reason,
        is_emergency=is_emergency,
        note=note,
        series=old.series,
        replaces=old,
        now=now,
    )


@transaction.atomic
def appointment_hold(*, appointment: Appointment, actor) -> Appointment:
    """The session took place (実施); the consultation record is written next."""
    locked = _locked(appointment)
    _set_status(locked, AppointmentStatus.HELD)
    audit_record(actor=actor, action="appointment.hold", target=locked)
    return locked


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, actor, reason: str = "") -> Appointment:
    locked = _locked(appointment)
    _set_status(locked, AppointmentStatus.CANCELLED, reason)
    audit_record(actor=actor, action="appointment.cancel", target=locked, data={"reason": reason})
    return locked


@transaction.atomic
def appointment_no_show(*, appointment: Appointment, actor) -> FollowUpTask:
    """Nobody came and nobody called: no penalty, only a gentle reminder to get back in touch."""
    locked = _locked(appointment)
    _set_status(locked, AppointmentStatus.NO_SHOW)
    audit_record(actor=actor, action="appointment.no_show", target=locked)
    task = FollowUpTask.objects.create(
        program_id=locked.program_id,
        appointment=locked,
        assigned_to=locked.staff,
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


# --- where holding an appointment leads --------------------------------------------------------------

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
    any case exists): the registration of the case from that inquiry.
    """
    if appointment.case_id is None:
        return reverse(
            "cases:register_from_inquiry", kwargs={"inquiry_id": appointment.inquiry.public_id}
        ), True
    query = "?" + urlencode(record_prefill(appointment))
    try:
        return reverse(
            "consultations:record_new", kwargs={"case_id": appointment.case.public_id}
        ) + query, True
    except NoReverseMatch:  # the record page is not there yet: the case page, with the same details
        return appointment.case.get_absolute_url() + query, False


# --- recurring sessions ------------------------------------------------------------------------------


def series_dates(
    first_on: datetime.date, until_on: datetime.date, interval_weeks: int
) -> list[datetime.date]:
    step = datetime.timedelta(weeks=interval_weeks)
    dates, day = [], first_on
    while day <= until_on:
        dates.append(day)
        day += step
    return dates


@transaction.atomic
def series_create(
    *,
    program,
    actor,
    case,
    kind,
    place,
    staff,
    first_on,
    until_on,
    start_time,
    duration_minutes: int,
    interval_weeks: int,
    second_staff=None,
    outside_hours_reason: str = "",
    now=None,
) -> tuple[RecurringSeries, list[tuple[datetime.date, str]]]:
    """Book every ``interval_weeks`` weeks; a date that cannot be booked is skipped and reported."""
    ensure_same_program(program.pk, case, place)
    _ensure_staff_of(program, staff, second_staff)
    series = RecurringSeries.objects.create(
        program=program,
        kind=kind,
        case=case,
        place=place,
        staff=staff,
        second_staff=second_staff,
        first_on=first_on,
        until_on=until_on,
        start_time=start_time,
        duration_minutes=duration_minutes,
        interval_weeks=interval_weeks,
        created_by=user_of(actor),
    )
    audit_record(actor=actor, action="series.create", target=series, data={"interval_weeks": interval_weeks})
    skipped = []
    for day in series_dates(first_on, until_on, interval_weeks):
        starts_at = availability.at(day, start_time)
        try:
            appointment_book(
                program=program,
                actor=actor,
                kind=kind,
                case=case,
                place=place,
                staff=staff,
                second_staff=second_staff,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=duration_minutes),
                outside_hours_reason=outside_hours_reason,
                series=series,
                now=now,
            )
        except BookingError as error:
            skipped.append((day, error.message))
    return series, skipped


@transaction.atomic
def series_cancel_from(*, series: RecurringSeries, actor, from_on: datetime.date, reason: str = "") -> int:
    """Stop the series from ``from_on``: its booked occurrences from then on are cancelled."""
    start = availability.at(from_on, datetime.time.min)
    occurrences = list(
        Appointment.objects.with_scopes_disabled()
        .select_for_update()
        .filter(series=series, status=AppointmentStatus.BOOKED, starts_at__gte=start)
    )
    for appointment in occurrences:
        _set_status(appointment, AppointmentStatus.CANCELLED, reason)
    series.ended_on = from_on
    series.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        action="series.cancel",
        target=series,
        data={"from": from_on.isoformat(), "cancelled": len(occurrences), "reason": reason},
    )
    return len(occurrences)


# --- closures, schedules, settings -------------------------------------------------------------------


class ClosureExists(BookingError):
    pass


@transaction.atomic
def closure_add(*, program, actor, date: datetime.date, reason: str) -> tuple[Closure, int]:
    """Close the program on ``date`` (training day, building closure); returns the bookings that day."""
    if Closure.objects.filter(program=program, date=date).exists():
        raise ClosureExists(_("この日はすでに休業日として登録されています。"), "date")
    closure = Closure.objects.create(program=program, date=date, reason=reason)
    audit_record(actor=actor, action="closure.create", target=closure, data={"date": date.isoformat()})
    booked = (
        Appointment.objects.with_scopes_disabled()
        .filter(
            program=program,
            status=AppointmentStatus.BOOKED,
            starts_at__gte=availability.at(date, datetime.time.min),
            starts_at__lt=availability.at(date + datetime.timedelta(days=1), datetime.time.min),
        )
        .count()
    )
    return closure, booked


@transaction.atomic
def closure_remove(*, closure: Closure, actor) -> None:
    audit_record(
        actor=actor, action="closure.delete", target=closure, data={"date": closure.date.isoformat()}
    )
    closure.delete()


@transaction.atomic
def workday_add(*, program, actor, user, weekday: int, starts, ends) -> StaffWorkday:
    _ensure_staff_of(program, user)
    workday = StaffWorkday.objects.create(
        program=program, user=user, weekday=weekday, starts=starts, ends=ends
    )
    audit_record(actor=actor, action="workday.create", target=workday, data={"user": user.pk})
    return workday


@transaction.atomic
def workday_remove(*, workday: StaffWorkday, actor) -> None:
    audit_record(actor=actor, action="workday.delete", target=workday, data={"user": workday.user_id})
    workday.delete()


@transaction.atomic
def absence_add(*, program, actor, user, starts_on, ends_on, note: str, all_programs: bool) -> StaffAbsence:
    _ensure_staff_of(program, user)
    absence = StaffAbsence.objects.create(
        user=user, program=None if all_programs else program, starts_on=starts_on, ends_on=ends_on, note=note
    )
    audit_record(actor=actor, action="absence.create", program=program, data={"user": user.pk})
    return absence


@transaction.atomic
def absence_remove(*, absence: StaffAbsence, actor, program) -> None:
    audit_record(actor=actor, action="absence.delete", program=program, data={"user": absence.user_id})
    absence.delete()


@transaction.atomic
def scheduling_settings_update(*, program, actor, **fields) -> SchedulingSettings:
    settings, _created = SchedulingSettings.objects.get_or_create(program=program)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    audit_record(actor=actor, action="scheduling_settings.update", program=program, data=fields)
    return settings


# --- the private calendar feed -----------------------------------------------------------------------


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_token_regenerate(*, user) -> str:
    """A new private feed URL token; the old one stops working at once. Only its hash is stored."""
    token = secrets.token_urlsafe(32)
    calendar, _created = StaffCalendar.objects.get_or_create(user=user)
    calendar.feed_token_hash, calendar.feed_created_at = feed_token_hash(token), timezone.now()
    calendar.save(update_fields=["feed_token_hash", "feed_created_at"])
    security_event_record(actor=user, action="feed.create", subject_user=user)
    return token


@transaction.atomic
def feed_token_revoke(*, user) -> None:
    StaffCalendar.objects.filter(user=user).update(feed_token_hash=None, feed_created_at=None)
    security_event_record(actor=user, action="feed.revoke", subject_user=user)
