import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from yorisoi.programs.tests.factories import TEST_PASSWORD


def code_for(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def log_in(user) -> tuple[Client, object]:
    http = Client()
    response = http.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    return http, response


@pytest.fixture
def device(chiba_counselor):
    return TOTPDevice.objects.create(user=chiba_counselor, name="yorisoi", confirmed=True)


def test_with_a_device_the_password_alone_opens_nothing(device, chiba_counselor):
    http, response = log_in(chiba_counselor)
    assert response["Location"] == reverse("accounts:mfa_verify")
    blocked = http.get(reverse("cases:list"))
    assert blocked.status_code == 302 and blocked["Location"] == reverse("accounts:mfa_verify")


def test_the_right_code_opens_the_staff_pages(device, chiba_counselor):
    http, _ = log_in(chiba_counselor)
    response = http.post(reverse("accounts:mfa_verify"), {"code": code_for(device)})
    assert response["Location"] == reverse("programs:home")
    assert http.get(reverse("cases:list")).status_code == 200


def test_a_wrong_code_is_refused_kindly_and_keeps_the_pages_closed(device, chiba_counselor):
    http, _ = log_in(chiba_counselor)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    page = http.post(reverse("accounts:mfa_verify"), {"code": wrong}).content.decode()
    assert "番号が違います。" in page
    assert http.get(reverse("cases:list")).status_code == 302


def test_letters_in_the_code_get_a_japanese_message(device, chiba_counselor):
    http, _ = log_in(chiba_counselor)
    page = http.post(reverse("accounts:mfa_verify"), {"code": "12ab56"}).content.decode()
    assert "6桁の数字で入力してください。" in page


def test_where_required_a_member_without_a_device_sets_one_up_first(chiba_counselor, settings):
    settings.YORISOI_REQUIRE_MFA = True
    http, response = log_in(chiba_counselor)
    assert response["Location"] == reverse("accounts:mfa_setup")
    assert http.get(reverse("cases:list"))["Location"] == reverse("accounts:mfa_setup")
    setup = http.get(reverse("accounts:mfa_setup"))
    assert "<svg" in setup.content.decode()  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=chiba_counselor, confirmed=False)
    http.post(reverse("accounts:mfa_setup"), {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed is True
    assert http.get(reverse("cases:list")).status_code == 200


def test_without_a_device_and_not_required_the_password_is_enough(chiba_counselor):
    http, response = log_in(chiba_counselor)
    assert response["Location"] == reverse("programs:home")
    assert http.get(reverse("cases:list")).status_code == 200
