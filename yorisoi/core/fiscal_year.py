"""Japanese fiscal year (年度): April to March."""

import datetime


def fiscal_year_of(day: datetime.date) -> int:
    """The 年度 that ``day`` falls in: 2026-03-31 is 2025年度, 2026-04-01 is 2026年度."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of 年度 ``year``."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
