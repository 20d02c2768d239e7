import pytest
from django.urls import reverse
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from yorisoi.cases.models import Case, Client, Inquiry
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.middleware import actor_for
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor, person_scope


@pytest.mark.parametrize("model", [Case, Client, Inquiry])
def test_a_query_of_person_data_outside_a_program_scope_fails_loudly(db, model):
    with scope(), pytest.raises(ScopeError):
        list(model.objects.all())


def test_the_scope_only_ever_shows_the_active_program(chiba, urayasu, chiba_counselor, urayasu_counselor):
    make_case(program=chiba, actor=chiba_counselor)
    urayasu_case = make_case(program=urayasu, actor=urayasu_counselor)
    with scope(program=[urayasu.pk]):
        assert list(Case.objects.all()) == [urayasu_case]


@pytest.mark.parametrize(
    ("role", "sees"),
    [(Role.MANAGER, 1), (Role.COUNSELOR, 1), (Role.CLERK, 1), (Role.CITY_OFFICER, 0), (None, 0)],
)
def test_person_scope_by_role(chiba, chiba_counselor, role, sees):
    """The city's officer, and any role the code does not know, see no person at all."""
    make_case(program=chiba, actor=chiba_counselor)
    actor = Actor(user=chiba_counselor, program=chiba, role=role)
    assert person_scope(Case.objects.all(), actor).count() == sees


def test_unknown_role_string_sees_nothing(chiba, chiba_counselor):
    make_case(program=chiba, actor=chiba_counselor)
    assert (
        person_scope(Case.objects.all(), Actor(user=chiba_counselor, program=chiba, role="auditor")).count()
        == 0
    )


def test_staff_in_both_programs_switches_explicitly(chiba, urayasu, staff, client_as):
    # given a counselor of both programs and a case in each
    both = staff("chiba", Role.COUNSELOR)
    both.memberships.create(program=urayasu, role=Role.COUNSELOR)
    chiba_case = make_case(program=chiba, actor=both)
    urayasu_case = make_case(program=urayasu, actor=both)
    http = client_as(both)
    # when working in Chiba (the first program), the Urayasu case answers like a missing one
    assert http.get(chiba_case.get_absolute_url()).status_code == 200
    assert http.get(urayasu_case.get_absolute_url()).status_code == 404
    # when they switch to Urayasu
    http.post(reverse("programs:switch"), {"program": str(urayasu.public_id)})
    # then Urayasu's case shows and Chiba's no longer does
    assert http.get(urayasu_case.get_absolute_url()).status_code == 200
    assert http.get(chiba_case.get_absolute_url()).status_code == 404


def test_switching_to_a_program_one_is_not_a_member_of_changes_nothing(urayasu, chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    http.post(reverse("programs:switch"), {"program": str(urayasu.public_id)})
    home = http.get(reverse("programs:home"))
    assert "千葉市ひきこもり地域支援センター" in home.content.decode()
    assert "047-712-6856" not in home.content.decode()


def test_actor_of_anonymous_request_has_no_program(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user, request.session = AnonymousUser(), {}
    assert actor_for(request).scoped_program_ids == []
