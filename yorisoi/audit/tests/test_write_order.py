"""A logged page renders first, then writes its entry in a short transaction: no entry, still no page."""

import pytest
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from yorisoi.audit import shortcuts
from yorisoi.audit.guard import person_tables
from yorisoi.audit.models import AccessKind, AccessLog, AccessLogChainHead
from yorisoi.cases.models import Case
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor


def run_recorded(request):
    """``(sql, inside a transaction)`` of every statement ``request()`` runs."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, context["connection"].in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = request()
    return response, statements


def transaction_around(statements, index):
    """The statements of the transaction that ran statement ``index``."""
    start = index
    while start > 0 and statements[start - 1][1]:
        start -= 1
    end = index
    while end + 1 < len(statements) and statements[end + 1][1]:
        end += 1
    return [sql for sql, _ in statements[start : end + 1] if not sql.startswith("BEGIN")]


@pytest.mark.django_db(transaction=True)  # a real transaction per request, as in production
def test_the_page_reads_person_rows_outside_the_transaction_that_writes_its_entry(
    chiba, chiba_counselor, client_as
):
    """On SQLite a write transaction holds the one write lock: the page must not read or render in it."""
    # given
    case = make_case(program=chiba, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    http.get(reverse("programs:home"))  # the session's first page stamps it: no session write below
    tables = person_tables()
    # when
    response, statements = run_recorded(lambda: http.get(case.get_absolute_url()))
    # then
    assert response.status_code == 200
    assert case.label in response.content.decode()
    inserts = [i for i, (sql, _) in enumerate(statements) if sql.startswith('INSERT INTO "audit_accesslog"')]
    assert len(inserts) == 1
    person_reads = [
        i
        for i, (sql, _) in enumerate(statements)
        if sql.startswith("SELECT") and any(t in sql for t in tables)
    ]
    assert person_reads
    assert max(person_reads) < inserts[0]
    assert [statements[i][1] for i in person_reads] == [False] * len(person_reads)
    entry_transaction = transaction_around(statements, inserts[0])
    assert [sql.split()[0] for sql in entry_transaction] == ["UPDATE", "SELECT", "INSERT"]
    assert entry_transaction[0].startswith("UPDATE audit_accesslogchainhead")
    assert entry_transaction[1].startswith("SELECT entry_hash FROM audit_accesslog")
    assert not any(t in sql for sql in entry_transaction for t in tables)


@pytest.mark.django_db(transaction=True)
def test_render_logged_renders_outside_any_transaction_and_logs_afterwards(
    chiba, chiba_counselor, monkeypatch
):
    """The template's own reads run with no transaction open, before the entry exists."""
    # given
    case = make_case(program=chiba, actor=chiba_counselor)
    request = RequestFactory().get("/staff/somewhere/")
    request.actor = Actor(user=chiba_counselor, program=chiba, role=Role.COUNSELOR)
    seen = []

    def render_reading_rows(request, template, context):
        seen.append(
            (
                connection.in_atomic_block,
                AccessLog.objects.filter(target_id=case.public_id, action="case.view").count(),
            )
        )
        return HttpResponse(", ".join(c.label for c in Case.objects.all()))  # a lazy queryset in a template

    monkeypatch.setattr(shortcuts, "render", render_reading_rows)
    # when
    response, statements = run_recorded(
        lambda: shortcuts.render_logged(request, "any.html", {}, action="case.view", target=case)
    )
    # then
    assert response.content.decode() == case.label
    assert seen == [(False, 0)]
    assert AccessLog.objects.filter(target_id=case.public_id, action="case.view").count() == 1
    inserts = [i for i, (sql, _) in enumerate(statements) if sql.startswith('INSERT INTO "audit_accesslog"')]
    reads = [i for i, (sql, _) in enumerate(statements) if sql.startswith("SELECT") and '"cases_case"' in sql]
    assert len(inserts) == 1 and len(reads) == 1 and reads[0] < inserts[0]


@pytest.mark.django_db(transaction=True)
def test_a_rendered_page_whose_entry_fails_is_not_shown_and_leaves_nothing(
    chiba, chiba_counselor, monkeypatch
):
    """Rendered, but without its entry the page is thrown away: the error page, no data, no link taken."""
    # given
    case = make_case(program=chiba, actor=chiba_counselor)
    before = (AccessLog.objects.count(), list(AccessLogChainHead.objects.values_list("program_id", "seq")))
    rendered = []
    real_render = shortcuts.render

    def render_then_note(*args, **kwargs):
        response = real_render(*args, **kwargs)
        rendered.append(response)
        return response

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(shortcuts, "render", render_then_note)
    monkeypatch.setattr(AccessLog.objects, "create", broken)
    http = Client(raise_request_exception=False)
    http.force_login(chiba_counselor, backend="django.contrib.auth.backends.ModelBackend")
    # when
    response = http.get(case.get_absolute_url())
    # then
    assert len(rendered) == 1 and case.label in rendered[0].content.decode()
    assert response.status_code == 503
    assert case.label not in response.content.decode()
    assert case.client.display_name not in response.content.decode()
    after = (AccessLog.objects.count(), list(AccessLogChainHead.objects.values_list("program_id", "seq")))
    assert after == before
    assert not AccessLog.objects.filter(target_id=case.public_id, kind=AccessKind.VIEW).exists()
