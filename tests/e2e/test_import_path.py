import re

import pytest
from playwright.sync_api import expect

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case
from yorisoi.imports.models import BatchStatus, ImportBatch
from yorisoi.imports.tests.workbooks import CASE_ROWS, RECORD_HEADERS, messy_workbook
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_manager_imports_a_workbook_after_checking_it_and_finds_the_history_on_the_timeline(
    page, log_in, staff, chiba, screenshot, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    manager = staff("chiba", Role.MANAGER, display_name="相談 花子")
    # the center's own workbook: its records sheet says 「対応方法」, and two record rows are wrong
    headers = [h if h != "方法" else "対応方法" for h in RECORD_HEADERS]
    content = messy_workbook(case_rows=CASE_ROWS[:2], record_headers=headers)
    log_in(manager)

    page.get_by_role("link", name="取り込み", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("記録の取り込み")
    screenshot("import-0-index")
    page.get_by_label("取り込むファイル").set_input_files(
        {"name": "センター相談記録_R3.xlsx", "mimeType": XLSX, "buffer": content}
    )
    page.get_by_role("button", name="中身を確かめる").click()

    # the column nobody knows is mapped once
    expect(page.get_by_role("heading", level=1)).to_have_text("列の対応を選ぶ")
    page.get_by_label("「対応方法」の列").select_option(label="方法")
    screenshot("import-1-mapping")
    page.get_by_role("button", name="この対応で確かめる").click()

    # the preview: what would be created, and the two bad rows explained with their row numbers
    expect(page.get_by_text("列の対応を保存しました。次のファイルからも使います。")).to_be_visible()
    expect(
        page.get_by_role("heading", name="取り込むとこうなります（まだ何も書き込んでいません）")
    ).to_be_visible()
    new_cases = page.get_by_role("table").filter(has_text="登録日")
    expect(new_cases).to_contain_text("山田 太郎")
    expect(new_cases).to_contain_text("2021年4月1日（木）")
    problems = page.get_by_role("table").filter(has_text="理由")
    expect(problems.get_by_role("row")).to_have_count(3)
    expect(problems.get_by_role("row").nth(1)).to_contain_text(
        "7行目日付「令和元年13月1日」は存在しない日付です"
    )
    expect(problems.get_by_role("row").nth(2)).to_contain_text("8行目相談の形「テレパシー」がわかりません")
    screenshot("import-2-preview")
    assert Case.objects.count() == 0

    # confirm: one batch, written and recorded
    page.get_by_role("button", name="7行を取り込む").click()
    expect(page.get_by_text("取り込みました。")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
    screenshot("import-3-done")
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.rows_done) == (BatchStatus.DONE, 9)
    assert AccessLog.objects.filter(action="import.confirm", actor=manager).count() == 1

    # the imported case's history is on its timeline
    page.get_by_role("link", name="ケース", exact=True).click()
    page.get_by_role("row").filter(has_text="山田").get_by_role("link", name=re.compile("^C-")).click()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("本人から電話。少し話せた。")
    expect(timeline).to_contain_text("初回。母と来所。")
    screenshot("import-4-timeline")
