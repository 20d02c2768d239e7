"""The supporter roster (ひきこもりサポーター), computed from attendance.

A registrant of a サポーター養成研修 who was marked present at every one of its sessions is a
supporter, completed on the date of the last session. The roster follows attendance: unmarking a
session takes a not-yet-active supporter off again. Withdrawal blanks the details, keeps the counts.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.audit.services import audit_record
from yorisoi.outreach.models import (
    Attendance,
    EventKind,
    OutreachEvent,
    Registration,
    RegistrationStatus,
    Supporter,
)

BLANK_DETAILS = {"name": "", "contact_email": "", "contact_phone": "", "accessibility_needs": ""}


def sync_registration(*, registration: Registration) -> Supporter | None:
    """Create or remove the supporter row so it matches attendance (caller holds the transaction)."""
    event = registration.event
    if event.kind != EventKind.SUPPORTER_TRAINING:
        return None
    sessions = list(event.sessions.order_by("starts_at").values_list("pk", "starts_at"))
    attended = set(
        Attendance.objects.with_scopes_disabled()
        .filter(registration=registration)
        .values_list("session_id", flat=True)
    )
    complete = (
        bool(sessions)
        and registration.status == RegistrationStatus.CONFIRMED
        and {pk for pk, _start in sessions} <= attended
    )
    existing = Supporter.objects.with_scopes_disabled().filter(training=registration).first()
    if complete:
        completed_on = timezone.localdate(sessions[-1][1])
        if existing is None:
            return Supporter.objects.create(
                program_id=registration.program_id, training=registration, completed_on=completed_on
            )
        if existing.completed_on != completed_on:
            existing.completed_on = completed_on
            existing.save(update_fields=["completed_on"])
        return existing
    if existing is not None and existing.withdrawn_at is None and not existing.follow_ups.exists():
        existing.delete()
    return None


def sync_event(*, event: OutreachEvent) -> None:
    """After a session was added or removed, every registrant's completion may have changed."""
    if event.kind != EventKind.SUPPORTER_TRAINING:
        return
    registrations = Registration.objects.with_scopes_disabled().filter(
        event=event, status=RegistrationStatus.CONFIRMED
    )
    for registration in registrations.select_related("event"):
        sync_registration(registration=registration)


@transaction.atomic
def supporter_update(
    *, supporter: Supporter, actor, agrees_to_contact: bool, keeps_details: bool
) -> Supporter:
    if supporter.withdrawn_at is not None:
        raise ValueError("a withdrawn supporter has no details to change")
    supporter.agrees_to_contact, supporter.keeps_details = agrees_to_contact, keeps_details
    supporter.save(update_fields=["agrees_to_contact", "keeps_details"])
    audit_record(
        actor=actor,
        action="supporter.update",
        target=supporter,
        data={"agrees_to_contact": agrees_to_contact, "keeps_details": keeps_details},
    )
    return supporter


@transaction.atomic
def supporter_withdraw(*, supporter: Supporter, actor) -> Supporter:
    """Remove the supporter's details from every registration of theirs; attendance and dates stay."""
    now = timezone.now()
    registrations = Registration.objects.with_scopes_disabled().filter(
        program_id=supporter.program_id,
        pk__in=[supporter.training_id, *supporter.follow_ups.values_list("pk", flat=True)],
    )
    registrations.update(**BLANK_DETAILS, is_nickname=False, details_removed_at=now)
    supporter.withdrawn_at, supporter.agrees_to_contact, supporter.keeps_details = now, False, False
    supporter.save(update_fields=["withdrawn_at", "agrees_to_contact", "keeps_details"])
    audit_record(actor=actor, action="supporter.withdraw", target=supporter, reason=_("サポーター登録の終了"))
    return supporter
