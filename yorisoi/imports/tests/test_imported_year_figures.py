"""The figures of an imported fiscal year equal the hand count of the fixture.

The figures are the reports app's own functions (``yorisoi/reports/figures.py``), the ones the city
receives: this test counts nothing itself, so an import that the reports would count differently fails.
"""

from yorisoi.imports import services
from yorisoi.imports.tests.workbooks import CASE_ROWS, messy_workbook
from yorisoi.reports import figures
from yorisoi.reports.figures import N
from yorisoi.reports.periods import Period
from yorisoi.reports.sources import ReportData

# 令和3年度 = 2021-04-01 .. 2022-03-31. Two rows fall outside it (2021-03-31 and 2022-04-01).
CASES = CASE_ROWS[:2] + [
    [
        "A-4",
        "佐藤 次郎",
        "さとう じろう",
        "S60.1.15",
        "30代",
        "男性",
        "千葉市稲毛区",
        None,
        "R3.10.5",
        "",
        None,
        None,
    ],
    [
        "A-5",
        "高橋 三郎",
        "たかはし さぶろう",
        None,
        "40代",
        "男性",
        "千葉市",
        None,
        "R2.4.1",
        "",
        "R3.3.31",
        "転居",
    ],
]
RECORDS = [
    # ref,  date,            start, min, mode,   who,             summary
    ["A-1", "令和3年4月1日", "10:00", 60, "来所", "本人・母", "初回", None],
    ["A-1", "R3.4.15", "14:00", 30, "TEL", "母", "母から電話", None],
    ["A-1", "2021/5/1", "10:00", 60, "でんわ", "本人", "本人から電話", None],
    ["A-1", 44562, "10:00", 60, "訪問", "本人・母", "家庭訪問", None],  # 2022-01-01
    ["A-2", "R3.6.10", "10:30", 60, "来所", "本人", "初回面談", None],
    ["A-2", "令和4年1月20日", "11:00", 60, "訪問", "本人・父", "家庭訪問", None],
    ["A-2", "R4.3.31", "11:00", 60, "電話", "関係機関", "学校から電話", None],
    ["A-4", "R3.10.5", "10:00", 90, "来所", "家族", "母が来所", None],
    ["A-4", "R4.4.1", "10:00", 60, "電話", "本人", "年度をまたいだ電話", None],  # 令和4年度
    ["A-5", "R3.3.31", "10:00", 60, "電話", "本人", "終結前の電話", None],  # 令和2年度
]


def test_the_figures_of_an_imported_year_equal_the_hand_count(upload, actor, chiba):
    # given the fixture workbook imported into Chiba
    services.batch_confirm(batch=upload(messy_workbook(case_rows=CASES, record_rows=RECORDS)), actor=actor)
    # when the reports app counts 令和3年度
    data = ReportData(chiba, Period.fiscal_year(2021))
    # then its figures are what a person counts by hand from the rows above
    assert figures.contacts_total(data) == {("records", N): 8, ("inquiries", N): 0}  # 延べ件数
    assert figures.contacts_by_mode(data) == {("center_visit", N): 3, ("phone", N): 3, ("home_visit", N): 2}
    # 本人: A-1 4/1, 5/1, 1/1 and A-2 6/10, 1/20; 家族: A-1 4/1, 4/15, 1/1, A-2 1/20, A-4; 関係機関: A-2 3/31
    assert figures.contacts_by_party(data) == {("self", N): 5, ("family", N): 5, ("agency", N): 1}
    assert figures.subjects_total(data) == {("case", N): 3}  # 実人数
    # 新規: A-1 (R3.4.1), A-2 (R3.6.10), A-4 (R3.10.5); A-5 was registered and closed in 令和2年度
    assert figures.case_flow(data) == {
        ("new", N): 3,
        ("continuing", N): 0,
        ("reopened", N): 0,
        ("closed", N): 1,
    }
    assert figures.closures_by_reason(data) == {("no_longer_needed", N): 1}  # A-2 on 2022-03-31
    assert figures.cases_new_and_closed_by_month(data) == {
        ("2021-04", "new"): 1,
        ("2021-06", "new"): 1,
        ("2021-10", "new"): 1,
        ("2022-03", "closed"): 1,
    }
