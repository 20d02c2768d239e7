from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yorisoi.audit.shortcuts import render_logged
from yorisoi.core.paging import list_page
from yorisoi.programs.permissions import require_manager
from yorisoi.retention import selectors, services
from yorisoi.retention.forms import AnonymiseForm, RetentionPolicyForm


@login_required
@require_http_methods(["GET", "POST"])
def due_list(request):
    """Closed cases past the term, and the term itself (editable)."""
    require_manager(request.actor)
    policy = selectors.policy_of(request.actor.program)
    initial = {"years_after_closure": policy.years_after_closure, "note": policy.note} if policy else None
    form = RetentionPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.retention_policy_set(
            actor=request.actor,
            years=form.cleaned_data["years_after_closure"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("保存期間を保存しました。"))
        return redirect("retention:due")
    today = timezone.localdate()
    due = selectors.cases_due(actor=request.actor, policy=policy, today=today)
    page = list_page(due, request.GET)
    context = {
        "nav": "retention",
        "policy": policy,
        "form": form,
        "page": page,
        "cutoff": selectors.due_cutoff(policy=policy, today=today),
    }
    return render_logged(
        request, "retention/due_list.html", context, action="retention.list", subjects=page.object_list
    )


@login_required
@require_http_methods(["GET", "POST"])
def anonymise(request, case_id):
    case = selectors.case_due_get(actor=request.actor, case_id=case_id)
    form = AnonymiseForm(request.POST or None)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.case_anonymise(case=case, reason=form.cleaned_data["reason"], actor=request.actor)
        except services.RetentionRefused as error:
            refusal = str(error)
        else:
            messages.success(
                request, _("%(label)s を匿名化しました。統計の数は変わりません。") % {"label": case.label}
            )
            return redirect("retention:due")
    context = {"nav": "retention", "case": case, "form": form, "refusal": refusal}
    return render_logged(request, "retention/anonymise.html", context, action="retention.view", target=case)
