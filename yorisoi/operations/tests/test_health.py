"""The health check at /healthz: 200 or 503, one word, nothing else; exempt from login, MFA, programs."""

import pytest
from django.db import connections
from django.test import Client as HttpClient

from yorisoi.accounts import mfa
from yorisoi.operations import health

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    """Every new connection is refused, as when the database server is stopped."""
    connection = connections["default"]
    connection.close()

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "get_new_connection", refuse)
    yield
    monkeypatch.undo()


def test_healthy_answers_200_ok_and_nothing_else(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # SELECT 1; the migrations table exists; applied migrations
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain"
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db(transaction=True)  # a real connection to close, outside the test's transaction
def test_database_down_answers_503_without_details(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable"


@pytest.mark.django_db(transaction=True)
def test_the_next_check_after_the_database_returns_is_200(client, monkeypatch):
    # given: one failed check
    connection = connections["default"]
    connection.close()
    real = connection.get_new_connection
    monkeypatch.setattr(
        connection,
        "get_new_connection",
        lambda *a: (_ for _ in ()).throw(connection.Database.OperationalError()),
    )
    assert client.get("/healthz").status_code == 503
    # when: the database is back
    monkeypatch.setattr(connection, "get_new_connection", real)
    # then
    assert client.get("/healthz").status_code == 200


def test_an_unapplied_migration_answers_503(client, monkeypatch):
    on_disk = health.migrations_on_disk() | {("cases", "9999_not_yet_applied")}
    monkeypatch.setattr(health, "migrations_on_disk", lambda: on_disk)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"unavailable")


def test_low_disk_space_answers_503(client, settings):
    settings.YORISOI_HEALTH_MIN_FREE_MB = 10**12  # more than any disk has
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"unavailable")


def test_a_staff_member_halfway_through_mfa_gets_the_check_not_a_redirect(client_as, chiba_counselor):
    http = client_as(chiba_counselor)
    session = http.session
    session[mfa.SESSION_KEY] = mfa.VERIFY
    session.save()
    response = http.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_a_load_balancer_calling_by_address_is_answered():
    response = HttpClient(HTTP_HOST="10.0.0.12").get("/healthz")
    assert response.status_code == 200


def test_other_methods_are_refused(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
