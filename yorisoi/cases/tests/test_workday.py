"""The inbox that fits the day, urgency at any time, the consent in force, and printing a case."""

import datetime

import pytest
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases import selectors, services
from yorisoi.cases.models import Channel, Consent, Inquiry, InquiryStatus
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


def actor_of(user, program, role="counselor"):
    return Actor(user=user, program=program, role=role)


# --- the inbox ------------------------------------------------------------------------------------


@pytest.fixture
def inbox(chiba, chiba_counselor):
    make = lambda **f: make_inquiry(program=chiba, actor=chiba_counselor, **f)  # noqa: E731
    rows = {
        "web_new": make(channel=Channel.WEB),
        "web_new_2": make(channel=Channel.WEB),
        "web_booked": make(channel=Channel.WEB),
        "phone_new": make(channel=Channel.PHONE),
        "web_referred": make(channel=Channel.WEB),
        "urgent_done": make(channel=Channel.PHONE, is_urgent=True, urgent_note="自傷のおそれ"),
    }
    rows["web_booked"].status = InquiryStatus.BOOKED
    rows["web_referred"].status = InquiryStatus.REFERRED
    rows["urgent_done"].status = InquiryStatus.NO_FURTHER_CONTACT
    for key in ("web_booked", "web_referred", "urgent_done"):
        rows[key].save()
    return rows


def _listed(response) -> set[str]:
    return {row.reference for row in response.context["page"].object_list}


def test_default_inbox_shows_what_still_needs_someone(inbox, chiba_counselor, client_as):
    response = client_as(chiba_counselor).get(reverse("cases:inquiry_list"))
    expected = {inbox[k].reference for k in ("web_new", "web_new_2", "web_booked", "phone_new")}
    assert _listed(response) == expected  # handled ones (referred, ended, urgent included) are not pinned


@pytest.mark.parametrize(
    "query, keys",
    [
        ({"status": "referred"}, {"web_referred"}),
        ({"status": "all", "channel": "phone"}, {"phone_new", "urgent_done"}),
        ({"status": "all", "urgent": "on"}, {"urgent_done"}),
        ({"status": "new", "channel": "web"}, {"web_new", "web_new_2"}),
    ],
)
def test_inbox_filters(inbox, chiba_counselor, client_as, query, keys):
    response = client_as(chiba_counselor).get(reverse("cases:inquiry_list"), query)
    assert _listed(response) == {inbox[k].reference for k in keys}


def test_home_count_of_new_web_requests_opens_exactly_those(inbox, chiba, chiba_counselor, client_as):
    # given the home page's count and the link it gives
    http = client_as(chiba_counselor)
    panel = http.get(reverse("cases:urgent_panel")).content.decode()
    count = selectors.new_web_requests_count(actor=actor_of(chiba_counselor, chiba))
    link = reverse("cases:inquiry_list") + "?status=new&amp;channel=web"
    # when the link is followed
    assert f"ウェブからの新しい申し込みが{count}件" in panel and link in panel
    listed = _listed(http.get(reverse("cases:inquiry_list"), {"status": "new", "channel": "web"}))
    # then it opens exactly the counted ones
    assert count == 2 and listed == {inbox["web_new"].reference, inbox["web_new_2"].reference}


def test_inbox_taken_by_me(inbox, chiba, chiba_counselor, client_as):
    services.inquiry_take(inquiry=inbox["phone_new"], actor=actor_of(chiba_counselor, chiba))
    response = client_as(chiba_counselor).get(reverse("cases:inquiry_list"), {"mine": "on"})
    assert _listed(response) == {inbox["phone_new"].reference}


def test_inbox_pages_by_keyset(chiba, chiba_counselor, client_as):
    for _ in range(55):
        make_inquiry(program=chiba, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    first = http.get(reverse("cases:inquiry_list"))
    cursor = first.context["page"].next_cursor
    assert len(first.context["page"].object_list) == 50 and cursor
    second = http.get(reverse("cases:inquiry_list"), {"cursor": cursor})
    assert len(second.context["page"].object_list) == 5
    assert _listed(first).isdisjoint(_listed(second))


@pytest.mark.parametrize("bad", [{"received_from": "9999-12-31"}, {"cursor": "x" * 50}, {"status": "²"}])
def test_hostile_inbox_parameters_give_the_default_page(chiba_counselor, client_as, bad):
    assert client_as(chiba_counselor).get(reverse("cases:inquiry_list"), bad).status_code == 200


# --- urgency ----------------------------------------------------------------------------------------


def test_flagging_urgent_reaches_every_counselors_header_and_not_the_other_program(chiba, staff, client_as):
    # given a web request (not urgent) and two Chiba counselors and an Urayasu counselor
    first, second = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    other = staff("urayasu", Role.COUNSELOR)
    inquiry = make_inquiry(program=chiba, actor=first, channel=Channel.WEB)
    banner = reverse("cases:urgent_banner")
    assert "緊急の問い合わせが" not in client_as(second).get(banner).content.decode()
    # when the first counselor flags it urgent with a reason
    response = client_as(first).post(
        reverse("cases:inquiry_urgent", kwargs={"inquiry_id": inquiry.public_id}),
        {"urgent": "1", "reason": "メールに「もう限界」とあった"},
    )
    # then every Chiba counselor's header shows it, Urayasu's does not, and the change is logged
    assert response.status_code == 302
    assert "緊急の問い合わせが1件" in client_as(second).get(banner).content.decode()
    assert "緊急の問い合わせが" not in client_as(other).get(banner).content.decode()
    entry = AccessLog.objects.get(action="inquiry.urgent")
    assert (entry.actor, entry.reason) == (first, "メールに「もう限界」とあった")
    assert (
        'hx-get="/staff/cases/inquiries/urgent-banner/"'
        in client_as(second).get(reverse("cases:list")).content.decode()
    )
    # and once taken, it leaves the header
    services.inquiry_take(inquiry=inquiry, actor=actor_of(second, chiba))
    assert "緊急の問い合わせが" not in client_as(first).get(banner).content.decode()


def test_urgent_without_a_reason_is_refused_and_nothing_changes(chiba, chiba_counselor, client_as):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    response = client_as(chiba_counselor).post(
        reverse("cases:inquiry_urgent", kwargs={"inquiry_id": inquiry.public_id}),
        {"urgent": "1", "reason": ""},
    )
    assert response.status_code == 302
    assert Inquiry.objects.get().is_urgent is False
    assert AccessLog.objects.filter(action="inquiry.urgent").count() == 0


def test_unflagging_urgent_is_logged_with_the_reason(chiba, chiba_counselor, client_as):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor, is_urgent=True, urgent_note="x")
    client_as(chiba_counselor).post(
        reverse("cases:inquiry_urgent", kwargs={"inquiry_id": inquiry.public_id}),
        {"urgent": "0", "reason": "電話で無事を確認"},
    )
    assert Inquiry.objects.get().is_urgent is False
    assert AccessLog.objects.get(action="inquiry.not_urgent").reason == "電話で無事を確認"


def test_after_registration_the_inquiry_shows_who_took_it(chiba, chiba_counselor, client_as):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor, is_urgent=True, urgent_note="x")
    services.inquiry_take(inquiry=inquiry, actor=actor_of(chiba_counselor, chiba))
    case = make_case(program=chiba, actor=chiba_counselor, inquiry=inquiry)
    page = client_as(chiba_counselor).get(inquiry.get_absolute_url()).content.decode()
    assert "対応した職員" in page and chiba_counselor.name_for_display in page and case.label in page


# --- consent ----------------------------------------------------------------------------------------


def _consent(case, user, **fields):
    defaults = {
        "given_by": "self",
        "given_on": datetime.date(2026, 4, 10),
        "method": "written",
        "explained": "説明した",
    }
    return services.consent_record(case=case, actor=user, **{**defaults, **fields})


def test_the_newest_consent_is_in_force_and_earlier_ones_are_marked_superseded(
    chiba, chiba_counselor, client_as
):
    case = make_case(program=chiba, actor=chiba_counselor)
    old = _consent(case, chiba_counselor, shares_with="ハローワーク")
    new = _consent(
        case, chiba_counselor, given_on=datetime.date(2026, 6, 1), shares_with="美浜保健福祉センター"
    )
    assert selectors.consent_in_force(case=case) == new
    page = client_as(chiba_counselor).get(case.get_absolute_url()).content.decode()
    assert "置き換え済み" in page and page.count('class="consent-in_force"') == 1
    services.consent_withdraw(consent=new, actor=chiba_counselor, on=datetime.date(2026, 7, 1), note="撤回")
    assert selectors.consent_in_force(case=case) == old


def test_referral_gate_uses_the_consent_in_force(chiba, chiba_counselor):
    from yorisoi.referrals.models import PartnerAgency
    from yorisoi.referrals.services import consent_covers

    case = make_case(program=chiba, actor=chiba_counselor)
    agency = PartnerAgency.objects.create(program=chiba, kind="hello_work", name="ハローワーク千葉")
    _consent(case, chiba_counselor, shares_with="ハローワーク")
    assert consent_covers(case=case, agency=agency) is True
    # a later consent narrows the list: the earlier one no longer speaks
    _consent(case, chiba_counselor, given_on=datetime.date(2026, 6, 1), shares_with="美浜保健福祉センター")
    assert consent_covers(case=case, agency=agency) is False


def test_family_consent_to_sensitive_info_about_an_adult_needs_a_reason(chiba, chiba_counselor, client_as):
    # given an adult person's case and their mother
    case = make_case(program=chiba, actor=chiba_counselor)  # born 1995
    mother = services.related_person_add(case=case, actor=chiba_counselor, relation="mother", name="母")
    url = reverse("cases:consent_add", kwargs={"case_id": case.public_id})
    data = {
        "given_by": "family",
        "given_by_person": mother.pk,
        "given_for": "client",
        "given_on": "2026-11-01",
        "method": "written",
        "explained": "説明した",
        "sensitive_info_recording": "on",
    }
    http = client_as(chiba_counselor)
    # when it is sent without a reason: asked for one, with a warning, nothing saved
    refused = http.post(url, data).content.decode()
    assert "本人は成人（または年齢不明）です。" in refused and Consent.objects.count() == 0
    # when a reason is given: accepted, and the consent says who agreed for whom and why
    http.post(url, {**data, "proxy_reason": "本人は話し合いに応じられる状態ではない"})
    consent = Consent.objects.get()
    assert (consent.given_by_person, consent.given_for) == (mother, "client")
    page = http.get(case.get_absolute_url()).content.decode()
    assert "本人は話し合いに応じられる状態ではない" in page and "本人に代わって" in page


# --- printing ---------------------------------------------------------------------------------------


def test_printing_a_case_asks_a_reason_and_is_logged_as_a_print(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    url = reverse("cases:print", kwargs={"case_id": case.public_id})
    http = client_as(chiba_counselor)
    # without a reason: asked again, kindly, and no print is logged
    again = http.post(url, {"reason": "", "start": "2026-01-01"})
    assert "印刷の理由をひとこと書いてください。" in again.content.decode()
    assert 'value="2026-01-01"' in again.content.decode()
    assert AccessLog.objects.filter(kind="print").count() == 0
    # with a reason: the print view, without the staff navigation, logged once as a print
    printed = http.post(url, {"reason": "ケース会議の資料", "start": "2026-01-01", "end": "2026-12-31"})
    body = printed.content.decode()
    assert printed.status_code == 200 and case.label in body and "staff-nav" not in body
    assert "print.css" in body
    entry = AccessLog.objects.get(kind="print")
    assert (entry.action, entry.subject_id, entry.data["reason"]) == (
        "case.print",
        case.public_id,
        "ケース会議の資料",
    )
