"""Japanese era names (和暦) beside the Western year (西暦): 令和7年度 (2025年度).

The one helper for showing dates and periods to the cities; figures themselves are always
computed on Western dates.
"""

import datetime

# (first day of the era, its name), newest first.
ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
    (datetime.date(1912, 7, 30), "大正"),
    (datetime.date(1868, 1, 25), "明治"),
)


def era_of(day: datetime.date) -> tuple[str, int]:
    """The era ``day`` falls in and its year within the era: 2025-04-01 -> ("令和", 7)."""
    for first_day, name in ERAS:
        if day >= first_day:
            return name, day.year - first_day.year + 1
    raise ValueError(f"{day} is before the eras we name")


def era_year_text(name: str, year: int) -> str:
    return f"{name}{'元' if year == 1 else year}年"


def wareki_date(day: datetime.date) -> str:
    """令和7年4月1日"""
    name, year = era_of(day)
    return f"{era_year_text(name, year)}{day.month}月{day.day}日"


def wareki_month(day: datetime.date) -> str:
    """令和7年10月"""
    name, year = era_of(day)
    return f"{era_year_text(name, year)}{day.month}月"


def wareki_fiscal_year(fiscal_year: int) -> str:
    """令和7年度 for 2025. A fiscal year is named by the era it ends in: 2019年度 is 令和元年度."""
    name, _ = era_of(datetime.date(fiscal_year + 1, 3, 31))
    first_day = next(start for start, era in ERAS if era == name)
    return f"{era_year_text(name, fiscal_year - first_day.year + 1)}度"


def both_fiscal_year(fiscal_year: int) -> str:
    """令和7年度 (2025年度)"""
    return f"{wareki_fiscal_year(fiscal_year)} ({fiscal_year}年度)"


def both_month(day: datetime.date) -> str:
    """令和7年10月 (2025年10月)"""
    return f"{wareki_month(day)} ({day.year}年{day.month}月)"


def both_date_range(first: datetime.date, last: datetime.date) -> str:
    """令和7年4月1日〜令和7年9月30日 (2025年4月1日〜2025年9月30日)"""
    western = f"{first.year}年{first.month}月{first.day}日〜{last.year}年{last.month}月{last.day}日"
    return f"{wareki_date(first)}〜{wareki_date(last)} ({western})"
