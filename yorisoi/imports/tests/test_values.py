"""One parser per kind of value: examples from real sheets, and generated inputs (Hypothesis)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yorisoi.imports.values import (
    BadValue,
    parse_age,
    parse_category,
    parse_count,
    parse_date,
    parse_email,
    parse_event_kind,
    parse_minutes,
    parse_mode,
    parse_participants,
    parse_time,
)

FULL_WIDTH = str.maketrans("0123456789/.-", "０１２３４５６７８９／．－")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("令和3年4月1日", datetime.date(2021, 4, 1)),
        ("令和元年5月1日", datetime.date(2019, 5, 1)),
        ("R3.4.1", datetime.date(2021, 4, 1)),
        ("r3/4/1", datetime.date(2021, 4, 1)),
        ("H28/2/1", datetime.date(2016, 2, 1)),
        ("平成28年2月1日", datetime.date(2016, 2, 1)),
        ("S60.1.15", datetime.date(1985, 1, 15)),
        ("２０２１年４月１日", datetime.date(2021, 4, 1)),
        ("2021-04-01", datetime.date(2021, 4, 1)),
        ("2021/4/1 0:00:00", datetime.date(2021, 4, 1)),
        ("20210401", datetime.date(2021, 4, 1)),
        (44287, datetime.date(2021, 4, 1)),
        ("44287", datetime.date(2021, 4, 1)),
        (datetime.datetime(2021, 4, 1, 9, 30), datetime.date(2021, 4, 1)),
    ],
)
def test_dates_in_every_form_the_sheets_use(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("令和元年13月1日", "日付「令和元年13月1日」は存在しない日付です"),
        ("2026-02-30", "日付「2026-02-30」は存在しない日付です"),
        ("H31.2.29", "日付「H31.2.29」は存在しない日付です"),
        ("4月1日", "日付「4月1日」が読み取れません（例：令和3年4月1日、R3.4.1、2021/4/1）"),
        ("1850/1/1", "日付「1850/1/1」は範囲外です（1900年〜2200年）"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text, reason):
    with pytest.raises(BadValue) as error:
        parse_date(text)
    assert str(error.value) == reason


@settings(deadline=None)  # a shared, busy machine: time is not what is tested
@given(st.dates(min_value=datetime.date(1989, 1, 8), max_value=datetime.date(2099, 12, 31)))
def test_any_date_reads_back_the_same_in_western_era_serial_and_full_width_forms(date):
    era, base = ("R", 2018) if date >= datetime.date(2019, 5, 1) else ("H", 1988)
    year = date.year - base
    assert parse_date(f"{era}{year}.{date.month}.{date.day}") == date
    assert parse_date(f"{date.year}/{date.month}/{date.day}".translate(FULL_WIDTH)) == date
    assert parse_date((date - datetime.date(1899, 12, 30)).days) == date
    kanji_year = "元" if year == 1 else str(year)
    assert parse_date(f"{'令和' if era == 'R' else '平成'}{kanji_year}年{date.month}月{date.day}日") == date


@settings(deadline=None)  # a shared, busy machine: time is not what is tested
@given(st.text(max_size=12))
def test_any_text_is_a_date_or_a_japanese_reason_never_a_crash(text):
    try:
        assert isinstance(parse_date(text), datetime.date)
    except BadValue as error:
        assert "日付" in str(error)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("電話", "phone"),
        ("TEL", "phone"),
        ("ｔｅｌ", "phone"),
        ("でんわ", "phone"),
        ("デンワ", "phone"),
        ("来所", "center_visit"),
        ("面談", "center_visit"),
        ("家庭訪問", "home_visit"),
        ("同行", "accompaniment"),
        ("保健福祉センター", "health_center"),
        ("メール", "mail"),
    ],
)
def test_modes_as_people_write_them(text, mode):
    assert parse_mode(text) == mode


def test_an_unmappable_mode_is_refused_with_the_choices():
    with pytest.raises(BadValue, match="相談の形「テレパシー」がわかりません（電話・来所・訪問"):
        parse_mode("テレパシー")


@pytest.mark.parametrize(
    ("text", "age"), [("32", 32), ("３２歳", 32), ("30代", 30), ("30歳代", 30), ("30代後半", 35), (41.0, 41)]
)
def test_ages_and_age_bands(text, age):
    assert parse_age(text) == age


@settings(deadline=None)  # a shared, busy machine: time is not what is tested
@given(st.integers(min_value=0, max_value=12))
def test_an_age_band_keeps_its_decade(decade):
    assert parse_age(f"{decade * 10}代") // 10 == decade


@pytest.mark.parametrize(
    ("text", "minutes"),
    [(60, 60), ("６０", 60), ("30分", 30), ("1時間", 60), ("1時間30分", 90), ("1.5時間", 90)],
)
def test_durations(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("10:00", datetime.time(10)),
        ("１３：３０", datetime.time(13, 30)),
        ("13時30分", datetime.time(13, 30)),
        ("1330", datetime.time(13, 30)),
        (0.5, datetime.time(12)),
    ],
)
def test_times(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("本人", (True, (), False)),
        ("母", (False, ("mother",), False)),
        ("本人・父・母", (True, ("father", "mother"), False)),
        ("家族、関係機関", (False, ("other",), True)),
    ],
)
def test_who_took_part(text, parsed):
    assert parse_participants(text) == parsed


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("サポーター養成研修", "supporter_training"),
        ("養成研修", "supporter_training"),
        ("フォローアップ研修", "follow_up_training"),
        ("セミナー", "seminar"),
        ("講演会", "lecture"),
        ("家族会", "family_meeting"),
        ("当事者会", "peer_meeting"),
    ],
)
def test_event_kinds(text, kind):
    assert parse_event_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("本人", "self"),
        ("ご家族", "family"),
        ("関係機関", "supporter"),
        ("一般", "citizen"),
        ("市民", "citizen"),
    ],
)
def test_attendee_categories(text, category):
    assert parse_category(text) == category


def test_a_bad_count_email_kind_or_category_says_what_to_write():
    with pytest.raises(BadValue, match="人数「たくさん」が読み取れません（例：30、30人）"):
        parse_count("たくさん")
    assert parse_count("３０人") == 30
    with pytest.raises(BadValue, match="メールアドレス「taro@」の形が正しくありません"):
        parse_email("taro@")
    assert parse_email("ｔａｒｏ@example.jp") == "taro@example.jp"
    with pytest.raises(BadValue, match="催しの種類「運動会」がわかりません"):
        parse_event_kind("運動会")
    with pytest.raises(BadValue, match="参加区分「通行人」がわかりません"):
        parse_category("通行人")
