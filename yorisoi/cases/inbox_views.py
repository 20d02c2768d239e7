"""The inbox of inquiries (問い合わせ) and what is done from it: urgency, attaching to a known case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases import selectors, services
from yorisoi.cases.inquiry_rows import inquiry_rows, urgent_items
from yorisoi.cases.models import Case
from yorisoi.cases.work_forms import AttachForm, InboxFilterForm, UrgentForm
from yorisoi.core.keyset import keyset_page
from yorisoi.core.querystring import query_without
from yorisoi.programs.permissions import person_scope, require_consultation_contents, require_person_access

PAGE_SIZE = 50


@login_required
def inquiry_list(request):
    require_person_access(request.actor)
    form = InboxFilterForm(request.GET or None)
    filters = form.filters()
    cursor = form.cleaned_data.get("cursor", "") if form.is_bound and form.is_valid() else ""
    rows = selectors.inquiry_list(actor=request.actor, filters=filters)
    page = keyset_page(rows, time_field="received_at", cursor=cursor, size=PAGE_SIZE)
    waiting = selectors.urgent_inquiries_waiting(actor=request.actor)
    context = {
        "nav": "inquiries",
        "page": page,
        "rows": inquiry_rows(page.object_list),
        "form": form,
        "waiting": urgent_items(waiting),
        "query": query_without(request, "cursor"),
    }
    return render_logged(
        request,
        "cases/inquiry_list.html",
        context,
        action="inquiry.list",
        data={"filters": {k: str(v) for k, v in vars(filters).items() if v}},
        subjects=[*page.object_list, *waiting],
    )


@login_required
def urgent_banner(request):
    """The header's line on every staff page: how many urgent inquiries nobody has taken (no names)."""
    require_person_access(request.actor)
    count = selectors.urgent_waiting_count(actor=request.actor)
    return render(request, "cases/urgent_banner.html", {"count": count})


@login_required
@require_POST
def inquiry_urgent(request, inquiry_id):
    inquiry = selectors.inquiry_get(actor=request.actor, inquiry_id=inquiry_id)
    form = UrgentForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.get("reason", [_("理由をひとこと書いてください。")])[0])
        return redirect(inquiry.get_absolute_url())
    urgent = form.cleaned_data["urgent"]
    services.inquiry_set_urgent(
        inquiry=inquiry, urgent=urgent, reason=form.cleaned_data["reason"], actor=request.actor
    )
    messages.success(
        request,
        _("緊急にしました。この事業の相談員全員の画面に表示されます。")
        if urgent
        else _("緊急を解除しました。"),
    )
    return redirect(inquiry.get_absolute_url())


@login_required
@require_POST
def inquiry_attach(request, inquiry_id):
    """Attach the inquiry to a known family's case (reopened if it was closed)."""
    require_consultation_contents(request.actor)
    inquiry = selectors.inquiry_get(actor=request.actor, inquiry_id=inquiry_id)
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("つなぐケースを一覧から選んでください。"))
        return redirect("cases:register_from_inquiry", inquiry_id=inquiry.public_id)
    # Another program's case answers exactly like a missing one.
    case = get_object_or_404(
        person_scope(Case.objects.all(), request.actor), public_id=form.cleaned_data["case"]
    )
    if inquiry.case_id is not None:
        messages.info(request, _("この問い合わせは、すでにケースにつながっています。"))
        return redirect(inquiry.get_absolute_url())
    was_closed = case.status == "closed"
    case = services.inquiry_attach(inquiry=inquiry, case=case, actor=request.actor)
    messages.success(
        request,
        _("%(label)s につなぎ、ケースを再開しました。これまでの記録はそのまま残っています。")
        % {"label": case.label}
        if was_closed
        else _("%(label)s につなぎました。") % {"label": case.label},
    )
    return redirect(case.get_absolute_url())
