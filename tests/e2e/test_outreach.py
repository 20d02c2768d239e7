"""Outreach in Chromium: a citizen registers for a Chiba seminar on a phone; the clerk runs the day."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from yorisoi.outreach import services
from yorisoi.outreach.models import Registration
from yorisoi.outreach.tests.factories import actor, make_event, register
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_SIZE = {"width": 375, "height": 740}
DESKTOP_SIZE = {"width": 1280, "height": 900}
TITLE = "公開セミナー「ひきこもりを知る」"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_a_citizen_registers_on_a_phone_and_the_clerk_runs_the_sign_in_sheet(
    page, log_in, staff, chiba, urayasu, screenshot
):
    chiba_clerk, urayasu_clerk = staff("chiba", Role.CLERK), staff("urayasu", Role.CLERK)
    event = make_event(
        program=chiba,
        author=chiba_clerk,
        title=TITLE,
        capacity=20,
        description="ひきこもりは特別なことではなく、誰にでも起こりうることです。どなたでもどうぞ。",
        venue_access="千葉海浜交通バス「市営高浜第2」バス停より徒歩3分",
    )

    # a citizen finds the seminar on the Chiba page, on a phone
    page.set_viewport_size(PHONE_SIZE)
    page.goto("/programs/chiba/")
    events = page.get_by_role("region", name="講演会・セミナーのご案内")
    events.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("あと20人申し込めます", exact=False)).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot("outreach-1-public-event-phone")

    # registers, first forgetting a way to be reached: told next to the field, nothing lost
    page.get_by_role("link", name="ウェブで申し込む").click()
    page.get_by_label("お名前").fill("千葉 花子")
    page.get_by_role("radio", name="家族", exact=True).check()
    page.get_by_label("配慮してほしいこと（あれば）").fill("車いすで参加します")
    page.get_by_role("checkbox", name=re.compile("個人情報の取り扱い.*同意します")).check()
    page.get_by_role("button", name="この内容で申し込む").click()
    expect(page.locator("#id_contact_email_error")).to_have_text(
        "メールアドレスか電話番号の、どちらか一つをお書きください。"
    )
    expect(page.get_by_label("お名前")).to_have_value("千葉 花子")
    expect(page.get_by_role("radio", name="家族", exact=True)).to_be_checked()
    page.get_by_label("メールアドレス").fill("hanako@example.jp")
    page.get_by_role("checkbox", name=re.compile("個人情報の取り扱い.*同意します")).check()
    assert horizontal_overflow(page) == 0
    screenshot("outreach-2-registration-form-phone")
    page.get_by_role("button", name="この内容で申し込む").click()

    # the confirmation: a registration number and a private cancellation link
    expect(page.get_by_role("heading", level=1)).to_have_text("お申し込みを受け付けました")
    registration = Registration.objects.get()
    expect(page.get_by_text(registration.label, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("events.cancel"))).to_have_count(1)
    screenshot("outreach-3-confirmation-phone")

    # the clerk sees the registration
    page.set_viewport_size(DESKTOP_SIZE)
    page.context.clear_cookies()
    log_in(chiba_clerk)
    page.get_by_role("link", name="研修・講座").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="申し込み一覧").click()
    row = page.get_by_role("row").filter(has_text="千葉 花子")
    expect(row).to_contain_text("家族")
    expect(row).to_contain_text("hanako@example.jp")

    # on the day: the sign-in sheet, one registrant present and one walk-in
    page.get_by_role("link", name=f"← {TITLE} に戻る").click()
    page.get_by_role("link", name="受付名簿（出席をつける）").click()
    page.get_by_role("button", name="千葉 花子 さんを出席にする").click()
    expect(page.get_by_role("button", name="千葉 花子 さんの出席を取り消す")).to_be_visible()
    page.get_by_label("お名前（ニックネーム可の会もあります）").fill("当日 参加")
    page.get_by_label("参加区分").select_option(label="市民")
    page.get_by_role("button", name="追加して出席にする").click()
    expect(page.get_by_text("出席 2人 ／ 名簿 2人")).to_be_visible()
    screenshot("outreach-4-sign-in-sheet")
    page.get_by_role("link", name="印刷用の名簿").click()
    expect(page.get_by_role("row").filter(has_text="当日 参加")).to_contain_text("○")
    page.emulate_media(media="print")
    screenshot("outreach-4b-sign-in-sheet-print")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="画面で出席をつける").click()

    # the counts by category
    page.get_by_role("link", name=f"← {TITLE} に戻る").click()
    counts = page.get_by_role("region", name="参加区分ごとの人数")
    expect(counts.get_by_role("row", name=re.compile("^家族"))).to_have_text(
        re.compile(r"家族\s*1\s*0\s*1\s*0")
    )
    expect(counts.get_by_role("row", name=re.compile("^市民"))).to_have_text(
        re.compile(r"市民\s*1\s*0\s*1\s*1")
    )
    expect(counts.get_by_role("row", name=re.compile("^本人"))).to_have_text(
        re.compile(r"本人\s*0\s*0\s*0\s*0")
    )
    screenshot("outreach-5-event-counts")

    # the other program's clerk sees none of it
    page.context.clear_cookies()
    log_in(urayasu_clerk)
    page.goto("/staff/outreach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("研修・講座")
    expect(page.get_by_text(TITLE)).to_have_count(0)
    for url in (event.get_absolute_url(), f"/staff/outreach/{event.public_id}/registrations/"):
        response = page.goto(url)
        assert response.status == 404
        expect(page.get_by_text("千葉 花子")).to_have_count(0)


def test_outreach_pages_have_no_accessibility_violations(page, log_in, staff, chiba):
    from tests.e2e.test_accessibility import violations

    clerk = staff("chiba", Role.CLERK)
    event = make_event(program=chiba, author=clerk, title=TITLE, capacity=1)
    registration = register(event, 1, name="千葉 花子")
    session = event.sessions.get()
    services.attendance_set(
        session=session, registration=registration, present=True, actor=actor(clerk, chiba)
    )
    public = [f"/events/{event.public_id}/", f"/events/{event.public_id}/register/", "/programs/chiba/"]
    for path in public:
        page.goto(path)
        assert violations(page) == [], path
    page.goto(f"/events/{event.public_id}/register/")
    page.get_by_role("button", name="この内容で申し込む").click()
    assert violations(page) == [], "form with errors"
    log_in(clerk)
    staff_pages = [
        "/staff/outreach/",
        event.get_absolute_url(),
        f"/staff/outreach/{event.public_id}/registrations/",
        f"/staff/outreach/sessions/{session.public_id}/",
        "/staff/outreach/supporters/",
    ]
    for path in staff_pages:
        page.goto(path)
        assert violations(page) == [], path
