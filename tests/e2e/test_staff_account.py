import re

import pytest
from playwright.sync_api import expect

from yorisoi.programs.models import Membership, Role
from yorisoi.programs.tests.factories import TEST_PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_confirms_a_grant_the_system_admin_asked_for(page, log_in, staff, programs, screenshot):
    sysadmin = StaffFactory(is_system_admin=True, is_staff=True, display_name="システム 管理")
    newcomer = StaffFactory(display_name="新任 相談員")
    manager = staff("chiba", Role.MANAGER)
    # the system admin asks
    log_in(sysadmin)
    page.get_by_role("link", name="職員の所属").click()
    page.get_by_label("職員").select_option(label=f"新任 相談員（{newcomer.username}）")
    page.get_by_label("事業").select_option(label="千葉市")
    page.get_by_label("役割").select_option(label="相談員")
    page.get_by_label("理由").fill("4月からの新任の相談員のため")
    page.get_by_role("button", name="申請する").click()
    expect(page.get_by_text("申請しました。")).to_be_visible()
    expect(page.get_by_text("ほかの人の承認を待っています")).to_be_visible()
    screenshot("staffing-grants-pending")
    assert not Membership.objects.filter(user=newcomer).exists()
    page.get_by_role("button", name="ログアウト").click()
    # the manager of Chiba confirms
    log_in(manager)
    page.get_by_role("link", name="職員の所属").click()
    page.get_by_role("button", name="承認する").click()
    expect(page.get_by_text("承認しました。所属が始まりました。")).to_be_visible()
    assert Membership.objects.get(user=newcomer).role == Role.COUNSELOR


def test_a_counselor_sees_their_sessions_and_changes_the_password(page, log_in, chiba_counselor, screenshot):
    log_in(chiba_counselor)
    page.get_by_role("link", name="ログイン中の端末").click()
    expect(page.get_by_text("（この端末）")).to_be_visible()
    screenshot("account-sessions")
    page.get_by_role("link", name="パスワードの変更").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ご本人の確認")
    page.get_by_label("いまのパスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="確認する").click()
    new = "a-new-long-passphrase-2026"
    page.get_by_label(re.compile(r"^新しいパスワード\s*（必須）")).fill(new)
    page.get_by_label("新しいパスワード(確認用)").fill(new)
    screenshot("account-password")
    page.get_by_role("button", name="変更する").click()
    expect(page.get_by_text("パスワードを変更しました。")).to_be_visible()
    chiba_counselor.refresh_from_db()
    assert chiba_counselor.check_password(new)
