"""The template workbook: one sheet per kind, Japanese headers, an example row that imports as it is."""

import datetime
import io

from openpyxl import load_workbook

from yorisoi.cases.models import Case, RelatedPerson
from yorisoi.consultations.models import ConsultationRecord, StageTransition
from yorisoi.imports import services
from yorisoi.imports.fields import KINDS
from yorisoi.outreach.models import OutreachEvent, Registration
from yorisoi.referrals.models import PartnerAgency


def test_the_template_has_a_sheet_per_kind_with_japanese_headers_and_an_example(client_as, manager):
    response = client_as(manager).get("/staff/imports/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="yorisoi-import-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["連携機関", "ケース", "家族・関係者", "相談記録", "催しの参加者"]
    records = list(workbook["相談記録"].values)
    assert records[0] == ("管理番号", "相談日", "開始時刻", "時間（分）", "方法", "相談者", "要旨", "担当")
    assert records[1][:5] == ("2016-001", "令和3年4月8日", "10:00", 60, "来所")
    attendance = list(workbook["催しの参加者"].values)
    assert attendance[0][:3] == ("催しの名称", "催しの種類", "開催日")
    assert attendance[1][:3] == ("ひきこもりサポーター養成研修", "サポーター養成研修", "令和3年10月2日")
    assert len(workbook.sheetnames) == len(KINDS)


def test_the_template_as_downloaded_imports_one_of_each_kind(client_as, manager, upload, actor, chiba):
    # given the template, uploaded unchanged
    content = client_as(manager).get("/staff/imports/template.xlsx").content
    batch = upload(content, name="ひな形.xlsx")
    preview = services.batch_preview(batch=batch, actor=actor)
    assert preview.problems == []
    assert [(label, create) for label, create, *_ in preview.summary] == [
        ("連携機関", 1),
        ("ケース", 1),
        ("家族・関係者", 1),
        ("相談記録", 1),
        ("催しの参加者", 1),
    ]
    # when it is confirmed
    services.batch_confirm(batch=batch, actor=actor)
    # then one of each exists in Chiba, linked by the case number of the sheets
    case = Case.objects.get(program=chiba)
    assert (case.client.family_name, case.client.kana_key, case.registered_on) == (
        "佐藤",
        "サトウケンタ",
        datetime.date(2021, 4, 1),
    )
    assert StageTransition.objects.get(case=case).stage.label == "出会い・評価段階"
    assert list(RelatedPerson.objects.filter(case=case).values_list("relation", "name", "consults")) == [
        ("mother", "佐藤 和子", True)
    ]
    record = ConsultationRecord.objects.get(case=case)
    assert (record.held_on, record.mode, record.client_present) == (
        datetime.date(2021, 4, 8),
        "center_visit",
        True,
    )
    assert list(record.family_present.values_list("name", flat=True)) == ["佐藤 和子"]
    assert list(PartnerAgency.objects.filter(program=chiba).values_list("name", "kind")) == [
        ("ハローワーク千葉（架空）", "hello_work")
    ]
    event = OutreachEvent.objects.get(program=chiba)
    assert (event.title, event.kind, event.capacity) == (
        "ひきこもりサポーター養成研修",
        "supporter_training",
        30,
    )
    assert list(Registration.objects.filter(event=event).values_list("name", "category", "is_nickname")) == [
        ("山本 恵子", "citizen", False)
    ]


def test_an_agency_already_listed_is_skipped_and_an_unknown_kind_refused(upload, actor, chiba):
    from openpyxl import Workbook

    from yorisoi.referrals.services import agency_create

    agency_create(program=chiba, actor=actor, kind="medical", name="みはまクリニック（架空）")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "連携先"
    sheet.append(["機関名", "種別", "電話"])
    sheet.append(["みはまクリニック（架空）", "病院", "043-000-0001"])
    sheet.append(["いなげ居場所（架空）", "居場所", None])
    sheet.append(["どこかの団体", "宇宙", None])
    out = io.BytesIO()
    workbook.save(out)
    batch = upload(out.getvalue())
    preview = services.batch_preview(batch=batch, actor=actor)
    assert dict(preview.counts["agencies"]) == {"skip": 1, "create": 1, "reject": 1}
    assert preview.problems[0][:2] == ("連携先", 4)
    services.batch_confirm(batch=batch, actor=actor)
    assert sorted(PartnerAgency.objects.values_list("name", flat=True)) == [
        "いなげ居場所（架空）",
        "みはまクリニック（架空）",
    ]
