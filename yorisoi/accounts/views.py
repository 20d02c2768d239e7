"""Login, logout and the second step (an app code or a recovery code), and setting up the device."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from yorisoi.accounts import mfa, pledge, reauth, sessions
from yorisoi.accounts.forms import MfaCodeForm, RecoveryCodeForm, StaffLoginForm

NEXT_KEY = "mfa_next"


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        sessions.session_started(self.request)
        if not pledge.has_accepted_current(user):
            self.request.session[pledge.SESSION_KEY] = True
        step = mfa.pending_step_after_password(user)
        if step is None:
            return response
        self.request.session[mfa.SESSION_KEY] = step
        self.request.session[NEXT_KEY] = self.get_success_url()
        return redirect("accounts:mfa_verify" if step == mfa.VERIFY else "accounts:mfa_setup")


class StaffLogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        sessions.session_ended(request)
        return super().post(request, *args, **kwargs)


WRONG_CODE = _lazy("番号が違います。アプリに表示されている、いまの6桁の番号を入力してください。")
WRONG_RECOVERY = _lazy("回復コードが違うか、すでに使われています。控えたコードをもう一度お確かめください。")
TOO_MANY = _lazy("何度か違う番号が入力されました。少し待ってから、もう一度お試しください。")
SET_UP = _lazy("二段階認証を設定しました。次回のログインから、アプリの番号も入力します。")


def _second_step_passed(request) -> str:
    """Open the session for work (a new key, so the pre-step one is useless) and say where to go."""
    request.session.pop(mfa.SESSION_KEY, None)
    request.session[mfa.VERIFIED_KEY] = True
    sessions.session_rotate(request)
    next_url = request.session.pop(NEXT_KEY, "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return next_url or reverse("programs:home")


@login_required
def mfa_verify(request):
    device = mfa.confirmed_device(request.user)
    if request.session.get(mfa.SESSION_KEY) != mfa.VERIFY:
        return redirect("programs:home")
    if device is None:  # removed since the password step: set one up where required
        if mfa.required():
            request.session[mfa.SESSION_KEY] = mfa.ENROLL
            return redirect("accounts:mfa_setup")
        request.session.pop(mfa.SESSION_KEY)
        return redirect("programs:home")
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", TOO_MANY)
        elif device.verify_token(form.cleaned_data["code"]):
            return redirect(_second_step_passed(request))
        else:
            form.add_error("code", WRONG_CODE)
    return render(request, "accounts/mfa_verify.html", {"form": form})


@login_required
def mfa_recovery(request):
    """The second step with a recovery code, when the phone is not at hand. Each code works once."""
    if request.session.get(mfa.SESSION_KEY) != mfa.VERIFY:
        return redirect("programs:home")
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted, throttled = mfa.verify_code(request.user, form.cleaned_data["code"])
        if accepted:
            left = mfa.unused_recovery_codes(request.user)
            messages.warning(
                request, gettext("回復コードでログインしました。残りの回復コード: %(n)d") % {"n": left}
            )
            return redirect(_second_step_passed(request))
        form.add_error("code", TOO_MANY if throttled else WRONG_RECOVERY)
    return render(request, "accounts/mfa_recovery.html", {"form": form})


@login_required
def mfa_setup(request):
    """Set up (or replace) the authenticator app. Replacing needs the password and a code first."""
    enrolling = request.session.get(mfa.SESSION_KEY) == mfa.ENROLL
    if not enrolling and not reauth.recent(request):
        return reauth.required(mfa_setup)(request)
    device = mfa.device_for_setup(request.user)
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = mfa.confirm(device, actor=request.user)
            reauth.forget(request)
            messages.success(request, SET_UP)
            next_url = _second_step_passed(request) if enrolling else reverse("accounts:security")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr": qr_code(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "required": enrolling,
        "has_device": mfa.confirmed_device(request.user) is not None,
    }
    return render(request, "accounts/mfa_setup.html", context)


def qr_code(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#17324a")
    # segno draws the SVG itself from our otpauth URL: no text typed by anybody ends up in it.
    return mark_safe(svg)  # nosec B308, B703


@require_POST
@login_required
@reauth.required
def recovery_codes_reissue(request):
    if mfa.confirmed_device(request.user) is None:
        return redirect("accounts:security")
    codes = mfa.issue_recovery_codes(request.user, actor=request.user)
    reauth.forget(request)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next_url": reverse("accounts:security")}
    )
