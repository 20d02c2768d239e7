"""Two-step login with a time-based code (TOTP, any authenticator app), and recovery codes.

After the password, a staff member with a confirmed device must enter a code (or a recovery code)
before any page opens; where two-step login is required, one without a device is sent to set one
up first. The state lives in the session, so checking it costs no query on each page. Where it is
required the check fails closed: a session that did not pass the second step here (whatever
logged it in) is sent to it.
"""

import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from yorisoi.accounts.models import RecoveryCode
from yorisoi.accounts.security_events import security_event_record

SESSION_KEY = "mfa_pending"  # the step still to do after the password: VERIFY or ENROLL
VERIFIED_KEY = "mfa_verified"  # True once the second step was passed in this session
VERIFY, ENROLL = "verify", "enroll"

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: easy to copy by hand
RECOVERY_LENGTH = 12  # 31**12 ≈ 2**59


def required() -> bool:
    return settings.YORISOI_REQUIRE_MFA


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_step_after_password(user) -> str | None:
    """What the staff member must do before working: enter a code, set up a device, or nothing."""
    if confirmed_device(user) is not None:
        return VERIFY
    if required():
        return ENROLL
    return None


def step_for_session(request) -> str | None:
    """The second step this signed-in session still owes, or None when it may work."""
    session = request.session
    step = session.get(SESSION_KEY)
    if step is None and required() and not session.get(VERIFIED_KEY):
        # Signed in some other way than the staff login (or before two-step login was required).
        step = VERIFY if confirmed_device(request.user) is not None else ENROLL
        session[SESSION_KEY] = step
    return step


def second_step_done(request) -> bool:
    return bool(request.session.get(VERIFIED_KEY)) or (not required() and SESSION_KEY not in request.session)


def device_for_setup(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user), made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="yorisoi", confirmed=False)


@transaction.atomic
def confirm(device: TOTPDevice, *, actor) -> list[str]:
    """The first right code confirms the device; any older device of the user is retired.

    Returns fresh recovery codes (the old ones stop working), to be shown once.
    """
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    security_event_record(actor=actor, action="mfa.enrol", subject_user=device.user)
    return issue_recovery_codes(device.user, actor=actor)


@transaction.atomic
def remove(user, *, actor) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    security_event_record(actor=actor, action="mfa.remove", subject_user=user)


def recovery_code_hash(code: str) -> str:
    return hashlib.sha256(normalize_recovery_code(code).encode()).hexdigest()


def normalize_recovery_code(code: str) -> str:
    text = unicodedata.normalize("NFKC", code).lower()
    return "".join(ch for ch in text if ch.isalnum())


@transaction.atomic
def issue_recovery_codes(user, *, actor) -> list[str]:
    """New single-use codes (the old ones stop working); only their hashes are kept."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=recovery_code_hash(c)) for c in codes)
    security_event_record(actor=actor, action="mfa.recovery_codes_issued", subject_user=user)
    return [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]


def unused_recovery_codes(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def use_recovery_code(user, code: str) -> bool:
    """Spend ``code`` if it is one of ``user``'s unused codes; a conditional UPDATE keeps it single-use."""
    if len(normalize_recovery_code(code)) != RECOVERY_LENGTH:
        return False
    spent = RecoveryCode.objects.filter(
        user=user, code_hash=recovery_code_hash(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    if spent != 1:
        return False
    security_event_record(
        actor=user,
        action="mfa.recovery_code_used",
        subject_user=user,
        data={"left": unused_recovery_codes(user)},
    )
    return True


def verify_code(user, code: str) -> tuple[bool, bool]:
    """Check a 6-digit app code or a recovery code. Returns (accepted, throttled).

    Wrong tries of either kind count toward the device's back-off, so guessing stays slow.
    """
    device = confirmed_device(user)
    if device is None:
        return False, False
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return False, True
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", code) if not ch.isspace())
    if digits.isascii() and digits.isdigit() and len(digits) == 6:
        return device.verify_token(digits), False  # verify_token throttles itself
    if use_recovery_code(user, code):
        device.throttle_reset()
        return True, False
    device.throttle_increment()
    return False, False
