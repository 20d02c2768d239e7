from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _lazy

from yorisoi.accounts import mfa
from yorisoi.accounts.forms import MfaCodeForm, StaffLoginForm


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        step = mfa.pending_step_after_password(form.get_user())
        if step is None:
            return response
        self.request.session[mfa.SESSION_KEY] = step
        self.request.session["mfa_next"] = self.get_success_url()
        return redirect("accounts:mfa_verify" if step == mfa.VERIFY else "accounts:mfa_setup")


class StaffLogoutView(auth_views.LogoutView):
    pass


WRONG_CODE = _lazy("番号が違います。アプリに表示されている、いまの6桁の番号を入力してください。")
TOO_MANY = _lazy("何度か違う番号が入力されました。少し待ってから、もう一度お試しください。")
SET_UP = _lazy("二段階認証を設定しました。次回のログインから、アプリの番号も入力します。")


def _after_second_step(request):
    request.session.pop(mfa.SESSION_KEY, None)
    request.session.cycle_key()
    next_url = request.session.pop("mfa_next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "programs:home")


@login_required
def mfa_verify(request):
    device = mfa.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:mfa_setup")
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", TOO_MANY)
        elif device.verify_token(form.cleaned_data["code"]):
            return _after_second_step(request)
        else:
            form.add_error("code", WRONG_CODE)
    return render(request, "accounts/mfa_verify.html", {"form": form})


@login_required
def mfa_setup(request):
    device = mfa.device_for_setup(request.user)
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            mfa.confirm(device)
            messages.success(request, SET_UP)
            if request.session.get(mfa.SESSION_KEY) == mfa.ENROLL:
                return _after_second_step(request)
            return redirect("programs:home")
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#17324a")),
        "secret": b32encode(device.bin_key).decode(),
        "required": request.session.get(mfa.SESSION_KEY) == mfa.ENROLL,
        "has_device": mfa.confirmed_device(request.user) is not None,
    }
    return render(request, "accounts/mfa_setup.html", context)
