from django.db import transaction
from django.shortcuts import render

from yorisoi.audit.services import audit_record


@transaction.atomic
def render_logged(
    request, template: str, context: dict, *, action: str, target=None, data=None, subjects=None
):
    """Render a page of person data and log the view in one transaction: no entry, no page.

    A list or search names no single target: leave ``target`` empty and the active program is logged,
    and pass the rows it shows as ``subjects`` so the entry names whom it revealed.
    """
    audit_record(
        actor=request.actor,
        action=action,
        target=target,
        program=None if target is not None else request.actor.program,
        request=request,
        data=data,
        subjects=subjects,
    )
    return render(request, template, context)
