"""Nothing lost between the first contact and the case: records, the caller and their channel,
the links both ways, and a known family's new inquiry joining their case (reopening it)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.models import AccessLog
from yorisoi.cases import selectors, services
from yorisoi.cases.models import Case, CaseStatus, Channel, Client, Inquiry, InquiryStatus, RelatedPerson
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.consultations.models import ConsultationMode, ConsultationRecord
from yorisoi.consultations.services import record_create
from yorisoi.programs.permissions import Actor

from .test_pages import registration_post


def actor_of(user, program, role="counselor"):
    return Actor(user=user, program=program, role=role)


def web_request_from_father(program, **fields):
    """A father who may be written to by email only, as the public web form logs it."""
    defaults = {
        "channel": Channel.WEB,
        "caller_type": "family",
        "family_relation": "father",
        "caller_name": "鈴木 一郎",
        "contact_phone": "",
        "contact_email": "ichiro@example.jp",
        "contact_preferences": "メールだけで連絡してほしい（電話はしないでほしい）",
        "concern": "息子が3年ほど家から出ていません",
    }
    return services.inquiry_create(program=program, actor=None, **{**defaults, **fields})


def email_reply(inquiry, user, **fields):
    defaults = {
        "held_on": timezone.localdate(),
        "starts_at": datetime.time(10),
        "ends_at": datetime.time(10, 20),
        "mode": ConsultationMode.MAIL,
        "staff": user,
        "summary": "メールで返信し、初回相談の日程を提案した",
        "caller_present": True,
    }
    return record_create(actor=actor_of(user, inquiry.program), inquiry=inquiry, **{**defaults, **fields})


def test_registration_carries_the_inquiry_record_the_caller_and_their_email(
    chiba, chiba_counselor, client_as
):
    # given a web request from a father (email only) and an email reply recorded on it
    inquiry = web_request_from_father(chiba)
    reply = email_reply(inquiry, chiba_counselor)
    url = reverse("cases:register_from_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    http = client_as(chiba_counselor)
    # when the counselor opens registration, the father (with his email and caution) is prefilled
    form_page = http.get(url).content.decode()
    assert 'value="ichiro@example.jp"' in form_page and "メールだけで連絡してほしい" in form_page
    # and registers the case with him as the consulting family member
    data = registration_post(
        **{
            "case-primary_staff": chiba_counselor.pk,
            "family-relation": "father",
            "family-name": "鈴木 一郎",
            "family-phone": "",
            "family-email": "ichiro@example.jp",
            "family-contact_preferences": "メールだけで連絡してほしい（電話はしないでほしい）",
        }
    )
    response = http.post(url, data)
    # then the case holds the reply on its timeline, the father with his email, and both links
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    father = RelatedPerson.objects.get(case=case)
    assert (father.relation, father.email) == ("father", "ichiro@example.jp")
    reply.refresh_from_db()
    assert (reply.case, reply.inquiry) == (case, inquiry)
    assert list(reply.family_present.all()) == [father]
    page = http.get(case.get_absolute_url()).content.decode()
    timeline = page.split('id="timeline-h"')[1]
    assert "メールで返信し、初回相談の日程を提案した" in timeline
    assert "ichiro@example.jp" in page and inquiry.get_absolute_url() in page
    inquiry_page = http.get(inquiry.get_absolute_url()).content.decode()
    assert (
        "メールで返信し、初回相談の日程を提案した" in inquiry_page and case.get_absolute_url() in inquiry_page
    )


def test_registration_page_shows_possible_matches_before_creating_anything(chiba, chiba_counselor, client_as):
    # given a closed case whose mother gave this email years ago
    case = make_case(program=chiba, actor=chiba_counselor)
    services.related_person_add(
        case=case, actor=chiba_counselor, relation="mother", name="高橋 春子", email="haruko@example.jp"
    )
    inquiry = make_inquiry(
        program=chiba, actor=chiba_counselor, caller_name="高橋 春子", contact_email="haruko@example.jp"
    )
    # when registration from her new inquiry is opened
    page = client_as(chiba_counselor).get(
        reverse("cases:register_from_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    )
    body = page.content.decode()
    # then the known case is offered to attach to, and nothing new exists yet
    assert case.label in body and "につなぐ" in body
    assert Case.objects.count() == 1
    entry = AccessLog.objects.get(actor=chiba_counselor, action="inquiry.view")
    assert entry.data["subjects"] == [str(case.public_id)]


def test_inquiry_attached_to_a_closed_case_reopens_it_and_keeps_one_person(chiba, chiba_counselor, client_as):
    # given a closed case and, years later, a call from the same mother
    case = make_case(program=chiba, actor=chiba_counselor)
    mother = services.related_person_add(
        case=case, actor=chiba_counselor, relation="mother", name="山田 良子", phone="043-111-2222"
    )
    services.case_close(
        case=case, reason="no_longer_needed", actor=chiba_counselor, on=datetime.date(2026, 5, 1)
    )
    inquiry = make_inquiry(
        program=chiba, actor=chiba_counselor, caller_name="山田 良子", contact_phone="043-111-2222"
    )
    # when the counselor attaches the inquiry to the case
    response = client_as(chiba_counselor).post(
        reverse("cases:inquiry_attach", kwargs={"inquiry_id": inquiry.public_id}), {"case": case.public_id}
    )
    # then the case is reopened with its history, the mother is the same row, and no second case exists
    case.refresh_from_db()
    inquiry.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.status == CaseStatus.REOPENED
    assert (inquiry.case, inquiry.status) == (case, InquiryStatus.REGISTERED)
    assert (Case.objects.count(), Client.objects.count()) == (1, 1)
    assert list(RelatedPerson.objects.filter(case=case)) == [mother]
    assert [c.to_status for c in case.status_changes.order_by("id")] == ["initial", "closed", "reopened"]


def test_attaching_to_another_programs_case_is_404_and_changes_nothing(
    chiba, urayasu, chiba_counselor, urayasu_counselor, client_as
):
    # given an Urayasu case (closed) and a Chiba inquiry
    other = make_case(program=urayasu, actor=urayasu_counselor)
    services.case_close(case=other, reason="moved", actor=urayasu_counselor, on=datetime.date(2026, 5, 1))
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    # when a Chiba counselor posts the Urayasu case's id
    response = client_as(chiba_counselor).post(
        reverse("cases:inquiry_attach", kwargs={"inquiry_id": inquiry.public_id}), {"case": other.public_id}
    )
    # then it is missing, and neither row changed
    other.refresh_from_db()
    inquiry.refresh_from_db()
    assert response.status_code == 404
    assert (other.status, inquiry.case, inquiry.status) == (CaseStatus.CLOSED, None, InquiryStatus.NEW)
    assert RelatedPerson.objects.count() == 0


def test_service_refuses_to_attach_across_programs(chiba, urayasu, chiba_counselor, urayasu_counselor):
    other = make_case(program=urayasu, actor=urayasu_counselor)
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    with pytest.raises(services.CrossProgramError):
        services.inquiry_attach(inquiry=inquiry, case=other, actor=actor_of(chiba_counselor, chiba))
    inquiry.refresh_from_db()
    assert inquiry.case is None


def test_searching_a_callers_phone_or_email_finds_the_inquiry(chiba, chiba_counselor, client_as):
    # given an inquiry not (yet) a case, from a mother who gave a phone number and an email
    inquiry = make_inquiry(
        program=chiba, actor=chiba_counselor, contact_phone="080-2222-3333", contact_email="m@example.jp"
    )
    actor = actor_of(chiba_counselor, chiba)
    # when staff search her phone (last four digits, or full width) or her email
    for typed in ("3333", "０８０２２２２３３３３", "m@example.jp"):
        hits = selectors.person_search(actor=actor, query=typed)
        # then the inquiry is found and says what it is
        assert [(h.kind, h.kind_label, h.inquiry) for h in hits] == [("inquiry", "問い合わせ", inquiry)]


def test_searching_a_family_members_kana_finds_the_case(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    services.related_person_add(
        case=case, actor=chiba_counselor, relation="mother", name="山田 良子", name_kana="やまだ よしこ"
    )
    hits = selectors.person_search(actor=actor_of(chiba_counselor, chiba), query="ﾔﾏﾀﾞﾖｼ")
    assert [(h.kind_label, h.case) for h in hits] == [("家族", case)]


def test_a_search_writes_one_entry_naming_the_subjects_shown(chiba, chiba_counselor, client_as):
    # given a case and a registered inquiry of the same phone, and an unregistered one
    case = make_case(program=chiba, actor=chiba_counselor)
    registered = make_inquiry(program=chiba, actor=chiba_counselor, contact_phone="080-5555-0001")
    services.inquiry_attach(inquiry=registered, case=case, actor=actor_of(chiba_counselor, chiba))
    loose = make_inquiry(program=chiba, actor=chiba_counselor, contact_phone="080-5555-0001")
    before = AccessLog.objects.count()
    # when staff search that phone number (by POST)
    response = client_as(chiba_counselor).post(reverse("cases:search"), {"q": "080-5555-0001"})
    # then exactly one entry, naming the case (through the registered inquiry) and the loose inquiry
    assert response.status_code == 200
    assert AccessLog.objects.count() == before + 1
    entry = AccessLog.objects.get(action="client.search")
    assert sorted(entry.data["subjects"]) == sorted([str(case.public_id), str(loose.public_id)])
    assert entry.data["query"] == "080-5555-0001"


def test_search_page_by_get_never_carries_the_query(chiba, chiba_counselor, client_as):
    """Names and phone numbers do not belong in URLs: a GET with ?q= is not a search."""
    response = client_as(chiba_counselor).get(reverse("cases:search"), {"q": "さとう"})
    assert response.status_code == 200
    assert AccessLog.objects.filter(action="client.search").count() == 0


@pytest.mark.parametrize(
    "field, typed, message",
    [
        (
            "client-family_name_kana",
            "山田",
            "ふりがなは、ひらがなかカタカナで入力してください（例：さとう）。",
        ),
        ("client-phone", "090-abcd-5678", "電話番号は数字とハイフンで入力してください（例：043-204-1606）。"),
        ("family-phone", "043-12", "電話番号の桁数をお確かめください"),
    ],
)
def test_bad_furigana_or_phone_gets_a_message_and_keeps_what_was_typed(
    chiba, chiba_counselor, client_as, field, typed, message
):
    data = registration_post(**{"case-primary_staff": chiba_counselor.pk, field: typed})
    response = client_as(chiba_counselor).post(reverse("cases:register"), data)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and f'value="{typed}"' in body
    assert Case.objects.count() == 0


def test_phone_numbers_are_stored_normalised(chiba, chiba_counselor, client_as):
    data = registration_post(
        **{"case-primary_staff": chiba_counselor.pk, "client-phone": "０４３（２０４）１６０６"}
    )
    client_as(chiba_counselor).post(reverse("cases:register"), data)
    client = Client.objects.get()
    assert (client.phone, client.phone_digits) == ("043-204-1606", "0432041606")


def test_registered_inquiry_leaves_the_default_inbox(chiba, chiba_counselor):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    case = make_case(program=chiba, actor=chiba_counselor)
    services.inquiry_attach(inquiry=inquiry, case=case, actor=actor_of(chiba_counselor, chiba))
    assert list(selectors.inquiry_list(actor=actor_of(chiba_counselor, chiba))) == []
    assert Inquiry.objects.get().is_open is False
    assert ConsultationRecord.objects.count() == 0
