"""The private calendar feed: its settings page, and the .ics outside login (the token is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yorisoi.appointments import feed, selectors, services
from yorisoi.audit.services import audit_record
from yorisoi.programs.permissions import require_person_access


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
