"""The manager's pages: mapping remembered per program, matching existing clients, the logged preview."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case, Client
from yorisoi.cases.tests.factories import make_case
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.imports.models import ColumnMapping
from yorisoi.imports.tests.workbooks import RECORD_HEADERS, messy_workbook
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

OWN_HEADERS = [h if h != "方法" else "対応方法" for h in RECORD_HEADERS]


def _upload(http, content, name="記録.xlsx"):
    return http.post("/staff/imports/", {"file": SimpleUploadedFile(name, content)})


def test_an_unknown_header_is_mapped_once_and_remembered_for_the_program(client_as, manager, staff):
    http = client_as(manager)
    # given a workbook whose records sheet says 「対応方法」 for the mode
    response = _upload(http, messy_workbook(record_headers=OWN_HEADERS))
    detail = response["Location"]
    # when the preview is opened, the manager is asked where that column goes
    response = http.get(detail)
    assert response.status_code == 302 and response["Location"].endswith("/columns/")
    page = http.get(response["Location"]).content.decode()
    assert "「対応方法」の列" in page
    response = http.post(response["Location"], {"s1_h0": "mode"})
    assert response.status_code == 302
    # then the preview shows the rows, and the next file with the same headers needs no mapping
    assert http.get(detail).status_code == 200
    assert list(ColumnMapping.objects.values_list("program__slug", "kind", "source_header", "target")) == [
        ("chiba", "records", "対応方法", "mode")
    ]
    again = _upload(http, messy_workbook(record_headers=OWN_HEADERS))["Location"]
    assert http.get(again).status_code == 200
    # and Urayasu's manager is still asked: the mapping belongs to Chiba
    urayasu = client_as(staff("urayasu", Role.MANAGER))
    theirs = _upload(urayasu, messy_workbook(record_headers=OWN_HEADERS))["Location"]
    assert urayasu.get(theirs)["Location"].endswith("/columns/")


def test_mapping_one_column_to_a_taken_field_is_refused_kindly(client_as, manager):
    http = client_as(manager)
    detail = _upload(http, messy_workbook(record_headers=OWN_HEADERS))["Location"]
    response = http.post(detail + "columns/", {"s1_h0": "summary"})
    assert response.status_code == 200
    assert "この項目にはほかの列がすでに入ります。" in response.content.decode()
    assert ColumnMapping.objects.count() == 0


def test_an_existing_client_is_matched_not_duplicated_and_only_in_the_own_program(
    client_as, manager, chiba, urayasu, staff
):
    # given 山田太郎 already registered in Chiba (same furigana and birth date), and his namesake in Urayasu
    existing = make_case(program=chiba, actor=manager, client=_client(chiba, manager))
    make_case(program=urayasu, actor=staff("urayasu", Role.MANAGER), client=_client(urayasu, manager))
    http = client_as(manager)
    detail = _upload(http, messy_workbook())["Location"]
    logged = AccessLog.objects.count()
    # when the preview is opened
    page = http.get(detail).content.decode()
    # then the match is shown with the existing case, and one access-log entry names it
    assert "すでに登録されている本人と一致した行" in page
    assert existing.label in page
    entry = AccessLog.objects.order_by("-id").first()
    assert AccessLog.objects.count() == logged + 1
    assert (entry.action, entry.data["subjects"]) == ("import.view", [str(existing.public_id)])
    # and confirming adds the records to that case: no new client, Urayasu untouched
    http.post(detail + "confirm/")
    assert Client.objects.filter(program=chiba, kana_key="ヤマダタロウ").count() == 1
    assert ConsultationRecord.objects.filter(case=existing).count() == 3
    assert ConsultationRecord.objects.filter(program=urayasu).count() == 0
    assert Case.objects.filter(program=chiba).count() == 2  # 山田 (existing) and the new 鈴木
    existing.refresh_from_db()
    assert existing.last_contact_on == datetime.date(2026, 4, 10)  # its own later contact stays the last


def _client(program, actor):
    from yorisoi.cases.services import client_create

    return client_create(
        program=program,
        actor=Actor(user=actor, program=program, role=Role.MANAGER),
        family_name="山田",
        given_name="太郎",
        family_name_kana="ヤマダ",
        given_name_kana="タロウ",
        birth_date=datetime.date(1996, 5, 20),
    )


def test_rollback_from_the_page_restores_a_matched_cases_last_contact(client_as, manager, chiba):
    existing = make_case(program=chiba, actor=manager, client=_client(chiba, manager))
    before = datetime.date(2021, 4, 20)
    Case.objects.filter(pk=existing.pk).update(last_contact_on=before)
    http = client_as(manager)
    detail = _upload(http, messy_workbook())["Location"]
    http.post(detail + "confirm/")
    existing.refresh_from_db()
    assert existing.last_contact_on == datetime.date(2021, 5, 1)
    response = http.post(detail + "rollback/", follow=True)
    assert "この取り込みを取り消しました。" in response.content.decode()
    existing.refresh_from_db()
    assert existing.last_contact_on == before
    assert ConsultationRecord.objects.count() == 0
