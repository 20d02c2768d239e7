"""calendar_items: what the program calendar shows beside appointments (no person data)."""

from django.urls import reverse

from yorisoi.outreach import selectors, services
from yorisoi.outreach.tests.factories import actor, jst, make_event
from yorisoi.programs.models import Role


def test_calendar_items_are_the_sessions_of_the_own_programs_events_in_the_range(
    chiba, urayasu, chiba_clerk, staff
):
    # given a two-session training, a cancelled seminar and an Urayasu lecture in the same weeks
    training = make_event(
        program=chiba, author=chiba_clerk, title="養成研修", sessions=2, starts=jst(2027, 1, 12, 13)
    )
    cancelled = make_event(program=chiba, author=chiba_clerk, title="中止の回", starts=jst(2027, 1, 13, 10))
    services.event_cancel(event=cancelled, actor=actor(chiba_clerk, chiba), note="中止")
    make_event(
        program=urayasu,
        author=staff("urayasu", Role.CLERK),
        title="浦安の講演会",
        starts=jst(2027, 1, 14, 14),
    )
    # when the clerk's calendar asks for 1/12–1/19 (the second session starts 1/19 13:00)
    items = selectors.calendar_items(
        actor=actor(chiba_clerk, chiba), start=jst(2027, 1, 12), end=jst(2027, 1, 19, 13)
    )
    # then only the training's first session is there, with its link and kind
    assert [(i.start, i.end, i.title, i.url, i.kind_label) for i in items] == [
        (jst(2027, 1, 12, 13), jst(2027, 1, 12, 15), "養成研修", training.get_absolute_url(), "公開セミナー")
    ]


def test_the_city_officer_gets_no_calendar_items(chiba, chiba_clerk, staff):
    make_event(program=chiba, author=chiba_clerk, starts=jst(2027, 1, 12, 13))
    officer = actor(staff("chiba", Role.CITY_OFFICER), chiba, role=Role.CITY_OFFICER)
    assert selectors.calendar_items(actor=officer, start=jst(2027, 1, 1), end=jst(2027, 2, 1)) == []


def test_event_sessions_show_in_the_program_week_and_not_in_the_other_programs(
    chiba, urayasu, chiba_clerk, staff, client_as
):
    """The registered source puts each session in the program calendar; the other program sees none."""
    # given a Chiba seminar on 2027-01-12 13:00
    make_event(program=chiba, author=chiba_clerk, title="ひきこもり公開セミナー", starts=jst(2027, 1, 12, 13))
    # when both programs' staff open the week of 1/12
    week = {"date": "2027-01-12"}
    chiba_page = client_as(chiba_clerk).get(reverse("appointments:calendar"), week).content.decode()
    other = client_as(staff("urayasu", Role.CLERK)).get(reverse("appointments:calendar"), week)
    # then Chiba's week shows the session with its time; Urayasu's does not
    assert "ひきこもり公開セミナー" in chiba_page and "13:00" in chiba_page
    assert other.status_code == 200
    assert "ひきこもり公開セミナー" not in other.content.decode()
