from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.core.paging import list_page
from yorisoi.staffing import selectors, services
from yorisoi.staffing.forms import GrantRequestForm
from yorisoi.staffing.permissions import programs_managed_by


def _require_staff_manager(user) -> None:
    if not programs_managed_by(user).exists():
        raise Http404


def _page(request, form):
    user = request.user
    context = {
        "nav": "staffing",
        "form": form,
        "pending": list(selectors.pending_grants(user=user)),
        "decided": selectors.recent_decisions(user=user),
        "members": list_page(selectors.members(user=user), request.GET),
    }
    return render(request, "staffing/grants.html", context)


@login_required
def grant_list(request):
    _require_staff_manager(request.user)
    return _page(request, GrantRequestForm(actor_user=request.user))


@require_POST
@login_required
def grant_request(request):
    _require_staff_manager(request.user)
    form = GrantRequestForm(request.POST, actor_user=request.user)
    if form.is_valid():
        try:
            services.grant_request(actor=request.actor, request=request, **form.cleaned_data)
        except services.GrantRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, _("申請しました。ほかの管理者かシステム管理者が承認すると、所属が始まります。")
            )
            return redirect("staffing:grants")
    return _page(request, form)


@require_POST
@login_required
def grant_decide(request, public_id, decision):
    grant = selectors.grant_get(user=request.user, public_id=public_id)
    decide = services.grant_confirm if decision == "confirm" else services.grant_refuse
    try:
        decide(actor=request.actor, grant=grant, request=request)
    except services.GrantRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("承認しました。所属が始まりました。") if decision == "confirm" else _("却下しました。")
        )
    return redirect("staffing:grants")


@require_POST
@login_required
def membership_end(request, membership_id):
    membership = selectors.membership_get(user=request.user, membership_id=membership_id)
    services.membership_end(actor=request.actor, membership=membership, request=request)
    messages.success(request, _("所属を終えました。この事業のケースは、もう見られません。"))
    return redirect("staffing:grants")
