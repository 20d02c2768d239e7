"""One rule for the client's address: the access log, the rate limits and the login lockout share it."""

import pytest
from django.test import Client as HttpClient
from django.test import RequestFactory
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case
from yorisoi.core.client_address import client_address
from yorisoi.programs.tests.factories import TEST_PASSWORD

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("hops", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", None, "192.0.2.1"),
        (0, "192.0.2.1", "198.51.100.7", "192.0.2.1"),  # no proxy: the header is the client's own words
        (1, PROXY, "198.51.100.7", "198.51.100.7"),  # the proxy appended the client
        (1, PROXY, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # a forged entry on the left is ignored
        (2, PROXY, "203.0.113.9, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (1, PROXY, "unknown", PROXY),  # garbage where the client should be: the proxy, never an error
        (1, PROXY, "198.51.100.7, unknown", PROXY),
        (1, PROXY, "", PROXY),
        (1, PROXY, " 2001:DB8::1 ", "2001:db8::1"),
        (1, PROXY, "198.51.100.7:8080", PROXY),
        (0, "not-an-address", None, None),
        (2, PROXY, "198.51.100.7", PROXY),  # fewer entries than proxies: the request came round them
    ],
)
def test_the_client_is_the_entry_the_nearest_trusted_proxy_wrote(settings, hops, remote, forwarded, expected):
    settings.YORISOI_TRUSTED_PROXIES = hops
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    assert client_address(RequestFactory().get("/", **meta)) == expected


def test_garbage_forwarded_for_on_a_logged_page_is_not_an_error(chiba, chiba_counselor, client_as, settings):
    """On PostgreSQL ``unknown`` once reached the inet column and every logged page failed."""
    settings.YORISOI_TRUSTED_PROXIES = 1
    case = make_case(program=chiba, actor=chiba_counselor)
    response = client_as(chiba_counselor).get(
        case.get_absolute_url(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="unknown"
    )
    assert response.status_code == 200
    entry = AccessLog.objects.get(subject_id=case.public_id, action="case.view")
    assert entry.ip_address == PROXY


def test_a_garbage_forwarded_header_on_the_public_request_is_not_an_error(urayasu, settings):
    from yorisoi.portal.tests.test_web_request import send

    settings.YORISOI_TRUSTED_PROXIES = 1
    http = HttpClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="unknown, <script>")
    assert send(http).status_code == 302


@pytest.mark.django_db
def test_the_lockout_is_keyed_on_the_client_not_the_proxy(chiba_counselor, settings):
    """Behind one proxy, someone failing five times locks out themselves, not every colleague."""
    settings.AXES_ENABLED = True
    settings.YORISOI_TRUSTED_PROXIES = 1
    login = reverse("accounts:login")
    attacker = HttpClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    colleague = HttpClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    # given five failures for this username from one client
    for _ in range(5):
        attacker.post(login, {"username": chiba_counselor.username, "password": "wrong"})
    # when the real user logs in through the same proxy from their own machine
    response = colleague.post(login, {"username": chiba_counselor.username, "password": TEST_PASSWORD})
    # then they get in, and the attacker's address stays locked
    assert response.status_code == 302
    locked = attacker.post(login, {"username": chiba_counselor.username, "password": TEST_PASSWORD})
    assert locked.status_code == 429
