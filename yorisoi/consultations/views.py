from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases import selectors as case_selectors
from yorisoi.cases.follow_ups import follow_ups_due
from yorisoi.cases.print_views import print_or_ask
from yorisoi.cases.services import StaleCaseError
from yorisoi.cases.views import case_chrome, render_case_form
from yorisoi.cases.work_forms import PrintForm
from yorisoi.consultations import selectors, services
from yorisoi.consultations.forms import (
    AchievementForm,
    GoalStatusForm,
    LifeChangeForm,
    PlanForm,
    RecordEditForm,
    RecordForm,
    RiskFlagForm,
    StageForm,
    record_initial,
)
from yorisoi.consultations.models import Goal, SupportStage
from yorisoi.consultations.permissions import may_edit_record
from yorisoi.consultations.stages import stages_for


def _record_fields(form) -> dict:
    skip = ("version", "family_present", "confirm_past_follow_up")
    return {k: v for k, v in form.cleaned_data.items() if k not in skip}


@login_required
def record_new(request, case_id=None, inquiry_id=None):
    actor = request.actor
    case = case_selectors.case_get(actor=actor, case_id=case_id) if case_id else None
    inquiry = case_selectors.inquiry_get(actor=actor, inquiry_id=inquiry_id) if inquiry_id else None
    if inquiry is not None and not actor.may_read_consultation_contents:
        raise Http404
    promised = _promised_record(request, case or inquiry)
    form = RecordForm(
        request.POST or None,
        program=actor.program,
        case=case,
        inquiry=inquiry,
        initial=record_initial(request.GET, actor=actor),
    )
    if request.method == "POST" and form.is_valid():
        family = form.cleaned_data.get("family_present", [])
        with transaction.atomic():
            services.record_create(
                actor=actor, case=case, inquiry=inquiry, family_present=family, **_record_fields(form)
            )
            if promised is not None:
                services.follow_up_done(record=promised, actor=actor, on=form.cleaned_data["held_on"])
        messages.success(request, _("相談記録を保存しました。"))
        return redirect(case.get_absolute_url() if case else inquiry.get_absolute_url())
    context = {
        **(case_chrome(request, case) if case else {"nav": "inquiries"}),
        "inquiry": inquiry,
        "form": form,
        "promised": promised,
    }
    return render_logged(
        request, "consultations/record_form.html", context, action="case.view", target=case or inquiry
    )


def _promised_record(request, subject):
    """The record whose follow-up this new record answers (``?follow_up=<id>``), of the same case."""
    field = forms.UUIDField(required=False)
    try:
        record_id = field.clean(request.GET.get("follow_up", ""))
    except ValidationError:
        return None
    if record_id is None:
        return None
    record = selectors.record_get(actor=request.actor, record_id=record_id)
    if record.audit_subject != subject and record.case != subject:
        raise Http404
    return record


@login_required
def record_detail(request, record_id):
    record = selectors.record_get(actor=request.actor, record_id=record_id)
    context = {
        **(case_chrome(request, record.case) if record.case else {"nav": "inquiries"}),
        "record": record,
        "revisions": selectors.record_revisions(record=record),
        "may_edit": may_edit_record(request.actor, record),
    }
    return render_logged(
        request, "consultations/record_detail.html", context, action="record.view", target=record
    )


@login_required
def record_edit(request, record_id):
    record = selectors.record_get(actor=request.actor, record_id=record_id)
    if not may_edit_record(request.actor, record):
        raise Http404
    form = RecordEditForm(
        request.POST or None,
        instance=record,
        program=request.actor.program,
        case=record.case,
        inquiry=record.inquiry if record.case is None else None,
        initial={"version": record.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(
                record=record,
                actor=request.actor,
                expected_version=form.cleaned_data["version"],
                family_present=form.cleaned_data.get("family_present"),
                **_record_fields(form),
            )
        except StaleCaseError:
            form.add_error(
                None, _("ほかの職員が先にこの記録を保存しました。入力した内容はこのまま残っています。")
            )
        else:
            messages.success(request, _("相談記録を保存しました。前の内容は履歴に残っています。"))
            return redirect(record.get_absolute_url())
    context = {
        **(case_chrome(request, record.case) if record.case else {"nav": "inquiries"}),
        "record": record,
        "form": form,
    }
    return render_logged(
        request, "consultations/record_form.html", context, action="record.view", target=record
    )


@login_required
def stage_set(request, case_id):
    case = case_selectors.case_get(actor=request.actor, case_id=case_id)
    stages_for(request.actor.program)
    form = StageForm(request.POST or None, stages=SupportStage.objects.filter(program=request.actor.program))
    if request.method == "POST" and form.is_valid():
        services.stage_set(case=case, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("支援段階を記録しました。"))
        return redirect(case.get_absolute_url())
    return render_case_form(
        request, case, "consultations/simple_form.html", {"form": form, "title": _("支援段階を記録")}
    )


@login_required
def life_change_add(request, case_id):
    case = case_selectors.case_get(actor=request.actor, case_id=case_id)
    form = LifeChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.life_change_add(case=case, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("暮らしの変化を記録しました。"))
        return redirect(case.get_absolute_url())
    return render_case_form(
        request, case, "consultations/simple_form.html", {"form": form, "title": _("暮らしの変化を記録")}
    )


@login_required
def flag_raise(request, case_id):
    case = case_selectors.case_get(actor=request.actor, case_id=case_id)
    form = RiskFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.risk_flag_raise(case=case, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("注意を記録しました。このケースのすべてのページに表示されます。"))
        return redirect(case.get_absolute_url())
    return render_case_form(
        request, case, "consultations/simple_form.html", {"form": form, "title": _("注意（リスク）を記録")}
    )


@login_required
@require_POST
def flag_clear(request, flag_id):
    flag = selectors.flag_get(actor=request.actor, flag_id=flag_id)
    services.risk_flag_clear(flag=flag, actor=request.actor, cleared_on=timezone.localdate())
    messages.success(request, _("注意を解除しました。記録は経過に残ります。"))
    return redirect(flag.case.get_absolute_url())


@login_required
def plan_edit(request, case_id):
    case = case_selectors.case_get(actor=request.actor, case_id=case_id)
    current = selectors.current_plan(case=case)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_from(current))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.plan_make(
            case=case,
            actor=request.actor,
            made_on=data["made_on"],
            persons_hopes=data["persons_hopes"],
            review_note=data["review_note"],
            goals=form.goals(),
        )
        messages.success(
            request,
            _("支援計画を保存しました。前の版も残っています。") if current else _("支援計画を作りました。"),
        )
        return redirect(case.get_absolute_url())
    return render_case_form(request, case, "consultations/plan_form.html", {"form": form, "current": current})


@login_required
def plan_history(request, case_id):
    case = case_selectors.case_get(actor=request.actor, case_id=case_id)
    context = {**case_chrome(request, case), "plans": selectors.plan_history(case=case)}
    return render_logged(request, "consultations/plan_history.html", context, action="plan.view", target=case)


@login_required
@require_POST
def goal_status(request, goal_id):
    goal = selectors.goal_get(actor=request.actor, goal_id=goal_id)
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        services.goal_set_status(goal=goal, status=form.cleaned_data["status"], actor=request.actor)
        messages.success(request, _("目標の状況を変えました。"))
    return redirect(goal.plan.case.get_absolute_url())


@login_required
def achievement_add(request, case_id):
    case = case_selectors.case_get(actor=request.actor, case_id=case_id)
    plan = selectors.current_plan(case=case)
    goals = Goal.objects.filter(plan=plan) if plan else Goal.objects.none()
    form = AchievementForm(request.POST or None, goals=goals)
    if request.method == "POST" and form.is_valid():
        services.achievement_add(case=case, actor=request.actor, **form.cleaned_data)
        messages.success(request, _("できたことを記録しました。"))
        return redirect(case.get_absolute_url())
    title = _("できたこと（成功体験）を記録")
    return render_case_form(request, case, "consultations/simple_form.html", {"form": form, "title": title})


@login_required
def quiet_panel(request):
    """Cases of mine with no contact for a while, for the home page: so quiet cases are not forgotten."""
    if not request.actor.may_read_consultation_contents:
        raise Http404
    days = 60
    cases = list(
        case_selectors.case_list(actor=request.actor, filters={"mine": True, "quiet_days": days})[:10]
    )
    return render_logged(
        request,
        "consultations/quiet_panel.html",
        {"cases": cases, "days": days},
        action="case.list",
        data={"panel": "quiet"},
        subjects=cases,
    )


@login_required
def today(request):
    """A counselor's day: follow-ups due today and overdue, and quiet cases (the home page loads it)."""
    if not request.actor.may_read_consultation_contents:
        raise Http404
    today = timezone.localdate()
    due = follow_ups_due(actor=request.actor, start=None, end=today)
    days = 60
    quiet = list(
        case_selectors.case_list(actor=request.actor, filters={"mine": True, "quiet_days": days})[:10]
    )
    context = {
        "nav": "home",
        "today": today,
        "due_today": [f for f in due if f.due_on == today],
        "overdue": [f for f in due if f.due_on < today],
        "quiet": quiet,
        "days": days,
    }
    template = "consultations/today.html#panel" if request.htmx else "consultations/today.html"
    return render_logged(
        request, template, context, action="case.list", data={"panel": "today"}, subjects=[*due, *quiet]
    )


@login_required
@require_POST
def follow_up_done(request, record_id):
    record = selectors.record_get(actor=request.actor, record_id=record_id)
    services.follow_up_done(record=record, actor=request.actor)
    messages.success(request, _("連絡済みにしました。"))
    if request.POST.get("next") == "home":
        return redirect("programs:home")
    return redirect(record.get_absolute_url())


@login_required
def record_print(request, record_id):
    record = selectors.record_get(actor=request.actor, record_id=record_id)
    form = PrintForm(request.POST if request.method == "POST" else None, with_period=False)
    subject = record.case or record.inquiry
    context = {"record": record, "printed_at": timezone.localtime(), "reason": ""}
    if form.is_bound and form.is_valid():
        context["reason"] = form.cleaned_data["reason"]
    if record.case is None:
        # Before registration there is no case page around it: ask on the record's own page.
        if request.method == "POST" and form.is_valid():
            data = {"reason": form.cleaned_data["reason"]}
            return render_logged(
                request,
                "consultations/record_print.html",
                context,
                action="record.print",
                target=record,
                data=data,
            )
        ask = {"nav": "inquiries", "form": form, "print_target": record}
        return render_logged(request, "cases/print_ask.html", ask, action="record.view", target=record)
    return print_or_ask(
        request,
        subject=subject,
        target=record,
        form=form,
        template="consultations/record_print.html",
        context=context,
        action="record.print",
    )
