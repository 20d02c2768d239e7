"""Agencies and referrals for tests, written through the services so history and audit rows are real."""

from yorisoi.cases import services as case_services
from yorisoi.referrals import services
from yorisoi.referrals.models import AgencyKind


def make_agency(*, program, actor, **fields):
    defaults = {
        "kind": AgencyKind.HELLO_WORK,
        "name": "ハローワーク千葉",
        "contact_person": "担当 佐々木（架空）",
        "phone": "043-000-0001",
    }
    return services.agency_create(program=program, actor=actor, **{**defaults, **fields})


def record_consent(*, case, actor, shares_with: str, **fields):
    defaults = {
        "given_by": "self",
        "given_on": case.registered_on,
        "method": "written",
        "explained": "連携先と情報を共有する範囲を説明した。",
        "shares_with": shares_with,
    }
    return case_services.consent_record(case=case, actor=actor, **{**defaults, **fields})


def make_referral(*, case, agency, actor, **fields):
    defaults = {
        "purpose": "就労について相談したいという本人の希望",
        "shares_personal_info": False,
        "proposed_on": case.registered_on,
    }
    return services.referral_create(case=case, agency=agency, actor=actor, **{**defaults, **fields})
