import pytest

from yorisoi.outreach.tests.factories import make_event
from yorisoi.programs.models import Role


@pytest.fixture
def chiba_clerk(staff):
    return staff("chiba", Role.CLERK)


@pytest.fixture
def seminar(chiba, chiba_clerk):
    return make_event(program=chiba, author=chiba_clerk, capacity=2)
