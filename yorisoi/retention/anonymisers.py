"""The anonymisers of the rows that belong to a case, registered for the apps that own them.

An app added later (outreach: event registrations; a supporter who withdraws) registers its own
through ``yorisoi.core.anonymisation.register`` in its ``AppConfig.ready()``; the coverage test in
``tests/test_coverage.py`` fails until every text field of a person model is anonymised or kept on
purpose.
"""

from django.db.models import Exists, OuterRef, Q

from yorisoi.appointments.models import Appointment
from yorisoi.cases.models import Case, CaseStatusChange, Client, Consent, Inquiry, RelatedPerson
from yorisoi.consultations.models import (
    Achievement,
    ConsultationRecord,
    ConsultationRecordRevision,
    Goal,
    LifeChange,
    RiskFlag,
    StageTransition,
    SupportPlan,
)
from yorisoi.core.anonymisation import Anonymiser, register
from yorisoi.referrals.models import Referral, ReferralStatusChange


def _of(model, path="case"):
    return lambda case_ids: model.objects.with_scopes_disabled().filter(**{f"{path}__in": case_ids})


def _inquiries(case_ids):
    return Inquiry.objects.with_scopes_disabled().filter(case__in=case_ids)


def _records(case_ids):
    return ConsultationRecord.objects.with_scopes_disabled().filter(
        Q(case__in=case_ids) | Q(inquiry__case__in=case_ids)
    )


def _clients(case_ids):
    """Clients of these cases who have no other case still identifiable."""
    from yorisoi.retention.models import AnonymisationDecision

    other_live_case = (
        Case.objects.with_scopes_disabled().filter(client=OuterRef("pk")).exclude(pk__in=case_ids)
    )
    other_live_case = other_live_case.exclude(
        Exists(AnonymisationDecision.objects.with_scopes_disabled().filter(case=OuterRef("pk")))
    )
    return (
        Client.objects.with_scopes_disabled()
        .filter(cases__in=case_ids)
        .exclude(Exists(other_live_case))
        .distinct()
    )


def _age_kept(client: Client) -> dict:
    """The age the birth date gave at the first registration, so the age band stays countable."""
    if client.birth_date is None:
        return {}
    first = Case.objects.with_scopes_disabled().filter(client=client).order_by("registered_on").first()
    on = first.registered_on if first else client.created_at.date()
    born = client.birth_date
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return {"approximate_age": age}


def _appointments(case_ids):
    return Appointment.objects.with_scopes_disabled().filter(
        Q(case__in=case_ids) | Q(inquiry__case__in=case_ids)
    )


CLIENT = Anonymiser(
    Client,
    _clients,
    blank=(
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "kana_key",
        "name_key",
        "address",
        "phone",
        "phone_digits",
        "phone_digits_reversed",
        "email",
        "contact_preferences",
    ),
    replace={"birth_date": None},
    compute=_age_kept,
)

register(
    CLIENT,
    Anonymiser(
        Case,
        lambda ids: Case.objects.with_scopes_disabled().filter(pk__in=ids),
        blank=("withdrawal_since_note",),
        mark=("current_situation", "main_concerns", "wishes"),
    ),
    Anonymiser(
        RelatedPerson,
        _of(RelatedPerson),
        blank=(
            "name",
            "name_kana",
            "phone",
            "phone_digits",
            "phone_digits_reversed",
            "relation_note",
            "contact_preferences",
        ),
    ),
    Anonymiser(CaseStatusChange, _of(CaseStatusChange), blank=("note",)),
    Anonymiser(
        Consent, _of(Consent), blank=("given_by_name", "withdrawal_note"), mark=("explained", "shares_with")
    ),
    Anonymiser(
        Inquiry,
        _inquiries,
        blank=(
            "caller_name",
            "contact_phone",
            "contact_email",
            "contact_preferences",
            "preferred_days",
        ),
        mark=("agency_name", "concern"),
    ),
    Anonymiser(
        ConsultationRecord,
        _records,
        blank=("place_note", "details", "next_step"),
        mark=("summary", "agencies_present", "accompaniment_destination_name"),
    ),
    Anonymiser(
        ConsultationRecordRevision,
        lambda ids: ConsultationRecordRevision.objects.with_scopes_disabled().filter(
            record__in=_records(ids)
        ),
        replace={"snapshot": {}},
    ),
    Anonymiser(StageTransition, _of(StageTransition), blank=("note",)),
    Anonymiser(LifeChange, _of(LifeChange), mark=("note",)),
    Anonymiser(RiskFlag, _of(RiskFlag), blank=("note",)),
    Anonymiser(SupportPlan, _of(SupportPlan), blank=("persons_hopes", "review_note")),
    Anonymiser(Goal, _of(Goal, "plan__case"), mark=("text",)),
    Anonymiser(Achievement, _of(Achievement), mark=("text",)),
    Anonymiser(Referral, _of(Referral), blank=("outcome_note", "follow_up_note"), mark=("purpose",)),
    Anonymiser(ReferralStatusChange, _of(ReferralStatusChange, "referral__case"), blank=("note",)),
    Anonymiser(Appointment, _appointments, blank=("note", "outside_hours_reason", "status_note")),
)
