import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yorisoi.programs.tests.factories import TEST_PASSWORD

GENERIC = "ユーザー名またはパスワードが違います"


def post_login(http, username, password):
    return http.post(reverse("accounts:login"), {"username": username, "password": password})


def test_consultant_logs_in_and_lands_on_the_program_home(chiba_counselor):
    http = Client()
    response = post_login(http, chiba_counselor.username, TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:home")
    assert "043-204-1606" in http.get(reverse("programs:home")).content.decode()


def test_wrong_password_and_unknown_user_get_the_same_answer(chiba_counselor):
    """Login errors never reveal whether a user exists."""
    wrong_password = post_login(Client(), chiba_counselor.username, "not-the-password")
    unknown_user = post_login(Client(), "nobody-here", "not-the-password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert GENERIC in wrong_password.content.decode()
    assert wrong_password.context["form"].errors == unknown_user.context["form"].errors


def test_login_form_keeps_the_username_typed(chiba_counselor):
    page = post_login(Client(), "typed-name", "x").content.decode()
    assert 'value="typed-name"' in page


def test_empty_login_says_what_to_fill_in(db):
    page = post_login(Client(), "", "").content.decode()
    assert "ユーザー名を入力してください。" in page
    assert "パスワードを入力してください。" in page


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_with_the_right_password(chiba_counselor, settings):
    settings.AXES_ENABLED = True
    http = Client()
    for _ in range(5):
        post_login(http, chiba_counselor.username, "wrong")
    response = post_login(http, chiba_counselor.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert "しばらくログインできません" in response.content.decode()


def test_an_idle_session_ends_and_asks_to_log_in_again(chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    assert http.get(reverse("programs:home")).status_code == 200
    # when the 30 idle minutes have passed
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    # then the next page asks to log in again
    response = http.get(reverse("programs:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_request_after_the_stamps_minute_pushes_the_sessions_expiry_ahead(chiba_counselor, client_as):
    """The row lives the idle half hour plus the minute its stamp may lag (the middleware ends it exactly)."""
    with time_machine.travel(datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        http = client_as(chiba_counselor)
        http.get(reverse("programs:home"))
        clock.shift(datetime.timedelta(seconds=61))
        http.get(reverse("programs:home"))
        remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining == datetime.timedelta(minutes=31)
