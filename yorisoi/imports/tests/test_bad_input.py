"""Files and rows that cannot be imported: a clear message, nothing stored, valid rows still importable."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from yorisoi.cases.models import Case
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.imports import services
from yorisoi.imports.models import ImportBatch
from yorisoi.imports.tests.workbooks import CASE_ROWS, RECORD_ROWS, messy_workbook, records_csv

URL = "/staff/imports/"


def _post(client_as, manager, name, content, **extra):
    return client_as(manager).post(URL, {"file": SimpleUploadedFile(name, content)}, **extra)


def _nothing_stored(settings):
    folder = settings.DATA_DIR / "imports"
    return ImportBatch.objects.count() == 0 and (not folder.exists() or list(folder.iterdir()) == [])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "写真.png",
            b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
            "表計算のファイル（.xlsx か .csv）ではないようです。",
        ),
        ("保護.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "パスワードで保護されたファイルか"),
        (
            "壊れた.xlsx",
            b"PK\x03\x04" + b"\x13" * 300,
            "ファイルが壊れているか、Excelのファイルではないため読めません。",
        ),
    ],
)
def test_a_file_that_is_no_readable_spreadsheet_is_refused_and_not_kept(
    client_as, manager, settings, name, content, message
):
    response = _post(client_as, manager, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _nothing_stored(settings)


def test_a_file_over_the_limit_is_refused_with_the_limit_before_it_is_read(client_as, manager, settings):
    # given a 200 MB upload announced by its Content-Length (the body itself is never read)
    response = client_as(manager).post(
        URL, {"file": SimpleUploadedFile("大きい.xlsx", b"PK")}, CONTENT_LENGTH=str(200 * 1024 * 1024)
    )
    # then it is refused with the limit, and nothing is kept
    assert response.status_code == 400
    assert "ファイルが大きすぎます（上限 30 MB）" in response.content.decode()
    assert _nothing_stored(settings)


def test_a_file_growing_past_the_limit_while_streamed_is_refused(client_as, manager, settings):
    settings.YORISOI_IMPORT_MAX_BYTES = 4 * 1024 * 1024
    content = b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024)
    response = _post(client_as, manager, "大きい.xlsx", content)
    assert response.status_code == 400
    assert "ファイルが大きすぎます（上限 4 MB）" in response.content.decode()
    assert _nothing_stored(settings)


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_csv_in_shift_jis_or_utf8_with_or_without_bom_is_read(upload, actor, encoding):
    # given the cases imported from the workbook, then a CSV of two new records
    services.batch_confirm(batch=upload(messy_workbook(record_rows=[])), actor=actor)
    rows = [
        ["A-1", "令和3年9月1日", "10:00", 60, "電話", "母", "母から電話。様子を聞いた。", None],
        ["A-2", "2021/9/2", "11:00", 30, "メール", "本人", "本人からメール。", None],
    ]
    batch = upload(records_csv(encoding, rows), name="相談記録.csv")
    # when it is confirmed
    services.batch_confirm(batch=batch, actor=actor)
    # then both records belong to the cases of the earlier batch
    assert sorted(ConsultationRecord.objects.values_list("case__client__family_name", "mode", "summary")) == [
        ("山田", "phone", "母から電話。様子を聞いた。"),
        ("鈴木", "mail", "本人からメール。"),
    ]


def test_duplicate_rows_in_the_file_are_refused_by_row_and_the_first_is_kept(upload, actor):
    # given a workbook where a record and a case number appear twice
    batch = upload(messy_workbook(case_rows=CASE_ROWS[:2] + [CASE_ROWS[0]], record_rows=RECORD_ROWS[:2] * 2))
    preview = services.batch_preview(batch=batch, actor=actor)
    assert preview.problems == [
        ("ケース一覧", 8, "管理番号「A-1」が4行目と重複しています"),
        ("相談記録", 4, "2行目と同じ内容です（重複）"),
        ("相談記録", 5, "3行目と同じ内容です（重複）"),
    ]
    services.batch_confirm(batch=batch, actor=actor)
    assert (Case.objects.count(), ConsultationRecord.objects.count()) == (2, 2)


def test_a_record_of_an_unknown_or_refused_case_is_refused(upload, actor):
    rows = [
        ["Z-9", "令和3年4月1日", "10:00", 60, "来所", "本人", "どのケースかわからない", None],
        ["A-3", "令和3年4月1日", "10:00", 60, "来所", "本人", "市外の方の記録", None],
    ]
    preview = services.batch_preview(batch=upload(messy_workbook(record_rows=rows)), actor=actor)
    assert [p[2] for p in preview.problems[1:]] == [
        "管理番号「Z-9」のケースが見つかりません（「ケース」のシートか、前回の取り込みにありません）",
        "管理番号「A-3」のケースの行が取り込めないため、この行も取り込めません",
    ]


def test_a_sheet_without_a_required_column_asks_for_the_mapping(upload, actor):
    workbook = Workbook()
    workbook.active.append(["No", "相談日", "対応方法", "内容"])
    workbook.active.append(["A-1", "R3.4.1", "電話", "x"])
    out = io.BytesIO()
    workbook.save(out)
    preview = services.batch_preview(batch=upload(out.getvalue()), actor=actor)
    assert preview.needs_mapping is True
    [sheet] = preview.sheets
    assert (sheet.kind.name, sheet.unknown, [c.header for c in sheet.missing]) == (
        "records",
        ["対応方法"],
        ["方法"],
    )


def test_the_upload_page_refuses_other_roles_like_a_missing_page(client_as, staff):
    from yorisoi.programs.models import Role

    response = client_as(staff("chiba", Role.COUNSELOR)).post(
        URL, {"file": SimpleUploadedFile("a.xlsx", b"PK")}
    )
    assert response.status_code == 404
    assert ImportBatch.objects.count() == 0
    assert reverse("imports:index") == URL
