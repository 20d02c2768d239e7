from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yorisoi.programs.calendar import open_status
from yorisoi.programs.middleware import SESSION_KEY
from yorisoi.programs.models import Role
from yorisoi.programs.selectors import program_with_calendar
from yorisoi.programs.staff_field import SUGGESTIONS, SuggestionQuery, staff_matching, suggestion_pool


@login_required
def home(request):
    actor = request.actor
    if actor.program is None:
        return render(request, "programs/no_program.html", {"nav": "home"})
    if actor.role == Role.CITY_OFFICER:  # the city's officer sees only their program's figures
        return redirect("reports:report", program_slug=actor.program.slug)
    program = program_with_calendar(program_id=actor.program.pk, today=timezone.localdate())
    return render(
        request,
        "programs/home.html",
        {"nav": "home", "program": program, "status": open_status(program)},
    )


@login_required
@require_POST
def switch_program(request):
    wanted = request.POST.get("program", "")
    for membership in request.actor.memberships:
        if str(membership.program.public_id) == wanted:
            request.session[SESSION_KEY] = membership.program_id
            break
    return redirect("programs:home")


@login_required
def staff_names(request):
    """Suggestions for a staff-name filter (htmx into a ``<datalist>``): a few names, never all."""
    query = SuggestionQuery(request.GET)
    if not query.is_valid():
        return HttpResponseBadRequest()
    users = suggestion_pool(request.actor, query.cleaned_data["who"])
    text = query.typed(request.GET)
    names = staff_matching(users, text, limit=SUGGESTIONS) if text else []
    return render(request, "programs/staff_names.html", {"names": names})
