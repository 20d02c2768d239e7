"""The access log is a hash chain per program, guarded by the database itself."""

import datetime
import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit import db_guard
from yorisoi.audit.chain import GENESIS, verify_chain
from yorisoi.audit.models import AccessLog, AccessLogChainHead
from yorisoi.audit.services import audit_record


def write_entries(program, actor, count: int) -> list[AccessLog]:
    with transaction.atomic():
        return [audit_record(actor=actor, action="case.list", program=program) for _ in range(count)]


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))


def test_each_entry_links_to_the_one_before_it_in_its_own_program(chiba, urayasu, chiba_manager, staff):
    # given entries written in both programs, interleaved
    urayasu_manager = staff("urayasu", "manager")
    write_entries(chiba, chiba_manager, 2)
    write_entries(urayasu, urayasu_manager, 1)
    write_entries(chiba, chiba_manager, 1)
    # then each program counts its own links from 1, each sealed over the previous one
    chain = list(AccessLog.objects.filter(program=chiba).order_by("seq"))
    assert [e.seq for e in chain] == [1, 2, 3]
    assert [e.prev_hash for e in chain] == [GENESIS, chain[0].entry_hash, chain[1].entry_hash]
    assert len({e.entry_hash for e in chain}) == 3
    assert list(AccessLog.objects.filter(program=urayasu).values_list("seq", flat=True)) == [1]
    assert AccessLogChainHead.objects.get(program=chiba).seq == 3
    verification = verify_chain(chiba)
    assert (verification.ok, verification.checked, verification.broken_seq) == (True, 3, None)


def test_an_entry_edited_below_the_app_is_named_as_the_first_broken_link(chiba, chiba_manager):
    # given a chain of four, and the owner who drops the triggers and edits the second entry
    entries = write_entries(chiba, chiba_manager, 4)
    db_guard.drop_triggers(connection)
    raw("UPDATE audit_accesslog SET reason = 'looked for a friend' WHERE id = %s", [entries[1].pk])
    # when the chain is verified
    verification = verify_chain(chiba)
    # then the second link is named
    assert (verification.ok, verification.broken_seq, verification.broken_entry_id) == (
        False,
        2,
        entries[1].pk,
    )
    assert verification.problem == "2 番の記録の内容が書き込まれたときと違います（変更された可能性）。"


def test_a_back_dated_entry_edited_below_the_app_is_named(chiba, chiba_manager):
    entries = write_entries(chiba, chiba_manager, 3)
    db_guard.drop_triggers(connection)
    AccessLog.objects.filter(pk=entries[2].pk).values("id")  # nothing changed yet
    raw(
        "UPDATE audit_accesslog SET occurred_at = %s WHERE id = %s",
        [entries[2].occurred_at - datetime.timedelta(days=30), entries[2].pk],
    )
    assert verify_chain(chiba).broken_seq == 3


def test_an_entry_deleted_below_the_app_is_named(chiba, chiba_manager):
    entries = write_entries(chiba, chiba_manager, 4)
    db_guard.drop_triggers(connection)
    raw("DELETE FROM audit_accesslog WHERE id = %s", [entries[1].pk])
    verification = verify_chain(chiba)
    assert (verification.broken_seq, verification.broken_entry_id) == (2, entries[2].pk)
    assert verification.problem == "2 番の記録がありません（削除された可能性）。"


def test_entries_cut_off_the_end_are_noticed_by_the_head(chiba, chiba_manager):
    entries = write_entries(chiba, chiba_manager, 3)
    db_guard.drop_triggers(connection)
    raw("DELETE FROM audit_accesslog WHERE id = %s", [entries[2].pk])
    verification = verify_chain(chiba)
    assert (verification.ok, verification.checked, verification.broken_seq) == (False, 2, 3)


def test_an_entry_inserted_below_the_app_is_named(chiba, chiba_manager):
    # given a chain of three and a forged fourth entry that copies the look of a real one
    entries = write_entries(chiba, chiba_manager, 3)
    db_guard.drop_triggers(connection)
    raw(
        "INSERT INTO audit_accesslog (occurred_at, program_id, actor_id, kind, action, target_type, "
        "subject_label, reason, data, seq, prev_hash, entry_hash) "
        "VALUES (%s, %s, %s, 'view', 'case.list', 'case', '', '', '{}', 4, %s, %s)",
        [timezone.now(), chiba.pk, chiba_manager.pk, entries[2].entry_hash, "f" * 64],
    )
    raw("UPDATE audit_accesslogchainhead SET seq = 4 WHERE program_id = %s", [chiba.pk])
    assert verify_chain(chiba).broken_seq == 4


def test_an_unnumbered_entry_inserted_below_the_app_is_named(chiba, chiba_manager):
    write_entries(chiba, chiba_manager, 2)
    raw(
        "INSERT INTO audit_accesslog (program_id, kind, action, target_type, subject_label, reason, data, "
        "prev_hash, entry_hash) "
        "VALUES (%s, 'view', 'case.list', 'case', '', '', '{}', '', '')",
        [chiba.pk],
    )
    verification = verify_chain(chiba)
    assert verification.ok is False
    assert verification.problem == "通し番号のない記録があります（アプリの外から追加）。"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accesslog SET reason = 'tampered' WHERE id = %s",
        "DELETE FROM audit_accesslog WHERE id = %s",
    ],
)
def test_the_database_refuses_update_and_delete(chiba, chiba_manager, sql):
    entry = write_entries(chiba, chiba_manager, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(sql, [entry.pk])
    entry.refresh_from_db()
    assert (entry.reason, AccessLog.objects.filter(program=chiba).count()) == ("", 1)


def test_the_database_refuses_a_back_dated_entry(chiba, chiba_manager):
    """The time is the database's: a caller cannot write an entry dated yesterday."""
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.create(
            program=chiba,
            actor=chiba_manager,
            kind="view",
            action="case.list",
            target_type="case",
            occurred_at=timezone.now() - datetime.timedelta(days=1),
        )
    assert AccessLog.objects.filter(program=chiba).count() == 0


def test_an_entry_without_a_time_gets_the_databases_clock(chiba, chiba_manager):
    before = timezone.now()
    entry = write_entries(chiba, chiba_manager, 1)[0]
    entry.refresh_from_db()
    assert abs((entry.occurred_at - before).total_seconds()) < 5


def test_the_triggers_survive_the_migrations_and_come_back_after_a_table_rebuild(db):
    expected = (
        set(db_guard.SQLITE_TRIGGERS) if connection.vendor == "sqlite" else set(db_guard.POSTGRESQL_TRIGGERS)
    )
    # given the migrated database: every guard is in place
    assert db_guard.installed_triggers(connection) == expected
    # when a table rebuild drops them (what altering a field does on SQLite) and migrate runs again
    db_guard.drop_triggers(connection)
    assert db_guard.installed_triggers(connection) == set()
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    # then they are back
    assert db_guard.installed_triggers(connection) == expected


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain(chiba, chiba_manager):
    """Two writers at once: each takes the next number in turn, none is lost or doubled."""

    def writer():
        try:
            for _ in range(10):
                write_entries(chiba, chiba_manager, 1)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(
        AccessLog.objects.filter(program=chiba).order_by("seq").values_list("seq", flat=True)
    ) == list(range(1, 21))
    assert verify_chain(chiba).ok


def test_the_manager_sees_the_chain_whole(chiba, chiba_manager, client_as):
    write_entries(chiba, chiba_manager, 3)
    body = client_as(chiba_manager).get(reverse("audit:verify")).content.decode()
    assert "記録 3 件は、書き込まれたときのまま途切れずにつながっています。" in body


def test_the_manager_is_told_the_first_broken_link(chiba, chiba_manager, client_as):
    entries = write_entries(chiba, chiba_manager, 3)
    db_guard.drop_triggers(connection)
    raw("UPDATE audit_accesslog SET subject_label = 'C-9999' WHERE id = %s", [entries[1].pk])
    body = client_as(chiba_manager).get(reverse("audit:verify")).content.decode()
    assert "2 番の記録の内容が書き込まれたときと違います（変更された可能性）。" in body
    assert "それより前の 1 件は、書き込まれたときのままです。" in body


@pytest.mark.parametrize("role", ["counselor", "clerk", "city_officer"])
def test_only_managers_verify(staff, client_as, role):
    assert client_as(staff("chiba", role)).get(reverse("audit:verify")).status_code == 404


def test_generated_history_is_numbered_and_sealed_into_the_chain(chiba, chiba_manager):
    """The benchmark writes years of past entries below the app; chain_history links them."""
    from yorisoi.audit.chain import chain_history

    # given two live entries and, written by the owner with the guards lifted, two from last year
    write_entries(chiba, chiba_manager, 2)
    db_guard.drop_triggers(connection)
    for days in (400, 300):
        raw(
            "INSERT INTO audit_accesslog (occurred_at, program_id, kind, action, target_type,"
            " subject_label, reason, data, prev_hash, entry_hash)"
            " VALUES (%s, %s, 'view', 'case.list', 'case', '', '', '{}', '', '')",
            [timezone.now() - datetime.timedelta(days=days), chiba.pk],
        )
    # when they are chained
    assert chain_history(chiba.pk) == 2
    db_guard.ensure_triggers(connection)
    # then the chain holds all four, the old ones after the live ones
    assert verify_chain(chiba) == verify_chain(chiba).__class__(checked=4, head_seq=4)
