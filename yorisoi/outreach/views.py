"""Staff pages for events: list, create, edit, publish/cancel, sessions, counts."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.audit.guard import shows_no_one
from yorisoi.core.fiscal_year import fiscal_year_bounds
from yorisoi.core.paging import list_page
from yorisoi.core.querystring import query_without
from yorisoi.outreach import selectors, services
from yorisoi.outreach.forms import (
    CountsForm,
    EventCancelForm,
    EventCreateForm,
    EventFilterForm,
    EventForm,
    SessionForm,
)
from yorisoi.outreach.models import Category, EventKind
from yorisoi.outreach.transitions import TransitionNotAllowed
from yorisoi.programs.permissions import require_person_access

NAV = "outreach"


@login_required
def event_list(request):
    require_person_access(request.actor)
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.event_list(actor=request.actor, **filters)
    page = list_page(events, request.GET)
    shows_no_one(request)  # events with how many seats are taken: no registrant is named
    context = {"nav": NAV, "page": page, "form": form, "query": query_without(request, "page")}
    return render(request, "outreach/event_list.html", context)


@login_required
def event_create(request):
    require_person_access(request.actor)
    form = EventCreateForm(request.POST or None, program=request.actor.program)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("day", "start_time", "end_time")}
        event = services.event_create(
            program=request.actor.program, actor=request.actor, first_session=form.session_bounds, **fields
        )
        messages.success(
            request,
            _("「%(title)s」を下書きとして作りました。内容を確かめて公開してください。")
            % {"title": event.title},
        )
        return redirect(event.get_absolute_url())
    return render(request, "outreach/event_form.html", {"nav": NAV, "form": form})


@login_required
def event_edit(request, event_id):
    event = selectors.event_get(actor=request.actor, event_id=event_id)
    # The form edits a copy: a refused save must not show the typed title as the page's own.
    form = EventForm(request.POST or None, instance=copy.copy(event), program=request.actor.program)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.event_update(event=event, actor=request.actor, **form.cleaned_data)
        except services.CapacityBelowRegistrations as refusal:
            form.add_error("capacity", refusal)
        else:
            messages.success(request, _("保存しました。") + _promoted_message(promoted))
            return redirect(event.get_absolute_url())
    shows_no_one(request)  # the seats taken are counted against the capacity; no one is named
    return render(request, "outreach/event_form.html", {"nav": NAV, "form": form, "event": event})


def _promoted_message(promoted) -> str:
    if not promoted:
        return ""
    return _(
        "キャンセル待ちから%(n)d人が繰り上がりました。申し込み一覧で確かめて、お知らせしてください。"
    ) % {"n": len(promoted)}


def _render_detail(request, event, *, status=200, **forms):
    context = {
        "nav": NAV,
        "event": event,
        "counts": selectors.event_counts(event=event),
        "untold": selectors.registration_list(actor=request.actor, event=event, promoted_untold=True).count(),
        "session_form": forms.get("session_form") or SessionForm(),
        "cancel_form": forms.get("cancel_form") or EventCancelForm(),
    }
    shows_no_one(request)  # the event and its counts: registrants are named on their own list
    return render(request, "outreach/event_detail.html", context, status=status)


@login_required
def event_detail(request, event_id):
    return _render_detail(request, selectors.event_get(actor=request.actor, event_id=event_id))


@login_required
@require_POST
def event_status(request, event_id):
    event = selectors.event_get(actor=request.actor, event_id=event_id)
    target = request.POST.get("to")
    try:
        if target == "published":
            services.event_publish(event=event, actor=request.actor)
            messages.success(request, _("公開しました。ホームページと事業のページに表示されます。"))
        elif target == "cancelled":
            form = EventCancelForm(request.POST)
            if not form.is_valid():
                return _render_detail(request, event, status=400, cancel_form=form)
            services.event_cancel(event=event, actor=request.actor, note=form.cleaned_data["note"])
            messages.success(
                request, _("中止にしました。申し込んだ方の取り消し用ページにもお知らせが出ます。")
            )
        else:
            raise Http404
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.messages[0])
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def session_add(request, event_id):
    event = selectors.event_get(actor=request.actor, event_id=event_id)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, event, status=400, session_form=form)
    starts_at, ends_at = form.session_bounds
    services.session_add(
        event=event, actor=request.actor, starts_at=starts_at, ends_at=ends_at, note=form.cleaned_data["note"]
    )
    messages.success(request, _("開催日を追加しました。"))
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def session_remove(request, session_id):
    session = selectors.session_get(actor=request.actor, session_id=session_id)
    try:
        services.session_remove(session=session, actor=request.actor)
        messages.success(request, _("開催日を削除しました。"))
    except services.SessionHasAttendance as refusal:
        messages.error(request, refusal.messages[0])
    return redirect(session.event.get_absolute_url())


@login_required
def counts(request):
    """Numbers only, for the manager and the city's officer: no names anywhere on this page."""
    if not request.actor.may_see_statistics:
        raise Http404
    form = CountsForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "outreach/counts.html", {"nav": NAV, "form": form}, status=400)
    year = form.fiscal_year
    program, (start, end) = request.actor.program, fiscal_year_bounds(year)
    held = selectors.events_held_by_kind(program, start, end)
    context = {
        "nav": NAV,
        "form": form,
        "year": year,
        "held": [(label, held[value]) for value, label in EventKind.choices],
        "participants": _by_category(
            selectors.attendances_by_category(program, start, end),
            selectors.attendees_by_category(program, start, end),
        ),
        "supporters": selectors.supporters_completed(program, start, end),
    }
    shows_no_one(request)  # numbers only
    return render(request, "outreach/counts.html", context)


def _by_category(attendances: dict, attendees: dict) -> list[tuple[str, int, int]]:
    return [(label, attendances[value], attendees[value]) for value, label in Category.choices]
