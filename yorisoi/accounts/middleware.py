from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from yorisoi.accounts import mfa, pledge, sessions

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "display-capture=(), interest-cohort=()"
)
PRIVATE_PREFIXES = ("/staff/", "/system/")


class StaffHeadersMiddleware:
    """No browser or proxy keeps a copy of a staff page; no page may use camera, microphone, place…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(PRIVATE_PREFIXES):  # every staff and admin page lives here
            patch_cache_control(response, no_store=True, private=True)
        return response


class SessionLimitsMiddleware:
    """End a session 30 idle minutes after a person's last action, or 10 hours after login.

    Requests to views marked ``@sessions.polling`` (panels that refresh on a timer) leave the
    idle clock where it was. The session itself is written at most once a minute (``sessions.touch``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now().timestamp()
        if request.user.is_authenticated and sessions.expired(
            request.session, now, sessions.last_action(request)
        ):
            logout(request)
            messages.info(
                request, _("しばらく操作がなかったため、ログアウトしました。もう一度ログインしてください。")
            )
            if request.headers.get("HX-Request"):
                return HttpResponse(status=204, headers={"HX-Redirect": reverse("accounts:login")})
            return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        if request.user.is_authenticated and not getattr(request, "is_polling", False):
            sessions.touch(request, response, now)
        return response


class MfaGateMiddleware:
    """Until the second step (and then the pledge) is done, every page but that step redirects to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            target = self.pending_page(request)
            if target and request.path not in {
                target,
                reverse("accounts:logout"),
                *self.also_allowed(target),
            }:
                if request.headers.get("HX-Request"):
                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def pending_page(request) -> str | None:
        step = mfa.step_for_session(request)
        if step == mfa.VERIFY:
            return reverse("accounts:mfa_verify")
        if step == mfa.ENROLL:
            return reverse("accounts:mfa_setup")
        if request.session.get(pledge.SESSION_KEY):
            return reverse("accounts:pledge")
        return None

    @staticmethod
    def also_allowed(target: str) -> set[str]:
        if target == reverse("accounts:mfa_verify"):
            return {reverse("accounts:mfa_recovery")}
        return set()
