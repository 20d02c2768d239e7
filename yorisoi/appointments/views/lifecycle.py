"""One appointment and what became of it: held, cancelled, missed; the follow-up after a miss."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.appointments import selectors, services
from yorisoi.appointments.forms import CancelForm
from yorisoi.appointments.transitions import TransitionNotAllowed, allowed_targets
from yorisoi.audit.shortcuts import render_logged
from yorisoi.programs.permissions import require_consultation_contents

MISSED = _(
    "連絡なし欠席にしました。責めるためではなく、様子をうかがうきっかけとして、"
    "担当職員の「連絡のフォロー」に入れました。"
)


@login_required
def detail(request, appointment_id):
    appointment = selectors.appointment_get(actor=request.actor, appointment_id=appointment_id)
    context = {
        "nav": "calendar",
        "appointment": appointment,
        "history": selectors.appointment_history(appointment=appointment),
        "next_statuses": allowed_targets(appointment.status),
        "cancel_form": CancelForm(),
    }
    return render_logged(
        request, "appointments/detail.html", context, action="appointment.view", target=appointment
    )


@login_required
@require_POST
def hold(request, appointment_id):
    appointment = selectors.appointment_get(actor=request.actor, appointment_id=appointment_id)
    require_consultation_contents(request.actor)
    try:
        services.appointment_hold(appointment=appointment, actor=request.actor)
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
        return redirect(appointment.get_absolute_url())
    url, ready = services.record_url_for(appointment)
    if appointment.case_id is None:
        messages.success(request, _("初回相談を実施にしました。続けてケースに登録してください。"))
    elif ready:
        messages.success(request, _("実施にしました。続けて相談記録を書いてください。"))
    else:
        messages.info(request, _("実施にしました。相談記録の画面は準備中です。"))
    return redirect(url)


@login_required
@require_POST
def cancel(request, appointment_id):
    appointment = selectors.appointment_get(actor=request.actor, appointment_id=appointment_id)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.appointment_cancel(appointment=appointment, actor=request.actor, reason=reason)
        messages.success(request, _("予約をキャンセルにしました。"))
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    return redirect(appointment.get_absolute_url())


@login_required
@require_POST
def no_show(request, appointment_id):
    appointment = selectors.appointment_get(actor=request.actor, appointment_id=appointment_id)
    try:
        services.appointment_no_show(appointment=appointment, actor=request.actor)
        messages.success(request, MISSED)
    except TransitionNotAllowed as error:
        messages.error(request, error.message)
    return redirect(appointment.get_absolute_url())


@login_required
@require_POST
def follow_up_done(request, task_id):
    task = selectors.follow_up_get(actor=request.actor, task_id=task_id)
    services.follow_up_done(task=task, actor=request.actor)
    messages.success(request, _("フォローを済みにしました。"))
    return redirect("appointments:my_week")
