"""Other apps' items in the calendar and 自分の週 through the registry, in fixed queries per source."""

import datetime

import pytest
from django.urls import reverse

from yorisoi.appointments import calendar_sources
from yorisoi.appointments.calendar_sources import CalendarItem
from yorisoi.appointments.tests.conftest import JST
from yorisoi.appointments.tests.factories import next_open_day
from yorisoi.programs.models import Closure


@pytest.fixture
def closures_source():
    """A source as another app would write it: one query, whatever the range holds."""

    def source(*, actor, start, end):
        rows = Closure.objects.filter(program=actor.program, date__range=(start, end))
        return [
            CalendarItem(
                start=datetime.datetime.combine(row.date, datetime.time(13), JST),
                end=None,
                title=row.reason,
                url="/staff/outreach/demo/",
                kind="講座",
            )
            for row in rows
        ]

    calendar_sources.register(source)
    yield source
    calendar_sources.unregister(source)


@pytest.mark.parametrize("items", [1, 3])
def test_registered_items_show_in_the_week_and_my_week_at_a_fixed_cost(
    items, chiba, chiba_counselor, client_as, closures_source, django_assert_num_queries
):
    # given a source with items on open days of one week
    monday = next_open_day(chiba, weekday=0)
    for offset in range(items):
        Closure.objects.create(
            program=chiba, date=monday + datetime.timedelta(days=offset), reason=f"公開セミナー{offset}"
        )
    http = client_as(chiba_counselor)
    http.get(reverse("appointments:calendar"))
    # when the week is shown
    with django_assert_num_queries(16):  # the pages' own 15 (sources, log chain), one for this source
        week = http.get(reverse("appointments:calendar"), {"date": monday.isoformat()}).content.decode()
    mine = http.get(reverse("appointments:my_week"), {"date": monday.isoformat()}).content.decode()
    # then every item is there, with its time, kind and link, in both views
    for offset in range(items):
        assert f"公開セミナー{offset}" in week and f"公開セミナー{offset}" in mine
    assert week.count('<span class="badge badge-item">講座</span>') == items
    assert 'href="/staff/outreach/demo/"' in week
    assert "13:00" in week


def test_day_and_month_views_show_the_items(chiba, chiba_counselor, client_as, closures_source):
    day = next_open_day(chiba)
    Closure.objects.create(program=chiba, date=day, reason="フォローアップ研修")
    http = client_as(chiba_counselor)
    one_day = http.get(
        reverse("appointments:calendar"), {"view": "day", "date": day.isoformat()}
    ).content.decode()
    month = http.get(
        reverse("appointments:calendar"), {"view": "month", "date": day.isoformat()}
    ).content.decode()
    assert "フォローアップ研修" in one_day
    assert "ほかの予定 1件" in month


def test_registering_twice_shows_each_item_once(chiba, chiba_counselor, client_as, closures_source):
    calendar_sources.register(closures_source)
    day = next_open_day(chiba)
    Closure.objects.create(program=chiba, date=day, reason="講演会")
    body = (
        client_as(chiba_counselor)
        .get(reverse("appointments:calendar"), {"date": day.isoformat()})
        .content.decode()
    )
    assert body.count("講演会") == 2  # the item, and the closed-day notice of the same closure


def test_my_follow_ups_show_on_their_day_in_my_week_and_the_entry_names_the_case(
    chiba, staff, chiba_counselor, client_as
):
    """次の連絡予定日 surfaces on its day in 自分の週; a colleague's promise does not."""
    from yorisoi.audit.models import AccessLog
    from yorisoi.cases.tests.factories import make_case
    from yorisoi.consultations.tests.test_follow_ups import record_with_follow_up

    # given my follow-up due on the next open day, and a colleague's due the same day
    day = next_open_day(chiba)
    case = make_case(program=chiba, actor=chiba_counselor)
    record_with_follow_up(case, chiba_counselor, day)
    colleague = staff("chiba", "counselor")
    other = make_case(program=chiba, actor=colleague)
    record_with_follow_up(other, colleague, day)
    # when I open my week
    body = client_as(chiba_counselor).get(reverse("appointments:my_week"), {"date": day.isoformat()})
    # then my promise is there with its case number, the colleague's is not, and the log names my case
    text = body.content.decode()
    assert f"{case.label} 母に電話して面談の日を決める" in text
    assert other.label not in text
    entry = AccessLog.objects.filter(actor=chiba_counselor, action="appointment.list").latest("id")
    assert str(case.public_id) in entry.data["subjects"]
