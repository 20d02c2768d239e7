import logging

from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from yorisoi.core.transitions import TransitionNotAllowed

logger = logging.getLogger(__name__)

# Never echoed back: secrets, and the token (a fresh one is issued).
NOT_ECHOED = ("password", "otp", "token", "csrfmiddlewaretoken")


def is_database_unavailable(exception) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError)) or type(exception) is DatabaseError


def typed_fields(request) -> list[tuple[str, str]]:
    """What a POST carried, to put back into a form the person can send again once the database is back."""
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(word in name.lower() for word in NOT_ECHOED)
        for value in values
    ]


def looks_typed(value: str) -> bool:
    """Words a person typed (shown to keep a copy), not a choice's code such as "family" or "1"."""
    return not value.isascii() or len(value) > 30 or " " in value.strip()


def database_unavailable(request) -> HttpResponse:
    """The calm 503 page; a POST's typed values come back in a form that can be sent again.

    A connection the failure left broken is closed here, so the next request opens a fresh one.
    """
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()
    fields = typed_fields(request)
    # Rendered without the request's context processors: they may need what just failed.
    context = {"fields": fields, "typed": [v for _, v in fields if looks_typed(v)], "path": request.path}
    if fields:
        context["csrf_token"] = get_token(request)
    response = HttpResponse(get_template("core/database_unavailable.html").render(context), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer a lost database with a calm Japanese page (503) instead of a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.exception("database unavailable")
            return database_unavailable(request)
        return None


class TransitionRefusedMiddleware:
    """A status change the table refuses (a double submit, a stale page) is a message, not an error.

    Every app's transitions raise ``TransitionNotAllowed`` from their service, inside its
    transaction, so nothing has changed: the staff member goes back to the page they came from
    with the reason, in Japanese; without a safe page to return to, a short page says it (409).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, TransitionNotAllowed):
            return None
        reason = " ".join(exception.messages)
        back = request.META.get("HTTP_REFERER", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            messages.warning(request, _("変更しませんでした。%(reason)s") % {"reason": reason})
            return redirect(back)
        return render(request, "core/transition_refused.html", {"reason": reason}, status=409)
