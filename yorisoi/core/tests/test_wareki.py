import datetime

from yorisoi.core.wareki import both_date_range, both_fiscal_year, both_month, wareki_date, wareki_fiscal_year


def test_fiscal_year_shows_reiwa_and_western_year():
    assert both_fiscal_year(2025) == "令和7年度 (2025年度)"


def test_the_fiscal_year_the_era_changed_in_is_its_first_year():
    # 2019年度 began under 平成 (until 4/30) but is called 令和元年度; 2018年度 is 平成30年度.
    assert wareki_fiscal_year(2019) == "令和元年度"
    assert wareki_fiscal_year(2018) == "平成30年度"


def test_dates_change_era_on_the_day():
    assert wareki_date(datetime.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki_date(datetime.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki_date(datetime.date(1989, 1, 7)) == "昭和64年1月7日"


def test_month_and_range_carry_both_calendars():
    assert both_month(datetime.date(2025, 10, 1)) == "令和7年10月 (2025年10月)"
    assert both_date_range(datetime.date(2025, 4, 1), datetime.date(2025, 9, 30)) == (
        "令和7年4月1日〜令和7年9月30日 (2025年4月1日〜2025年9月30日)"
    )
