from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.core.testing.isolation import CONTENT_ROLES, PERSON_ROLES, Built, StaffPage


def _case(program, author):
    case = make_case(program=program, actor=author)
    name = f"{case.client.family_name} {case.client.given_name}"
    return Built(
        {"case_id": case.public_id}, (str(case.public_id), str(case.client.public_id), name), case.public_id
    )


def _inquiry(program, author):
    inquiry = make_inquiry(program=program, actor=author, caller_name="照合用 太郎", is_urgent=True)
    return Built(
        {"inquiry_id": inquiry.public_id}, (str(inquiry.public_id), "照合用 太郎"), inquiry.public_id
    )


def _listed_case(program, author):
    built = _case(program, author)
    return Built({}, built.identifiers, built.subject_id)


def _listed_inquiry(program, author):
    built = _inquiry(program, author)
    return Built({}, built.identifiers, built.subject_id)


PAGES = [
    StaffPage("cases:list", PERSON_ROLES, _listed_case),
    StaffPage("cases:detail", CONTENT_ROLES, _case, per_object=True),
    StaffPage("cases:inquiry_list", PERSON_ROLES, _listed_inquiry),
    StaffPage("cases:inquiry_detail", PERSON_ROLES, _inquiry, per_object=True),
    StaffPage("cases:urgent_panel", PERSON_ROLES, _listed_inquiry),
]
