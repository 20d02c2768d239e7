"""Closures, staff schedules and the scheduling settings (managers; program data, no person data)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.appointments import availability, selectors, services
from yorisoi.appointments.forms import AbsenceForm, ClosureForm, SchedulingSettingsForm, WorkdayForm
from yorisoi.programs import services as program_services
from yorisoi.programs.permissions import require_manager


def _closures_page(request, form):
    program, today = request.actor.program, timezone.localdate()
    context = {
        "nav": "calendar",
        "form": form,
        "closures": selectors.closures_upcoming(program=program, today=today),
        "automatic": selectors.automatic_closures(program=program, today=today),
    }
    return render(request, "appointments/closures.html", context)


@login_required
def closures(request):
    require_manager(request.actor)
    form = ClosureForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _closures_page(request, form)
    try:
        closure = program_services.closure_add(
            program=request.actor.program, actor=request.actor, **form.cleaned_data
        )
    except program_services.ClosureExists as error:
        form.add_error(error.field, error.message)
        return _closures_page(request, form)
    messages.success(request, _("%(d)s を休業日にしました。") % {"d": f"{closure.date:%Y-%m-%d}"})
    booked = selectors.booked_count_on(actor=request.actor, day=closure.date)
    if booked:
        messages.warning(
            request, _("この日には予約が%(n)s件あります。変更かキャンセルをお願いします。") % {"n": booked}
        )
    return redirect("appointments:closures")


@login_required
@require_POST
def closure_delete(request, closure_id):
    require_manager(request.actor)
    closure = selectors.closure_get(actor=request.actor, closure_id=closure_id)
    program_services.closure_remove(closure=closure, actor=request.actor)
    messages.success(request, _("休業日を取り消しました。"))
    return redirect("appointments:closures")


def _schedules_page(request, **forms):
    program, today = request.actor.program, timezone.localdate()
    settings = availability.scheduling_settings(program)
    context = {
        "nav": "calendar",
        "workdays": selectors.workdays(program=program),
        "absences": selectors.absences(program=program, today=today),
        "staff": selectors.consultants(program),
        "workday_form": forms.get("workday_form") or WorkdayForm(program=program),
        "absence_form": forms.get("absence_form") or AbsenceForm(program=program),
        "settings_form": forms.get("settings_form") or SchedulingSettingsForm(instance=settings),
    }
    return render(request, "appointments/schedules.html", context)


@login_required
def schedules(request):
    require_manager(request.actor)
    return _schedules_page(request)


@login_required
@require_POST
def workday_add(request):
    require_manager(request.actor)
    form = WorkdayForm(request.POST, program=request.actor.program)
    if not form.is_valid():
        return _schedules_page(request, workday_form=form)
    services.workday_add(program=request.actor.program, actor=request.actor, **form.cleaned_data)
    messages.success(request, _("勤務日を追加しました。"))
    return redirect("appointments:schedules")


@login_required
@require_POST
def workday_delete(request, workday_id):
    require_manager(request.actor)
    workday = selectors.workday_get(actor=request.actor, workday_id=workday_id)
    services.workday_remove(workday=workday, actor=request.actor)
    messages.success(request, _("勤務日を削除しました。"))
    return redirect("appointments:schedules")


@login_required
@require_POST
def absence_add(request):
    require_manager(request.actor)
    form = AbsenceForm(request.POST, program=request.actor.program)
    if not form.is_valid():
        return _schedules_page(request, absence_form=form)
    services.absence_add(program=request.actor.program, actor=request.actor, **form.cleaned_data)
    messages.success(request, _("不在を登録しました。"))
    return redirect("appointments:schedules")


@login_required
@require_POST
def absence_delete(request, absence_id):
    require_manager(request.actor)
    absence = selectors.absence_get(actor=request.actor, absence_id=absence_id)
    services.absence_remove(absence=absence, actor=request.actor, program=request.actor.program)
    messages.success(request, _("不在を取り消しました。"))
    return redirect("appointments:schedules")


@login_required
@require_POST
def settings_update(request):
    require_manager(request.actor)
    form = SchedulingSettingsForm(request.POST)
    if not form.is_valid():
        return _schedules_page(request, settings_form=form)
    services.scheduling_settings_update(
        program=request.actor.program, actor=request.actor, **form.cleaned_data
    )
    messages.success(request, _("予約の設定を保存しました。"))
    return redirect("appointments:schedules")
