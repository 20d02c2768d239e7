"""Every write to inquiries, clients and cases: atomic, audited, scoped to one program."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.audit.services import audit_record
from yorisoi.cases import continuity
from yorisoi.cases.models import (
    CallerType,
    Case,
    CaseStatus,
    CaseStatusChange,
    Client,
    Consent,
    ConsentGivenBy,
    FamilyRelation,
    Inquiry,
    InquiryStatus,
    RelatedPerson,
)
from yorisoi.cases.normalize import kana_key, looks_like_kana, name_key, phone_digits
from yorisoi.cases.transitions import ensure_transition
from yorisoi.programs.permissions import Actor, CrossProgramError, ensure_same_program, user_of  # noqa: F401


class StaleCaseError(Exception):
    """Somebody else saved the case after this form was opened."""


# --- inquiries -------------------------------------------------------------------------------------


def inquiry_keys(inquiry: Inquiry) -> None:
    """The caller's search keys: a name may be typed in kanji or kana, a phone in any width."""
    inquiry.caller_name_key = name_key(inquiry.caller_name)
    inquiry.caller_kana_key = kana_key(inquiry.caller_name) if looks_like_kana(inquiry.caller_name) else ""
    inquiry.phone_digits_reversed = phone_digits(inquiry.contact_phone)[::-1]


@transaction.atomic
def inquiry_create(*, program, actor: Actor | None, request=None, **fields) -> Inquiry:
    """Log a first contact. ``actor`` is None when it came from the public web form."""
    fields.setdefault("received_at", timezone.now())
    inquiry = Inquiry(program=program, created_by=user_of(actor) if actor else None, **fields)
    inquiry_keys(inquiry)
    inquiry.save()
    audit_record(actor=actor, action="inquiry.create", target=inquiry, request=request)
    return inquiry


@transaction.atomic
def inquiry_set_urgent(*, inquiry: Inquiry, urgent: bool, reason: str, actor: Actor) -> Inquiry:
    """Flag (or unflag) an inquiry urgent at any time, with the reason; every consultant sees it."""
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if locked.is_urgent == urgent:
        return locked
    locked.is_urgent, locked.urgent_note = urgent, reason if urgent else ""
    if urgent:
        # A fresh flag waits for someone to take it, even if the inquiry was taken before.
        locked.taken_by, locked.taken_at = None, None
    locked.save(update_fields=["is_urgent", "urgent_note", "taken_by", "taken_at", "updated_at"])
    audit_record(
        actor=actor,
        action="inquiry.urgent" if urgent else "inquiry.not_urgent",
        target=locked,
        reason=reason,
        data={"urgent": urgent},
    )
    return locked


@transaction.atomic
def inquiry_take(*, inquiry: Inquiry, actor: Actor) -> Inquiry:
    """A consultant takes an urgent inquiry; it leaves everyone's home page."""
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if locked.taken_at is None:
        locked.taken_by, locked.taken_at = user_of(actor), timezone.now()
        locked.save(update_fields=["taken_by", "taken_at", "updated_at"])
        audit_record(actor=actor, action="inquiry.take", target=locked)
    return locked


@transaction.atomic
def inquiry_set_status(*, inquiry: Inquiry, status: str, actor: Actor) -> Inquiry:
    inquiry.status = status
    inquiry.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="inquiry.status", target=inquiry, data={"status": status})
    return inquiry


# --- clients and related people --------------------------------------------------------------------


def _client_keys(client: Client) -> None:
    client.kana_key = kana_key(client.family_name_kana + client.given_name_kana)
    client.name_key = name_key(client.family_name + client.given_name)
    client.phone_digits = phone_digits(client.phone)
    client.phone_digits_reversed = client.phone_digits[::-1]


@transaction.atomic
def client_create(*, program, actor: Actor, **fields) -> Client:
    client = Client(program=program, **fields)
    _client_keys(client)
    client.save()
    audit_record(actor=actor, action="client.create", target=client)
    return client


@transaction.atomic
def client_update(*, client: Client, actor: Actor, **fields) -> Client:
    for name, value in fields.items():
        setattr(client, name, value)
    _client_keys(client)
    client.save()
    audit_record(actor=actor, action="client.update", target=client, data={"fields": sorted(fields)})
    return client


def related_person_keys(person: RelatedPerson) -> None:
    person.phone_digits = phone_digits(person.phone)
    person.phone_digits_reversed = person.phone_digits[::-1]
    person.kana_key = kana_key(person.name_kana or (person.name if looks_like_kana(person.name) else ""))
    person.name_key = name_key(person.name)


@transaction.atomic
def related_person_add(*, case: Case, actor: Actor, **fields) -> RelatedPerson:
    person = RelatedPerson(program_id=case.program_id, case=case, **fields)
    related_person_keys(person)
    person.save()
    audit_record(actor=actor, action="related_person.create", target=person)
    return person


# --- cases -----------------------------------------------------------------------------------------


def _next_case_number(program_id: int) -> int:
    # Runs inside the registering transaction; the unique (program, number) constraint
    # turns a concurrent race into an error rather than two cases with one number.
    last = Case.objects.with_scopes_disabled().filter(program_id=program_id).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def case_register(
    *,
    program,
    actor: Actor,
    primary_staff,
    registered_on: datetime.date,
    client: Client | None = None,
    inquiry: Inquiry | None = None,
    secondary_staff=None,
    **fields,
) -> Case:
    """Register a case at the initial consultation (初回相談: 登録手続き)."""
    ensure_same_program(program.pk, client, inquiry)
    case = Case.objects.create(
        program=program,
        number=_next_case_number(program.pk),
        client=client,
        status=CaseStatus.INITIAL,
        registered_on=registered_on,
        last_contact_on=registered_on,
        primary_staff=primary_staff,
        secondary_staff=secondary_staff,
        **fields,
    )
    CaseStatusChange.objects.create(
        program=program,
        case=case,
        from_status=CaseStatus.INTAKE,
        to_status=CaseStatus.INITIAL,
        changed_on=registered_on,
        actor=user_of(actor),
    )
    audit_record(actor=actor, action="case.register", target=case)
    if inquiry is not None:
        _join(inquiry=inquiry, case=case, caller=None, actor=actor)
    return case


@transaction.atomic
def case_update(*, case: Case, actor: Actor, expected_version: int, **fields) -> Case:
    """Save edits unless somebody else saved the case since ``expected_version`` was read."""
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=expected_version + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise StaleCaseError(case.pk)
    case.refresh_from_db()
    audit_record(actor=actor, action="case.update", target=case, data={"fields": sorted(fields)})
    return case


@transaction.atomic
def case_transition(
    *,
    case: Case,
    to_status: str,
    actor: Actor,
    on: datetime.date | None = None,
    reason: str = "",
    note: str = "",
) -> Case:
    """Move ``case`` along the lifecycle; the history stays with it."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_transition(case.status, to_status)
    on = on or timezone.localdate()
    from_status = case.status
    case.status = to_status
    update = ["status", "version", "updated_at"]
    if to_status == CaseStatus.CLOSED:
        case.closed_on, case.closure_reason = on, reason
        update += ["closed_on", "closure_reason"]
    elif from_status == CaseStatus.CLOSED:
        case.closed_on, case.closure_reason = None, ""
        update += ["closed_on", "closure_reason"]
    case.version += 1
    case.save(update_fields=update)
    CaseStatusChange.objects.create(
        program_id=case.program_id,
        case=case,
        from_status=from_status,
        to_status=to_status,
        changed_on=on,
        reason=reason,
        note=note,
        actor=user_of(actor),
    )
    audit_record(actor=actor, action=f"case.{to_status}", target=case, data={"reason": reason})
    return case


def case_close(
    *, case: Case, reason: str, actor: Actor, on: datetime.date | None = None, note: str = ""
) -> Case:
    """Close ``case`` (終結); the history stays and the case can be reopened."""
    return case_transition(
        case=case, to_status=CaseStatus.CLOSED, actor=actor, on=on, reason=reason, note=note
    )


def case_reopen(*, case: Case, actor: Actor, on: datetime.date | None = None, note: str = "") -> Case:
    """Reopen (再開) a closed case: counted as a reopening, never as a new person."""
    return case_transition(case=case, to_status=CaseStatus.REOPENED, actor=actor, on=on, note=note)


# --- consent ---------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(*, case: Case, actor: Actor, **fields) -> Consent:
    """Record who agreed, for whom, to what; the newest not withdrawn is the consent in force."""
    person = fields.get("given_by_person")
    if person is not None and person.case_id != case.pk:
        raise CrossProgramError("the family member who consented belongs to another case")
    consent = Consent.objects.create(
        program_id=case.program_id, case=case, recorded_by=user_of(actor), **fields
    )
    audit_record(actor=actor, action="consent.record", target=consent)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor: Actor, on: datetime.date, note: str) -> Consent:
    consent.withdrawn_on, consent.withdrawal_note = on, note
    consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
    audit_record(actor=actor, action="consent.withdraw", target=consent)
    return consent


# --- continuity: an inquiry joins a case -----------------------------------------------------------


def caller_fields(inquiry: Inquiry) -> dict:
    """What a family caller gave, as the related person they become (their one allowed channel too)."""
    return {
        "relation": inquiry.family_relation or FamilyRelation.OTHER,
        "name": inquiry.caller_name,
        "phone": inquiry.contact_phone,
        "email": inquiry.contact_email,
        "contact_preferences": inquiry.contact_preferences,
        "consults": True,
    }


def _known_caller(case: Case, inquiry: Inquiry) -> RelatedPerson | None:
    """The case's related person this caller already is: same email, phone digits or name."""
    digits = phone_digits(inquiry.contact_phone)
    key = name_key(inquiry.caller_name)
    for person in RelatedPerson.objects.filter(program_id=case.program_id, case=case).order_by("id"):
        if inquiry.contact_email and person.email.casefold() == inquiry.contact_email.casefold():
            return person
        if len(digits) >= 10 and person.phone_digits == digits:
            return person
        if key and person.name_key == key and person.relation == inquiry.family_relation:
            return person
    return None


def _join(*, inquiry: Inquiry, case: Case, caller: RelatedPerson | None, actor: Actor) -> None:
    inquiry.case, inquiry.status = case, InquiryStatus.REGISTERED
    inquiry.save(update_fields=["case", "status", "updated_at"])
    continuity.run_joiners(inquiry=inquiry, case=case, caller=caller)
    audit_record(actor=actor, action="inquiry.join", target=inquiry, data={"case": case.label})


@transaction.atomic
def inquiry_attach(*, inquiry: Inquiry, case: Case, actor: Actor) -> Case:
    """A known family calls again: the inquiry joins their case (reopened if closed), never a second case."""
    ensure_same_program(case.program_id, inquiry)
    if inquiry.case_id is not None:
        raise InquiryAlreadyJoinedError(inquiry.pk)
    if case.status == CaseStatus.CLOSED:
        case = case_reopen(
            case=case, actor=actor, note=str(_("問い合わせ（%(ref)s）から再開")) % {"ref": inquiry.reference}
        )
    caller = None
    if inquiry.caller_type == CallerType.FAMILY:
        caller = _known_caller(case, inquiry)
        if caller is None:
            caller = related_person_add(case=case, actor=actor, **caller_fields(inquiry))
        else:
            _fill_blank_contact(caller, inquiry, actor)
    _join(inquiry=inquiry, case=case, caller=caller, actor=actor)
    return case


def _fill_blank_contact(person: RelatedPerson, inquiry: Inquiry, actor: Actor) -> None:
    """Keep what the case knows; add the channel the caller gave only where nothing was known."""
    changed = []
    for field, value in (("email", inquiry.contact_email), ("phone", inquiry.contact_phone)):
        if value and not getattr(person, field):
            setattr(person, field, value)
            changed.append(field)
    if changed:
        related_person_keys(person)
        person.save()
        audit_record(actor=actor, action="related_person.update", target=person, data={"fields": changed})


class InquiryAlreadyJoinedError(Exception):
    """The inquiry already belongs to a case."""


# --- the initial consultation, as one step ---------------------------------------------------------


@transaction.atomic
def initial_consultation_register(
    *,
    program,
    actor: Actor,
    case_fields: dict,
    client_fields: dict | None,
    existing_client: Client | None = None,
    consulting_person: dict | None = None,
    consent: dict | None = None,
    inquiry: Inquiry | None = None,
) -> Case:
    """初回相談: register the person (or not), the case, who consults, and the consent given — together.

    ``client_fields`` None and no ``existing_client`` means a family-only case with the person unnamed.
    """
    client = existing_client
    if client is None and client_fields is not None:
        client = client_create(program=program, actor=actor, **client_fields)
    ensure_same_program(program.pk, inquiry)
    case = case_register(program=program, actor=actor, client=client, **case_fields)
    caller = related_person_add(case=case, actor=actor, **consulting_person) if consulting_person else None
    if inquiry is not None:
        _join(inquiry=inquiry, case=case, caller=caller, actor=actor)
    if consent:
        if caller is not None and consent.get("given_by") != ConsentGivenBy.SELF:
            consent.setdefault("given_by_person", caller)
        consent_record(case=case, actor=actor, **consent)
    return case
