"""The figures of an imported fiscal year equal the hand count of the fixture.

The reports app (one function per figure) lands from another branch; until it is merged these
are the underlying counts the figures are made of. After the merge, point the ``when`` step at the
reports functions (延べ件数 by mode and by who took part, 実人数, new, closed) with the same numbers.
"""

from collections import Counter

from django.db.models import Count

from yorisoi.cases.models import Case, CaseStatusChange
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.core.fiscal_year import fiscal_year_bounds
from yorisoi.imports import services
from yorisoi.imports.tests.workbooks import CASE_ROWS, messy_workbook

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
    start, end = fiscal_year_bounds(2021)
    records = ConsultationRecord.objects.filter(program=chiba, held_on__range=(start, end))
    # when the year's figures are counted
    by_mode = Counter(dict(records.values_list("mode").annotate(n=Count("id")).values_list("mode", "n")))
    distinct_cases = records.values("case").distinct().count()
    with_client = records.filter(client_present=True).count()
    with_family = records.filter(family_present__isnull=False).distinct().count()
    with_agency = records.exclude(agencies_present="").count()
    new_cases = Case.objects.filter(program=chiba, registered_on__range=(start, end)).count()
    closed = CaseStatusChange.objects.filter(
        program=chiba, to_status="closed", changed_on__range=(start, end)
    )
    # then they are what a person counts by hand from the rows above
    assert sum(by_mode.values()) == 8  # 延べ件数 (records)
    assert by_mode == {"center_visit": 3, "phone": 3, "home_visit": 2}
    assert distinct_cases == 3  # 実人数 among cases
    assert (with_client, with_family, with_agency) == (5, 5, 1)
    assert new_cases == 3  # A-1 (R3.4.1), A-2 (R3.6.10), A-4 (R3.10.5); A-5 was registered in 令和2年度
    assert list(closed.values_list("case__client__family_name", "changed_on")) == [
        ("鈴木", start.replace(year=2022, month=3, day=31))
    ]
