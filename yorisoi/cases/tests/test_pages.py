import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.models import AccessLog
from yorisoi.cases import services
from yorisoi.cases.models import Case, CaseStatus, Client, Consent, Inquiry, InquiryStatus, RelatedPerson
from yorisoi.cases.tests.factories import make_case, make_client, make_inquiry
from yorisoi.core.templatetags.staff_format import day
from yorisoi.programs.models import Role

INQUIRY = {
    "received_at": "2026-11-24T10:00",
    "channel": "phone",
    "caller_type": "family",
    "family_relation": "mother",
    "caller_name": "山田 良子",
    "contact_phone": "043-111-2222",
    "contact_preferences": "本人は相談を知りません。固定電話にはかけないでください。",
    "person_age": "34",
    "person_age_band": "30_39",
    "person_gender": "male",
    "residence_city": "千葉市美浜区",
    "concern": "息子が3年ほど部屋から出てこない",
}


def test_counselor_logs_a_phone_call_from_a_mother(chiba, chiba_counselor, client_as):
    response = client_as(chiba_counselor).post(reverse("cases:inquiry_create"), INQUIRY, follow=True)
    inquiry = Inquiry.objects.get()
    assert (inquiry.program, inquiry.caller_type, inquiry.family_relation, inquiry.person_age) == (
        chiba,
        "family",
        "mother",
        34,
    )
    page = response.content.decode()
    assert "問い合わせを記録しました。" in page
    assert "本人は相談を知りません。固定電話にはかけないでください。" in page  # shown before any contact
    assert "対象についての注意" not in page  # a Chiba resident in Chiba


def test_bad_input_gets_japanese_messages_and_keeps_what_was_typed(chiba, chiba_counselor, client_as):
    bad = {
        **INQUIRY,
        "contact_phone": "043-abc-2222",
        "person_age": "-3",
        "concern": "",
        "family_relation": "",
    }
    response = client_as(chiba_counselor).post(reverse("cases:inquiry_create"), bad)
    page = response.content.decode()
    assert response.status_code == 200 and Inquiry.objects.count() == 0
    assert "電話番号は数字とハイフンで入力してください" in page
    assert "0以上の数字で入力してください。" in page
    assert "家族からの連絡のときは、本人との続柄を選んでください。" in page
    assert "入力してください。" in page  # the concern
    assert 'value="043-abc-2222"' in page and "山田 良子" in page and "本人は相談を知りません" in page


def test_anonymous_call_is_kept_as_a_contact_without_a_case(chiba, chiba_counselor, client_as):
    anonymous = {
        **INQUIRY,
        "caller_type": "anonymous",
        "family_relation": "",
        "caller_name": "",
        "contact_phone": "",
    }
    client_as(chiba_counselor).post(reverse("cases:inquiry_create"), anonymous)
    inquiry = Inquiry.objects.get()
    assert (inquiry.caller_type, inquiry.case) == ("anonymous", None)
    assert Case.objects.count() == 0


def test_urayasu_warns_about_residence_elsewhere_and_under_sixteen_but_accepts(urayasu, staff, client_as):
    counselor = staff("urayasu", Role.COUNSELOR)
    data = {**INQUIRY, "residence_city": "市川市", "person_age": "14", "person_age_band": "under_15"}
    response = client_as(counselor).post(reverse("cases:inquiry_create"), data, follow=True)
    page = response.content.decode()
    assert Inquiry.objects.filter(program=urayasu).count() == 1  # a warning, never a block
    assert "お住まいが浦安市ではないようです（市川市）" in page
    assert "本人は14歳とのことです。浦安市の目安は概ね16歳以上です" in page
    assert urayasu.under_age_guidance[:20] in page


def test_an_urgent_inquiry_is_taken_once_and_leaves_the_home_page(chiba, staff, client_as):
    first, second = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    inquiry = make_inquiry(program=chiba, actor=first, is_urgent=True)
    take = reverse("cases:inquiry_take", kwargs={"inquiry_id": inquiry.public_id})
    client_as(first).post(take)
    page = client_as(second).post(take, follow=True).content.decode()
    inquiry.refresh_from_db()
    assert inquiry.taken_by == first and inquiry.taken_at is not None
    assert f"すでに {first.name_for_display} さんが対応しています。" in page
    panel = client_as(second).get(reverse("cases:urgent_panel")).content.decode()
    assert "対応待ちの緊急の問い合わせはありません。" in panel


def registration_post(**overrides):
    data = {
        "case-registered_on": "2026-11-24",
        "case-current_situation": "日中は自室で過ごす",
        "case-main_concerns": "外に出られない",
        "case-wishes": "人と話せるようになりたい",
        "case-withdrawal_since": "2023-04-01",
        "client-family_name": "山田",
        "client-given_name": "太郎",
        "client-family_name_kana": "やまだ",
        "client-given_name_kana": "たろう",
        "client-birth_date": "1992-06-01",
        "client-gender": "male",
        "client-residence_city": "千葉市美浜区",
        "family-relation": "mother",
        "family-name": "山田 良子",
        "family-phone": "043-111-2222",
        "family-consults": "on",
        "consent-given_by": "family",
        "consent-given_on": "2026-11-24",
        "consent-method": "written",
        "consent-explained": "個人情報は厳守すること、記録の保管について説明した。",
        "consent-shares_with": "美浜保健福祉センター",
    }
    data.update(overrides)
    return data


def test_initial_consultation_registers_person_case_family_and_consent(chiba, chiba_counselor, client_as):
    inquiry = make_inquiry(program=chiba, actor=chiba_counselor)
    url = reverse("cases:register_from_inquiry", kwargs={"inquiry_id": inquiry.public_id})
    response = client_as(chiba_counselor).post(
        url, registration_post(**{"case-primary_staff": chiba_counselor.pk})
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert (case.status, case.primary_staff, case.client.kana_key) == (
        CaseStatus.INITIAL,
        chiba_counselor,
        "ヤマダタロウ",
    )
    assert RelatedPerson.objects.get(case=case).relation == "mother"
    assert Consent.objects.get(case=case).shared_agencies == ["美浜保健福祉センター"]
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.REGISTERED


def test_family_only_case_has_no_person(chiba, chiba_counselor, client_as):
    data = registration_post(**{"case-primary_staff": chiba_counselor.pk, "case-client_unknown": "on"})
    data.update({"client-family_name": "", "client-birth_date": "2099-01-01"})  # ignored when unknown
    client_as(chiba_counselor).post(reverse("cases:register"), data)
    case = Case.objects.get()
    assert case.client is None and Client.objects.count() == 0


def test_registration_warns_of_a_possible_duplicate_and_lets_staff_choose(chiba, chiba_counselor, client_as):
    existing = make_client(
        program=chiba,
        actor=chiba_counselor,
        family_name="山田",
        given_name="太郎",
        family_name_kana="ヤマダ",
        given_name_kana="タロウ",
        birth_date=datetime.date(1992, 6, 1),
    )
    http = client_as(chiba_counselor)
    data = registration_post(**{"case-primary_staff": chiba_counselor.pk})
    # when registering someone with the same furigana and birth date
    page = http.post(reverse("cases:register"), data).content.decode()
    # then nothing is saved yet and the possible duplicate is shown, with what was typed kept
    assert Case.objects.count() == 0
    assert (
        "同じ人がすでに登録されているかもしれません" in page
        and 'value="人と話せるようになりたい"' not in page
    )
    assert "人と話せるようになりたい" in page
    # when staff say it is the same person
    http.post(reverse("cases:register"), {**data, "duplicate_choice": str(existing.public_id)})
    assert Case.objects.get().client == existing
    assert Client.objects.count() == 1


def test_registration_with_bad_dates_says_so(chiba, chiba_counselor, client_as):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    data = registration_post(**{"case-primary_staff": chiba_counselor.pk, "client-birth_date": future})
    page = client_as(chiba_counselor).post(reverse("cases:register"), data).content.decode()
    assert "生年月日が未来になっています" in page and Case.objects.count() == 0


def test_closing_before_registration_is_refused_with_a_message(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor, registered_on=datetime.date(2026, 4, 10))
    url = reverse("cases:close", kwargs={"case_id": case.public_id})
    page = (
        client_as(chiba_counselor).post(url, {"closed_on": "2026-04-01", "reason": "moved"}).content.decode()
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INITIAL
    assert "登録日（2026-04-10）より前には終結できません。" in page


def test_second_of_two_simultaneous_edits_is_told_and_keeps_its_text(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    url = reverse("cases:edit", kwargs={"case_id": case.public_id})
    form = {
        "registered_on": "2026-04-10",
        "primary_staff": chiba_counselor.pk,
        "main_concerns": "外に出られない",
        "version": "1",
    }
    http = client_as(chiba_counselor)
    assert http.post(url, {**form, "wishes": "Aさんの入力"}).status_code == 302
    page = http.post(url, {**form, "wishes": "Bさんの入力"}).content.decode()
    case.refresh_from_db()
    assert case.wishes == "Aさんの入力"
    assert "ほかの職員が先にこのケースを保存しました" in page and "Bさんの入力" in page


def test_case_page_shows_history_after_close_and_reopen(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor, registered_on=datetime.date(2026, 4, 10))
    services.case_close(
        case=case, reason="no_longer_needed", actor=chiba_counselor, on=datetime.date(2026, 6, 1)
    )
    services.case_reopen(
        case=case, actor=chiba_counselor, on=datetime.date(2026, 10, 1), note="母から再び電話"
    )
    page = client_as(chiba_counselor).get(case.get_absolute_url()).content.decode()
    page = page.split('id="timeline-h"')[1]
    assert "終結（本人が「サポートがいらない」と表明）" in page
    assert "再開" in page and "母から再び電話" in page
    dates = [day(datetime.date(2026, 10, 1)), day(datetime.date(2026, 6, 1)), day(datetime.date(2026, 4, 10))]
    assert page.index(dates[0]) < page.index(dates[1]) < page.index(dates[2])  # newest first


@pytest.fixture
def caseload(chiba, staff):
    mine, other = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    quiet = make_case(program=chiba, actor=mine)
    Case.objects.filter(pk=quiet.pk).update(
        last_contact_on=timezone.localdate() - datetime.timedelta(days=90)
    )
    recent = make_case(program=chiba, actor=mine)
    Case.objects.filter(pk=recent.pk).update(last_contact_on=timezone.localdate())
    theirs = make_case(program=chiba, actor=other)
    Case.objects.filter(pk=theirs.pk).update(
        last_contact_on=timezone.localdate() - datetime.timedelta(days=10)
    )
    return {"mine": mine, "other": other, "quiet": quiet, "recent": recent, "theirs": theirs}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"mine": "on"}, {"quiet", "recent"}),
        ({"quiet_days": "60"}, {"quiet"}),
        ({}, {"quiet", "recent", "theirs"}),
    ],
)
def test_caseload_filters(caseload, client_as, params, expected):
    response = client_as(caseload["mine"]).get(reverse("cases:list"), params)
    labels = {c.label for c in response.context["page"].object_list}
    assert labels == {caseload[k].label for k in expected}


def test_caseload_filter_by_staff_and_status(caseload, client_as):
    services.case_close(case=caseload["theirs"], reason="moved", actor=caseload["other"])
    response = client_as(caseload["mine"]).get(
        reverse("cases:list"), {"staff": caseload["other"].username, "status": "closed"}
    )
    assert [c.label for c in response.context["page"].object_list] == [caseload["theirs"].label]


def test_caseload_query_count_stays_flat_as_cases_grow(
    chiba, chiba_counselor, client_as, django_assert_num_queries
):
    http = client_as(chiba_counselor)
    for _ in range(3):
        make_case(program=chiba, actor=chiba_counselor)
    http.get(reverse("cases:list"))
    with django_assert_num_queries(9) as few:  # 2 of them take the access log chain's next link
        http.get(reverse("cases:list"))
    for _ in range(30):
        make_case(program=chiba, actor=chiba_counselor)
    with django_assert_num_queries(len(few.captured_queries)):
        http.get(reverse("cases:list"))


def test_search_page_logs_the_search_and_shows_the_case(chiba, chiba_counselor, client_as):
    case = make_case(
        program=chiba,
        actor=chiba_counselor,
        client=make_client(
            program=chiba, actor=chiba_counselor, family_name="佐藤", family_name_kana="サトウ"
        ),
    )
    page = client_as(chiba_counselor).post(reverse("cases:search"), {"q": "ｻﾄｳ"}).content.decode()
    assert case.label in page and "佐藤" in page
    entry = AccessLog.objects.get(actor=chiba_counselor, action="client.search")
    assert entry.data["subjects"] == [str(case.public_id)] and entry.data["query"] == "ｻﾄｳ"
