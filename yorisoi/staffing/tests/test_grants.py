import pytest
from django.urls import reverse

from yorisoi.accounts.models import SecurityEvent
from yorisoi.audit.models import AccessLog
from yorisoi.programs.models import Membership, Role
from yorisoi.programs.tests.factories import StaffFactory
from yorisoi.staffing.models import GrantStatus, MembershipGrant


@pytest.fixture
def sysadmin(db):
    return StaffFactory(is_system_admin=True, is_staff=True)


@pytest.fixture
def other_sysadmin(db):
    return StaffFactory(is_system_admin=True, is_staff=True)


def ask(http, *, user, program, role=Role.COUNSELOR, reason="新任のため"):
    return http.post(
        reverse("staffing:grant_request"),
        {"user": user.pk, "program": program.pk, "role": role, "reason": reason},
    )


def test_a_system_admin_cannot_grant_themselves_a_program(sysadmin, chiba, client_as):
    # when the system admin asks for a counselor's place in Chiba for themselves
    page = ask(client_as(sysadmin), user=sysadmin, program=chiba).content.decode()
    # then the form refuses (they are not even offered) and nothing changed
    assert "その職員は選べません。" in page
    assert MembershipGrant.objects.count() == 0
    assert Membership.objects.filter(user=sysadmin).count() == 0


def test_a_grant_takes_effect_only_when_another_person_confirms(
    sysadmin, other_sysadmin, chiba, staff, client_as
):
    newcomer = StaffFactory()
    # given the system admin's request
    response = ask(client_as(sysadmin), user=newcomer, program=chiba)
    assert response["Location"] == reverse("staffing:grants")
    grant = MembershipGrant.objects.get()
    assert (grant.status, Membership.objects.filter(user=newcomer).count()) == (GrantStatus.PENDING, 0)
    # the asker cannot confirm it
    client_as(sysadmin).post(reverse("staffing:grant_confirm", kwargs={"public_id": grant.public_id}))
    grant.refresh_from_db()
    assert (grant.status, Membership.objects.filter(user=newcomer).count()) == (GrantStatus.PENDING, 0)
    # when a manager of Chiba confirms
    manager = staff("chiba", Role.MANAGER)
    client_as(manager).post(reverse("staffing:grant_confirm", kwargs={"public_id": grant.public_id}))
    # then the membership starts, and both steps are recorded in Chiba's access log and the security record
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (GrantStatus.CONFIRMED, manager)
    assert list(Membership.objects.filter(user=newcomer).values_list("program", "role")) == [
        (chiba.pk, Role.COUNSELOR)
    ]
    assert list(AccessLog.objects.filter(program=chiba).order_by("id").values_list("action", "actor")) == [
        ("membership.request", sysadmin.pk),
        ("membership.confirm", manager.pk),
    ]
    assert list(
        SecurityEvent.objects.filter(subject_user=newcomer).order_by("id").values_list("action", "program")
    ) == [("membership.request", chiba.pk), ("membership.confirm", chiba.pk)]


def test_the_grantee_cannot_confirm_their_own_grant(sysadmin, other_sysadmin, chiba, client_as):
    ask(client_as(sysadmin), user=other_sysadmin, program=chiba, role=Role.MANAGER)
    grant = MembershipGrant.objects.get()
    client_as(other_sysadmin).post(reverse("staffing:grant_confirm", kwargs={"public_id": grant.public_id}))
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PENDING
    assert Membership.objects.filter(user=other_sysadmin).count() == 0


def test_a_manager_of_the_other_program_sees_and_decides_nothing_here(sysadmin, chiba, staff, client_as):
    newcomer = StaffFactory()
    ask(client_as(sysadmin), user=newcomer, program=chiba)
    grant = MembershipGrant.objects.get()
    urayasu_manager = staff("urayasu", Role.MANAGER)
    http = client_as(urayasu_manager)
    assert http.get(reverse("staffing:grants")).context["pending"] == []
    response = http.post(reverse("staffing:grant_confirm", kwargs={"public_id": grant.public_id}))
    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PENDING
    # nor may they ask for Chiba
    assert "その事業は選べません。" in ask(http, user=newcomer, program=chiba).content.decode()
    assert MembershipGrant.objects.count() == 1


def test_another_admin_refuses_and_nothing_is_granted(sysadmin, other_sysadmin, chiba, client_as):
    newcomer = StaffFactory()
    ask(client_as(sysadmin), user=newcomer, program=chiba)
    grant = MembershipGrant.objects.get()
    client_as(other_sysadmin).post(reverse("staffing:grant_refuse", kwargs={"public_id": grant.public_id}))
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (GrantStatus.REFUSED, other_sysadmin)
    assert Membership.objects.filter(user=newcomer).count() == 0
    assert AccessLog.objects.filter(program=chiba, action="membership.refuse").count() == 1


def test_the_admin_no_longer_edits_memberships(sysadmin, chiba, client_as):
    """Before: the admin's membership form let a system admin add themselves to a program."""
    http = client_as(sysadmin)
    assert http.get(reverse("admin:programs_membership_add")).status_code == 403
    response = http.post(
        reverse("admin:programs_membership_add"),
        {"user": sysadmin.pk, "program": chiba.pk, "role": Role.MANAGER, "is_active": "on"},
    )
    assert response.status_code == 403
    assert Membership.objects.filter(user=sysadmin).count() == 0


def test_the_grants_page_opens_for_system_admins_too(sysadmin, chiba, client_as):
    assert client_as(sysadmin).get(reverse("staffing:grants")).status_code == 200


def test_a_manager_ends_a_membership_at_once_and_it_is_recorded(chiba, staff, client_as):
    manager, counselor = staff("chiba", Role.MANAGER), staff("chiba", Role.COUNSELOR)
    membership = Membership.objects.get(user=counselor)
    response = client_as(manager).post(
        reverse("staffing:membership_end", kwargs={"membership_id": membership.pk})
    )
    assert response["Location"] == reverse("staffing:grants")
    membership.refresh_from_db()
    assert membership.is_active is False
    assert AccessLog.objects.filter(program=chiba, action="membership.end", actor=manager).count() == 1
    assert client_as(counselor).get(reverse("cases:list")).status_code == 404


def test_the_other_programs_manager_cannot_end_a_membership(chiba, staff, client_as):
    counselor = staff("chiba", Role.COUNSELOR)
    membership = Membership.objects.get(user=counselor)
    http = client_as(staff("urayasu", Role.MANAGER))
    for membership_id in (membership.pk, 10**30):
        response = http.post(reverse("staffing:membership_end", kwargs={"membership_id": membership_id}))
        assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.is_active is True
    assert AccessLog.objects.filter(action="membership.end").count() == 0


def test_the_grants_page_costs_the_same_queries_however_many_grants(
    sysadmin, chiba, client_as, django_assert_num_queries
):
    http = client_as(sysadmin)
    for _ in range(3):
        ask(http, user=StaffFactory(), program=chiba)
    with django_assert_num_queries(QUERIES := 8) as captured:
        first = http.get(reverse("staffing:grants"))
    for _ in range(3):
        ask(http, user=StaffFactory(), program=chiba)
    with django_assert_num_queries(QUERIES):
        again = http.get(reverse("staffing:grants"))
    assert (len(first.context["pending"]), len(again.context["pending"])) == (3, 6), captured
