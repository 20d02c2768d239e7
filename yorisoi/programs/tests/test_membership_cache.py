"""Memberships are read once per session, and any change to them reaches the very next request."""

from django.urls import reverse

from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Membership, Program, Role


def membership_reads(queries) -> list[str]:
    return [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"programs_membership"' in q["sql"]
    ]


def test_the_second_page_does_not_read_the_memberships_again(
    chiba_counselor, client_as, django_assert_max_num_queries
):
    # given a staff member who has opened one page
    http = client_as(chiba_counselor)
    with django_assert_max_num_queries(100) as first:
        assert http.get(reverse("programs:home")).status_code == 200
    # when they open the next
    with django_assert_max_num_queries(100) as second:
        assert http.get(reverse("programs:home")).status_code == 200
    # then the memberships were read for the first page only
    assert len(membership_reads(first.captured_queries)) == 1
    assert membership_reads(second.captured_queries) == []


def test_a_membership_ended_by_a_bulk_update_takes_effect_on_the_next_request(
    chiba, chiba_counselor, client_as
):
    """Even a write that bypasses the services (a queryset update) invalidates the cached memberships."""
    # given a counselor who has just seen a case
    case = make_case(program=chiba, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    assert http.get(case.get_absolute_url()).status_code == 200
    # when their membership ends
    Membership.objects.filter(user=chiba_counselor).update(is_active=False)
    # then the next request no longer shows the case
    assert http.get(case.get_absolute_url()).status_code == 404


def test_a_changed_role_takes_effect_on_the_next_request(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    assert http.get(case.get_absolute_url()).status_code == 200
    # when the counselor becomes the city's officer (aggregates only)
    membership = Membership.objects.get(user=chiba_counselor)
    membership.role = Role.CITY_OFFICER
    membership.save()
    # then the case is hidden from the next request
    assert http.get(case.get_absolute_url()).status_code == 404


def test_a_removed_and_an_added_membership_take_effect_on_the_next_request(
    chiba, urayasu, chiba_counselor, client_as
):
    http = client_as(chiba_counselor)
    assert "千葉市ひきこもり地域支援センター" in http.get(reverse("programs:home")).content.decode()
    # when the Chiba membership is deleted and one in Urayasu is added
    Membership.objects.filter(user=chiba_counselor).delete()
    Membership.objects.create(user=chiba_counselor, program=urayasu, role=Role.COUNSELOR)
    # then the next page is Urayasu's
    home = http.get(reverse("programs:home")).content.decode()
    assert "047-712-6856" in home
    assert "043-204-1606" not in home


def test_an_edited_program_shows_on_the_next_request(chiba, chiba_counselor, client_as):
    """The cached memberships carry their program: editing the program invalidates them too."""
    http = client_as(chiba_counselor)
    first = http.get(reverse("programs:home")).content.decode()
    assert '<strong class="program-name">千葉市ひきこもり地域支援センター</strong>' in first
    # when the program is renamed
    Program.objects.filter(pk=chiba.pk).update(name="千葉市ひきこもり支援センター（新）")
    # then the next page's header carries the new name
    home = http.get(reverse("programs:home")).content.decode()
    assert '<strong class="program-name">千葉市ひきこもり支援センター（新）</strong>' in home
