"""Upload → dry run → confirm → rollback, at the service level, on the messy fixture workbook."""

import datetime

import pytest

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case, CaseStatus, CaseStatusChange, Client, RelatedPerson
from yorisoi.consultations.models import ConsultationRecord, StageTransition
from yorisoi.imports import services
from yorisoi.imports.models import BatchStatus, LedgerEntry
from yorisoi.imports.tests.workbooks import messy_workbook
from yorisoi.referrals.models import PartnerAgency

TABLES = (
    Client,
    Case,
    CaseStatusChange,
    RelatedPerson,
    ConsultationRecord,
    StageTransition,
    PartnerAgency,
    LedgerEntry,
    AccessLog,
)


def table_counts():
    return {model.__name__: model.objects.count() for model in TABLES}


def test_the_dry_run_writes_nothing_and_explains_each_bad_row(upload, actor):
    # given the messy workbook, uploaded
    batch = upload(messy_workbook())
    before = table_counts()
    # when it is previewed
    preview = services.batch_preview(batch=batch, actor=actor)
    # then no table changed, and every bad row has its row number and reason
    assert table_counts() == before
    assert preview.needs_mapping is False
    assert dict(preview.counts["cases"]) == {"create": 2, "reject": 1}
    assert dict(preview.counts["records"]) == {"create": 5, "reject": 2}
    assert preview.problems == [
        (
            "ケース一覧",
            8,
            "お住まい「市川市」は千葉市ではありません。千葉市ひきこもり地域支援センターには取り込めません",
        ),
        ("相談記録", 7, "日付「令和元年13月1日」は存在しない日付です"),
        (
            "相談記録",
            8,
            "相談の形「テレパシー」がわかりません（電話・来所・訪問・保健福祉センター・市役所窓口・メール"
            "・オンライン・同行・ケース会議のどれかにしてください）",
        ),
    ]
    assert preview.to_write == 7


def test_confirm_writes_one_recorded_batch_with_its_history(upload, actor, manager, chiba):
    # given the previewed workbook
    batch = upload(messy_workbook())
    # when the manager confirms it
    batch = services.batch_confirm(batch=batch, actor=actor)
    # then two cases with their records exist in Chiba, with status history and last contact
    assert batch.status == BatchStatus.DONE
    assert batch.rows_done == batch.rows_total == 10  # every data row read, bad ones too
    assert batch.counts == {"cases": {"create": 2, "reject": 1}, "records": {"create": 5, "reject": 2}}
    yamada = Case.objects.get(client__family_name="山田")
    suzuki = Case.objects.get(client__family_name="鈴木")
    assert (yamada.program, yamada.registered_on, yamada.status) == (
        chiba,
        datetime.date(2021, 4, 1),
        CaseStatus.CONTINUING,
    )
    assert yamada.client.kana_key == "ヤマダタロウ"
    assert yamada.client.birth_date == datetime.date(1996, 5, 20)
    assert yamada.client.approximate_age == 20
    assert yamada.last_contact_on == datetime.date(2021, 5, 1)
    assert (suzuki.status, suzuki.closed_on, suzuki.closure_reason) == (
        CaseStatus.CLOSED,
        datetime.date(2022, 3, 31),
        "no_longer_needed",
    )
    assert list(suzuki.status_changes.values_list("to_status", flat=True)) == ["initial", "closed"]
    records = ConsultationRecord.objects.filter(case=yamada).order_by("held_on")
    assert [(r.held_on, r.mode, r.client_present, r.duration_minutes) for r in records] == [
        (datetime.date(2021, 4, 1), "center_visit", True, 60),
        (datetime.date(2021, 4, 15), "phone", False, 30),
        (datetime.date(2021, 5, 1), "phone", True, 60),
    ]
    assert [list(r.family_present.values_list("relation", flat=True)) for r in records] == [
        ["mother"],
        ["mother"],
        [],
    ]
    assert records[0].staff == manager
    # and the batch is recorded: who, when, file checksum, counts, in the access log
    entry = AccessLog.objects.get(action="import.confirm")
    assert (entry.actor, entry.target_id, entry.data["checksum"]) == (
        manager,
        batch.public_id,
        batch.checksum,
    )
    assert AccessLog.objects.filter(action="import.case").count() == 2


def test_rollback_restores_the_exact_previous_state(upload, actor):
    # given a confirmed batch
    before = {m.__name__: list(m.objects.order_by("pk").values()) for m in TABLES[:-2]}
    batch = services.batch_confirm(batch=upload(messy_workbook()), actor=actor)
    assert Case.objects.count() == 2
    # when it is rolled back
    batch = services.batch_rollback(batch=batch, actor=actor)
    # then every table holds exactly what it held before, and the rollback is logged
    assert batch.status == BatchStatus.ROLLED_BACK
    assert {m.__name__: list(m.objects.order_by("pk").values()) for m in TABLES[:-2]} == before
    assert AccessLog.objects.filter(action="import.rollback", target_id=batch.public_id).count() == 1


def test_reimporting_the_same_file_creates_no_duplicates(upload, actor):
    # given the workbook imported once
    content = messy_workbook()
    services.batch_confirm(batch=upload(content), actor=actor)
    counts = table_counts()
    # when the same file is uploaded and previewed again
    again = upload(content)
    preview = services.batch_preview(batch=again, actor=actor)
    # then it says so, and confirming writes no row
    assert preview.same_file_batch is not None
    assert dict(preview.counts["cases"]) == {"skip": 2, "reject": 1}
    assert dict(preview.counts["records"]) == {"skip": 5, "reject": 2}
    services.batch_confirm(batch=again, actor=actor)
    after = table_counts()
    assert {k: v for k, v in after.items() if k != "AccessLog"} == {
        k: v for k, v in counts.items() if k != "AccessLog"
    }


def test_a_batch_cannot_be_rolled_back_once_a_newer_record_uses_its_case(upload, actor):
    # given a confirmed batch and a record written afterwards on one of its cases
    from yorisoi.consultations.services import record_create

    batch = services.batch_confirm(batch=upload(messy_workbook()), actor=actor)
    case = Case.objects.get(client__family_name="山田")
    record_create(
        actor=actor,
        case=case,
        held_on=datetime.date(2026, 4, 1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        mode="phone",
        summary="その後の電話",
        staff=actor.user,
    )
    counts = table_counts()
    # when the manager tries to roll the batch back
    with pytest.raises(services.BatchDependedOn):
        services.batch_rollback(batch=batch, actor=actor)
    # then nothing changed
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    assert table_counts() == counts


def test_the_same_rows_saved_again_as_another_file_are_not_imported_twice(upload, actor):
    # given the workbook imported once, then the same rows saved again (different bytes, same content)
    first = messy_workbook()
    services.batch_confirm(batch=upload(first), actor=actor)
    counts = table_counts()
    resaved = messy_workbook()
    again = upload(resaved, name="保存しなおし.xlsx")
    # when that file is confirmed
    services.batch_confirm(batch=again, actor=actor)
    # then every row was recognised as already imported
    again.refresh_from_db()
    assert again.counts == {"cases": {"skip": 2, "reject": 1}, "records": {"skip": 5, "reject": 2}}
    assert {k: v for k, v in table_counts().items() if k != "AccessLog"} == {
        k: v for k, v in counts.items() if k != "AccessLog"
    }


def test_a_failure_while_writing_leaves_nothing_half_written(upload, actor, monkeypatch):
    # given the cases are written (and committed) and then writing the records fails
    from yorisoi.imports import writing

    def broken(self, rows):
        raise RuntimeError("disk full")

    monkeypatch.setitem(writing.WRITERS, "records", broken)
    monkeypatch.setattr(writing, "CHUNK", 2)  # the two cases are committed in a chunk of their own first
    batch = upload(messy_workbook())
    before = {m.__name__: list(m.objects.order_by("pk").values()) for m in TABLES[:-2]}
    # when the batch is confirmed
    with pytest.raises(RuntimeError):
        services.batch_confirm(batch=batch, actor=actor)
    # then what was written is gone, and the batch says it failed
    batch.refresh_from_db()
    assert (batch.status, batch.error) == (BatchStatus.FAILED, "RuntimeError: disk full")
    assert {m.__name__: list(m.objects.order_by("pk").values()) for m in TABLES[:-2]} == before
    assert AccessLog.objects.filter(action="import.fail", target_id=batch.public_id).count() == 1


def test_an_unknown_staff_name_falls_back_to_the_importing_manager_and_says_so(upload, actor, manager):
    rows = [["A-1", "令和3年4月1日", "10:00", 60, "来所", "本人", "初回", "退職した職員"]]
    batch = upload(messy_workbook(record_rows=rows))
    preview = services.batch_preview(batch=batch, actor=actor)
    assert preview.note_list == [
        ("担当の名前がこの事業の職員に見つからないため、取り込む管理者を担当とします", 1)
    ]
    services.batch_confirm(batch=batch, actor=actor)
    assert ConsultationRecord.objects.get().staff == manager
