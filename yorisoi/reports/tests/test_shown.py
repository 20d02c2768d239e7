"""How a registered table is shown: totals, the year before, and protection, independent of the data."""

from types import SimpleNamespace

from yorisoi.reports.shown import show
from yorisoi.reports.tables import ReportTable

ROWS = [("a", "A"), ("b", "B")]


def fake_data(counts):
    return SimpleNamespace(counts=counts)


def figure(data):
    """テスト用の数：説明です。"""
    return data.counts


def test_columns_of_different_kinds_get_no_total_column_and_the_year_before_shows_the_first():
    # given a table of 回数 and 参加者数 (adding them up would mean nothing)
    table = ReportTable(
        "events", "催し", figure, ROWS, [("events", "回数"), ("people", "参加者数")], total_column=False
    )
    now = fake_data({("a", "events"): 7, ("a", "people"): 40, ("b", "events"): 9, ("b", "people"): 55})
    before = fake_data({("a", "events"): 6, ("a", "people"): 30, ("b", "events"): 8, ("b", "people"): 25})
    # when shown exactly
    shown = show(table, now, before, protect=False)
    # then no 計 column; the 計 row sums each column; the year before is the first column
    assert shown.header() == ["区分", "回数", "参加者数", "前年同期"]
    assert shown.body() == [["A", 7, 40, 6], ["B", 9, 55, 8], ["計", 16, 95, 14]]


def test_a_cross_table_is_protected_with_its_total_column_and_row():
    table = ReportTable("x", "表", figure, ROWS, [("p", "P"), ("q", "Q")])
    now = fake_data({("a", "p"): 2, ("a", "q"): 20, ("b", "p"): 30, ("b", "q"): 40})
    shown = show(table, now, fake_data({}), protect=True)
    # 2 is hidden; its row (total 22) and column (total 32) each need a second hidden entry
    assert shown.body() == [["A", "*", "*", 22, 0], ["B", "*", "*", 70, 0], ["計", 32, 60, 92, 0]]
