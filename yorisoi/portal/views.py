"""The public site. Every page says it is not an emergency service and where to turn instead."""

import uuid

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from yorisoi.audit.guard import shows_no_one
from yorisoi.core.client_address import client_address
from yorisoi.portal import rate_limit, selectors
from yorisoi.portal.content import SIGNS, WORRIES
from yorisoi.portal.forms import FindProgramForm, SelfCheckForm, WebRequestForm
from yorisoi.portal.services import web_request_submit
from yorisoi.programs.calendar import open_status
from yorisoi.programs.models import Program
from yorisoi.programs.selectors import public_programs

# The session remembers only which program's thank-you to show: never what was typed.
THANKS_SESSION_KEY = "portal_request_program"
# The reference number and whether the visitor asked for email only: the thank-you page needs both.
THANKS_REFERENCE_KEY = "portal_request_reference"
THANKS_EMAIL_ONLY_KEY = "portal_request_email_only"
# Generous for 800 characters of Japanese, percent-encoded; anything larger is not a person typing.
REQUEST_MAX_BYTES = 24_000


def render_public(request, template: str, context: dict | None = None, *, status: int = 200):
    """A public page. It never shows a stored person: an event's free seats are counted from the
    registrations, a private link shows the event and the number only, a form shows what was typed."""
    shows_no_one(request)
    frame = {
        "organization": selectors.public_organization(),
        "crisis_lines": selectors.crisis_lines(),
        "nav_programs": selectors.program_links(),
    }
    return render(request, template, {**frame, **(context or {})}, status=status)


def with_open_status(programs: list[Program]) -> list[dict]:
    return [{"program": p, "status": open_status(p)} for p in programs]


def too_many(request):
    context = {"program_statuses": with_open_status(public_programs())}
    return render_public(request, "portal/too_many.html", context, status=429)


@require_GET
def index(request):
    context = {
        "program_statuses": with_open_status(public_programs()),
        "worries": WORRIES,
        "events": selectors.upcoming_public_events(),
    }
    return render_public(request, "portal/index.html", context)


@require_GET
def about(request):
    return render_public(request, "portal/about.html", {"signs": SIGNS, "nav": "about"})


@require_GET
def philosophy(request):
    return render_public(request, "portal/philosophy.html", {"nav": "philosophy"})


@require_GET
def privacy(request):
    return render_public(request, "portal/privacy.html", {"programs": public_programs()})


@require_GET
def program_detail(request, slug):
    program = selectors.public_program_get(slug=slug)
    context = {
        "program": program,
        "status": open_status(program),
        "year_end_break": (
            selectors.month_day_label(program.year_end_break_start),
            selectors.month_day_label(program.year_end_break_end),
        ),
        "events": selectors.upcoming_public_events(program=program),
        "nav": program.slug,
    }
    return render_public(request, "portal/program_detail.html", context)


@require_http_methods(["GET", "POST"])
def self_check(request):
    """Nothing answered here is stored: the result is rendered and forgotten."""
    if request.method == "GET":
        return render_public(request, "portal/self_check.html", {"form": SelfCheckForm(), "nav": "check"})
    if not rate_limit.take(rate_limit.LOOKUP_PER_ADDRESS, request, client_address(request)):
        return too_many(request)
    form = SelfCheckForm(request.POST)
    match = form.program_match() if form.is_valid() else None  # every question may be left blank
    context = {"form": form, "match": match, "nav": "check"}
    context["status"] = open_status(match.program) if match and match.program else None
    context["program_statuses"] = [] if match else with_open_status(public_programs())
    return render_public(request, "portal/self_check_result.html", context)


@require_http_methods(["GET", "POST"])
def find_program(request):
    if request.method == "GET":
        return render_public(request, "portal/find_program.html", {"form": FindProgramForm(), "nav": "find"})
    if not rate_limit.take(rate_limit.LOOKUP_PER_ADDRESS, request, client_address(request)):
        return too_many(request)
    form = FindProgramForm(request.POST)
    match = form.match if form.is_valid() else None
    status = open_status(match.program) if match and match.program else None
    context = {"form": form, "match": match, "status": status, "nav": "find"}
    return render_public(request, "portal/find_program.html", context)


@require_http_methods(["GET", "POST"])
def request_form(request, slug):
    program = selectors.public_program_get(slug=slug)
    if request.method == "GET":
        context = {"form": WebRequestForm(program=program), "program": program}
        if rate_limit.is_exceeded(rate_limit.REQUEST_PER_PROGRAM, request, program.slug):
            context["busy_question"] = rate_limit.busy_question(request)
        return render_public(request, "portal/request_form.html", context)
    if int(request.META.get("CONTENT_LENGTH") or 0) > REQUEST_MAX_BYTES:
        return render_public(request, "portal/request_too_large.html", {"program": program}, status=413)
    form = WebRequestForm(request.POST, program=program)
    if form.honeypot_filled:
        # Answer a bot exactly like a person, so it learns nothing; store nothing.
        request.session[THANKS_SESSION_KEY] = program.pk
        request.session[THANKS_REFERENCE_KEY] = f"Q-{uuid.uuid4().hex[:8].upper()}"  # looks real, is not
        request.session[THANKS_EMAIL_ONLY_KEY] = request.POST.get("contact_method") == "email"
        return redirect("portal:request_thanks")
    address = client_address(request)
    if rate_limit.is_exceeded(rate_limit.REQUEST_PER_ADDRESS, request, address):
        context = {"form": form, "program": program, "rate_limited": True}
        return render_public(request, "portal/request_form.html", context, status=429)
    # Past the program's count a flood from many addresses meets one small question; people still get in.
    busy = rate_limit.is_exceeded(rate_limit.REQUEST_PER_PROGRAM, request, program.slug)
    answered = rate_limit.busy_answer_ok(request) if busy else True
    if not form.is_valid() or not answered:
        context = {"form": form, "program": program}
        if busy:
            context.update(
                busy_question=rate_limit.busy_question(request), busy_retry="busy_answer" in request.POST
            )
        return render_public(request, "portal/request_form.html", context)
    if not rate_limit.take(rate_limit.REQUEST_PER_ADDRESS, request, address):  # atomic across workers
        context = {"form": form, "program": program, "rate_limited": True}
        return render_public(request, "portal/request_form.html", context, status=429)
    rate_limit.count(rate_limit.REQUEST_PER_PROGRAM, request, program.slug)
    inquiry = web_request_submit(program=program, data=form.cleaned_data, request=request)
    request.session[THANKS_SESSION_KEY] = program.pk
    request.session[THANKS_REFERENCE_KEY] = inquiry.reference
    request.session[THANKS_EMAIL_ONLY_KEY] = form.cleaned_data["contact_method"] == "email"
    return redirect("portal:request_thanks")


@require_GET
def request_thanks(request):
    program = Program.objects.filter(pk=request.session.get(THANKS_SESSION_KEY)).first()
    context = {
        "program": program,
        "status": open_status(program) if program else None,
        "reference": request.session.get(THANKS_REFERENCE_KEY, ""),
        "email_only": request.session.get(THANKS_EMAIL_ONLY_KEY, False),
    }
    return render_public(request, "portal/request_thanks.html", context)
