import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from yorisoi.programs.models import Role
from yorisoi.reports.tests.conftest import build_october

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def october(chiba, urayasu, staff):
    """The hand-counted October 2026 of yorisoi/reports/tests/conftest.py."""
    return build_october(chiba, urayasu, staff)


def test_manager_opens_the_fiscal_year_sees_the_chart_and_downloads_the_excel(
    page,
    log_in,
    staff,
    october,
    screenshot,
):
    log_in(staff("chiba", Role.MANAGER))

    # the manager opens 実績報告 from the navigation and picks 2026年度
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="実績報告").click()
    page.get_by_label("期間の種類").select_option(label="年度")
    page.get_by_label("年度（西暦）").fill("2026")
    page.get_by_role("button", name="表示する").click()
    expect(page.get_by_role("heading", name="令和8年度 (2026年度)")).to_be_visible()
    chart = page.get_by_role("img", name="月別の延べ件数（相談の形別）")
    expect(chart).to_be_visible()
    screenshot("reports-1-fiscal-year")
    chart.screenshot(path=str(ARTIFACTS / "reports-2-chart.png"))

    # the page's total of 延べ相談件数: 9 records and 7 inquiries in 2026年度
    total = page.locator("#table-contacts tr.total td").first
    expect(total).to_have_text("16")

    # the Excel file holds the same figure
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excelで書き出す").click()
    download = download_info.value
    assert download.suggested_filename == "jisseki-chiba-20260401-20270331.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    sheet = book["延べ相談件数"]
    assert sheet["A1"].value == "千葉市ひきこもり地域支援センター　令和8年度 (2026年度)　延べ相談件数"
    assert [sheet["A5"].value, sheet["B5"].value] == ["計", 16]


def test_city_officer_lands_on_their_report_with_small_cells_hidden(
    page,
    log_in,
    staff,
    october,
    screenshot,
    monkeypatch,
):
    # the server's clock stands in November 2026, a month of the hand-counted data (the live server
    # runs in this process), so "this month" holds small counts whatever today's date is
    moment = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=timezone.get_default_timezone())
    monkeypatch.setattr(timezone, "now", lambda: moment)
    log_in(staff("chiba", Role.CITY_OFFICER))

    # the officer's home is this month's report of their program, with 1–4 shown as 「*」
    expect(page.get_by_role("heading", name="実績報告")).to_be_visible()
    assert page.url.endswith("/staff/reports/chiba/")
    expect(page.locator("td.suppressed").first).to_have_text("*")
    expect(page.get_by_text("「*」は1〜4の数").first).to_be_visible()
    assert page.locator("a[href*='/staff/cases/']").count() == 0
    screenshot("reports-3-city-officer")


def test_report_pages_have_no_accessibility_violations(page, log_in, staff, october):
    from tests.e2e.test_accessibility import violations

    log_in(staff("chiba", Role.CITY_OFFICER))
    found = {}
    for path in (
        "/staff/reports/chiba/?kind=fiscal_year&fiscal_year=2026",
        "/staff/reports/chiba/print/?kind=month&month=2026-10",
    ):
        page.goto(path)
        found[path] = violations(page)
    assert found == {path: [] for path in found}
