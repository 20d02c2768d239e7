from django.db import transaction
from django.shortcuts import render

from yorisoi.audit.services import audit_draft, audit_write


def render_logged(
    request, template: str, context: dict, *, action: str, target=None, data=None, subjects=None
):
    """Render a page of person data, then log the view: no entry, no page.

    The page renders first, in no write transaction: on SQLite a write transaction holds the
    database's one write lock, and rendering inside it made every logged page wait for the others.
    The entry is then written in a short transaction of its own (drafted before it, so the lock is
    held for the chain link and the insert only). If the entry cannot be written the error goes up
    and the rendered page is thrown away: the visitor gets the error page, never the data.

    A list or search names no single target: leave ``target`` empty and the active program is logged,
    and pass the rows it shows as ``subjects`` so the entry names whom it revealed.
    """
    response = render(request, template, context)
    draft = audit_draft(
        actor=request.actor,
        action=action,
        target=target,
        program=None if target is not None else request.actor.program,
        request=request,
        data=data,
        subjects=subjects,
    )
    with transaction.atomic():
        audit_write(draft, request=request)
    return response
