"""Who may see which rows, and who may do what, inside the active program.

One scope function (``person_scope``) for every query of person data; the django-scopes manager
on each person model is the safety net that makes an unscoped query fail loudly.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from yorisoi.programs.models import Membership, Program, Role

PERSON_DATA_ROLES = frozenset({Role.MANAGER, Role.COUNSELOR, Role.CLERK})
CONSULTATION_CONTENT_ROLES = frozenset({Role.MANAGER, Role.COUNSELOR})
# The one list of roles that hold sessions and may be booked (担当職員): managers and counselors.
CONSULTANT_ROLES = frozenset({Role.MANAGER, Role.COUNSELOR})


@dataclass(frozen=True)
class Actor:
    """The acting staff member as seen from the program they are working in right now."""

    user: object
    program: Program | None
    role: str | None
    memberships: tuple[Membership, ...] = field(default=())

    @property
    def may_see_persons(self) -> bool:
        return self.program is not None and self.role in PERSON_DATA_ROLES

    @property
    def may_read_consultation_contents(self) -> bool:
        return self.program is not None and self.role in CONSULTATION_CONTENT_ROLES

    @property
    def is_manager(self) -> bool:
        return self.program is not None and self.role == Role.MANAGER

    @property
    def may_see_statistics(self) -> bool:
        return self.program is not None and self.role in {Role.MANAGER, Role.CITY_OFFICER}

    @property
    def scoped_program_ids(self) -> list[int]:
        """Programs whose person rows this actor may read now: the active one, or none."""
        return [self.program.pk] if self.may_see_persons else []


ANONYMOUS_ACTOR = Actor(user=None, program=None, role=None)


def person_scope(queryset: QuerySet, actor: Actor) -> QuerySet:
    """The rows of ``queryset`` that ``actor`` may see: their active program's, if their role allows."""
    if not actor.may_see_persons:
        return queryset.none()
    return queryset.filter(program_id=actor.program.pk)


def require_person_access(actor: Actor) -> None:
    """Refuse like a missing page, so a refusal tells nothing about what exists."""
    if not actor.may_see_persons:
        raise Http404


def require_consultation_contents(actor: Actor) -> None:
    if not actor.may_read_consultation_contents:
        raise Http404


def require_manager(actor: Actor) -> None:
    if not actor.is_manager:
        raise Http404


class CrossProgramError(Exception):
    """A service was asked to join rows of two programs: always a bug, never a user's choice."""


def ensure_same_program(program_id: int, *rows) -> None:
    """Raise unless every given row (None is skipped) belongs to ``program_id``."""
    if any(row is not None and row.program_id != program_id for row in rows):
        raise CrossProgramError("rows of different programs")


def user_of(actor):
    """The staff user behind an ``Actor`` (services also accept a bare user, e.g. from the demo seeder)."""
    return getattr(actor, "user", actor)
