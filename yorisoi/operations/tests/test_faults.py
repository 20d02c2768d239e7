"""Database faults: nothing partial is committed, the person sees a calm page with what they typed,
and the next request works once the fault is gone (no stuck connection)."""

import datetime
import sqlite3
from contextlib import closing

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client as HttpClient
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import CaseStatus, CaseStatusChange, Inquiry
from yorisoi.cases.tests.factories import make_case
from yorisoi.portal.tests.test_web_request import CONCERN, NAME, request_data
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

pytestmark = pytest.mark.django_db(transaction=True)  # real commits and real connections

postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL fault")
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="a SQLite fault")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()  # the public form's per-address limit counts every attempt


def public() -> HttpClient:
    return HttpClient(raise_request_exception=False)


def send_web_request(http, slug="chiba"):
    return http.post(reverse("portal:request_form", kwargs={"slug": slug}), request_data())


def fail_on_insert_into(table: str, error: Exception):
    """An execute wrapper: an INSERT into ``table`` fails with ``error`` (after earlier writes).

    Django's own error class: a real driver error reaches the application wrapped in it.
    """

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql:
            raise error
        return execute(sql, params, many, context)

    return wrapper


def assert_calm_page_with_typed_values(response):
    body = response.content.decode()
    assert response.status_code == 503
    assert "ただいまデータベースにつながりません" in body
    assert "まだ保存されていません" in body
    assert f'value="{NAME}"' in body  # back in the form that can be sent again
    assert f'value="{CONCERN}"' in body
    assert f"<li>{CONCERN}</li>" in body  # and shown, to keep a copy
    assert "Traceback" not in body and "OperationalError" not in body


# --- a full disk (injected) ----------------------------------------------------------------------


def test_a_full_disk_while_saving_a_web_request_commits_nothing_and_keeps_what_was_typed(programs):
    # given: the disk fills up after the inquiry row was written, at its audit entry
    http = public()
    full = OperationalError("database or disk is full")
    # when
    with connection.execute_wrapper(fail_on_insert_into("audit_accesslog", full)):
        response = send_web_request(http)
    # then: a calm page with what was typed, and no inquiry without its entry
    assert_calm_page_with_typed_values(response)
    assert Inquiry.objects.count() == 0
    assert AccessLog.objects.count() == 0
    # and the same form sent again once there is room is saved once
    again = send_web_request(http)
    assert again.status_code == 302
    assert Inquiry.objects.filter(caller_name=NAME).count() == 1


def test_a_failed_case_close_leaves_the_case_open_and_its_history_unchanged(
    chiba, chiba_counselor, client_as
):
    # given
    actor = Actor(user=chiba_counselor, program=chiba, role=Role.COUNSELOR)
    case = make_case(program=chiba, actor=actor, primary_staff=chiba_counselor)
    http = client_as(chiba_counselor)
    http.raise_request_exception = False
    form = {
        "closed_on": "2026-05-01",
        "reason": "no_longer_needed",
        "note": "本人から「もう大丈夫」と電話があった",
    }
    full = OperationalError("database or disk is full")
    # when: the status change row cannot be written
    with connection.execute_wrapper(fail_on_insert_into("cases_casestatuschange", full)):
        response = http.post(reverse("cases:close", kwargs={"case_id": case.public_id}), form)
    # then
    assert response.status_code == 503
    assert 'value="本人から「もう大丈夫」と電話があった"' in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.version) == (CaseStatus.INITIAL, None, 1)
    assert CaseStatusChange.objects.filter(case=case).count() == 1
    assert AccessLog.objects.filter(action="case.closed").count() == 0
    # and the next request works
    assert http.post(reverse("cases:close", kwargs={"case_id": case.public_id}), form).status_code == 302
    case.refresh_from_db()
    assert case.closed_on == datetime.date(2026, 5, 1)


# --- SQLite locked by another writer past the busy timeout ---------------------------------------


@sqlite_only
def test_sqlite_locked_past_the_busy_timeout_commits_nothing_and_recovers(programs):
    # given: another process holds the write lock, and our busy timeout is short
    http = public()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 200")
    with closing(sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        # when
        response = send_web_request(http)
        other.execute("ROLLBACK")
    # then
    assert_calm_page_with_typed_values(response)
    assert Inquiry.objects.count() == 0
    # and once the other writer is done, the next request works on the same connection
    assert send_web_request(http).status_code == 302
    assert Inquiry.objects.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 20000")


# --- PostgreSQL: the connection terminated mid-request, the server stopped ----------------------


@postgres_only
def test_a_connection_terminated_mid_request_commits_nothing_and_the_next_request_reconnects(programs):
    import psycopg

    # given: an administrator terminates our backend after the inquiry row was inserted
    http = public()
    settings_dict = connection.settings_dict

    def terminate_then_execute(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and '"audit_accesslog"' in sql:
            pid = context["connection"].connection.info.backend_pid
            with psycopg.connect(
                dbname=settings_dict["NAME"],
                user=settings_dict["USER"],
                password=settings_dict["PASSWORD"],
                host=settings_dict["HOST"],
                port=settings_dict["PORT"],
                autocommit=True,
            ) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return execute(sql, params, many, context)

    # when
    with connection.execute_wrapper(terminate_then_execute):
        response = send_web_request(http)
    # then
    assert_calm_page_with_typed_values(response)
    assert Inquiry.objects.count() == 0
    assert AccessLog.objects.count() == 0
    assert send_web_request(http).status_code == 302
    assert Inquiry.objects.count() == 1


@pytest.fixture
def server_stopped(monkeypatch):
    """Every new connection is refused, as when the database server is stopped."""
    wrapper = connections["default"]
    wrapper.close()

    def refuse(*args, **kwargs):
        raise wrapper.Database.OperationalError("connection refused")

    monkeypatch.setattr(wrapper, "get_new_connection", refuse)
    return monkeypatch


def test_with_the_server_stopped_a_web_request_gets_the_calm_page_with_its_text(programs, server_stopped):
    # when
    response = send_web_request(public())
    # then
    assert_calm_page_with_typed_values(response)
    # and once the server is back, the same request is saved
    server_stopped.undo()
    assert send_web_request(public()).status_code == 302
    assert Inquiry.objects.count() == 1


def test_with_the_server_stopped_a_signed_in_page_gets_the_calm_page_not_an_error(
    chiba_counselor, client_as, monkeypatch
):
    """The session itself cannot be read: the failure is in a middleware, not a view."""
    # given
    http = client_as(chiba_counselor)
    http.raise_request_exception = False
    wrapper = connections["default"]
    wrapper.close()
    real = wrapper.get_new_connection
    monkeypatch.setattr(
        wrapper, "get_new_connection", lambda *a: (_ for _ in ()).throw(wrapper.Database.OperationalError())
    )
    # when
    response = http.get(reverse("cases:list"))
    # then
    assert response.status_code == 503
    assert "ただいまデータベースにつながりません" in response.content.decode()
    # and once it is back
    monkeypatch.setattr(wrapper, "get_new_connection", real)
    assert http.get(reverse("cases:list")).status_code == 200
