from yorisoi.cases.models import InquiryStatus
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.core.testing.isolation import CONTENT_ROLES, PERSON_ROLES, Built, StaffPage


def _case(program, author):
    case = make_case(program=program, actor=author)
    name = f"{case.client.family_name} {case.client.given_name}"
    identifiers = (str(case.public_id), str(case.client.public_id), name)
    return Built({"case_id": case.public_id}, identifiers, case.public_id)


def _inquiry(program, author):
    inquiry = make_inquiry(program=program, actor=author, caller_name="照合用 太郎", is_urgent=True)
    identifiers = (str(inquiry.public_id), "照合用 太郎")
    return Built({"inquiry_id": inquiry.public_id}, identifiers, inquiry.public_id)


def _consent(program, author):
    from yorisoi.cases.services import consent_record

    built = _case(program, author)
    from yorisoi.cases.models import Case

    case = Case.objects.get(public_id=built.subject_id)
    consent = consent_record(
        case=case,
        actor=author,
        given_by="family",
        given_on=case.registered_on,
        method="written",
        explained="説明",
    )
    return Built({"consent_id": consent.public_id}, built.identifiers, case.public_id)


def _listed(builder):
    def build(program, author):
        built = builder(program, author)
        return Built({}, built.identifiers, built.subject_id)

    return build


def _searched(program, author):
    built = _case(program, author)
    from yorisoi.cases.models import Case

    case = Case.objects.select_related("client").get(public_id=built.subject_id)
    return Built({}, built.identifiers, built.subject_id, query={"q": case.client.family_name_kana})


PAGES = [
    StaffPage("cases:list", PERSON_ROLES, _listed(_case)),
    StaffPage("cases:search", PERSON_ROLES, _searched, method="post"),  # by POST: no name in a URL
    StaffPage("cases:register", CONTENT_ROLES),
    StaffPage("cases:detail", CONTENT_ROLES, _case, per_object=True),
    StaffPage("cases:edit", CONTENT_ROLES, _case, per_object=True),
    StaffPage("cases:client_edit", CONTENT_ROLES, _case),
    StaffPage("cases:close", CONTENT_ROLES, _case, method="post"),
    StaffPage("cases:reopen", CONTENT_ROLES, _case, method="post"),
    StaffPage("cases:continue", CONTENT_ROLES, _case, method="post"),
    StaffPage("cases:related_person_add", CONTENT_ROLES, _case),
    StaffPage("cases:consent_add", CONTENT_ROLES, _case),
    StaffPage("cases:consent_withdraw", CONTENT_ROLES, _consent, per_object=True),
    StaffPage("cases:inquiry_list", PERSON_ROLES, _listed(_inquiry)),
    StaffPage("cases:inquiry_create", PERSON_ROLES),
    StaffPage("cases:inquiry_detail", PERSON_ROLES, _inquiry, per_object=True),
    StaffPage("cases:inquiry_take", CONTENT_ROLES, _inquiry, method="post"),
    StaffPage(
        "cases:inquiry_status", PERSON_ROLES, _inquiry, method="post", data={"status": InquiryStatus.BOOKED}
    ),
    StaffPage("cases:register_from_inquiry", CONTENT_ROLES, _inquiry, per_object=True),
    StaffPage("cases:urgent_panel", PERSON_ROLES, _listed(_inquiry)),
    StaffPage("cases:urgent_banner", PERSON_ROLES),
    StaffPage("cases:print", CONTENT_ROLES, _case, per_object=True),
    StaffPage(
        "cases:inquiry_urgent", PERSON_ROLES, _inquiry, method="post", data={"urgent": "0", "reason": "照合"}
    ),
    # no case chosen: sent back to the registration page (a real attach is tested in test_continuity)
    StaffPage("cases:inquiry_attach", CONTENT_ROLES, _inquiry, method="post"),
]
