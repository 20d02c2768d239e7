"""Staff pages of registrations and the sign-in sheet: every page that names people is logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.audit.guard import shows_no_one
from yorisoi.audit.services import audit_record
from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases.models import Case
from yorisoi.core.paging import list_page
from yorisoi.core.querystring import query_without
from yorisoi.outreach import exports, selectors, services
from yorisoi.outreach.forms import CaseLinkForm, RegistrantForm, RegistrationFilterForm
from yorisoi.outreach.models import RegistrationChannel
from yorisoi.outreach.transitions import TransitionNotAllowed
from yorisoi.programs.permissions import person_scope, require_consultation_contents

NAV = "outreach"


@login_required
def registration_list(request, event_id):
    event = selectors.event_get(actor=request.actor, event_id=event_id)
    form = RegistrationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.registration_list(actor=request.actor, event=event, **filters)
    page = list_page(rows, request.GET)
    context = {
        "nav": NAV,
        "event": event,
        "page": page,
        "form": form,
        "query": query_without(request, "page"),
    }
    data = {"event": str(event.public_id), **{k: str(v) for k, v in filters.items() if v}}
    return render_logged(
        request,
        "outreach/registration_list.html",
        context,
        action="registration.list",
        data=data,
        subjects=page,
    )


@login_required
def registration_create(request, event_id):
    event = selectors.event_get(actor=request.actor, event_id=event_id)
    form = RegistrantForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration, _token = services.registration_create(
                event=event,
                details=form.details,
                channel=RegistrationChannel.STAFF,
                actor=request.actor,
                join_waiting_list=form.cleaned_data["join_waiting_list"],
            )
        except services.RegistrationRefused as refusal:
            form.add_error(refusal.field or "join_waiting_list", refusal)
        else:
            messages.success(
                request,
                _("申込番号 %(label)s で受け付けました（%(status)s）。")
                % {"label": registration.label, "status": registration.get_status_display()},
            )
            return redirect("outreach:registration_list", event_id=event.public_id)
    shows_no_one(request)  # the event's free seats are counted; the form holds only what was typed
    return render(request, "outreach/registration_form.html", {"nav": NAV, "event": event, "form": form})


def _render_registration(request, registration, case_form=None):
    context = {
        "nav": NAV,
        "registration": registration,
        "event": registration.event,
        "case_form": case_form or CaseLinkForm(),
    }
    return render_logged(
        request, "outreach/registration_detail.html", context, action="registration.view", target=registration
    )


@login_required
def registration_detail(request, registration_id):
    registration = selectors.registration_get(actor=request.actor, registration_id=registration_id)
    return _render_registration(request, registration)


@login_required
@require_POST
def registration_cancel(request, registration_id):
    registration = selectors.registration_get(actor=request.actor, registration_id=registration_id)
    try:
        promoted = services.registration_cancel(
            registration=registration, actor=request.actor, request=request
        )
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.messages[0])
        return redirect(registration.get_absolute_url())
    text = _("申込番号 %(label)s を取り消しました。") % {"label": registration.label}
    if promoted:
        text += _("キャンセル待ちの %(labels)s が繰り上がりました。お知らせしてください。") % {
            "labels": "、".join(r.label for r in promoted)
        }
    messages.success(request, text)
    return redirect("outreach:registration_list", event_id=registration.event.public_id)


@login_required
@require_POST
def promotion_told(request, registration_id):
    registration = selectors.registration_get(actor=request.actor, registration_id=registration_id)
    services.promotion_told(registration=registration, actor=request.actor)
    messages.success(
        request, _("申込番号 %(label)s に繰り上がりを伝えたと記録しました。") % {"label": registration.label}
    )
    return redirect("outreach:registration_list", event_id=registration.event.public_id)


@login_required
@require_POST
def registration_link_case(request, registration_id):
    """Counselors and managers link an attendee to a case: a read of that case, scoped and logged."""
    require_consultation_contents(request.actor)
    registration = selectors.registration_get(actor=request.actor, registration_id=registration_id)
    form = CaseLinkForm(request.POST)
    if not form.is_valid():
        return _render_registration(request, registration, case_form=form)
    case = person_scope(Case.objects.all(), request.actor).filter(number=form.case_number).first()
    if case is None:
        form.add_error("case_label", _("この事業に、その番号のケースはありません。"))
        return _render_registration(request, registration, case_form=form)
    services.registration_link_case(registration=registration, case=case, actor=request.actor)
    messages.success(request, _("ケース %(case)s とつなぎました。") % {"case": case.label})
    return redirect(registration.get_absolute_url())


@login_required
def registration_export(request, event_id):
    """The registration list with attendance per session, as Excel; logged as an export."""
    event = selectors.event_get(actor=request.actor, event_id=event_id)
    with transaction.atomic():
        sessions, rows = selectors.event_attendance_grid(actor=request.actor, event=event)
        audit_record(
            actor=request.actor,
            action="registration.export",
            program=request.actor.program,
            request=request,
            data={"event": str(event.public_id), "format": "xlsx"},
            subjects=[r for r, _attended in rows],
        )
        content = exports.registrations_xlsx(event=event, sessions=sessions, rows=rows)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="registrations-{event.pk}.xlsx"'
    return response


# --- the sign-in sheet -----------------------------------------------------------------------------


@login_required
def sign_in(request, session_id):
    session = selectors.session_get(actor=request.actor, session_id=session_id)
    rows = selectors.sign_in_rows(actor=request.actor, session=session)
    printing = request.path.endswith("/print/")
    context = {
        "nav": NAV,
        "session": session,
        "event": session.event,
        "rows": rows,
        "present": sum(1 for r in rows if r.present),
        "walk_in_form": RegistrantForm(event=session.event, walk_in=True, prefix="walk_in"),
        "printing": printing,
    }
    action = "registration.print" if printing else "registration.list"
    data = {"session": str(session.public_id)}
    return render_logged(request, "outreach/sign_in.html", context, action=action, data=data, subjects=rows)


@login_required
@require_POST
def attendance_mark(request, session_id, registration_id):
    session = selectors.session_get(actor=request.actor, session_id=session_id)
    registration = selectors.registration_get(actor=request.actor, registration_id=registration_id)
    present = request.POST.get("present") == "1"
    try:
        services.attendance_set(
            session=session, registration=registration, present=present, actor=request.actor
        )
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    return redirect(f"{_sheet_url(session)}#r-{registration.public_id}")


@login_required
@require_POST
def walk_in_add(request, session_id):
    session = selectors.session_get(actor=request.actor, session_id=session_id)
    form = RegistrantForm(request.POST, event=session.event, walk_in=True, prefix="walk_in")
    if not form.is_valid():
        messages.error(request, _("当日参加の方の参加区分を選んでください。"))
        return redirect(_sheet_url(session))
    registration = services.walk_in_add(session=session, details=form.details, actor=request.actor)
    messages.success(
        request, _("当日参加の方を追加しました（申込番号 %(label)s、出席）。") % {"label": registration.label}
    )
    return redirect(_sheet_url(session))


def _sheet_url(session) -> str:
    return reverse("outreach:sign_in", kwargs={"session_id": session.public_id})
