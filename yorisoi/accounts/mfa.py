"""Two-step login with a time-based code (TOTP, any authenticator app).

After the password, a staff member with a confirmed device must enter a code before any page
opens; where two-step login is required, one without a device is sent to set one up first.
The state lives in the session, so checking it costs no query on each page.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "mfa_pending"
VERIFY, ENROLL = "verify", "enroll"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_step_after_password(user) -> str | None:
    """What the staff member must do before working: enter a code, set up a device, or nothing."""
    if confirmed_device(user) is not None:
        return VERIFY
    if settings.YORISOI_REQUIRE_MFA:
        return ENROLL
    return None


def device_for_setup(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user), made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="yorisoi", confirmed=False)


def confirm(device: TOTPDevice) -> None:
    """The first right code confirms the device; any older device of the user is retired."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
