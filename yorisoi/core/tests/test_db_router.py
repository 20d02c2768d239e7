"""The replica router: reads go to the replica only where the code asked, and never writes.

The real thing (a streaming standby answering the report) is reports/tests/test_replica.py.
"""

import pytest
from django.db import transaction
from django.test import RequestFactory

from yorisoi.cases.models import Case
from yorisoi.core import db_router
from yorisoi.core.db_router import ReplicaRouter, reads_from_replica

router = ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def test_a_get_inside_reads_from_replica_reads_the_replica_and_writes_the_primary(with_replica):
    with reads_from_replica(RequestFactory().get("/staff/reports/chiba/")):
        assert router.db_for_read(Case) == "replica"
        assert router.db_for_write(Case) == "default"
    # and outside it, the primary
    assert router.db_for_read(Case) is None


def test_a_post_reads_its_own_writes_from_the_primary(with_replica):
    with reads_from_replica(RequestFactory().post("/staff/reports/chiba/")):
        assert router.db_for_read(Case) is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_stay_there(with_replica):
    with reads_from_replica(RequestFactory().get("/")), transaction.atomic():
        assert router.db_for_read(Case) is None


def test_without_a_replica_nothing_changes():
    with reads_from_replica(RequestFactory().get("/")):
        assert router.db_for_read(Case) is None


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "cases")
    assert not router.allow_migrate("replica", "cases")
