"""Every write of events, registrations and attendance: atomic, audited, one program at a time.

Two registrations racing for the last seat: the event row is locked (``select_for_update`` on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), the confirmed seats are counted
under the lock, so exactly one gets the seat and the other is offered the waiting list.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.audit.services import audit_record
from yorisoi.cases.normalize import phone_digits
from yorisoi.outreach import supporters
from yorisoi.outreach.models import (
    Attendance,
    EventKind,
    EventSession,
    EventStatus,
    OutreachEvent,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    Supporter,
)
from yorisoi.outreach.transitions import EVENTS, REGISTRATIONS
from yorisoi.programs.permissions import ensure_same_program, user_of


class RegistrationRefused(ValidationError):
    """Why a registration cannot be taken; ``field`` says where the form shows it."""

    def __init__(self, message, *, field=None, code=None):
        super().__init__(message, code=code)
        self.field = field


class EventFull(RegistrationRefused):
    pass


class CapacityBelowRegistrations(ValidationError):
    pass


class SessionHasAttendance(ValidationError):
    pass


@dataclass(frozen=True)
class RegistrantDetails:
    """What a registrant tells us, from the public form, a phone call or a walk-in."""

    name: str
    category: str
    contact_email: str = ""
    contact_phone: str = ""
    accessibility_needs: str = ""
    is_nickname: bool = False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _locked(event: OutreachEvent) -> OutreachEvent:
    return OutreachEvent.objects.select_for_update().get(pk=event.pk)


def _registrations(event: OutreachEvent):
    # Counting seats is not a read of anyone's data, and the public registers in an empty scope.
    return Registration.objects.with_scopes_disabled().filter(program_id=event.program_id, event_id=event.pk)


def seats_taken(event: OutreachEvent) -> int:
    """Confirmed registrations made in advance; walk-ins on the day take no advance seat."""
    return (
        _registrations(event)
        .filter(status=RegistrationStatus.CONFIRMED)
        .exclude(channel=RegistrationChannel.WALK_IN)
        .count()
    )


# --- events ----------------------------------------------------------------------------------------


@transaction.atomic
def event_create(*, program, actor, first_session: tuple, **fields) -> OutreachEvent:
    """A new event, as a draft, with its first session (``(starts_at, ends_at)``)."""
    event = OutreachEvent.objects.create(program=program, **fields)
    EventSession.objects.create(
        program=program, event=event, starts_at=first_session[0], ends_at=first_session[1]
    )
    audit_record(actor=actor, action="outreach_event.create", target=event)
    return event


@transaction.atomic
def event_update(*, event: OutreachEvent, actor, **fields) -> list[Registration]:
    """Save the event; refuse a capacity below the seats already taken; a larger one promotes waiters.

    Returns the registrations moved up from the waiting list.
    """
    event = _locked(event)
    taken = seats_taken(event)
    if fields.get("capacity", event.capacity) < taken:
        raise CapacityBelowRegistrations(
            _("すでに%(count)d人の参加が決まっています。定員は%(count)d人以上にしてください。")
            % {"count": taken},
        )
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    promoted = _promote_waiting(event)
    audit_record(actor=actor, action="outreach_event.update", target=event, data={"promoted": len(promoted)})
    return promoted


@transaction.atomic
def event_publish(*, event: OutreachEvent, actor) -> OutreachEvent:
    event = _locked(event)
    EVENTS.ensure(event.status, EventStatus.PUBLISHED)
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="outreach_event.publish", target=event)
    return event


@transaction.atomic
def event_cancel(*, event: OutreachEvent, actor, note: str) -> OutreachEvent:
    """Cancel the event; registrants see ``note`` on their cancellation page, staff on the event page."""
    event = _locked(event)
    EVENTS.ensure(event.status, EventStatus.CANCELLED)
    event.status, event.cancellation_note = EventStatus.CANCELLED, note
    event.save(update_fields=["status", "cancellation_note", "updated_at"])
    audit_record(actor=actor, action="outreach_event.cancel", target=event)
    return event


@transaction.atomic
def session_add(*, event: OutreachEvent, actor, starts_at, ends_at, note: str = "") -> EventSession:
    session = EventSession.objects.create(
        program_id=event.program_id, event=event, starts_at=starts_at, ends_at=ends_at, note=note
    )
    supporters.sync_event(event=event)
    audit_record(actor=actor, action="outreach_event.session_add", target=event)
    return session


@transaction.atomic
def session_remove(*, session: EventSession, actor) -> None:
    """Remove a session nobody was marked present at; with attendance it is history and stays."""
    if Attendance.objects.with_scopes_disabled().filter(session=session).exists():
        raise SessionHasAttendance(_("出席の記録がある開催日は削除できません。"))
    if session.event.sessions.count() == 1:
        raise SessionHasAttendance(_("開催日が一つもなくなるため、削除できません。"))
    event = session.event
    session.delete()
    supporters.sync_event(event=event)
    audit_record(actor=actor, action="outreach_event.session_remove", target=event)


# --- registrations ---------------------------------------------------------------------------------


def _refuse_unless_open(event: OutreachEvent, *, now: datetime.datetime, by_staff: bool) -> None:
    if event.status == EventStatus.CANCELLED:
        raise RegistrationRefused(_("この催しは中止になりました。お申し込みはできません。"), code="cancelled")
    first = event.sessions.order_by("starts_at").first()
    if first is None or first.starts_at <= now:
        raise RegistrationRefused(_("この催しはすでに始まっているか、終わっています。"), code="past")
    if by_staff:
        return
    if event.status != EventStatus.PUBLISHED or not event.registration_open:
        raise RegistrationRefused(_("この催しは、ウェブでのお申し込みを受け付けていません。"), code="closed")
    if event.registration_closes_at and event.registration_closes_at <= now:
        raise RegistrationRefused(_("お申し込みの締め切りを過ぎました。"), code="closed")


def _refuse_duplicate(event: OutreachEvent, details: RegistrantDetails) -> None:
    email, digits = details.contact_email.strip().casefold(), phone_digits(details.contact_phone)
    if not email and not digits:
        return
    others = _registrations(event).exclude(status=RegistrationStatus.CANCELLED)
    for other_email, other_phone in others.values_list("contact_email", "contact_phone"):
        if (email and other_email.casefold() == email) or (digits and phone_digits(other_phone) == digits):
            raise RegistrationRefused(
                _(
                    "このご連絡先で、すでにお申し込みを受け付けています。二重にはお申し込みできません。"
                    "取り消しは、お申し込みのときにお知らせしたリンクからできます。"
                ),
                field="contact_email" if email and other_email.casefold() == email else "contact_phone",
                code="duplicate",
            )


def _known_supporter(event: OutreachEvent, details: RegistrantDetails) -> Supporter | None:
    if event.kind != EventKind.FOLLOW_UP_TRAINING:
        return None
    email, digits = details.contact_email.strip().casefold(), phone_digits(details.contact_phone)
    candidates = Supporter.objects.with_scopes_disabled().filter(
        program_id=event.program_id, withdrawn_at__isnull=True
    )
    for supporter in candidates.select_related("training"):
        training = supporter.training
        if (email and training.contact_email.casefold() == email) or (
            digits and phone_digits(training.contact_phone) == digits
        ):
            return supporter
    return None


@transaction.atomic
def registration_create(
    *,
    event: OutreachEvent,
    details: RegistrantDetails,
    channel: str,
    actor=None,
    request=None,
    join_waiting_list: bool = False,
    now: datetime.datetime | None = None,
) -> tuple[Registration, str]:
    """Take a registration; returns it and its cancellation token (shown once, stored only hashed).

    A full event raises ``EventFull`` unless ``join_waiting_list``: then the registration waits.
    Walk-ins (staff, on the day) skip the date and capacity checks.
    """
    now = now or timezone.now()
    event = _locked(event)
    walk_in = channel == RegistrationChannel.WALK_IN
    if not walk_in:
        _refuse_unless_open(event, now=now, by_staff=channel == RegistrationChannel.STAFF)
        if event.contact_required and not (details.contact_email or details.contact_phone):
            raise RegistrationRefused(
                _("この催しでは、メールか電話番号のどちらかが必要です。"),
                field="contact_email",
                code="contact",
            )
        _refuse_duplicate(event, details)
    status = RegistrationStatus.CONFIRMED
    if not walk_in and seats_taken(event) >= event.capacity:
        if not join_waiting_list:
            raise EventFull(_("定員に達しました。キャンセル待ちとしてお申し込みいただけます。"), code="full")
        status = RegistrationStatus.WAITING
    token = secrets.token_urlsafe(24)
    registration = Registration.objects.create(
        program_id=event.program_id,
        event=event,
        number=event.next_registration_number,
        name=details.name,
        is_nickname=details.is_nickname and event.allows_nickname,
        contact_email=details.contact_email,
        contact_phone=details.contact_phone,
        category=details.category,
        accessibility_needs=details.accessibility_needs,
        channel=channel,
        status=status,
        cancel_token_hash=hash_token(token),
        as_supporter=_known_supporter(event, details),
        created_by=user_of(actor),
    )
    event.next_registration_number += 1
    event.save(update_fields=["next_registration_number"])
    audit_record(
        actor=actor,
        action="registration.create",
        target=registration,
        request=request,
        data={"status": status},
    )
    return registration, token


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, request=None) -> list[Registration]:
    """Cancel; a freed seat goes to the first on the waiting list. Returns who moved up."""
    event = _locked(registration.event)
    registration = Registration.objects.with_scopes_disabled().select_for_update().get(pk=registration.pk)
    REGISTRATIONS.ensure(registration.status, RegistrationStatus.CANCELLED)
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    promoted = [] if event.is_cancelled else _promote_waiting(event)
    audit_record(
        actor=actor,
        action="registration.cancel",
        target=registration,
        request=request,
        data={"promoted": [str(r.public_id) for r in promoted]},
    )
    return promoted


def registration_for_token(token: str) -> Registration | None:
    """The registration a private cancellation link names, or None: a hash lookup, no scope to ask."""
    if not token or len(token) > 64:
        return None
    return (
        Registration.objects.with_scopes_disabled()
        .select_related("event")
        .filter(cancel_token_hash=hash_token(token))
        .first()
    )


def _promote_waiting(event: OutreachEvent) -> list[Registration]:
    """Move the earliest waiters up while seats are free (caller holds the event lock)."""
    free = event.capacity - seats_taken(event)
    if free <= 0:
        return []
    waiting = list(
        _registrations(event).filter(status=RegistrationStatus.WAITING).order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        REGISTRATIONS.ensure(registration.status, RegistrationStatus.CONFIRMED)
        registration.status, registration.promoted_at = RegistrationStatus.CONFIRMED, now
        registration.save(update_fields=["status", "promoted_at"])
    return waiting


@transaction.atomic
def promotion_told(*, registration: Registration, actor) -> Registration:
    """Staff told a registrant who moved up from the waiting list."""
    registration.promotion_told_at = timezone.now()
    registration.save(update_fields=["promotion_told_at"])
    audit_record(actor=actor, action="registration.promotion_told", target=registration)
    return registration


@transaction.atomic
def registration_link_case(*, registration: Registration, case, actor) -> Registration:
    """Link an attendee to a case, deliberately (attending never creates one)."""
    ensure_same_program(registration.program_id, case)
    registration.case = case
    registration.save(update_fields=["case"])
    audit_record(actor=actor, action="registration.link_case", target=registration, data={"case": case.label})
    return registration


# --- attendance ------------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(*, session: EventSession, registration: Registration, present: bool, actor) -> None:
    """Mark (or unmark) a registrant present at a session; a training's roster follows."""
    ensure_same_program(session.program_id, registration)
    if registration.event_id != session.event_id or registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("この回の参加者ではありません。"))
    existing = Attendance.objects.with_scopes_disabled().filter(registration=registration, session=session)
    if present and not existing.exists():
        Attendance.objects.create(
            program_id=session.program_id,
            registration=registration,
            session=session,
            marked_by=user_of(actor),
        )
    elif not present:
        existing.delete()
    supporters.sync_registration(registration=registration)
    verb = "attend" if present else "unattend"
    audit_record(
        actor=actor,
        action=f"registration.{verb}",
        target=registration,
        data={"session": str(session.public_id)},
    )


@transaction.atomic
def walk_in_add(*, session: EventSession, details: RegistrantDetails, actor) -> Registration:
    """Someone came on the day without registering: register them and mark them present."""
    registration, _token = registration_create(
        event=session.event, details=details, channel=RegistrationChannel.WALK_IN, actor=actor
    )
    attendance_set(session=session, registration=registration, present=True, actor=actor)
    return registration
