"""Backup → restore → verify on the database the suite runs on (SQLite and PostgreSQL)."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from yorisoi.cases.models import Case, Inquiry
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.operations import backups, engines
from yorisoi.operations.crypto import BackupError, TamperedError, WrongKeyError, new_key
from yorisoi.operations.models import Installation
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

pytestmark = pytest.mark.django_db(transaction=True)  # the dump reads committed data


@pytest.fixture
def backup_key(monkeypatch):
    key = new_key()
    monkeypatch.setenv("YORISOI_BACKUP_KEY", key)
    return key


@pytest.fixture
def data(chiba, chiba_counselor):
    actor = Actor(user=chiba_counselor, program=chiba, role=Role.COUNSELOR)
    case = make_case(program=chiba, actor=actor, primary_staff=chiba_counselor)
    make_inquiry(program=chiba, actor=actor, case=case)
    return actor


@pytest.fixture
def backup_file(tmp_path, backup_key, data) -> Path:
    return backups.backup_create(directory=tmp_path / "backups")


def scratch_target(tmp_path) -> str:
    if connection.vendor == "postgresql":
        return f"{connection.settings_dict['NAME']}_target"[:63]
    return str(tmp_path / "restored.sqlite3")


def target_exists(target: str) -> bool:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target])
            return cursor.fetchone() is not None
    return Path(target).exists()


def test_backup_restores_into_a_scratch_database_and_every_table_matches(backup_file):
    """The round trip: every table's rows and checksum in the restore equal the manifest's."""
    # when
    result = backups.backup_restore(backup_file)
    # then
    assert result.ok, result.differences
    assert result.manifest["tables"]["cases_case"]["rows"] == 1
    assert result.manifest["tables"]["cases_inquiry"]["rows"] == 1
    assert (
        result.manifest["tables"]["audit_accesslog"]["rows"] == Case.objects.count() + 2
    )  # client, case, inquiry
    assert result.manifest["engine"] == connection.vendor
    assert not target_exists(result.target)  # the scratch copy is dropped after verifying


def test_a_named_target_is_kept_and_holds_the_data(backup_file, tmp_path):
    target = scratch_target(tmp_path)
    try:
        # when
        result = backups.backup_restore(backup_file, target=target)
        # then
        assert result.ok
        assert result.target == target
        assert target_exists(target)
    finally:
        if connection.vendor == "postgresql":
            engines.postgres_drop(target)


def test_the_file_on_disk_is_encrypted(backup_file):
    """No name, table or SQL text of the database is readable in the file."""
    raw = backup_file.read_bytes()
    assert b"cases_case" not in raw
    assert b"CREATE TABLE" not in raw
    assert b"SQLite format" not in raw


@pytest.mark.parametrize("damage", ["flip_byte", "truncate", "cut_last_chunk"])
def test_a_damaged_backup_is_refused_before_any_target_is_created(backup_file, tmp_path, damage):
    # given
    raw = bytearray(backup_file.read_bytes())
    if damage == "flip_byte":
        raw[len(raw) // 2] ^= 0x01
    elif damage == "truncate":
        raw = raw[: len(raw) - 100]
    backup_file.write_bytes(bytes(raw) if damage != "cut_last_chunk" else bytes(raw[: len(raw) // 2]))
    target = scratch_target(tmp_path)
    # when / then
    with pytest.raises(TamperedError):
        backups.backup_restore(backup_file, target=target)
    assert not target_exists(target)


def test_a_wrong_key_is_refused_with_its_own_message(backup_file, tmp_path, monkeypatch):
    # given
    monkeypatch.setenv("YORISOI_BACKUP_KEY", new_key())
    target = scratch_target(tmp_path)
    # when / then
    with pytest.raises(WrongKeyError, match="鍵が違います"):
        backups.backup_restore(backup_file, target=target)
    assert not target_exists(target)


def test_a_backup_of_another_installation_is_refused(backup_file, tmp_path):
    # given: this database now belongs to another installation
    Installation.objects.all().delete()
    Installation.objects.create()
    target = scratch_target(tmp_path)
    # when / then
    with pytest.raises(BackupError, match="別の設置先"):
        backups.backup_restore(backup_file, target=target)
    assert not target_exists(target)


def test_the_live_database_is_refused_as_target_without_force(backup_file, data, chiba):
    # given: a change after the backup
    make_inquiry(program=chiba, actor=data)
    live = str(connection.settings_dict["NAME"])
    # when / then
    with pytest.raises(BackupError, match="使用中のデータベース"):
        backups.backup_restore(backup_file, target=live)
    assert Inquiry.objects.count() == 2  # nothing was overwritten


def test_a_forced_live_restore_puts_back_the_backed_up_state(backup_file, data, chiba):
    # given: a change after the backup
    make_inquiry(program=chiba, actor=data)
    # when
    result = backups.backup_restore(backup_file, target=str(connection.settings_dict["NAME"]), force=True)
    # then
    assert result.ok
    assert Inquiry.objects.count() == 1


def test_restore_drill_restores_the_newest_backup_and_reports_the_tables(backup_file, capsys):
    # when
    call_command("restore_drill", "--dir", str(backup_file.parent))
    # then
    out = capsys.readouterr().out
    assert f"訓練: {backup_file.name}" in out
    assert "すべて一致" in out


def test_restore_drill_fails_loudly_on_a_damaged_newest_backup(backup_file):
    # given
    raw = bytearray(backup_file.read_bytes())
    raw[-5] ^= 0xFF
    backup_file.write_bytes(bytes(raw))
    # when / then
    with pytest.raises(CommandError, match="復元訓練に失敗しました"):
        call_command("restore_drill", "--dir", str(backup_file.parent))


def test_restore_drill_fails_when_there_is_no_backup(tmp_path, backup_key):
    with pytest.raises(CommandError, match="バックアップがありません"):
        call_command("restore_drill", "--dir", str(tmp_path))


def test_restore_reports_every_differing_table_and_fails(backup_file, monkeypatch):
    """A restore whose tables differ from the manifest is a failure naming each table."""
    # given: the restored copy comes back one row short
    real = engines.postgres_restore if connection.vendor == "postgresql" else engines.sqlite_restore

    def short(*args, **kwargs):
        tables = real(*args, **kwargs)
        tables["cases_case"] = {**tables["cases_case"], "rows": 0}
        return tables

    monkeypatch.setattr(engines, real.__name__, short)
    # when / then
    with pytest.raises(CommandError, match=r"cases_case: 行数が違います（バックアップ 1 行、復元先 0 行）"):
        call_command("restore", str(backup_file))


def test_without_a_key_backup_says_how_to_make_one(tmp_path, monkeypatch, db):
    monkeypatch.delenv("YORISOI_BACKUP_KEY", raising=False)
    monkeypatch.delenv("YORISOI_BACKUP_KEY_FILE", raising=False)
    with pytest.raises(CommandError, match="--new-key"):
        call_command("backup", "--dir", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_the_key_can_come_from_a_file(tmp_path, monkeypatch, data):
    key_file = tmp_path / "backup.key"
    key_file.write_text(new_key() + "\n")
    monkeypatch.delenv("YORISOI_BACKUP_KEY", raising=False)
    monkeypatch.setenv("YORISOI_BACKUP_KEY_FILE", str(key_file))
    path = backups.backup_create(directory=tmp_path / "b")
    assert backups.backup_restore(path).ok


def test_a_second_backup_the_same_day_replaces_nothing_older_than_the_schedule(backup_key, data, tmp_path):
    directory = tmp_path / "b"
    first = backups.backup_create(
        directory=directory, now=datetime.datetime(2026, 11, 1, 1, tzinfo=datetime.UTC)
    )
    second = backups.backup_create(
        directory=directory, now=datetime.datetime(2026, 11, 1, 2, tzinfo=datetime.UTC)
    )
    # the newest of the day is the day's generation, and the older one of the same day goes
    assert sorted(p.name for p in directory.glob("*.ybk")) == [second.name]
    assert not first.exists()


def test_the_backup_command_reports_the_file_and_the_generations(tmp_path, backup_key, data, capsys):
    # when
    call_command("backup", "--dir", str(tmp_path))
    # then
    files = list(tmp_path.glob("yorisoi-*.ybk"))
    assert len(files) == 1
    assert f"バックアップしました: {files[0]}（保存中の世代: 1）" in capsys.readouterr().out
    assert list(tmp_path.glob("*.part")) == []  # no half-written file is left behind


def test_new_key_prints_a_usable_key(capsys, monkeypatch, tmp_path, data):
    call_command("backup", "--new-key")
    key = capsys.readouterr().out.strip()
    monkeypatch.setenv("YORISOI_BACKUP_KEY", key)
    assert backups.backup_restore(backups.backup_create(directory=tmp_path)).ok
