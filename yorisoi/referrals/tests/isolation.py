from yorisoi.cases.tests.factories import make_case
from yorisoi.core.testing.isolation import CONTENT_ROLES, PERSON_ROLES, Built, StaffPage
from yorisoi.referrals import services
from yorisoi.referrals.models import AgencyKind


def _agency(program, author):
    agency = services.agency_create(
        program=program, actor=author, kind=AgencyKind.MEDICAL, name="照合用クリニック（架空）"
    )
    return Built({"agency_id": agency.public_id}, (str(agency.public_id), agency.name), agency.public_id)


def _case(program, author):
    case = make_case(program=program, actor=author)
    name = f"{case.client.family_name} {case.client.given_name}"
    return Built({"case_id": case.public_id}, (str(case.public_id), name), case.public_id)


def _referral(program, author):
    case = make_case(program=program, actor=author)
    agency = services.agency_create(
        program=program, actor=author, kind=AgencyKind.HELLO_WORK, name="照合用ハローワーク"
    )
    referral = services.referral_create(
        case=case,
        agency=agency,
        actor=author,
        purpose="照合用の目的",
        shares_personal_info=False,
        proposed_on=case.registered_on,
    )
    name = f"{case.client.family_name} {case.client.given_name}"
    identifiers = (str(referral.public_id), str(case.public_id), name, agency.name, "照合用の目的")
    return Built({"referral_id": referral.public_id}, identifiers, case.public_id)


def _listed(builder):
    def build(program, author):
        built = builder(program, author)
        return Built({}, built.identifiers, built.subject_id)

    return build


ON = "2026-04-12"  # two days after the factory case is registered and the referral proposed

PAGES = [
    StaffPage("referrals:agency_list", PERSON_ROLES, _listed(_agency)),
    StaffPage("referrals:agency_create", CONTENT_ROLES),
    StaffPage("referrals:agency_edit", CONTENT_ROLES, _agency),
    StaffPage("referrals:list", CONTENT_ROLES, _listed(_referral)),
    StaffPage("referrals:create", CONTENT_ROLES, _case),
    StaffPage("referrals:detail", CONTENT_ROLES, _referral, per_object=True),
    StaffPage(
        "referrals:transition",
        CONTENT_ROLES,
        _referral,
        method="post",
        data={"to_status": "arranging", "on": ON, "note": "", "version": "1"},
    ),
    StaffPage(
        "referrals:follow_up",
        CONTENT_ROLES,
        _referral,
        method="post",
        data={"follow_up_on": ON, "follow_up_note": "様子を聞く", "version": "1"},
    ),
]
