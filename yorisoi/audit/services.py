from django.db import transaction

from yorisoi.audit.chain import next_link, seal
from yorisoi.audit.guard import mark_logged
from yorisoi.audit.models import AccessKind, AccessLog
from yorisoi.core.client_address import client_address
from yorisoi.programs.permissions import user_of

READ_KINDS = {
    "view": AccessKind.VIEW,
    "list": AccessKind.VIEW,
    "search": AccessKind.VIEW,
    "export": AccessKind.EXPORT,
    "print": AccessKind.PRINT,
}


def audit_record(
    *,
    actor,
    action: str,
    target=None,
    program=None,
    request=None,
    reason: str = "",
    data: dict | None = None,
    subjects=None,
) -> AccessLog:
    """Append one entry for ``action`` on ``target`` (a row with program, public_id, audit_label).

    A list or search names no single target: pass ``program`` and put what was asked in ``data``;
    ``subjects`` (rows with ``audit_subject`` or ``public_id``) are the persons/cases it revealed,
    stored as ``data["subjects"]`` (their public ids) so "who saw C-0049" finds the list too.

    ``action`` is namespaced, ``"case.view"``; the part after the dot says whether it is a read
    (view, export, print) or a change. Must run inside the transaction of what it records, so
    that a read whose entry cannot be written is never shown and a change is never unlogged.

    The entry is the program's next link in the hash chain (``audit/chain.py``), timed by the
    database's clock. A public visitor's address (no ``actor``) is not kept: the rate limit alone
    needs it, and only for its window.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of what it records")
    draft = audit_draft(
        actor=actor, action=action, target=target, program=program, request=request,
        reason=reason, data=data, subjects=subjects,
    )  # fmt: skip
    return audit_write(draft, request=request)


def audit_draft(
    *,
    actor,
    action: str,
    target=None,
    program=None,
    request=None,
    reason: str = "",
    data: dict | None = None,
    subjects=None,
) -> dict:
    """The entry's fields but its link in the chain: every read it needs, and no write.

    ``render_logged`` drafts before its short write transaction, so that transaction reads no
    person row (a subject's case, a label) while it holds the write lock.
    """
    verb = action.rsplit(".", 1)[-1]
    subject = getattr(target, "audit_subject", target)
    data = dict(data or {})
    if subjects is not None:
        data["subjects"] = subject_ids(subjects)
    user = user_of(actor)
    return {
        "program_id": target.program_id if target is not None else program.pk,
        "actor_id": user.pk if user is not None else None,
        "kind": READ_KINDS.get(verb, AccessKind.CHANGE).value,
        "action": action,
        "target_type": target._meta.model_name if target is not None else action.split(".", 1)[0],
        "target_id": getattr(target, "public_id", None),
        "subject_id": getattr(subject, "public_id", None),
        "subject_label": getattr(subject, "audit_label", ""),
        "ip_address": client_address(request) if request is not None and user is not None else None,
        "reason": reason,
        "data": data,
    }


def audit_write(draft: dict, *, request=None) -> AccessLog:
    """Append ``draft`` as the program's next link (inside the caller's transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_write must run inside the transaction of what it records")
    link = next_link(draft["program_id"])
    values = {**draft, "seq": link.seq, "prev_hash": link.prev_hash, "occurred_at": link.occurred_at}
    entry = AccessLog.objects.create(**values, entry_hash=seal(values))
    if request is not None and entry.kind != AccessKind.CHANGE:
        mark_logged(request)
    return entry


def subject_ids(rows) -> list[str]:
    """The distinct public ids of the subjects (case or client) behind ``rows``, in order."""
    seen: dict[str, None] = {}
    for row in rows:
        subject = getattr(row, "audit_subject", row)
        public_id = getattr(subject, "public_id", None)
        if public_id is not None:
            seen.setdefault(str(public_id), None)
    return list(seen)
