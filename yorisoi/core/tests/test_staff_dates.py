"""Staff pages show dates through one filter (``|day`` / ``|when``), so the year appears whenever it
is not the current one. A template that formats a visible date with ``|date:`` fails here."""

import datetime
import re
from pathlib import Path

import time_machine
from django.template import Context, Template
from django.utils import timezone
from django.utils.formats import date_format

import yorisoi
from yorisoi.core.templatetags.staff_format import ListDates, day, when

TEMPLATES = Path(yorisoi.__file__).parent / "templates"
PUBLIC = {"portal"}  # the public site words its dates for the public, not for staff
DATE_FILTER = re.compile(r"\|date:(?P<q>[\"'])(?P<format>[^\"']*)(?P=q)")
# Formats a person does not read as a date: machine values inside a tag (URLs, input values, ids,
# datetime attributes) ...
MACHINE = {"Y-m-d", "Ymd", "c"}
# ... and parts of a date that are not a day: a month heading (always with its year), the weekday of
# a weekly series, the day number in a month grid whose heading carries the month and year.
NOT_A_DAY = {"Y年n月", "D", "j"}


def _inside_a_tag(text: str, position: int) -> bool:
    return text.rfind("<", 0, position) > text.rfind(">", 0, position)


def staff_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] not in PUBLIC:
            yield path


def test_no_staff_template_formats_a_visible_date_itself():
    offending = []
    for path in staff_templates():
        text = path.read_text()
        for match in DATE_FILTER.finditer(text):
            fmt = match["format"]
            if fmt in NOT_A_DAY or (fmt in MACHINE and _inside_a_tag(text, match.start())):
                continue
            line = text.count("\n", 0, match.start()) + 1
            offending.append(f"{path.relative_to(TEMPLATES)}:{line} |date:{match['q']}{fmt}{match['q']}")
    assert offending == []


def test_the_scan_would_catch_a_visible_date_and_lets_a_machine_one_pass():
    """The check itself: a date in text is caught, the same format in an attribute is not."""
    visible = '<td>{{ a.day|date:"Y-m-d" }}</td>'
    machine = "<a href=\"?date={{ a.day|date:'Y-m-d' }}\">x</a>"
    assert not _inside_a_tag(visible, DATE_FILTER.search(visible).start())
    assert _inside_a_tag(machine, DATE_FILTER.search(machine).start())


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_the_shared_filter_shows_the_year_only_when_it_is_not_the_current_one():
    template = Template("{{ this_year|day }} / {{ last_year|day }} / {{ moment|when }}")
    text = template.render(
        Context(
            {
                "this_year": datetime.date(2026, 4, 10),
                "last_year": datetime.date(2025, 4, 10),
                "moment": datetime.datetime(2025, 12, 1, 9, 30, tzinfo=datetime.UTC),
            }
        )
    )
    assert text == "4月10日（金） / 2025年4月10日（木） / 2025年12月1日（月）18:30"


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_the_filter_writes_what_django_date_format_would():
    """``day`` and ``when`` spell dates out by hand for speed: the text is Django's own formatting."""
    start = datetime.datetime(2024, 12, 25, 0, 5, tzinfo=datetime.UTC)
    for hours in range(0, 24 * 800, 37):  # every weekday, both years' sides, hours with one digit and two
        moment = timezone.localtime(start + datetime.timedelta(hours=hours))
        pattern = "n月j日（D）" if moment.year == 2026 else "Y年n月j日（D）"
        assert day(moment.date()) == date_format(moment.date(), pattern)
        assert when(moment) == date_format(moment, pattern) + date_format(moment, "G:i")


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_a_list_formats_dates_as_the_filters_do():
    # ListDates reads the year, the zone and the weekday names once for a whole list
    dates = ListDates()
    values = [
        datetime.date(2026, 4, 10),
        datetime.date(2025, 12, 31),
        datetime.datetime(2025, 12, 31, 15, 30, tzinfo=datetime.UTC),  # 2026年1月1日 0:30 in Japan
        datetime.datetime(2026, 6, 15, 9, 5, tzinfo=datetime.UTC),
        datetime.datetime(2024, 2, 29, 23, 59),  # naive: shown as it is
    ]
    for value in values:
        assert dates.day(value) == day(value)
    for value in values[2:]:
        assert dates.when(value) == when(value)
    assert dates.when(values[2]) == "1月1日（木）0:30"
    assert dates.day(None) == dates.when(None) == ""
