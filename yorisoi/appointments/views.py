import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.appointments import availability, feed, selectors, services
from yorisoi.appointments.forms import (
    AbsenceForm,
    BookingForm,
    CancelForm,
    ClosureForm,
    RescheduleForm,
    SchedulingSettingsForm,
    SeriesCancelForm,
    SeriesForm,
    SlotSearchForm,
    WorkdayForm,
)
from yorisoi.appointments.models import AppointmentKind, SchedulingSettings
from yorisoi.appointments.transitions import TransitionNotAllowed, allowed_targets
from yorisoi.audit.services import audit_record
from yorisoi.audit.shortcuts import render_logged
from yorisoi.programs.calendar import closed_reason_on, open_status
from yorisoi.programs.permissions import require_consultation_contents, require_manager, require_person_access

SEARCH_DAYS = 14
INQUIRY_KINDS = (AppointmentKind.INITIAL, AppointmentKind.PHONE, AppointmentKind.HOME_VISIT)


def _date_param(request, name="date") -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate()


def _staff_param(request) -> int | None:
    value = request.GET.get("staff", "")
    return int(value) if value.isdigit() else None


# --- the program calendar and "my week" --------------------------------------------------------------


def _range(view: str, anchor: datetime.date):
    if view == "day":
        return anchor, anchor, anchor - datetime.timedelta(days=1), anchor + datetime.timedelta(days=1)
    if view == "month":
        first_of_month = anchor.replace(day=1)
        next_month = (first_of_month + datetime.timedelta(days=32)).replace(day=1)
        first = first_of_month - datetime.timedelta(days=first_of_month.weekday())
        last_of_month = next_month - datetime.timedelta(days=1)
        last = last_of_month + datetime.timedelta(days=6 - last_of_month.weekday())
        previous = (first_of_month - datetime.timedelta(days=1)).replace(day=1)
        return first, last, previous, next_month
    first = anchor - datetime.timedelta(days=anchor.weekday())
    return (
        first,
        first + datetime.timedelta(days=6),
        first - datetime.timedelta(days=7),
        first + datetime.timedelta(days=7),
    )


@login_required
def calendar(request):
    require_person_access(request.actor)
    view = request.GET.get("view") if request.GET.get("view") in ("day", "week", "month") else "week"
    anchor, staff_id = _date_param(request), _staff_param(request)
    first, last, previous, following = _range(view, anchor)
    days = selectors.calendar_days(actor=request.actor, first=first, last=last, staff_id=staff_id)
    context = {
        "nav": "calendar",
        "view": view,
        "anchor": anchor,
        "days": days,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
        "status": open_status(request.actor.program),
        "staff_choices": selectors.consultants(request.actor.program),
        "staff_id": staff_id,
    }
    data = {"view": view, "from": first.isoformat(), "to": last.isoformat()}
    return render_logged(request, "appointments/calendar.html", context, action="appointment.list", data=data)


@login_required
def my_week(request):
    require_person_access(request.actor)
    first, last, previous, following = _range("week", _date_param(request))
    context = {
        "nav": "calendar",
        "days": selectors.calendar_days(actor=request.actor, first=first, last=last, mine=True),
        "follow_ups": selectors.follow_ups_open(actor=request.actor),
        "previous": previous,
        "following": following,
        "today": timezone.localdate(),
    }
    return render_logged(
        request,
        "appointments/my_week.html",
        context,
        action="appointment.list",
        data={"mine": first.isoformat()},
    )


# --- booking ----------------------------------------------------------------------------------------


@login_required
def book_pick(request):
    """Whom to book for: an open inquiry (an initial consultation), or a case by its number."""
    require_person_access(request.actor)
    number = request.GET.get("case_number", "").strip().upper().removeprefix("C-").removeprefix("C")
    not_found = False
    if number:
        case = selectors.case_by_number(actor=request.actor, number=int(number)) if number.isdigit() else None
        if case is not None:
            return redirect("appointments:book_for_case", case_id=case.public_id)
        not_found = True
    context = {
        "nav": "calendar",
        "inquiries": selectors.open_inquiries(actor=request.actor),
        "case_number": request.GET.get("case_number", ""),
        "not_found": not_found,
    }
    return render_logged(request, "appointments/book_pick.html", context, action="inquiry.list")


def _slot_search(request, program, default_kind):
    settings = availability.scheduling_settings(program)
    search = SlotSearchForm(request.GET or None, program=program)
    chosen = search.cleaned_data if search.is_valid() else {}
    staff = [chosen["staff"]] if chosen.get("staff") else list(selectors.consultants(program))
    kind = chosen.get("kind") or default_kind
    days = availability.free_slots(
        program,
        staff=staff,
        first=chosen.get("since") or timezone.localdate(),
        days=SEARCH_DAYS,
        kind=kind,
        duration_minutes=chosen.get("duration") or settings.session_minutes,
        place=chosen.get("place"),
    )
    if not request.GET:
        search = SlotSearchForm(
            program=program,
            initial={"kind": kind, "since": timezone.localdate(), "duration": settings.session_minutes},
        )
    return search, days, kind, settings


def _initial_from_query(request, default_kind, base=None) -> dict:
    initial = dict(base or {})
    initial.setdefault("kind", default_kind)
    for name in ("kind", "date", "start", "end", "place"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    if request.GET.get("with"):
        initial["staff"] = request.GET["with"]
    initial.setdefault("staff", request.actor.user.pk)
    if "place" not in initial:
        first_place = selectors.places(request.actor.program).first()
        initial["place"] = first_place.pk if first_place else None
    return initial


def _search_query(request) -> str:
    """The slot search as it stands, for the links that pick a slot (ends with "&" when not empty)."""
    kept = [(k, v) for k, v in request.GET.items() if k not in ("date", "start", "end", "with")]
    return urlencode(kept) + "&" if kept else ""


def _booking_page(request, *, case=None, inquiry=None, appointment=None):
    actor, program = request.actor, request.actor.program
    kinds = INQUIRY_KINDS if inquiry is not None else None
    default_kind = (
        appointment.kind
        if appointment
        else (AppointmentKind.INITIAL if inquiry else AppointmentKind.CONTINUING)
    )
    search, slot_days, kind, settings = _slot_search(request, program, default_kind)
    form_class = RescheduleForm if appointment else BookingForm
    base = None
    if appointment is not None:
        start, end = timezone.localtime(appointment.starts_at), timezone.localtime(appointment.ends_at)
        base = {
            "date": start.date(),
            "start": start.time(),
            "end": end.time(),
            "place": appointment.place_id,
            "staff": appointment.staff_id,
            "second_staff": appointment.second_staff_id,
            "note": appointment.note,
        }
    if request.method == "POST":
        form = form_class(request.POST, program=program, kinds=kinds)
    else:
        form = form_class(
            program=program, kinds=kinds, initial=_initial_from_query(request, default_kind, base)
        )
    context = {
        "nav": "calendar",
        "case": case,
        "inquiry": inquiry,
        "appointment": appointment,
        "form": form,
        "search": search,
        "slot_days": slot_days,
        "slot_kind": kind,
        "search_query": _search_query(request),
        "settings": settings,
        "travelling": kind in (AppointmentKind.HOME_VISIT, AppointmentKind.ACCOMPANIMENT),
    }
    target = case or inquiry
    if request.method != "POST":
        return render_logged(request, "appointments/book.html", context, action="booking.view", target=target)
    if form.is_valid():
        data = form.cleaned_data
        fields = {
            "place": data["place"],
            "staff": data["staff"],
            "second_staff": data["second_staff"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "outside_hours_reason": data["outside_hours_reason"],
            "is_emergency": data["is_emergency"],
            "note": data["note"],
        }
        try:
            if appointment is not None:
                booked = services.appointment_reschedule(
                    appointment=appointment, actor=actor, reason=data["reason"], **fields
                )
            else:
                booked = services.appointment_book(
                    program=program, actor=actor, kind=data["kind"], case=case, inquiry=inquiry, **fields
                )
        except services.BookingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except TransitionNotAllowed as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("予約を変更しました。") if appointment else _("予約を入れました。"))
            if booked.outside_hours_reason:
                messages.warning(
                    request,
                    _("受付時間外・休業日の予約です（理由：%(reason)s）。")
                    % {"reason": booked.outside_hours_reason},
                )
            return redirect(booked.get_absolute_url())
    return render(request, "appointments/book.html", context)


@login_required
def book_for_inquiry(request, inquiry_id):
    inquiry = selectors.inquiry_for_booking(actor=request.actor, inquiry_id=inquiry_id)
    return _booking_page(request, inquiry=inquiry)


@login_required
def book_for_case(request, case_id):
    case = selectors.case_for_booking(actor=request.actor, case_id=case_id)
    return _booking_page(request, case=case)


@login_required
def reschedule(request, appointment_id):
    appointment = selectors.appointment_get(actor=request.actor, appointment_id=appointment_id)
    if not appointment.is_open:
        messages.error(
            request, _("この予約は「%(s)s」のため変更できません。") % {"s": appointment.get_status_display()}
        )
        return redirect(appointment.get_absolute_url())
    return _booking_page(request, case=appointment.case, inquiry=appointment.inquiry, appointment=appointment)


# --- one appointment and what became of it ------------------------------------------------------------


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
        messages.success(
            request,
            _(
                "連絡なし欠席にしました。責めるためではなく、様子をうかがうきっかけとして、"
                "担当職員の「連絡のフォロー」に入れました。"
            ),
        )
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


# --- recurring sessions -----------------------------------------------------------------------------


@login_required
def series_new(request, case_id):
    case = selectors.case_for_booking(actor=request.actor, case_id=case_id)
    program = request.actor.program
    initial = {"staff": request.actor.user.pk, "interval_weeks": 2, "duration_minutes": 60}
    form = SeriesForm(request.POST or None, program=program, initial=initial)
    context = {"nav": "calendar", "case": case, "form": form}
    if request.method != "POST":
        return render_logged(
            request, "appointments/series_form.html", context, action="booking.view", target=case
        )
    if form.is_valid():
        series, skipped = services.series_create(
            program=program, actor=request.actor, case=case, **form.cleaned_data
        )
        booked = len(services.series_dates(series.first_on, series.until_on, series.interval_weeks)) - len(
            skipped
        )
        messages.success(request, _("定期の予約を%(n)s回分入れました。") % {"n": booked})
        for day, why in skipped:
            messages.warning(
                request, _("%(day)s は入れられませんでした：%(why)s") % {"day": f"{day:%Y-%m-%d}", "why": why}
            )
        return redirect(series.get_absolute_url())
    return render(request, "appointments/series_form.html", context)


@login_required
def series_detail(request, series_id):
    series = selectors.series_get(actor=request.actor, series_id=series_id)
    context = {
        "nav": "calendar",
        "series": series,
        "occurrences": selectors.series_occurrences(series=series),
        "cancel_form": SeriesCancelForm(initial={"from_on": timezone.localdate()}),
    }
    return render_logged(
        request, "appointments/series_detail.html", context, action="series.view", target=series
    )


@login_required
@require_POST
def series_cancel(request, series_id):
    series = selectors.series_get(actor=request.actor, series_id=series_id)
    form = SeriesCancelForm(request.POST)
    if not form.is_valid():
        context = {
            "nav": "calendar",
            "series": series,
            "occurrences": selectors.series_occurrences(series=series),
            "cancel_form": form,
        }
        return render(request, "appointments/series_detail.html", context)
    count = services.series_cancel_from(
        series=series,
        actor=request.actor,
        from_on=form.cleaned_data["from_on"],
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, _("%(n)s件の予約をキャンセルにしました。") % {"n": count})
    return redirect(series.get_absolute_url())


# --- closures (managers) ------------------------------------------------------------------------------


def _automatic_closures(program, today, days=183):
    """National holidays and the year-end break ahead: closed without anyone entering them."""
    found, day = [], today
    while day <= today + datetime.timedelta(days=days):
        reason = closed_reason_on(program, day, {})
        if reason:
            found.append((day, reason))
        day += datetime.timedelta(days=1)
    return found


@login_required
def closures(request):
    require_manager(request.actor)
    program, today = request.actor.program, timezone.localdate()
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closure, booked = services.closure_add(program=program, actor=request.actor, **form.cleaned_data)
        except services.BookingError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("%(d)s を休業日にしました。") % {"d": f"{closure.date:%Y-%m-%d}"})
            if booked:
                messages.warning(
                    request,
                    _("この日には予約が%(n)s件あります。変更かキャンセルをお願いします。") % {"n": booked},
                )
            return redirect("appointments:closures")
    context = {
        "nav": "calendar",
        "form": form,
        "closures": selectors.closures_upcoming(program=program, today=today),
        "automatic": _automatic_closures(program, today),
    }
    return render(request, "appointments/closures.html", context)


@login_required
@require_POST
def closure_delete(request, closure_id):
    require_manager(request.actor)
    closure = selectors.closure_get(actor=request.actor, closure_id=closure_id)
    services.closure_remove(closure=closure, actor=request.actor)
    messages.success(request, _("休業日を取り消しました。"))
    return redirect("appointments:closures")


# --- staff schedules and settings (managers) -----------------------------------------------------------


def _schedules_page(request, **forms):
    program, today = request.actor.program, timezone.localdate()
    settings = SchedulingSettings.objects.filter(program=program).first() or SchedulingSettings(
        program=program
    )
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
    services.workday_remove(
        workday=selectors.workday_get(actor=request.actor, workday_id=workday_id), actor=request.actor
    )
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


# --- the private calendar feed -------------------------------------------------------------------------


@login_required
def feed_settings(request):
    require_person_access(request.actor)
    user, token = request.actor.user, None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_token_revoke(user=user)
            messages.success(request, _("予定表のURLを無効にしました。これまでのURLでは見られません。"))
            return redirect("appointments:feed_settings")
        token = services.feed_token_regenerate(user=user)
    context = {
        "nav": "calendar",
        "calendar": selectors.staff_calendar(user=user),
        "feed_url": request.build_absolute_uri(reverse("appointments:feed", kwargs={"token": token}))
        if token
        else "",
    }
    return render(request, "appointments/feed_settings.html", context)


def feed_ics(request, token):
    """Outside login: the token is the key. Unknown or revoked tokens look like a missing page."""
    owner = selectors.feed_owner(token_hash=services.feed_token_hash(token))
    if owner is None:
        raise Http404
    rows, programs = selectors.feed_appointments(user=owner)
    body = feed.ics_for(rows, many_programs=len(programs) > 1, base_url=request.build_absolute_uri("/"))
    with transaction.atomic():
        for program in programs:
            count = sum(1 for a in rows if a.program_id == program.pk)
            audit_record(
                actor=owner,
                action="calendar_feed.export",
                program=program,
                request=request,
                data={"count": count},
            )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="yorisoi.ics"'
    return response
