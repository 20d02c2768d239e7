"""Every write to partner agencies and referrals: atomic, audited, scoped to one program."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case
from yorisoi.cases.selectors import consent_in_force
from yorisoi.cases.services import CrossProgramError
from yorisoi.programs.permissions import Actor, user_of
from yorisoi.referrals.consent import consent_names_agency
from yorisoi.referrals.models import PartnerAgency, Referral, ReferralStatus, ReferralStatusChange
from yorisoi.referrals.transitions import ensure_transition

AGENCY_FIELDS = ("kind", "name", "contact_person", "phone", "email", "address", "notes", "is_active")
# Moving forward on a referral that shares personal information is when it is shared.
SHARING_STATUSES = frozenset({ReferralStatus.ARRANGING, ReferralStatus.CONNECTED})


class ConsentNotCovered(ValidationError):
    """The case has no active consent naming the agency, and the referral would share personal data."""


class StaleReferralError(Exception):
    """Somebody else changed the referral after this form was opened."""


# --- partner agencies ------------------------------------------------------------------------------


@transaction.atomic
def agency_create(*, program, actor: Actor, **fields) -> PartnerAgency:
    agency = PartnerAgency.objects.create(program=program, **fields)
    audit_record(actor=actor, action="agency.create", target=agency)
    return agency


@transaction.atomic
def agency_update(*, agency: PartnerAgency, actor: Actor, **fields) -> PartnerAgency:
    # A bound ModelForm has already copied the input onto ``agency``: compare with the stored row.
    stored = PartnerAgency.objects.filter(pk=agency.pk).values(*fields).get()
    changed = sorted(name for name, value in fields.items() if stored[name] != value)
    for name, value in fields.items():
        setattr(agency, name, value)
    agency.save()
    audit_record(actor=actor, action="agency.update", target=agency, data={"fields": changed})
    return agency


# --- consent ---------------------------------------------------------------------------------------


def consent_covers(*, case: Case, agency: PartnerAgency) -> bool:
    """Whether the consent in force of ``case`` (the newest not withdrawn) names ``agency``.

    An older consent that a newer one replaced no longer speaks: if the family narrowed the list,
    the narrower list is what the program acts on.
    """
    consent = consent_in_force(case=case)
    return consent is not None and consent_names_agency(
        consent.shared_agencies, name=agency.name, kind=agency.kind
    )


def ensure_consent(*, case: Case, agency: PartnerAgency) -> None:
    if not consent_covers(case=case, agency=agency):
        raise ConsentNotCovered(
            _(
                "この連携先（%(agency)s）との情報共有について、同意が記録されていません。"
                "同意を記録してから、もう一度お試しください。"
            )
            % {"agency": agency.name},
            code="consent_missing",
        )


# --- referrals -------------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    case: Case,
    agency: PartnerAgency,
    actor: Actor,
    purpose: str,
    shares_personal_info: bool,
    proposed_on: datetime.date | None = None,
) -> Referral:
    """Propose (提案) connecting ``case`` to ``agency``; refused if it shares data nobody consented to."""
    if agency.program_id != case.program_id:
        raise CrossProgramError("agency and case of different programs")
    if shares_personal_info:
        ensure_consent(case=case, agency=agency)
    proposed_on = proposed_on or timezone.localdate()
    referral = Referral.objects.create(
        program_id=case.program_id,
        case=case,
        agency=agency,
        purpose=purpose,
        shares_personal_info=shares_personal_info,
        proposed_on=proposed_on,
        created_by=user_of(actor),
    )
    ReferralStatusChange.objects.create(
        program_id=case.program_id,
        referral=referral,
        to_status=ReferralStatus.PROPOSED,
        changed_on=proposed_on,
        note=purpose,
        actor=user_of(actor),
    )
    audit_record(
        actor=actor,
        action="referral.create",
        target=referral,
        data={"agency": str(agency.public_id), "shares_personal_info": shares_personal_info},
    )
    return referral


def _locked(referral: Referral, expected_version: int | None) -> Referral:
    locked = Referral.objects.select_for_update().select_related("agency", "case").get(pk=referral.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleReferralError(referral.pk)
    return locked


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to_status: str,
    actor: Actor,
    on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Referral:
    """Move ``referral`` along its lifecycle; each move is kept as a dated history row."""
    referral = _locked(referral, expected_version)
    ensure_transition(referral.status, to_status)
    if referral.shares_personal_info and to_status in SHARING_STATUSES:
        ensure_consent(case=referral.case, agency=referral.agency)  # it may have been withdrawn since
    on = on or timezone.localdate()
    from_status = referral.status
    referral.status = to_status
    update = ["status", "version", "updated_at"]
    if to_status == ReferralStatus.ARRANGING:
        referral.arranged_on = on
        update.append("arranged_on")
    else:
        referral.outcome_on, referral.outcome_note = on, note
        update += ["outcome_on", "outcome_note"]
    referral.version += 1
    referral.save(update_fields=update)
    ReferralStatusChange.objects.create(
        program_id=referral.program_id,
        referral=referral,
        from_status=from_status,
        to_status=to_status,
        changed_on=on,
        note=note,
        actor=user_of(actor),
    )
    audit_record(
        actor=actor,
        action=f"referral.{to_status}",
        target=referral,
        data={"from": from_status, "to": to_status},
    )
    return referral


@transaction.atomic
def referral_follow_up(
    *,
    referral: Referral,
    actor: Actor,
    follow_up_on: datetime.date | None,
    follow_up_note: str,
    expected_version: int | None = None,
) -> Referral:
    """Plan (or clear) when to check how the person is doing with the agency, and what to check."""
    referral = _locked(referral, expected_version)
    referral.follow_up_on, referral.follow_up_note = follow_up_on, follow_up_note
    referral.version += 1
    referral.save(update_fields=["follow_up_on", "follow_up_note", "version", "updated_at"])
    audit_record(
        actor=actor,
        action="referral.follow_up",
        target=referral,
        data={"follow_up_on": follow_up_on.isoformat() if follow_up_on else None},
    )
    return referral
