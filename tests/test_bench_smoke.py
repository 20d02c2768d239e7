"""The benchmark runs: tiny generated data, every page once, figures printed and never asserted as times.

In-process on the test database of this pass (SQLite or PostgreSQL, created and dropped by the test
runner), so it costs no migrate of its own. On PostgreSQL the history is written with COPY, the
path scale M and L use, so CI exercises it too.
"""

import argparse

import pytest
from django.core.management import call_command
from django.db import connection
from django_scopes import scopes_disabled

from bench.comparison import ADMIN, CASE_LIST, FLOOR, render_comparison
from bench.generate import SCALES, generate
from bench.output import render_table
from bench.run import time_pages
from bench.scenarios import SCENARIOS
from yorisoi.audit.chain import verify_chain
from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.programs.models import Program

pytestmark = pytest.mark.django_db


def test_bench_at_tiny_scale_gives_every_page_a_row_with_its_query_count(settings, capsys):
    settings.ROOT_URLCONF = "bench.urls"
    counts = generate(scale=SCALES["T"], seed=7, use_copy=connection.vendor == "postgresql")

    with scopes_disabled():
        assert Case.objects.count() == SCALES["T"].persons
        assert ConsultationRecord.objects.count() == counts["consultations.consultationrecord"]
        # The generated log is sealed into each program's chain as the application seals it.
        assert [verify_chain(p).problem for p in Program.objects.order_by("pk")] == ["", ""]

    _program, _subjects, results = time_pages(argparse.Namespace(warmup=0, repeat=1, only=None, memory=False))
    rows = dict(results)
    with capsys.disabled():
        print("\n" + render_table(results) + "\n\n" + render_comparison(rows))

    assert [name for name, _r in results] == [
        *[s.name for s in SCENARIOS[:2]],
        CASE_LIST,
        FLOOR,
        ADMIN,
        *[s.name for s in SCENARIOS[3:]],
    ]
    without_figures = {name: r for name, r in results if not isinstance(r.get("queries"), int)}
    assert without_figures == {}
    assert all(rows[name]["queries"] > 0 for name in (CASE_LIST, FLOOR, ADMIN))


def _generated(workers: int) -> tuple[dict[str, int], list[str]]:
    counts = generate(scale=SCALES["T"], seed=7, use_copy=True, workers=workers)
    with scopes_disabled():
        assert Case.objects.count() == SCALES["T"].persons
        assert AccessLog.objects.count() == counts["audit.accesslog"] > SCALES["T"].records
        assert [verify_chain(p).problem for p in Program.objects.order_by("pk")] == ["", ""]
        last = AccessLog.objects.order_by("program_id", "-seq").distinct("program_id")
        return counts, list(last.values_list("entry_hash", flat=True))


@pytest.mark.django_db(transaction=True)
def test_generating_in_worker_processes_gives_the_same_rows_as_in_process():
    if connection.vendor != "postgresql":
        pytest.skip("worker processes write with COPY, on PostgreSQL")
    # Both runs start from empty tables with their id sequences reset: the log holds staff ids.
    call_command("flush", interactive=False, verbosity=0)
    in_process = _generated(workers=1)
    call_command("flush", interactive=False, verbosity=0)

    # Chunks draw from their own seeded sources and the chain seals every entry over the one
    # before, so the same last hashes mean the same access log, entry for entry.
    assert _generated(workers=2) == in_process
