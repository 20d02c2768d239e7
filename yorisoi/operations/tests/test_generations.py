import datetime

from yorisoi.operations.generations import Schedule, file_name, taken_at, to_keep

UTC = datetime.UTC


def daily_backups(days: int) -> list[datetime.datetime]:
    start = datetime.datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
    return [start - datetime.timedelta(days=n) for n in range(days)]


def test_the_default_schedule_keeps_7_days_4_weeks_and_12_months():
    # given: a nightly backup for two years
    times = daily_backups(730)
    # when
    keep = to_keep(times, Schedule())
    # then: the last 7 days, plus the newest of 4 ISO weeks and of 12 months (some overlap)
    days = sorted({(t + datetime.timedelta(hours=9)).date() for t in keep}, reverse=True)
    assert days[:7] == [datetime.date(2026, 11, 28) - datetime.timedelta(days=n) for n in range(7)]
    assert datetime.date(2026, 11, 15) in days  # newest of ISO week 46 (Sunday)
    assert datetime.date(2025, 12, 31) in days  # newest of December 2025
    assert min(days) == datetime.date(2025, 12, 31)  # nothing older than the 12th month
    assert len(keep) == 7 + 2 + 11  # weeks 47/48 and November are already among the 7 days


def test_a_configured_schedule_is_followed():
    keep = to_keep(daily_backups(100), Schedule(daily=2, weekly=0, monthly=0))
    assert len(keep) == 2


def test_the_newest_backup_is_always_kept_even_with_an_empty_schedule():
    times = daily_backups(3)
    assert to_keep(times, Schedule(daily=0, weekly=0, monthly=0)) == {times[0]}


def test_file_names_round_trip_their_time():
    at = datetime.datetime(2026, 11, 28, 3, 4, 5, tzinfo=UTC)
    assert file_name(at) == "yorisoi-20261128T030405Z.ybk"
    assert taken_at(type("P", (), {"name": file_name(at)})()) == at
