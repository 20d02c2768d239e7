import datetime

from yorisoi.core.fiscal_year import fiscal_year_bounds, fiscal_year_of


def test_march_belongs_to_the_previous_fiscal_year():
    assert fiscal_year_of(datetime.date(2026, 3, 31)) == 2025
    assert fiscal_year_of(datetime.date(2026, 4, 1)) == 2026


def test_fiscal_year_runs_april_to_march():
    assert fiscal_year_bounds(2026) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
