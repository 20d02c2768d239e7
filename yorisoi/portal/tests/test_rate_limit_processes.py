"""The rate limit holds across worker processes: two real processes share one count."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from yorisoi.cases.models import Inquiry
from yorisoi.portal import rate_limit
from yorisoi.portal.tests.test_web_request import request_data

ROOT = Path(__file__).resolve().parents[3]
WORKER = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from django.conf import settings
settings.DATABASES["default"]["NAME"] = sys.argv[1]
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(REMOTE_ADDR="192.0.2.77")
data = json.loads(sys.argv[2])
print(json.dumps([client.post("/programs/urayasu/request/", data).status_code for _ in range(3)]))
"""


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_share_one_count_per_address(urayasu):
    # given a limit of three requests an hour per address, and two worker processes on the same database
    limit = rate_limit.REQUEST_PER_ADDRESS.max_count
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [connection.settings_dict["NAME"], json.dumps(request_data())]
    # when the same address sends three requests to each process, at the same time
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    codes = sorted(code for worker in workers for code in json.loads(worker.communicate(timeout=120)[0]))
    caches["ratelimit"].clear()  # the transactional test leaves no counts behind
    # then exactly three got in between them, and the other three were asked to wait
    assert codes == [302] * limit + [429] * limit
    assert Inquiry.objects.filter(program=urayasu).count() == limit
