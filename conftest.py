"""Fixtures shared by every test: the two real programs, staff of every role, signed-in clients."""

import pytest
from django.test import Client as HttpClient
from django_scopes import scopes_disabled

from yorisoi.core.tests.names import forget_names
from yorisoi.programs.bootstrap import bootstrap_organization
from yorisoi.programs.models import Program, Role
from yorisoi.programs.tests.factories import StaffFactory

ROLES = [Role.MANAGER, Role.COUNSELOR, Role.CLERK, Role.CITY_OFFICER]


@pytest.fixture(autouse=True)
def _fresh_names():
    """Each test draws its fictional names afresh, none twice (yorisoi/core/tests/names.py)."""
    forget_names()


@pytest.fixture(autouse=True)
def _unscoped_test_body():
    """Arrange and assert read rows freely; requests are still scoped by the middleware."""
    with scopes_disabled():
        yield


@pytest.fixture
def programs(db) -> dict[str, Program]:
    bootstrap_organization()
    return {p.slug: p for p in Program.objects.all()}


@pytest.fixture
def chiba(programs) -> Program:
    return programs["chiba"]


@pytest.fixture
def urayasu(programs) -> Program:
    return programs["urayasu"]


@pytest.fixture
def staff(programs):
    """``staff("chiba", Role.COUNSELOR)``: a new staff member with that one membership."""

    def make(slug: str, role: str, **kwargs):
        return StaffFactory(memberships=[(programs[slug], role)], **kwargs)

    return make


@pytest.fixture
def chiba_counselor(staff):
    return staff("chiba", Role.COUNSELOR)


@pytest.fixture
def chiba_manager(staff):
    return staff("chiba", Role.MANAGER)


@pytest.fixture
def urayasu_counselor(staff):
    return staff("urayasu", Role.COUNSELOR)


@pytest.fixture
def client_as():
    def make(user) -> HttpClient:
        http = HttpClient()
        http.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return http

    return make


@pytest.fixture(autouse=True)
def _no_rate_limit_counts_left_behind(request):
    """The public rate limits count in a database cache table that a transactional test's flush
    leaves alone: empty it after such a test, so the next one starts from zero."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import caches

        caches["ratelimit"].clear()
