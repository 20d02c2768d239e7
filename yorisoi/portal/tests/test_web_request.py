"""The web request for a first consultation: one Inquiry in the right inbox, nothing for bots."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import CallerType, Channel, Inquiry
from yorisoi.portal import rate_limit

NAME = "山田 花子"
EMAIL = "hanako@example.jp"
PHONE = "090-1234-5678"
CONCERN = "息子が3年ほど家から出ていません。どう接したらよいか相談したいです。"


def request_data(**overrides) -> dict:
    data = {
        "caller_type": "family",
        "family_relation": "mother",
        "agency_name": "",
        "caller_name": NAME,
        "contact_method": "email",
        "contact_email": EMAIL,
        "contact_phone": PHONE,
        "contact_cautions": ["no_home_phone", "person_unaware"],
        "contact_note": "平日の夕方なら電話に出られます",
        "preferred_days": ["1"],
        "person_age_band": "20_29",
        "concern": CONCERN,
        "privacy_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def send(client, slug="urayasu", **overrides):
    return client.post(reverse("portal:request_form", kwargs={"slug": slug}), request_data(**overrides))


def test_a_web_request_becomes_one_web_inquiry_in_that_programs_inbox(client, urayasu, chiba):
    # when a mother sends a request to Urayasu
    response = send(client)
    # then exactly one inquiry exists, in Urayasu, from the web, with what she chose
    inquiry = Inquiry.objects.get()
    assert inquiry.program_id == urayasu.pk
    assert inquiry.channel == Channel.WEB
    assert inquiry.caller_type == CallerType.FAMILY
    assert inquiry.family_relation == "mother"
    assert inquiry.caller_name == NAME
    assert inquiry.contact_email == EMAIL
    assert inquiry.contact_phone == PHONE
    assert inquiry.contact_preferences == (
        "希望する連絡方法：メール\n"
        "・自宅の固定電話にはかけないでほしい\n"
        "・本人は、相談していることを知らない\n"
        "そのほか：平日の夕方なら電話に出られます"
    )
    assert inquiry.preferred_days == "火曜日"
    assert inquiry.person_age_band == "20_29"
    assert inquiry.concern == CONCERN
    assert inquiry.created_by is None
    assert Inquiry.objects.filter(program=chiba).count() == 0
    # and it was written to the access log as a change from the public
    logged = AccessLog.objects.filter(action="inquiry.create", actor=None, target_id=inquiry.public_id)
    assert logged.count() == 1
    # and the visitor is sent to a thank-you page whose address carries nothing of theirs
    assert response.status_code == 302
    assert response["Location"] == "/request/thanks/"


def test_the_redirect_and_thank_you_page_carry_no_personal_data(client, urayasu, frozen_now):
    frozen_now(2026, 11, 25, 10, 0)  # Wednesday: Urayasu is closed
    response = send(client)
    thanks = client.get(response["Location"])
    body = thanks.content.decode()
    for personal in (NAME, EMAIL, PHONE, CONCERN, "山田", "hanako"):
        assert personal not in response["Location"]
        assert personal not in body
    assert str(Inquiry.objects.get().public_id) not in body
    assert "「浦安市ひきこもり相談事業」の相談員が、受付時間内に内容を確認します。" in body
    assert "いまは受付時間外です。11月26日（木）9:00 以降に確認し、ご連絡します。" in body
    assert set(client.session.keys()) == {
        "portal_request_program",
        "portal_request_reference",
        "portal_request_email_only",
    }
    # the reference number is shown; an email-only requester is not told to phone
    assert f"受付番号：<strong>{Inquiry.objects.get().reference}</strong>" in body
    assert "お電話でお知らせください" not in body and "tel:" not in body.split("<main")[1].split("</main>")[0]


def test_a_phone_requester_may_phone_to_add_or_cancel(client, urayasu):
    response = send(client, contact_method="phone", contact_phone="047-712-6856", contact_cautions=[])
    body = client.get(response["Location"]).content.decode()
    assert "お電話でお知らせください" in body


def test_long_fields_say_their_limit_count_as_you_type_and_are_never_cut(client, urayasu):
    page = client.get(reverse("portal:request_form", kwargs={"slug": "urayasu"})).content.decode()
    assert "800文字まで" in page and 'data-max-chars="800"' in page and "char_count.js" in page
    assert 'maxlength="800"' not in page
    too_long = "あ" * 801
    body = send(client, concern=too_long).content.decode()
    assert "800文字以内でお願いします（いまは801文字です）" in body and too_long in body
    assert Inquiry.objects.count() == 0


def test_the_thank_you_page_without_a_request_is_plain(client, programs):
    body = client.get(reverse("portal:request_thanks")).content.decode()
    assert "相談員が受付時間内に内容を確認し、ご希望の方法でご連絡します。" in body
    assert "の相談員が、受付時間内に" not in body


def test_a_family_relation_is_not_kept_for_a_person_asking_for_themselves(client, urayasu):
    send(client, caller_type="self", family_relation="mother", contact_cautions=[])
    inquiry = Inquiry.objects.get()
    assert inquiry.caller_type == CallerType.SELF
    assert inquiry.family_relation == ""
    assert inquiry.contact_preferences == "希望する連絡方法：メール\nそのほか：平日の夕方なら電話に出られます"


def test_a_filled_honeypot_stores_nothing_but_looks_the_same(client, urayasu):
    response = send(client, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/request/thanks/"
    assert Inquiry.objects.count() == 0
    assert AccessLog.objects.count() == 0


def test_past_the_limit_per_address_a_kind_message_with_the_phone_and_nothing_stored(client, urayasu):
    # given three requests already sent from this address
    for _ in range(rate_limit.REQUEST_PER_ADDRESS.max_count):
        assert send(client).status_code == 302
    # when a fourth is sent
    response = send(client, concern="4回目の相談です")
    body = response.content.decode()
    # then it is refused kindly, with the phone number, and what was typed is kept
    assert response.status_code == 429
    assert "いま、ウェブからのお申し込みを受け付けられません。" in body
    assert '<a class="phone" href="tel:047-712-6856">047-712-6856</a>' in body
    assert "4回目の相談です</textarea>" in body
    assert Inquiry.objects.count() == rate_limit.REQUEST_PER_ADDRESS.max_count


def test_a_flood_from_many_addresses_meets_a_question_and_people_still_get_in(urayasu, chiba, monkeypatch):
    # given a program-wide count of two an hour
    monkeypatch.setattr(rate_limit, "REQUEST_PER_PROGRAM", rate_limit.Limit("request-program", 2, 3600))
    # when three different addresses each send one
    codes = [send(HttpClient(REMOTE_ADDR=f"192.0.2.{n}")).status_code for n in (1, 2, 3)]
    # then the third is not stored but asked one small question, keeping what was typed
    assert codes == [302, 302, 200]
    assert Inquiry.objects.filter(program=urayasu).count() == 2
    visitor = HttpClient(REMOTE_ADDR="192.0.2.3")
    page = visitor.get(reverse("portal:request_form", kwargs={"slug": "urayasu"})).content.decode()
    assert "いま、ウェブからのお申し込みが混み合っています。" in page
    # and a wrong answer gets a new question, a right one (full-width digits too) gets in
    assert "答えが違うようです。" in send(visitor, busy_answer="99").content.decode()
    answer = visitor.session[rate_limit.BUSY_SESSION_KEY]
    full_width = answer.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert send(visitor, busy_answer=full_width).status_code == 302
    assert Inquiry.objects.filter(program=urayasu).count() == 3
    # and the other program still takes requests without a question
    assert send(HttpClient(REMOTE_ADDR="192.0.2.4"), slug="chiba", preferred_days=["0"]).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, urayasu):
    codes = [
        send(HttpClient(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]


BAD_INPUT = {
    "email without @": (
        {"contact_email": "hanako.example.jp"},
        "id_contact_email",
        "メールアドレスの形（例：name@example.jp）で入力してください。",
        'value="hanako.example.jp"',
    ),
    "phone with letters": (
        {"contact_method": "phone", "contact_phone": "090-abcd-5678"},
        "id_contact_phone",
        "電話番号は数字とハイフンで入力してください（例：043-204-1606）。",
        'value="090-abcd-5678"',
    ),
    "a day Urayasu is closed": (
        {"preferred_days": ["2"]},  # Wednesday
        "id_preferred_days",
        "選べるのは、相談を受け付けている曜日（火曜日・木曜日 9:00～17:00）だけです。",
        f"{CONCERN}</textarea>",
    ),
    "a blank concern": (
        {"concern": "   "},
        "id_concern",
        "ご相談したいことを、ひとことでも書いてください。",
        f'value="{EMAIL}"',
    ),
    "no consent": (
        {"privacy_consent": ""},
        "id_privacy_consent",
        "送るには、個人情報の取り扱いへの同意が必要です。",
        f"{CONCERN}</textarea>",
    ),
    "email chosen but none given": (
        {"contact_email": ""},
        "id_contact_email",
        "メールでのご連絡を希望される場合は、メールアドレスを入力してください。",
        f'value="{NAME}"',
    ),
    "who is asking left out": (
        {"caller_type": ""},
        "id_caller_type",
        "ご本人・ご家族・関係機関のどれかを選んでください。",
        f'value="{PHONE}"',
    ),
}


@pytest.mark.parametrize(
    ("overrides", "field_id", "message", "kept"), BAD_INPUT.values(), ids=BAD_INPUT.keys()
)
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed(
    client, urayasu, overrides, field_id, message, kept
):
    # when the visitor sends the form with one mistake
    response = send(client, **overrides)
    body = response.content.decode()
    # then the form comes back with the message next to that field, everything typed still there
    assert response.status_code == 200
    assert f'<p class="field-error" id="{field_id}_error">{message}</p>' in body
    assert kept in body
    assert "入力をお確かめいただきたいところがあります。" in body
    assert Inquiry.objects.count() == 0


def test_an_entirely_empty_request_names_each_missing_field(client, urayasu):
    response = client.post(reverse("portal:request_form", kwargs={"slug": "urayasu"}), {})
    body = response.content.decode()
    assert "ご本人・ご家族・関係機関のどれかを選んでください。" in body
    assert "メールか電話か、ご連絡の方法を選んでください。" in body
    assert "ご相談したいことを、ひとことでも書いてください。" in body
    assert "送るには、個人情報の取り扱いへの同意が必要です。" in body
    assert Inquiry.objects.count() == 0


def test_only_the_programs_open_days_are_offered(client, urayasu):
    body = client.get(reverse("portal:request_form", kwargs={"slug": "urayasu"})).content.decode()
    assert "<span>火曜日</span>" in body
    assert "<span>木曜日</span>" in body
    assert "<span>水曜日</span>" not in body


def test_a_request_without_the_csrf_token_is_refused(urayasu):
    response = send(HttpClient(enforce_csrf_checks=True))
    assert response.status_code == 403
    assert Inquiry.objects.count() == 0


def test_an_oversized_request_is_refused_before_it_is_read(client, urayasu):
    response = send(client, concern="あ" * 10_000)
    assert response.status_code == 413
    assert Inquiry.objects.count() == 0


def test_a_long_concern_is_refused_with_the_count_and_kept(client, urayasu):
    response = send(client, concern="あ" * 801)
    body = response.content.decode()
    assert "800文字以内でお願いします（いまは801文字です）。" in body
    assert Inquiry.objects.count() == 0


def test_full_width_phone_digits_are_accepted_and_stored_half_width(client, urayasu):
    send(client, contact_method="phone", contact_phone="０９０－１２３４－５６７８", contact_email="")
    assert Inquiry.objects.get().contact_phone == "090-1234-5678"


def test_email_only_with_phone_contact_asks_to_choose_email(client, urayasu):
    body = send(client, contact_method="phone", contact_cautions=["email_only"]).content.decode()
    assert "「メールだけで連絡してほしい」を選ぶ場合は、ご連絡の方法で「メール」を選んでください。" in body
    assert Inquiry.objects.count() == 0
