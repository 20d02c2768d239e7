from django_scopes import scope

from yorisoi.programs.permissions import ANONYMOUS_ACTOR, Actor
from yorisoi.programs.selectors import active_memberships_for

SESSION_KEY = "active_program_id"


def actor_for(request) -> Actor:
    user = request.user
    if not user.is_authenticated:
        return ANONYMOUS_ACTOR
    memberships = tuple(active_memberships_for(user=user))
    wanted = request.session.get(SESSION_KEY)
    chosen = next((m for m in memberships if m.program_id == wanted), None) or (
        memberships[0] if memberships else None
    )
    if chosen is None:
        return Actor(user=user, program=None, role=None, memberships=())
    return Actor(user=user, program=chosen.program, role=chosen.role, memberships=memberships)


class ActiveProgramMiddleware:
    """Attach the acting staff member and run the whole request inside their program's scope.

    Every person model uses a django-scopes manager on ``program``; outside this scope (a
    shell, a command, a test that forgot) such a query raises instead of reading every program.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = actor_for(request)
        with scope(program=request.actor.scoped_program_ids):
            return self.get_response(request)
