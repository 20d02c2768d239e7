from django.conf import settings
from django.core.cache import caches
from django_scopes import scope

from yorisoi.programs.permissions import ANONYMOUS_ACTOR, Actor
from yorisoi.programs.selectors import active_memberships_for

SESSION_KEY = "active_program_id"


def actor_for(request) -> Actor:
    user = request.user
    if not user.is_authenticated:
        return ANONYMOUS_ACTOR
    memberships = memberships_of(request)
    wanted = request.session.get(SESSION_KEY)
    chosen = next((m for m in memberships if m.program_id == wanted), None) or (
        memberships[0] if memberships else None
    )
    if chosen is None:
        return Actor(user=user, program=None, role=None, memberships=())
    return Actor(user=user, program=chosen.program, role=chosen.role, memberships=memberships)


def memberships_of(request) -> tuple:
    """The user's active memberships (with their programs), read once per session and cached.

    Keyed by the user's ``access_version``, which the database moves on when any membership of
    theirs or any program they belong to changes (``programs/access_version.py``): the next request
    reads them afresh. The cache is each worker's own memory; the version arrives with the user row.
    """
    user, key = request.user, getattr(getattr(request, "session", None), "session_key", None)
    if key is None:
        return tuple(active_memberships_for(user=user))
    cache_key = f"yorisoi.memberships:{key}:{user.pk}:{user.access_version}"
    memberships = caches["default"].get(cache_key)
    if memberships is None:
        memberships = tuple(active_memberships_for(user=user))
        caches["default"].set(cache_key, memberships, timeout=settings.SESSION_COOKIE_AGE)
    return memberships


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
