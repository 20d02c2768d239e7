"""Recurring sessions: create, look at, move the rest, stop."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.appointments import selectors, services
from yorisoi.appointments.forms import SeriesCancelForm, SeriesForm, SeriesMoveForm
from yorisoi.audit.shortcuts import render_logged


def _report_skipped(request, skipped) -> None:
    for day, why in skipped:
        messages.warning(
            request, _("%(day)s は入れられませんでした：%(why)s") % {"day": f"{day:%Y-%m-%d}", "why": why}
        )


@login_required
def series_new(request, case_id):
    case = selectors.case_for_booking(actor=request.actor, case_id=case_id)
    program = request.actor.program
    initial = {"staff": request.actor.user.pk, "interval_weeks": 2, "duration_minutes": 60}
    form = SeriesForm(request.POST or None, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        series, skipped = services.series_create(
            program=program, actor=request.actor, case=case, **form.cleaned_data
        )
        booked = len(services.series_dates(series.first_on, series.until_on, series.interval_weeks)) - len(
            skipped
        )
        messages.success(request, _("定期の予約を%(n)s回分入れました。") % {"n": booked})
        _report_skipped(request, skipped)
        return redirect(series.get_absolute_url())
    context = {"nav": "calendar", "case": case, "form": form}
    return render_logged(
        request, "appointments/series_form.html", context, action="booking.view", target=case
    )


def _series_page(request, series, **forms):
    today = timezone.localdate()
    context = {
        "nav": "calendar",
        "series": series,
        "occurrences": selectors.series_occurrences(series=series),
        "cancel_form": forms.get("cancel_form") or SeriesCancelForm(initial={"from_on": today}),
        "move_form": forms.get("move_form")
        or SeriesMoveForm(
            initial={"from_on": today, "weekday": series.first_on.weekday(), "start_time": series.start_time}
        ),
    }
    return render_logged(
        request, "appointments/series_detail.html", context, action="series.view", target=series
    )


@login_required
def series_detail(request, series_id):
    return _series_page(request, selectors.series_get(actor=request.actor, series_id=series_id))


@login_required
@require_POST
def series_cancel(request, series_id):
    series = selectors.series_get(actor=request.actor, series_id=series_id)
    form = SeriesCancelForm(request.POST)
    if not form.is_valid():
        return _series_page(request, series, cancel_form=form)
    data = form.cleaned_data
    count = services.series_cancel_from(
        series=series, actor=request.actor, from_on=data["from_on"], reason=data["reason"]
    )
    messages.success(request, _("%(n)s件の予約をキャンセルにしました。") % {"n": count})
    return redirect(series.get_absolute_url())


@login_required
@require_POST
def series_move(request, series_id):
    """Move the rest of the series to another weekday or time; earlier changes stay as they are."""
    series = selectors.series_get(actor=request.actor, series_id=series_id)
    form = SeriesMoveForm(request.POST)
    if form.is_valid():
        try:
            booked, skipped = services.series_move_from(
                series=series, actor=request.actor, **form.cleaned_data
            )
        except services.BookingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("%(n)s回分を新しい曜日・時刻で入れ直しました。") % {"n": booked})
            _report_skipped(request, skipped)
            return redirect(series.get_absolute_url())
    return _series_page(request, series, move_form=form)
