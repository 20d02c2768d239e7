"""Writes of program data that staff make in the staff UI: closures (臨時休業日)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from yorisoi.audit.services import audit_record
from yorisoi.programs.models import Closure, Program


class ClosureExists(Exception):
    """The day is already a closure; ``message`` is plain Japanese for the form."""

    def __init__(self, message: str, field: str = "date"):
        super().__init__(message)
        self.message, self.field = message, field


@transaction.atomic
def closure_add(*, program: Program, actor, date: datetime.date, reason: str) -> Closure:
    """Close the program on ``date`` (training day, building closure)."""
    if Closure.objects.filter(program=program, date=date).exists():
        raise ClosureExists(_("この日はすでに休業日として登録されています。"))
    closure = Closure.objects.create(program=program, date=date, reason=reason)
    audit_record(actor=actor, action="closure.create", target=closure, data={"date": date.isoformat()})
    return closure


@transaction.atomic
def closure_remove(*, closure: Closure, actor) -> None:
    audit_record(
        actor=actor, action="closure.delete", target=closure, data={"date": closure.date.isoformat()}
    )
    closure.delete()
