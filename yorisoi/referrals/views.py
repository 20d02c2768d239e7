from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases.selectors import case_get
from yorisoi.cases.views import case_chrome, render_case_form
from yorisoi.core.paging import list_page
from yorisoi.core.querystring import query_without
from yorisoi.programs.permissions import require_consultation_contents, require_person_access
from yorisoi.referrals import selectors, services
from yorisoi.referrals.forms import (
    AgencyFilterForm,
    AgencyForm,
    FollowUpForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralStatusForm,
)
from yorisoi.referrals.models import ReferralStatus
from yorisoi.referrals.transitions import TransitionNotAllowed

STALE = gettext_lazy(
    "ほかの職員が先にこのつなぎを更新しました。入力した内容はこのまま残っています。"
    "最新の状況を確かめてから、もう一度保存してください。"
)


# --- partner agencies ------------------------------------------------------------------------------


@login_required
def agency_list(request):
    require_person_access(request.actor)
    form = AgencyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    agencies = selectors.agency_list(actor=request.actor, **filters)
    page = list_page(agencies, request.GET)
    context = {"nav": "agencies", "page": page, "form": form, "query": query_without(request, "page")}
    return render(request, "referrals/agency_list.html", context)


@login_required
def agency_create(request):
    require_consultation_contents(request.actor)
    form = AgencyForm(request.POST or None, program=request.actor.program)
    if request.method == "POST" and form.is_valid():
        agency = services.agency_create(
            program=request.actor.program, actor=request.actor, **form.cleaned_data
        )
        messages.success(request, _("連携機関「%(name)s」を登録しました。") % {"name": agency.name})
        return redirect("referrals:agency_list")
    return render(request, "referrals/agency_form.html", {"nav": "agencies", "form": form})


@login_required
def agency_edit(request, agency_id):
    require_consultation_contents(request.actor)
    agency = selectors.agency_get(actor=request.actor, agency_id=agency_id)
    form = AgencyForm(request.POST or None, instance=agency, program=request.actor.program)
    if request.method == "POST" and form.is_valid():
        services.agency_update(agency=agency, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("連携機関「%(name)s」を保存しました。") % {"name": agency.name})
        return redirect("referrals:agency_list")
    return render(request, "referrals/agency_form.html", {"nav": "agencies", "form": form, "agency": agency})


# --- referrals -------------------------------------------------------------------------------------


@login_required
def referral_list(request):
    require_consultation_contents(request.actor)
    form = ReferralFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    referrals = selectors.referral_list(actor=request.actor, **filters)
    page = list_page(referrals, request.GET)
    context = {"nav": "cases", "page": page, "form": form, "query": query_without(request, "page")}
    data = {k: str(v) for k, v in filters.items() if v}
    return render_logged(
        request, "referrals/referral_list.html", context, action="referral.list", data=data, subjects=page
    )


@login_required
def referral_create(request, case_id):
    case = case_get(actor=request.actor, case_id=case_id)
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(case=case, actor=request.actor, **form.cleaned_data)
        except services.ConsentNotCovered as refusal:
            form.add_error("shares_personal_info", refusal)
        else:
            messages.success(request, _("連携・つなぎを記録しました（提案）。"))
            return redirect(referral.get_absolute_url())
    context = {
        "form": form,
        "shared_agencies": selectors.shared_agencies(case=case),
        "has_agencies": form.fields["agency"].queryset.exists(),
    }
    return render_case_form(request, case, "referrals/referral_form.html", context)


def _detail_context(request, referral, **forms) -> dict:
    return {
        **case_chrome(request, referral.case),
        "referral": referral,
        "history": selectors.referral_history(referral=referral),
        "status_form": forms.get("status_form") or ReferralStatusForm(referral=referral),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(referral=referral),
    }


def _render_detail(request, referral, **forms):
    context = _detail_context(request, referral, **forms)
    return render_logged(
        request, "referrals/referral_detail.html", context, action="referral.view", target=referral
    )


@login_required
def referral_detail(request, referral_id):
    referral = selectors.referral_get(actor=request.actor, referral_id=referral_id)
    return _render_detail(request, referral)


@login_required
@require_POST
def referral_transition(request, referral_id):
    referral = selectors.referral_get(actor=request.actor, referral_id=referral_id)
    form = ReferralStatusForm(request.POST, referral=referral)
    if not form.is_valid():
        return _render_detail(request, referral, status_form=form)
    data = form.cleaned_data
    try:
        services.referral_transition(
            referral=referral,
            to_status=data["to_status"],
            actor=request.actor,
            on=data["on"],
            note=data["note"],
            expected_version=data["version"],
        )
    except services.ConsentNotCovered as refusal:
        form.add_error("to_status", refusal)
    except (services.StaleReferralError, TransitionNotAllowed):
        form.add_error(None, STALE)
    else:
        messages.success(
            request, _("状況を「%(s)s」にしました。") % {"s": ReferralStatus(data["to_status"]).label}
        )
        return redirect(referral.get_absolute_url())
    return _render_detail(request, referral, status_form=form)


@login_required
@require_POST
def referral_follow_up(request, referral_id):
    referral = selectors.referral_get(actor=request.actor, referral_id=referral_id)
    form = FollowUpForm(request.POST, referral=referral)
    if not form.is_valid():
        return _render_detail(request, referral, follow_up_form=form)
    try:
        services.referral_follow_up(
            referral=referral,
            actor=request.actor,
            follow_up_on=form.cleaned_data["follow_up_on"],
            follow_up_note=form.cleaned_data["follow_up_note"],
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleReferralError:
        form.add_error(None, STALE)
        return _render_detail(request, referral, follow_up_form=form)
    messages.success(request, _("フォローアップの予定を保存しました。"))
    return redirect(referral.get_absolute_url())
