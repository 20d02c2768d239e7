"""Asking again for the current password and a code before a change to how one signs in.

Changing or removing the two-step device, issuing new recovery codes and changing the password
all pass through here; a successful check is good for five minutes in this session only.
"""

from functools import wraps

from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

from yorisoi.accounts import mfa

SESSION_KEY = "reauth_at"
VALID_SECONDS = 5 * 60


def recent(request) -> bool:
    at = request.session.get(SESSION_KEY)
    return at is not None and timezone.now().timestamp() - at <= VALID_SECONDS


def required(view):
    """Send the staff member to the re-check first, and back here afterwards."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not recent(request):
            return redirect_to_login(request.get_full_path(), login_url="accounts:reauth")
        return view(request, *args, **kwargs)

    return wrapped


def needs_code(user) -> bool:
    return mfa.confirmed_device(user) is not None


def check(request, *, password: str, code: str | None) -> str | None:
    """None when both are right (and the re-check is remembered); else which one was wrong."""
    user = request.user
    authenticated = authenticate(request, username=user.get_username(), password=password)
    if authenticated is None or authenticated.pk != user.pk:
        return "password"
    if code is not None:
        accepted, throttled = mfa.verify_code(user, code)
        if throttled:
            return "throttled"
        if not accepted:
            return "code"
    request.session[SESSION_KEY] = timezone.now().timestamp()
    return None


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)
