import pytest
from playwright.sync_api import expect

from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_counselor_logs_in_sees_their_program_and_switches(page, log_in, staff, urayasu, screenshot):
    # given a counselor of both programs
    counselor = staff("chiba", Role.COUNSELOR)
    counselor.memberships.create(program=urayasu, role=Role.COUNSELOR)
    # when they log in
    log_in(counselor)
    # then they see Chiba's home with the phone and hours the city publishes
    expect(page.get_by_role("heading", level=1)).to_have_text("千葉市ひきこもり地域支援センター")
    expect(page.get_by_role("link", name="043-204-1606")).to_be_visible()
    expect(page.get_by_text("月曜日～金曜日 9:00～17:00")).to_be_visible()
    expect(page.get_by_role("heading", name="緊急の問い合わせ")).to_be_visible()
    expect(page.get_by_text("対応待ちの緊急の問い合わせはありません。")).to_be_visible()
    screenshot("home-chiba")
    # when they switch to Urayasu with the keyboard-usable switcher
    page.get_by_label("事業を切り替える").select_option(label="浦安市")
    page.get_by_role("button", name="切り替え").click()
    # then Urayasu's facts replace Chiba's
    expect(page.get_by_role("heading", level=1)).to_have_text("浦安市ひきこもり相談事業")
    expect(page.get_by_role("link", name="047-712-6856")).to_be_visible()
    expect(page.get_by_text("火曜日・木曜日 9:00～17:00")).to_be_visible()
    expect(page.get_by_text("043-204-1606")).to_have_count(0)


def test_wrong_password_keeps_the_username_and_says_so_kindly(page, staff):
    user = staff("chiba", Role.COUNSELOR)
    page.goto("/staff/accounts/login/")
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("alert")).to_contain_text("ユーザー名またはパスワードが違います")
    expect(page.get_by_label("ユーザー名")).to_have_value(user.username)


def test_home_reflows_at_200_percent_zoom(page, log_in, staff, screenshot):
    """At 200% zoom (a 640px-wide window at 2x) nothing needs horizontal scrolling."""
    page.set_viewport_size({"width": 640, "height": 900})
    log_in(staff("urayasu", Role.CLERK))
    page.evaluate("document.body.style.zoom = '2'")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot("home-urayasu-zoom200")
    assert overflow <= 0
