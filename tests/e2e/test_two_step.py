import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_counselor_sets_up_two_step_login_and_then_needs_the_code(page, log_in, staff, screenshot):
    counselor = staff("chiba", Role.COUNSELOR)
    log_in(counselor)
    page.get_by_role("link", name="二段階認証").click()
    expect(page.get_by_role("img", name="認証アプリに登録するためのQRコード")).to_be_visible()
    screenshot("two-step-setup")
    device = TOTPDevice.objects.get(user=counselor)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    page.get_by_label("認証アプリに表示されている6桁の番号").fill(code)
    page.get_by_role("button", name="設定を完了する").click()
    expect(page.get_by_text("二段階認証を設定しました。")).to_be_visible()
    # next login: the password alone is not enough
    page.get_by_role("button", name="ログアウト").click()
    log_in(counselor)
    expect(page.get_by_role("heading", level=1)).to_have_text("認証アプリの番号を入力してください")
    page.goto("/staff/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("認証アプリの番号を入力してください")
