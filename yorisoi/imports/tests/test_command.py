import pytest
from django.core.management import CommandError, call_command

from yorisoi.cases.models import Case
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.imports.models import BatchStatus, ImportBatch
from yorisoi.imports.tests.workbooks import messy_workbook


def test_the_command_dry_runs_by_default_and_writes_with_confirm(tmp_path, manager, capsys):
    # given the messy workbook on disk
    path = tmp_path / "昔の記録.xlsx"
    path.write_bytes(messy_workbook())
    # when it is run without --confirm
    call_command("import_records", str(path), program="chiba", user=manager.username)
    # then it lists the bad rows and writes nothing
    out = capsys.readouterr().out
    assert "相談記録 7行目: 日付「令和元年13月1日」は存在しない日付です" in out
    assert (Case.objects.count(), ConsultationRecord.objects.count()) == (0, 0)
    assert ImportBatch.objects.get().status == BatchStatus.DISCARDED
    # and with --confirm it writes one batch
    call_command("import_records", str(path), program="chiba", user=manager.username, confirm=True)
    assert (Case.objects.count(), ConsultationRecord.objects.count()) == (2, 5)
    assert ImportBatch.objects.filter(status=BatchStatus.DONE).count() == 1


def test_the_command_refuses_a_user_who_is_not_the_programs_manager(tmp_path, manager):
    path = tmp_path / "x.xlsx"
    path.write_bytes(messy_workbook())
    with pytest.raises(CommandError, match="浦安市 の管理者ではありません"):
        call_command("import_records", str(path), program="urayasu", user=manager.username, confirm=True)
    assert ImportBatch.objects.count() == 0
