"""The case list and the access log in Chromium: a staff member is picked by typing a name."""

import pytest
from playwright.sync_api import expect

from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(page, log_in, user):
    log_in(user)
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()  # before leaving the page


def test_case_list_filters_by_a_typed_name_with_suggestions(page, log_in, staff, chiba, screenshot):
    # given forty consultants, two of them 山田, each 山田 in charge of one case
    for i in range(40):
        staff("chiba", Role.COUNSELOR, display_name=f"名簿 {i:02d}")
    hanako = staff("chiba", Role.COUNSELOR, display_name="山田 花子")
    jiro = staff("chiba", Role.COUNSELOR, display_name="山田 次郎")
    hers, his = make_case(program=chiba, actor=hanako), make_case(program=chiba, actor=jiro)
    signed_in(page, log_in, hanako)
    # when she opens the case list and types 山田 into 担当者
    page.goto("/staff/cases/")
    field = page.get_by_label("担当者")
    field.press_sequentially("山田")
    # then both 山田 are suggested, and no one else
    options = page.locator("#id_staff_names option")
    expect(options).to_have_count(2)
    assert sorted(options.evaluate_all("os => os.map(o => o.value)")) == ["山田 次郎", "山田 花子"]
    screenshot("list-filters-1-suggestions")
    # when she submits 山田 alone, the page asks for more, kindly, and lists every case
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("alert")).to_contain_text("「山田」に当てはまる職員が複数います。")
    expect(page.get_by_role("status")).to_have_text("2件")
    # when she types the whole name, only her case is listed
    page.get_by_label("担当者").fill("山田 花子")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("status")).to_have_text("1件")
    expect(page.get_by_role("link", name=hers.label)).to_be_visible()
    expect(page.get_by_role("link", name=his.label)).to_have_count(0)
    screenshot("list-filters-2-case-list")


def test_access_log_filters_by_a_clerks_name(page, log_in, staff, chiba, screenshot):
    # given a clerk who opened the case list
    clerk = staff("chiba", Role.CLERK, display_name="事務 花子")
    manager = staff("chiba", Role.MANAGER, display_name="管理 一郎")
    signed_in(page, log_in, clerk)
    page.goto("/staff/cases/")
    expect(page.get_by_role("status")).to_have_text("0件")
    page.context.clear_cookies()
    # when the manager types a part of the clerk's name into 職員 and picks the suggestion
    signed_in(page, log_in, manager)
    page.goto("/staff/audit/")
    page.get_by_label("職員").press_sequentially("事務")
    expect(page.locator("#id_staff_names option")).to_have_count(1)
    page.get_by_label("職員").fill("事務 花子")
    page.get_by_role("button", name="絞り込む").click()
    # then the clerk's reading of the case list is listed
    expect(page.get_by_role("table")).to_contain_text("事務 花子")
    screenshot("list-filters-3-access-log")


def test_a_long_case_list_says_more_than_1000_and_pages_on(page, log_in, staff, chiba, screenshot):
    from tests.test_list_pages import _cases

    # given 1,060 cases
    counselor = staff("chiba", Role.COUNSELOR)
    _cases(chiba, counselor).grow_to(1060)
    signed_in(page, log_in, counselor)
    # when the counselor opens the case list and goes to the next page
    page.goto("/staff/cases/")
    expect(page.get_by_role("status")).to_have_text("1,000件以上")
    page.get_by_role("link", name="次へ").click()
    # then the second page follows, with 前へ and 次へ
    expect(page.get_by_role("navigation", name="ページ送り")).to_contain_text("前へ 2ページ目 次へ")
    screenshot("list-filters-4-capped-count")
