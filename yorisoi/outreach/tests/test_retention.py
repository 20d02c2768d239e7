"""A registration linked to a case loses its name and contacts when the case is anonymised."""

from yorisoi.outreach.models import Registration
from yorisoi.outreach.tests.factories import jst, make_event, register
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor
from yorisoi.retention import services as retention
from yorisoi.retention.models import RetentionPolicy
from yorisoi.retention.tests.story import lived_case


def test_anonymising_a_case_blanks_its_linked_registration_and_keeps_the_counts(
    chiba, chiba_clerk, chiba_counselor, chiba_manager
):
    # given a case closed long ago whose mother attended a family meeting, and another attendee
    counselor = Actor(user=chiba_counselor, program=chiba, role=Role.COUNSELOR)
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    event = make_event(program=chiba, author=chiba_clerk, title="家族会", starts=jst(2027, 1, 12, 13))
    mother = register(event, 1, name="寄添 花子", contact_phone="09012345678", category="family")
    Registration.objects.filter(pk=mother.pk).update(case=case)
    other = register(event, 2, name="参加 次郎")
    RetentionPolicy.objects.create(program=chiba, years_after_closure=5, updated_by=chiba_manager)
    # when the manager anonymises the case
    manager = Actor(user=chiba_manager, program=chiba, role=Role.MANAGER)
    retention.case_anonymise(case=case, reason="保存期間の満了", actor=manager)
    # then the linked registration has no name or contact; its category and status stay; others are untouched
    mother.refresh_from_db()
    other.refresh_from_db()
    assert (mother.name, mother.contact_email, mother.contact_phone) == ("", "", "")
    assert (mother.category, mother.status) == ("family", other.status)
    assert other.name == "参加 次郎"
