"""A large file is written in a background thread while the page polls the batch's progress."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yorisoi.cases.models import Case
from yorisoi.imports import views
from yorisoi.imports.models import BatchStatus, ImportBatch
from yorisoi.imports.tests.workbooks import messy_workbook

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_file_is_written_in_the_background_and_the_progress_fragment_follows_it(
    client_as, manager, monkeypatch
):
    # given every file counts as large, and an uploaded workbook
    monkeypatch.setattr(views, "INLINE_BYTES", 0)
    http = client_as(manager)
    detail = http.post("/staff/imports/", {"file": SimpleUploadedFile("大きい.xlsx", messy_workbook())})[
        "Location"
    ]
    # when the manager confirms
    response = http.post(detail + "confirm/")
    # then the page answers at once with a progress bar that polls
    assert response.status_code == 200
    body = response.content.decode()
    assert 'hx-get="' + detail + 'progress/"' in body and 'hx-trigger="every 1s"' in body
    batch = ImportBatch.objects.get()
    for _ in range(600):
        batch.refresh_from_db()
        if batch.status == BatchStatus.DONE:
            break
        time.sleep(0.1)
    assert (batch.status, batch.rows_done, batch.rows_total) == (BatchStatus.DONE, 10, 10)
    assert Case.objects.count() == 2
    # and the polled fragment shows 100% and stops polling
    fragment = http.get(detail + "progress/").content.decode()
    assert 'value="100"' in fragment
    assert "hx-trigger" not in fragment
