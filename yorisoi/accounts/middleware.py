from django.shortcuts import redirect
from django.urls import reverse

from yorisoi.accounts import mfa


class MfaGateMiddleware:
    """Until the second step is done, every page but that step (and logging out) redirects to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = request.session.get(mfa.SESSION_KEY) if hasattr(request, "session") else None
        if step and request.user.is_authenticated:
            target = reverse("accounts:mfa_verify" if step == mfa.VERIFY else "accounts:mfa_setup")
            allowed = {target, reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect(target)
        return self.get_response(request)
