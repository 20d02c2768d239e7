import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from yorisoi.programs.models import Role
from yorisoi.programs.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

CODE_HEADING = "認証アプリの番号を入力してください"


def app_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_a_counselor_sets_up_two_step_login_and_then_needs_the_code(page, log_in, staff, screenshot):
    counselor = staff("chiba", Role.COUNSELOR)
    log_in(counselor)
    page.get_by_role("link", name="二段階認証", exact=True).click()
    screenshot("two-step-security-none")
    page.get_by_role("link", name="二段階認証を設定する").click()
    # adding a device asks for the password first
    page.get_by_label("いまのパスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="確認する").click()
    expect(page.get_by_role("img", name="認証アプリに登録するためのQRコード")).to_be_visible()
    screenshot("two-step-setup")
    page.get_by_label("認証アプリに表示されている6桁の番号").fill(app_code(counselor))
    page.get_by_role("button", name="設定を完了する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("回復コードを控えてください")
    page.get_by_role("link", name="控えました。続ける").click()
    expect(page.get_by_text("使える回復コード: 10個")).to_be_visible()
    screenshot("two-step-security-set")
    # next login: the password alone is not enough
    page.get_by_role("button", name="ログアウト").click()
    log_in(counselor)
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)
    page.goto("/staff/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)


def test_a_new_member_enrols_keeps_recovery_codes_and_each_code_works_once(
    page, log_in, staff, settings, screenshot
):
    settings.YORISOI_REQUIRE_MFA = True
    newcomer = staff("chiba", Role.COUNSELOR, pledge_accepted=False)
    # first login: set up the app before anything else
    log_in(newcomer)
    expect(page.get_by_role("heading", level=1)).to_have_text("二段階認証の設定")
    page.goto("/staff/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("二段階認証の設定")
    page.get_by_label("認証アプリに表示されている6桁の番号").fill(app_code(newcomer))
    page.get_by_role("button", name="設定を完了する").click()
    # the recovery codes, shown once
    codes = page.get_by_role("list", name="回復コードの一覧").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", c) for c in codes)
    screenshot("two-step-recovery-codes")
    page.get_by_role("link", name="控えました。続ける").click()
    # then the confidentiality pledge, once
    expect(page.get_by_role("heading", level=1)).to_have_text("守秘義務の誓約")
    screenshot("pledge")
    page.get_by_label("上の内容を読み、守ることを誓約します").check()
    page.get_by_role("button", name="誓約して始める").click()
    expect(page.get_by_role("link", name="ケース", exact=True)).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()
    # a wrong code keeps the door shut
    log_in(newcomer)
    wrong = "000000" if app_code(newcomer) != "000000" else "111111"
    page.get_by_label("認証アプリに表示されている6桁の番号").fill(wrong)
    page.get_by_role("button", name="確認する").click()
    expect(page.get_by_text("番号が違います。")).to_be_visible()
    page.wait_for_timeout(1_100)  # after one wrong code, the next try waits a second (django-otp back-off)
    # the phone is lost: a recovery code gets in
    page.get_by_role("link", name="スマートフォンが手元にないとき（回復コードを使う）").click()
    page.get_by_label("回復コード").fill(codes[0])
    page.get_by_role("button", name="ログインする").click()
    expect(page.get_by_text("回復コードでログインしました。残りの回復コード: 9")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()
    # and that code never works again
    log_in(newcomer)
    page.get_by_role("link", name="スマートフォンが手元にないとき（回復コードを使う）").click()
    page.get_by_label("回復コード").fill(codes[0])
    page.get_by_role("button", name="ログインする").click()
    expect(page.get_by_text("回復コードが違うか、すでに使われています。")).to_be_visible()
    page.goto("/staff/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)


def test_the_admin_login_without_a_code_reaches_nothing(page, staff, settings):
    settings.YORISOI_REQUIRE_MFA = True
    admin = staff("chiba", Role.MANAGER, is_system_admin=True, is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=admin, name="yorisoi", confirmed=True)
    # the admin's login address leads to the one staff login
    page.goto(reverse("admin:login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("yorisoi 職員ログイン")
    page.get_by_label("ユーザー名").fill(admin.username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)
    for url in (
        "/system/admin/",
        "/system/admin/accounts/user/",
        "/system/admin/programs/membership/",
        "/staff/staffing/",
        "/staff/cases/",
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)
    # with the code, the organization's settings open
    page.get_by_label("認証アプリに表示されている6桁の番号").fill(app_code(admin))
    page.get_by_role("button", name="確認する").click()
    page.goto("/system/admin/")
    expect(page.get_by_role("heading", name="組織の設定")).to_be_visible()
