"""A staff member's own account: two-step settings, password, signed-in sessions, the pledge."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.accounts import mfa, pledge, reauth, sessions
from yorisoi.accounts.forms import PledgeForm, ReauthForm
from yorisoi.accounts.security_events import security_event_record

REAUTH_ERRORS = {
    "password": ("password", "パスワードが違います。"),
    "code": ("code", "番号かコードが違います。アプリのいまの番号か、未使用の回復コードを入力してください。"),
    "throttled": ("code", "何度か違う番号が入力されました。少し待ってから、もう一度お試しください。"),
}


@login_required
def security(request):
    context = {
        "device": mfa.confirmed_device(request.user),
        "codes_left": mfa.unused_recovery_codes(request.user),
        "required": mfa.required(),
    }
    return render(request, "accounts/security.html", context)


@login_required
def reauth_view(request):
    """「ご本人の確認」: the current password (and a code) before a change to how one signs in."""
    needs_code = reauth.needs_code(request.user)
    form = ReauthForm(request.POST or None, needs_code=needs_code)
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        failed = reauth.check(
            request, password=data["password"], code=data.get("code") if needs_code else None
        )
        if failed is None:
            return redirect(next_url or "accounts:security")
        field, message = REAUTH_ERRORS[failed]
        form.add_error(field, _(message))
    return render(request, "accounts/reauth.html", {"form": form, "next": next_url})


@require_POST
@login_required
@reauth.required
def mfa_remove(request):
    if mfa.required():
        raise Http404  # where two-step login is required it can be replaced, never switched off
    mfa.remove(request.user, actor=request.user)
    reauth.forget(request)
    messages.success(request, _("二段階認証をやめました。ログインはパスワードだけになります。"))
    return redirect("accounts:security")


@login_required
@reauth.required
def password_change(request):
    """Change one's own password; every other signed-in browser is logged out."""
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            old_key = request.session.session_key
            update_session_auth_hash(request, user)  # keeps this browser signed in, with a new key
            sessions.session_key_changed(old_key=old_key, new_key=request.session.session_key)
            security_event_record(actor=user, action="password.change", subject_user=user)
            sessions.sessions_end_all(
                user=user, actor=user, keep_key=request.session.session_key, reason="password.change"
            )
        reauth.forget(request)
        messages.success(request, _("パスワードを変更しました。ほかの端末はログアウトしました。"))
        return redirect("accounts:security")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def session_list(request):
    rows = sessions.open_sessions(user=request.user, current_key=request.session.session_key)
    return render(request, "accounts/sessions.html", {"rows": rows})


@require_POST
@login_required
def session_end(request, public_id):
    if not sessions.session_end(user=request.user, public_id=public_id, actor=request.user):
        raise Http404
    messages.success(request, _("その端末をログアウトしました。"))
    return redirect("accounts:sessions")


@login_required
def pledge_view(request):
    version = pledge.current_version()
    form = PledgeForm(request.POST or None, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] == version:
            pledge.pledge_accept(user=request.user, version=version)
            request.session.pop(pledge.SESSION_KEY, None)
            return redirect("programs:home")
        form.add_error(None, _("誓約の内容が新しくなりました。もう一度お読みください。"))
    context = {"form": form, "paragraphs": pledge.current_text(), "version": version}
    return render(request, "accounts/pledge.html", context)
