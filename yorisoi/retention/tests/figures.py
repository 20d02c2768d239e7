"""Every count the reports use (DESIGN §6), computed plainly from the rows, per fiscal year.

Before the reports app lands, this is the yardstick: anonymising must leave each of these equal.
"""

from collections import Counter

from django.utils import timezone

from yorisoi.appointments.models import Appointment
from yorisoi.cases.models import Case, CaseStatusChange, Consent, Inquiry, RelatedPerson
from yorisoi.consultations.models import (
    Achievement,
    ConsultationRecord,
    Goal,
    LifeChange,
    RiskFlag,
    StageTransition,
)
from yorisoi.referrals.models import Referral, ReferralStatusChange

AGE_BANDS = [(15, "under_15"), (20, "15_19"), (30, "20_29"), (40, "30_39"), (50, "40_49"), (60, "50_59")]


def fy(day) -> int:
    return day.year - (day.month < 4)


def age_band(age):
    if age is None:
        return "unknown"
    return next((band for limit, band in AGE_BANDS if age < limit), "60_plus")


def client_age_at(case: Case):
    client = case.client
    if client is None:
        return None
    if client.birth_date:
        born, on = client.birth_date, case.registered_on
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return client.approximate_age


def report_figures(program) -> dict:
    records = ConsultationRecord.objects.filter(program=program).prefetch_related("family_present")
    cases = Case.objects.filter(program=program).select_related("client")
    inquiries = Inquiry.objects.filter(program=program)
    return {
        "records by year, mode, who took part": Counter(
            (fy(r.held_on), r.mode, r.client_present, bool(r.family_present.all()), bool(r.agencies_present))
            for r in records
        ),
        "minutes by year": Counter({fy(r.held_on): r.duration_minutes for r in records}),
        "distinct subjects by year": Counter(
            fy(r.held_on) for r in {(fy(r.held_on), r.case_id or -r.inquiry_id): r for r in records}.values()
        ),
        "accompaniments": Counter(
            (
                fy(r.held_on),
                r.accompaniment_destination,
                r.accompaniment_outcome,
                bool(r.accompaniment_destination_name),
            )
            for r in records
        ),
        "new cases": Counter(fy(c.registered_on) for c in cases),
        "status changes": Counter(
            (fy(s.changed_on), s.from_status, s.to_status, s.reason)
            for s in CaseStatusChange.objects.filter(program=program)
        ),
        "case status": Counter((c.status, c.closure_reason, c.closed_on) for c in cases),
        "age band and gender at registration": Counter(
            (fy(c.registered_on), age_band(client_age_at(c)), c.client.gender if c.client else "")
            for c in cases
        ),
        "residence": Counter(c.client.residence_city for c in cases if c.client),
        "withdrawal duration (years)": Counter(
            (
                fy(c.registered_on),
                (c.registered_on - c.withdrawal_since).days // 365 if c.withdrawal_since else None,
            )
            for c in cases
        ),
        "stages": Counter(
            (fy(t.entered_on), t.stage_id) for t in StageTransition.objects.filter(program=program)
        ),
        "inquiries by channel": Counter(
            (
                fy(timezone.localtime(i.received_at).date()),
                i.channel,
                i.caller_type,
                i.family_relation,
                i.person_age_band,
                i.person_gender,
                i.residence_city,
                i.status,
                i.is_urgent,
                bool(i.agency_name),
            )
            for i in inquiries
        ),
        "referrals": Counter(
            (fy(r.proposed_on), r.agency.kind, r.status, r.shares_personal_info)
            for r in Referral.objects.filter(program=program).select_related("agency")
        ),
        "referral changes": Counter(
            (fy(s.changed_on), s.to_status) for s in ReferralStatusChange.objects.filter(program=program)
        ),
        "life changes": Counter(
            (fy(c.observed_on), c.area) for c in LifeChange.objects.filter(program=program)
        ),
        "goals": Counter(g.status for g in Goal.objects.filter(program=program)),
        "achievements": Counter(fy(a.achieved_on) for a in Achievement.objects.filter(program=program)),
        "risk flags": Counter(
            (r.kind, r.cleared_on is None) for r in RiskFlag.objects.filter(program=program)
        ),
        "consents": Counter(
            (c.given_by, c.method, c.sensitive_info_recording)
            for c in Consent.objects.filter(program=program)
        ),
        "related people": Counter(
            (p.relation, p.consults) for p in RelatedPerson.objects.filter(program=program)
        ),
        "appointments": Counter(
            (a.kind, a.status, a.starts_at) for a in Appointment.objects.filter(program=program)
        ),
    }
