from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from yorisoi.audit.chain import verify_chain
from yorisoi.audit.forms import AccessLogFilterForm, ReviewMonthForm
from yorisoi.audit.guard import shows_no_one
from yorisoi.audit.review import THRESHOLDS, monthly_review
from yorisoi.audit.selectors import access_log_list
from yorisoi.core.db_router import reads_from_replica
from yorisoi.core.keyset import keyset_page
from yorisoi.core.querystring import query_without
from yorisoi.programs.permissions import require_manager

PAGE_SIZE = 50


@login_required
def access_log(request):
    require_manager(request.actor)
    form = AccessLogFilterForm(request.GET or None, program=request.actor.program)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "staff_id": data["staff"].pk if data["staff"] else None,
            "subject_label": data["subject"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    entries = access_log_list(actor=request.actor, **filters)
    page = keyset_page(entries, time_field="occurred_at", cursor=request.GET.get("after", ""), size=PAGE_SIZE)
    query = query_without(request, "after")
    return render(
        request, "audit/access_log.html", {"nav": "audit", "form": form, "page": page, "query": query}
    )


@login_required
def verify(request):
    """記録の検証: walk the program's hash chain and name the first entry that is not as written."""
    require_manager(request.actor)
    verification = verify_chain(request.actor.program)
    return render(request, "audit/verify.html", {"nav": "audit", "verification": verification})


@login_required
def review(request):
    """The month's unusual reading, per staff member, for the manager to look at."""
    require_manager(request.actor)
    form = ReviewMonthForm(request.GET or {"month": timezone.localdate().strftime("%Y-%m")})
    month = form.cleaned_data["month"] if form.is_valid() else timezone.localdate().replace(day=1)
    with reads_from_replica(request):  # a month's counts: the standby's second of lag does not matter
        rows = monthly_review(actor=request.actor, month=month)
    shows_no_one(request)  # counts per staff member; it reads cases only to know who is assigned
    context = {"nav": "audit", "form": form, "month": month, "rows": rows, "thresholds": THRESHOLDS}
    return render(request, "audit/review.html", context)
