"""A reporting period: a month, a fiscal quarter, a fiscal year (年度) or any date range."""

import calendar
import datetime
from dataclasses import dataclass

from yorisoi.core import wareki
from yorisoi.core.fiscal_year import fiscal_year_bounds, fiscal_year_of


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    FISCAL_YEAR = "fiscal_year"
    RANGE = "range"


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    """``first`` to ``last``, both days included."""

    kind: str
    first: datetime.date
    last: datetime.date

    @classmethod
    def month(cls, day: datetime.date) -> "Period":
        first = day.replace(day=1)
        return cls(PeriodKind.MONTH, first, month_end(first))

    @classmethod
    def fiscal_year(cls, year: int) -> "Period":
        return cls(PeriodKind.FISCAL_YEAR, *fiscal_year_bounds(year))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        """Quarter 1 of 年度 ``year`` is April–June; quarter 4 is January–March of the next year."""
        first = add_months(datetime.date(year, 4, 1), 3 * (quarter - 1))
        return cls(PeriodKind.QUARTER, first, month_end(add_months(first, 2)))

    @property
    def fiscal_year_number(self) -> int:
        return fiscal_year_of(self.first)

    @property
    def quarter_number(self) -> int:
        return (self.first.month - 4) % 12 // 3 + 1

    def year_before(self) -> "Period":
        """The same period one year earlier (前年同期)."""
        if self.kind == PeriodKind.MONTH:
            return Period.month(year_earlier(self.first))
        if self.kind == PeriodKind.FISCAL_YEAR:
            return Period.fiscal_year(self.fiscal_year_number - 1)
        if self.kind == PeriodKind.QUARTER:
            return Period.quarter(self.fiscal_year_number - 1, self.quarter_number)
        return Period(PeriodKind.RANGE, year_earlier(self.first), year_earlier(self.last))

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches, in order."""
        result, month = [], self.first.replace(day=1)
        while month <= self.last:
            result.append(month)
            month = add_months(month, 1)
        return result

    @property
    def label(self) -> str:
        """令和7年度 (2025年度), 令和7年10月 (2025年10月), ... — 和暦 and 西暦 together."""
        if self.kind == PeriodKind.MONTH:
            return wareki.both_month(self.first)
        if self.kind == PeriodKind.FISCAL_YEAR:
            return wareki.both_fiscal_year(self.fiscal_year_number)
        if self.kind == PeriodKind.QUARTER:
            year = self.fiscal_year_number
            return (
                f"{wareki.wareki_fiscal_year(year)} 第{self.quarter_number}四半期"
                f" ({year}年度 {self.first.month}月〜{self.last.month}月)"
            )
        return wareki.both_date_range(self.first, self.last)

    def as_data(self) -> dict:
        """What the access log records about the period."""
        return {"kind": self.kind, "first": self.first.isoformat(), "last": self.last.isoformat()}

    def as_query(self) -> dict:
        """The GET parameters that select this period again (for links and exports)."""
        if self.kind == PeriodKind.MONTH:
            return {"kind": self.kind, "month": f"{self.first:%Y-%m}"}
        if self.kind == PeriodKind.FISCAL_YEAR:
            return {"kind": self.kind, "fiscal_year": self.fiscal_year_number}
        if self.kind == PeriodKind.QUARTER:
            return {"kind": self.kind, "fiscal_year": self.fiscal_year_number, "quarter": self.quarter_number}
        return {"kind": self.kind, "first": self.first.isoformat(), "last": self.last.isoformat()}
