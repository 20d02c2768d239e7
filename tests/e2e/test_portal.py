"""The public site in Chromium: a mother checks, finds her program by postal code and asks for contact."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_SIZE = {"width": 375, "height": 740}
DESKTOP_SIZE = {"width": 1280, "height": 900}
CONCERN = "息子が3年ほど家から出ていません。接し方を相談したいです。"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_check_find_by_postal_code_request_and_only_that_programs_staff_see_it(
    page, log_in, staff, urayasu, chiba, screenshot
):
    page.set_viewport_size(PHONE_SIZE)
    urayasu_clerk = staff("urayasu", Role.CLERK)
    chiba_counselor = staff("chiba", Role.COUNSELOR)

    # the self-check, answered anonymously
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ひきこもり相談のご紹介（千葉市・浦安市）")
    screenshot("portal-phone-1-index")
    page.get_by_role("link", name="ひとりで悩んでいませんか チェック").click()
    page.get_by_role("radio", name="家族のこと").check()
    page.get_by_role("checkbox", name="人と関わるのが苦手で外になかなか出られない。").check()
    page.get_by_role("checkbox", name="一日の大半は自分の部屋や自宅で過ごしている。").check()
    screenshot("portal-phone-2-check")
    page.get_by_role("button", name="結果を見る").click()
    expect(
        page.get_by_text("ひとつでも気になることがあれば、ご本人でも、ご家族でも、相談できます。")
    ).to_be_visible()
    screenshot("portal-phone-3-check-result")

    # the program, from a postal code
    page.get_by_role("link", name="郵便番号から相談先をさがす").click()
    page.get_by_label("郵便番号").fill("279-0004")
    page.get_by_role("button", name="相談先をさがす").click()
    expect(
        page.get_by_role("heading", name="あなたの相談先は「浦安市ひきこもり相談事業」です")
    ).to_be_visible()
    expect(
        page.get_by_text("こちらは概ね16歳以上の方とそのご家族の相談窓口です。", exact=False)
    ).to_be_visible()
    expect(page.get_by_role("link", name="電話をかける 047-712-6856")).to_have_attribute(
        "href", "tel:047-712-6856"
    )
    screenshot("portal-phone-4-found")

    # the request, first with a mistake that is shown next to the field and keeps what was typed
    page.get_by_role("link", name="ウェブで初回相談を申し込む").click()
    page.get_by_role("radio", name="家族", exact=True).check()
    page.get_by_label("ご家族の方は、ご本人との続柄").select_option(label="母")
    page.get_by_label("お名前").fill("山田 花子")
    page.get_by_role("radio", name="メール", exact=True).check()
    page.get_by_label("メールアドレス").fill("hanako.example.jp")
    page.get_by_role("checkbox", name="メールだけで連絡してほしい（電話はしないでほしい）").check()
    page.get_by_role("checkbox", name="自宅の固定電話にはかけないでほしい").check()
    page.get_by_role("checkbox", name="本人は、相談していることを知らない").check()
    page.get_by_role("checkbox", name="火曜日").check()
    page.get_by_label("ご相談したいこと").fill(CONCERN)
    page.get_by_role("checkbox", name=re.compile("個人情報の取り扱い.*同意します")).check()
    page.get_by_role("button", name="この内容で申し込む").click()
    email_error = page.locator("#id_contact_email_error")
    expect(email_error).to_have_text("メールアドレスの形（例：name@example.jp）で入力してください。")
    expect(page.get_by_label("メールアドレス")).to_have_attribute(
        "aria-describedby", "id_contact_email_error"
    )
    expect(page.get_by_role("alert").get_by_role("link", name="メールアドレス")).to_have_attribute(
        "href", "#id_contact_email_error"
    )
    expect(page.get_by_label("ご相談したいこと")).to_have_value(CONCERN)
    expect(page.get_by_role("checkbox", name="火曜日")).to_be_checked()
    expect(page.get_by_label("メールアドレス")).to_have_attribute("aria-invalid", "true")
    screenshot("portal-phone-5-request-error")
    page.get_by_label("メールアドレス").fill("hanako@example.jp")
    page.get_by_role("checkbox", name=re.compile("個人情報の取り扱い.*同意します")).check()
    page.get_by_role("button", name="この内容で申し込む").click()

    # the thank-you page: what happens next, and nothing of hers in the address
    expect(page.get_by_role("heading", level=1)).to_have_text("お申し込みを受け付けました")
    assert page.url.endswith("/request/thanks/")
    expect(
        page.get_by_text("「浦安市ひきこもり相談事業」の相談員が、受付時間内に内容を確認します。")
    ).to_be_visible()
    screenshot("portal-phone-6-thanks")

    # Urayasu's clerk sees it in the inbox, from the web, with "email only" shown before any contact
    page.context.clear_cookies()
    log_in(urayasu_clerk)
    page.goto("/staff/cases/inquiries/")
    row = page.get_by_role("row").filter(has_text=CONCERN)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("ウェブ")
    expect(row).to_contain_text("家族（母）")
    expect(row).to_contain_text("希望する連絡方法：メール")
    expect(row).to_contain_text("メールだけで連絡してほしい（電話はしないでほしい）")
    screenshot("portal-staff-urayasu-inbox")

    # Chiba's counselor does not
    page.context.clear_cookies()
    log_in(chiba_counselor)
    page.goto("/staff/cases/inquiries/")
    expect(page.get_by_role("heading", level=1)).to_have_text("問い合わせ")
    expect(page.get_by_text(CONCERN)).to_have_count(0)


@pytest.mark.parametrize("slug", ["chiba", "urayasu"])
def test_program_page_on_a_phone_and_a_desktop(page, programs, slug, screenshot):
    page.set_viewport_size(PHONE_SIZE)
    page.goto(f"/programs/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(programs[slug].name)
    expect(page.get_by_role("link", name=f"電話をかける {programs[slug].phone}")).to_be_visible()
    expect(page.get_by_role("heading", name="相談の流れ")).to_be_visible()
    expect(page.get_by_role("heading", name="緊急のときは")).to_be_attached()
    assert horizontal_overflow(page) <= 0
    screenshot(f"portal-phone-program-{slug}")
    page.set_viewport_size(DESKTOP_SIZE)
    page.goto(f"/programs/{slug}/")
    screenshot(f"portal-desktop-program-{slug}")


@pytest.mark.parametrize("path", ["/", "/programs/chiba/", "/programs/urayasu/request/", "/find/", "/check/"])
def test_public_pages_reflow_at_200_percent_zoom_and_on_the_smallest_phone(page, programs, path, screenshot):
    """At 200% zoom (a 640px window at 2x) and at 320px wide, nothing needs horizontal scrolling."""
    page.set_viewport_size({"width": 640, "height": 900})
    page.goto(path)
    page.evaluate("document.body.style.zoom = '2'")
    assert horizontal_overflow(page) <= 0
    name = path.strip("/").replace("/", "-") or "index"
    screenshot(f"portal-zoom200-{name}")
    page.evaluate("document.body.style.zoom = '1'")
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) <= 0


def test_desktop_index_and_request_form(page, programs, screenshot):
    page.set_viewport_size(DESKTOP_SIZE)
    page.goto("/")
    screenshot("portal-desktop-index")
    page.goto("/programs/urayasu/request/")
    screenshot("portal-desktop-request")


def test_the_site_is_usable_with_the_keyboard_only(page, programs):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="本文へ移動")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
