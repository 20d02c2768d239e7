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


# --- recovery codes and changes to the second step ---------------------------------------------------

from yorisoi.accounts import mfa  # noqa: E402
from yorisoi.accounts.models import RecoveryCode, SecurityEvent  # noqa: E402


def enrol(http, user) -> list[str]:
    """Set up the app as a newly required member does; returns the recovery codes shown."""
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = http.post(reverse("accounts:mfa_setup"), {"code": code_for(device)})
    assert response.status_code == 200
    return response.context["codes"]


def test_setting_up_shows_ten_recovery_codes_once_and_keeps_only_their_hashes(chiba_counselor, settings):
    settings.YORISOI_REQUIRE_MFA = True
    http, _ = log_in(chiba_counselor)
    http.get(reverse("accounts:mfa_setup"))
    codes = enrol(http, chiba_counselor)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(user=chiba_counselor).values_list("code_hash", flat=True))
    assert len(stored) == 10
    assert {c.replace("-", "") for c in codes}.isdisjoint(stored)
    assert sorted(stored) == sorted(mfa.recovery_code_hash(c) for c in codes)
    assert list(
        SecurityEvent.objects.filter(subject_user=chiba_counselor).values_list("action", flat=True)
    ) == [
        "mfa.recovery_codes_issued",
        "mfa.enrol",
    ]


def test_a_recovery_code_opens_the_session_once_and_never_again(device, chiba_counselor):
    codes = mfa.issue_recovery_codes(chiba_counselor, actor=chiba_counselor)
    http, _ = log_in(chiba_counselor)
    # when the staff member uses a recovery code instead of the app
    response = http.post(reverse("accounts:mfa_recovery"), {"code": codes[0].upper().replace("-", " ")})
    # then the pages open, and that code is spent
    assert response["Location"] == reverse("programs:home")
    assert http.get(reverse("cases:list")).status_code == 200
    assert mfa.unused_recovery_codes(chiba_counselor) == 9
    again, _ = log_in(chiba_counselor)
    page = again.post(reverse("accounts:mfa_recovery"), {"code": codes[0]}).content.decode()
    assert "回復コードが違うか、すでに使われています。" in page
    assert again.get(reverse("cases:list"))["Location"] == reverse("accounts:mfa_verify")
    assert (
        SecurityEvent.objects.filter(action="mfa.recovery_code_used", subject_user=chiba_counselor).count()
        == 1
    )


def test_the_setup_page_is_closed_to_a_session_still_owing_the_code(device, chiba_counselor):
    """A stolen password cannot replace the device: the setup page is behind the code step."""
    http, _ = log_in(chiba_counselor)
    response = http.get(reverse("accounts:mfa_setup"))
    assert response["Location"] == reverse("accounts:mfa_verify")
    assert TOTPDevice.objects.filter(user=chiba_counselor).count() == 1


def test_replacing_the_device_needs_the_current_password_and_a_code(device, chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    # when a signed-in session opens the setup page
    response = http.get(reverse("accounts:mfa_setup"))
    # then it is asked for the password and a code first, and no new device was made
    assert response["Location"] == reverse("accounts:reauth") + "?next=" + reverse("accounts:mfa_setup")
    assert TOTPDevice.objects.filter(user=chiba_counselor).count() == 1
    wrong_code = "000000" if code_for(device) != "000000" else "111111"
    wrong = http.post(reverse("accounts:reauth"), {"password": TEST_PASSWORD, "code": wrong_code})
    assert "番号かコードが違います。" in wrong.content.decode()
    no_password = http.post(reverse("accounts:reauth"), {"password": "wrong", "code": code_for(device)})
    assert "パスワードが違います。" in no_password.content.decode()
    assert http.get(reverse("accounts:mfa_setup")).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)  # the back-off has passed
    # when both are right, the setup page opens
    ok = http.post(
        reverse("accounts:reauth"),
        {"password": TEST_PASSWORD, "code": code_for(device), "next": reverse("accounts:mfa_setup")},
    )
    assert ok["Location"] == reverse("accounts:mfa_setup")
    assert "<svg" in http.get(reverse("accounts:mfa_setup")).content.decode()


def test_removing_the_device_needs_the_password_and_a_code_and_is_recorded(
    device, chiba_counselor, client_as
):
    http = client_as(chiba_counselor)
    refused = http.post(reverse("accounts:mfa_remove"))
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("accounts:reauth"))
    assert TOTPDevice.objects.filter(user=chiba_counselor).count() == 1
    http.post(reverse("accounts:reauth"), {"password": TEST_PASSWORD, "code": code_for(device)})
    http.post(reverse("accounts:mfa_remove"))
    assert TOTPDevice.objects.filter(user=chiba_counselor).count() == 0
    assert SecurityEvent.objects.filter(action="mfa.remove", subject_user=chiba_counselor).count() == 1


def test_where_required_the_device_cannot_be_switched_off(device, chiba_counselor, client_as, settings):
    http = client_as(chiba_counselor)
    http.post(reverse("accounts:reauth"), {"password": TEST_PASSWORD, "code": code_for(device)})
    settings.YORISOI_REQUIRE_MFA = True
    session = http.session
    session[mfa.VERIFIED_KEY] = True
    session.save()
    assert http.post(reverse("accounts:mfa_remove")).status_code == 404
    assert TOTPDevice.objects.filter(user=chiba_counselor).count() == 1


def test_where_required_a_session_from_another_login_path_is_sent_to_the_code(
    device, chiba_counselor, client_as, settings
):
    """Fail closed: a session that did not pass the second step here opens nothing."""
    settings.YORISOI_REQUIRE_MFA = True
    http = client_as(chiba_counselor)
    assert http.get(reverse("cases:list"))["Location"] == reverse("accounts:mfa_verify")
    http.post(reverse("accounts:mfa_verify"), {"code": code_for(device)})
    assert http.get(reverse("cases:list")).status_code == 200
