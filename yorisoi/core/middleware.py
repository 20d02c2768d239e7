import logging

from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from yorisoi.core.transitions import TransitionNotAllowed

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer a lost database with a calm Japanese page (503) instead of a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or type(exception) is DatabaseError:
            logger.exception("database unavailable")
            return render(request, "core/database_unavailable.html", status=503)
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
