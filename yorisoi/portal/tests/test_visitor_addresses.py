"""A public visitor's address is kept only as long as the rate limit needs it."""

import datetime
import io

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Inquiry
from yorisoi.portal import rate_limit
from yorisoi.portal.tests.test_web_request import send

ADDRESS = "203.0.113.45"


def cache_rows() -> list[tuple[str, str]]:
    table = connection.ops.quote_name(caches["ratelimit"]._table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, value FROM {table}")
        return cursor.fetchall()


def test_the_request_and_its_log_entry_keep_no_address(urayasu):
    # when a visitor sends a web request
    assert send(HttpClient(REMOTE_ADDR=ADDRESS)).status_code == 302
    # then the access log entry of its creation has no address, and the counts hold none in clear
    inquiry = Inquiry.objects.get()
    entries = AccessLog.objects.filter(target_id=inquiry.public_id)
    assert list(entries.values_list("ip_address", flat=True)) == [None]
    assert [row for row in cache_rows() if ADDRESS in "".join(row)] == []
    assert len(cache_rows()) == 2  # the address's count and the program's


def test_counts_are_purged_once_their_window_has_passed(urayasu, monkeypatch):
    # given a visitor's counts (their address's and the program's)
    send(HttpClient(REMOTE_ADDR=ADDRESS))
    # when the purge runs within the hour, they stay: the limit still needs them
    assert rate_limit.purge_expired_counts() == 0
    assert len(cache_rows()) == 2
    # when it runs an hour and a half later
    later = timezone.now() + datetime.timedelta(minutes=90)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("purge_visitor_addresses", stdout=io.StringIO())
    # then nothing of the visitor is left
    assert cache_rows() == []


def test_the_privacy_notice_says_how_long_addresses_are_kept(client, programs):
    body = client.get(reverse("portal:privacy")).content.decode()
    assert "IPアドレス）を、元に戻せない形に変えて、1時間だけ数えます。その後は消します。" in body
