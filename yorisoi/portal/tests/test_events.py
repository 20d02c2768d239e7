"""Public event pages: listing, registering without JavaScript, confirmation and the private cancel link."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.outreach import services
from yorisoi.outreach.models import EventKind, Registration, RegistrationStatus
from yorisoi.outreach.tests.factories import actor, details, in_days, make_event
from yorisoi.programs.models import Role


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def clerk(staff):
    return staff("chiba", Role.CLERK)


@pytest.fixture
def seminar(chiba, clerk):
    return make_event(program=chiba, author=clerk, capacity=1, title="家族のための公開セミナー")


def _form(**fields):
    data = {
        "name": "千葉 花子",
        "category": "family",
        "contact_email": "hanako@example.jp",
        "contact_phone": "",
        "accessibility_needs": "車いすで参加します",
        "privacy_consent": "on",
    }
    return {**data, **fields}


def test_home_and_own_program_page_list_published_upcoming_events_only(client, chiba, urayasu, clerk, staff):
    # given a published Chiba seminar, a Chiba draft, a past Chiba one and an Urayasu lecture
    make_event(program=chiba, author=clerk, title="公開セミナー（千葉）")
    make_event(program=chiba, author=clerk, title="下書きの講座", publish=False)
    make_event(program=chiba, author=clerk, title="終わった講座", starts=in_days(-3))
    make_event(
        program=urayasu, author=staff("urayasu", Role.CLERK), kind=EventKind.LECTURE, title="講演会（浦安）"
    )
    home = client.get(reverse("portal:index")).content.decode()
    chiba_page = client.get(reverse("portal:program_detail", args=["chiba"])).content.decode()
    # then the home page lists both programs' upcoming events, Chiba's page only Chiba's
    assert ("公開セミナー（千葉）" in home, "講演会（浦安）" in home) == (True, True)
    assert ("公開セミナー（千葉）" in chiba_page, "講演会（浦安）" in chiba_page) == (True, False)
    for body in (home, chiba_page):
        assert "下書きの講座" not in body and "終わった講座" not in body


def test_a_draft_event_page_is_missing(client, chiba, clerk):
    draft = make_event(program=chiba, author=clerk, publish=False)
    assert client.get(reverse("portal:event_detail", args=[draft.public_id])).status_code == 404
    assert client.get(reverse("portal:event_register", args=[draft.public_id])).status_code == 404


def test_registering_shows_the_number_and_a_cancel_link_once(client, seminar):
    # when a visitor registers without JavaScript
    response = client.post(reverse("portal:event_register", args=[seminar.public_id]), _form())
    # then the registration is stored and the confirmation shows its number and private link
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == reverse("portal:event_registered")
    assert (registration.name, registration.category, registration.status) == (
        "千葉 花子",
        "family",
        "confirmed",
    )
    body = client.get(response.url).content.decode()
    assert registration.label in body
    link = re.search(r'href="(http://testserver/events/cancel/[^"]+)"', body).group(1)
    assert services.registration_for_token(link.rstrip("/").rsplit("/", 1)[1]).pk == registration.pk
    # the link is shown once only
    assert client.get(reverse("portal:event_registered")).status_code == 404


def test_a_full_event_offers_the_waiting_list_and_keeps_what_was_typed(client, seminar):
    services.registration_create(event=seminar, details=details(1), channel="web")
    url = reverse("portal:event_register", args=[seminar.public_id])
    # when the form is sent without choosing the waiting list
    body = client.post(url, _form()).content.decode()
    # then it asks to tick the waiting list, keeps the name, stores nothing
    assert "いまは定員に達しています。キャンセル待ちでよければ、チェックを入れてください。" in body
    assert 'value="千葉 花子"' in body and "車いすで参加します" in body
    assert Registration.objects.count() == 1
    # when they tick it, they wait
    client.post(url, _form(join_waiting_list="on"))
    assert Registration.objects.order_by("number").last().status == RegistrationStatus.WAITING


def test_no_contact_is_refused_next_to_the_field_and_nothing_is_stored(client, seminar):
    body = client.post(
        reverse("portal:event_register", args=[seminar.public_id]), _form(contact_email="")
    ).content.decode()
    assert "メールアドレスか電話番号の、どちらか一つをお書きください。" in body
    assert 'id="id_contact_email_error"' in body
    assert Registration.objects.count() == 0


def test_the_same_contact_twice_is_told_kindly(client, chiba, clerk):
    event = make_event(program=chiba, author=clerk, capacity=5)
    url = reverse("portal:event_register", args=[event.public_id])
    client.post(url, _form())
    cache.clear()
    body = client.post(url, _form(name="別の名前")).content.decode()
    assert "このご連絡先で、すでにお申し込みを受け付けています。" in body
    assert Registration.objects.count() == 1


def test_the_honeypot_stores_nothing_and_looks_like_success(client, seminar):
    response = client.post(
        reverse("portal:event_register", args=[seminar.public_id]), _form(website="http://spam")
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_the_rate_limit_of_the_web_request_form_applies(client, chiba, clerk):
    event = make_event(program=chiba, author=clerk, capacity=50)
    url = reverse("portal:event_register", args=[event.public_id])
    for n in range(3):
        assert client.post(url, _form(contact_email=f"p{n}@example.jp")).status_code == 302
    response = client.post(url, _form(contact_email="p9@example.jp"))
    assert response.status_code == 429
    assert 'value="p9@example.jp"' in response.content.decode()
    assert Registration.objects.count() == 3


def test_a_cancelled_event_takes_no_registration(client, seminar, chiba, clerk):
    services.event_cancel(event=seminar, actor=actor(clerk, chiba), note="台風のため中止します")
    body = client.post(reverse("portal:event_register", args=[seminar.public_id]), _form()).content.decode()
    assert "この催しは中止になりました。" in body and "台風のため中止します" in body
    assert Registration.objects.count() == 0


def test_the_cancel_link_cancels_and_promotes_and_reveals_nothing_else(client, seminar):
    # given a confirmed registration and a waiting one
    mine, token = services.registration_create(
        event=seminar, details=details(1, name="秘密 太郎", contact_email="secret@example.jp"), channel="web"
    )
    other, other_token = services.registration_create(
        event=seminar,
        details=details(2, name="別人 次郎", contact_phone="090-9999-0000"),
        channel="web",
        join_waiting_list=True,
    )
    url = reverse("portal:event_cancel", args=[token])
    # when the link is opened
    body = client.get(url).content.decode()
    # then it shows the event and the number, and nobody's name or contact
    assert mine.label in body and seminar.title in body
    for secret in ("秘密 太郎", "secret@example.jp", "別人 次郎", "090-9999-0000", other.label, other_token):
        assert secret not in body
    # when they cancel, the waiting person moves up
    body = client.post(url).content.decode()
    assert "取り消しました。" in body
    mine.refresh_from_db(), other.refresh_from_db()
    assert (mine.status, other.status) == ("cancelled", "confirmed")
    assert AccessLog.objects.filter(action="registration.cancel", actor=None).count() == 1


def test_a_wrong_cancel_link_is_missing(client, seminar):
    services.registration_create(event=seminar, details=details(1), channel="web")
    assert client.get(reverse("portal:event_cancel", args=["not-a-real-token"])).status_code == 404


def test_a_cancelled_event_says_so_on_the_cancel_page(client, seminar, chiba, clerk):
    _mine, token = services.registration_create(event=seminar, details=details(1), channel="web")
    services.event_cancel(event=seminar, actor=actor(clerk, chiba), note="講師の急病のため")
    body = client.get(reverse("portal:event_cancel", args=[token])).content.decode()
    assert "この催しは中止になりました。申し訳ありません。" in body and "講師の急病のため" in body
    assert "申し込みを取り消す</button>" not in body


def test_a_family_meeting_accepts_a_nickname_and_no_contact(client, chiba, clerk):
    meeting = make_event(program=chiba, author=clerk, kind=EventKind.FAMILY_MEETING, contact_required=False)
    url = reverse("portal:event_register", args=[meeting.public_id])
    response = client.post(url, _form(name="ひまわり", is_nickname="on", contact_email=""))
    assert response.status_code == 302
    assert Registration.objects.values_list("name", "is_nickname", "contact_email").get() == (
        "ひまわり",
        True,
        "",
    )


def test_the_events_section_costs_one_query_however_many_events(
    client, chiba, clerk, django_assert_num_queries
):
    for n in range(3):
        make_event(program=chiba, author=clerk, title=f"講座{n}")
    with django_assert_num_queries(10):
        body = client.get(reverse("portal:index")).content.decode()
    assert body.count('class="event-item"') == 3
