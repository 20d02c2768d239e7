"""Public pages of events: the event, the registration form, its confirmation, the private cancel link.

The portal owns no tables: it reads through ``outreach.selectors`` and writes through
``outreach.services``. Same honeypot, size and rate limits as the web request form.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from yorisoi.core.client_address import client_address
from yorisoi.outreach import selectors as outreach
from yorisoi.outreach import services
from yorisoi.outreach.models import EventStatus, RegistrationChannel, RegistrationStatus
from yorisoi.portal import rate_limit
from yorisoi.portal.event_forms import EventRegistrationForm
from yorisoi.portal.views import REQUEST_MAX_BYTES, render_public, too_many

# Shown once on the confirmation page and then forgotten: the token is never stored in clear.
DONE_SESSION_KEY = "portal_event_registration"


def _registrable(event) -> bool:
    opens = event.status == EventStatus.PUBLISHED and event.registration_open
    not_closed = event.registration_closes_at is None or event.registration_closes_at > timezone.now()
    return (
        opens and not_closed and event.first_starts_at is not None and event.first_starts_at > timezone.now()
    )


def _event_context(event) -> dict:
    return {
        "event": event,
        "registrable": _registrable(event),
        "full": event.seats_taken >= event.capacity,
        "seats_left": max(event.capacity - event.seats_taken, 0),
        "nav": event.program.slug,
    }


@require_GET
def event_detail(request, event_id):
    event = outreach.public_event_get(event_id=event_id)
    return render_public(request, "portal/event_detail.html", _event_context(event))


@require_http_methods(["GET", "POST"])
def event_register(request, event_id):
    event = outreach.public_event_get(event_id=event_id)
    context = _event_context(event)
    if not context["registrable"]:
        return render_public(request, "portal/event_detail.html", context)
    if request.method == "GET":
        form = EventRegistrationForm(event=event, full=context["full"])
        return render_public(request, "portal/event_register.html", {**context, "form": form})
    if int(request.META.get("CONTENT_LENGTH") or 0) > REQUEST_MAX_BYTES:
        return render_public(request, "portal/request_too_large.html", {"program": event.program}, status=413)
    form = EventRegistrationForm(request.POST, event=event, full=context["full"])
    if form.honeypot_filled:
        # Answer a bot like a person, so it learns nothing; store nothing.
        request.session[DONE_SESSION_KEY] = {"event": str(event.public_id)}
        return redirect("portal:event_registered")
    if not form.is_valid():
        return render_public(request, "portal/event_register.html", {**context, "form": form})
    if not rate_limit.take(rate_limit.REQUEST_PER_ADDRESS, request, client_address(request)):
        return render_public(
            request, "portal/event_register.html", {**context, "form": form, "rate_limited": True}, status=429
        )
    try:
        registration, token = services.registration_create(
            event=event,
            details=form.details,
            channel=RegistrationChannel.WEB,
            request=request,
            join_waiting_list=form.cleaned_data.get("join_waiting_list", False),
        )
    except services.EventFull as refusal:
        form.offer_waiting_list(refusal.messages[0])
        return render_public(request, "portal/event_register.html", {**context, "form": form, "full": True})
    except services.RegistrationRefused as refusal:
        form.add_error(refusal.field, refusal)
        return render_public(request, "portal/event_register.html", {**context, "form": form})
    request.session[DONE_SESSION_KEY] = {
        "event": str(event.public_id),
        "label": registration.label,
        "waiting": registration.status == RegistrationStatus.WAITING,
        "cancel_url": request.build_absolute_uri(reverse("portal:event_cancel", kwargs={"token": token})),
    }
    return redirect("portal:event_registered")


@require_GET
def event_registered(request):
    done = request.session.pop(DONE_SESSION_KEY, None)
    if not done:
        raise Http404
    event = outreach.public_event_get(event_id=done["event"])
    return render_public(
        request, "portal/event_registered.html", {"event": event, "done": done, "nav": event.program.slug}
    )


@require_http_methods(["GET", "POST"])
def event_cancel(request, token):
    """The private link: shows the event and the number only — never a name or contact."""
    if not rate_limit.take(rate_limit.LOOKUP_PER_ADDRESS, request, client_address(request)):
        return too_many(request)
    registration = services.registration_for_token(token)
    if registration is None:
        raise Http404
    event = outreach.public_event_get(event_id=registration.event.public_id)
    cancellable = (
        registration.status != RegistrationStatus.CANCELLED
        and not event.is_cancelled
        and event.first_starts_at is not None
        and event.first_starts_at > timezone.now()
    )
    just_cancelled = False
    if request.method == "POST" and cancellable:
        services.registration_cancel(registration=registration, request=request)
        registration.status, cancellable, just_cancelled = RegistrationStatus.CANCELLED, False, True
    context = {
        "event": event,
        "label": registration.label,
        "status_label": RegistrationStatus(registration.status).label,
        "cancellable": cancellable,
        "just_cancelled": just_cancelled,
        "nav": event.program.slug,
    }
    return render_public(request, "portal/event_cancel.html", context)
