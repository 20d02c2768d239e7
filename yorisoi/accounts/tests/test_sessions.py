import datetime

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yorisoi.accounts.models import SecurityEvent, StaffSession
from yorisoi.programs.tests.factories import TEST_PASSWORD

START = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC)


def log_in(user, browser="Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36") -> Client:
    http = Client(HTTP_USER_AGENT=browser)
    response = http.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("programs:home")
    return http


def test_polling_panels_do_not_keep_an_idle_session_alive(chiba_counselor):
    with time_machine.travel(START, tick=False) as clock:
        http = log_in(chiba_counselor)
        # given a page left open that polls its panel every minute for 31 minutes
        for _ in range(31):
            clock.shift(datetime.timedelta(seconds=60))
            http.get(reverse("cases:urgent_panel"), headers={"HX-Request": "true"})
        # when the person next clicks
        response = http.get(reverse("programs:home"))
    # then the session has ended and asks to log in again
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in http.session


def test_a_persons_action_keeps_the_session_alive(chiba_counselor):
    with time_machine.travel(START, tick=False) as clock:
        http = log_in(chiba_counselor)
        for _ in range(3):
            clock.shift(datetime.timedelta(minutes=20))
            assert http.get(reverse("programs:home")).status_code == 200


def test_a_session_ends_ten_hours_after_login_however_busy(chiba_counselor):
    with time_machine.travel(START, tick=False) as clock:
        http = log_in(chiba_counselor)
        for _ in range(20):
            clock.shift(datetime.timedelta(minutes=29))
            last = http.get(reverse("programs:home"))
        # 20 × 29 min = 9 h 40 min: still working
        assert last.status_code == 200
        clock.shift(datetime.timedelta(minutes=21))
        response = http.get(reverse("programs:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_staff_member_sees_their_own_sessions_and_ends_one(chiba_counselor, staff):
    office = log_in(chiba_counselor)
    phone = log_in(chiba_counselor, browser="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")
    someone_else = log_in(staff("chiba", "counselor"))
    page = office.get(reverse("accounts:sessions"))
    rows = page.context["rows"]
    assert [(r.browser, r.is_current) for r in rows] == [
        ("Safari（iPhone）", False),
        ("Chrome（Windows）", True),
    ]
    # when the office ends the phone's session
    office.post(reverse("accounts:session_end", kwargs={"public_id": rows[0].public_id}))
    # then the phone is logged out, the office and the colleague are not
    assert phone.get(reverse("programs:home"))["Location"].startswith(reverse("accounts:login"))
    assert office.get(reverse("programs:home")).status_code == 200
    assert someone_else.get(reverse("programs:home")).status_code == 200
    assert SecurityEvent.objects.filter(action="session.end", subject_user=chiba_counselor).count() == 1


def test_nobody_ends_anothers_session(chiba_counselor, staff):
    mine = log_in(chiba_counselor)
    other_user = staff("chiba", "counselor")
    theirs = log_in(other_user)
    their_row = StaffSession.objects.get(user=other_user)
    response = mine.post(reverse("accounts:session_end", kwargs={"public_id": their_row.public_id}))
    assert response.status_code == 404
    assert theirs.get(reverse("programs:home")).status_code == 200
    assert StaffSession.objects.get(pk=their_row.pk).ended_at is None


def test_changing_the_password_needs_the_current_one_and_logs_out_everywhere_else(chiba_counselor):
    office, phone = log_in(chiba_counselor), log_in(chiba_counselor)
    # the page first asks for the current password
    assert office.get(reverse("accounts:password_change"))["Location"].startswith(reverse("accounts:reauth"))
    office.post(reverse("accounts:reauth"), {"password": TEST_PASSWORD})
    new = "a-new-long-passphrase-2026"
    response = office.post(reverse("accounts:password_change"), {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("accounts:security")
    chiba_counselor.refresh_from_db()
    assert chiba_counselor.check_password(new)
    assert office.get(reverse("programs:home")).status_code == 200
    assert phone.get(reverse("programs:home"))["Location"].startswith(reverse("accounts:login"))
    assert Session.objects.count() == 1
    assert SecurityEvent.objects.filter(action="password.change", subject_user=chiba_counselor).count() == 1


def test_a_wrong_current_password_changes_nothing(chiba_counselor):
    http = log_in(chiba_counselor)
    page = http.post(reverse("accounts:reauth"), {"password": "not-it"}).content.decode()
    assert "パスワードが違います。" in page
    response = http.post(
        reverse("accounts:password_change"), {"new_password1": "x" * 20, "new_password2": "x" * 20}
    )
    assert response["Location"].startswith(reverse("accounts:reauth"))
    chiba_counselor.refresh_from_db()
    assert chiba_counselor.check_password(TEST_PASSWORD)


def test_disabling_a_staff_member_in_the_admin_logs_them_out_everywhere(chiba_counselor, staff, client_as):
    sysadmin = staff("chiba", "manager", is_system_admin=True, is_staff=True, is_superuser=True)
    office, phone = log_in(chiba_counselor), log_in(chiba_counselor)
    admin = client_as(sysadmin)
    change = admin.get(reverse("admin:accounts_user_change", args=[chiba_counselor.pk]))
    data = {k: v for k, v in change.context["adminform"].form.initial.items() if v is not None}
    data.update({"is_active": "", "date_joined_0": "2026-11-01", "date_joined_1": "09:00:00"})
    data = {
        k: v for k, v in data.items() if k not in ("groups", "user_permissions", "last_login", "password")
    }
    response = admin.post(reverse("admin:accounts_user_change", args=[chiba_counselor.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert StaffSession.objects.filter(user=chiba_counselor, ended_at__isnull=True).count() == 0
    assert Session.objects.filter(expire_date__gt=timezone.now()).count() == 1  # the admin's own
    for http in (office, phone):
        assert http.get(reverse("programs:home"))["Location"].startswith(reverse("accounts:login"))
    change_event = SecurityEvent.objects.get(action="user.change", subject_user=chiba_counselor)
    assert (change_event.actor, change_event.data) == (sysadmin, {"is_active": False})


def test_a_password_set_in_the_admin_logs_the_staff_member_out_everywhere(chiba_counselor, staff, client_as):
    sysadmin = staff("chiba", "manager", is_system_admin=True, is_staff=True, is_superuser=True)
    office = log_in(chiba_counselor)
    new = "set-by-the-admin-2026"
    url = reverse("admin:auth_user_password_change", args=[chiba_counselor.pk])
    response = client_as(sysadmin).post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    assert office.get(reverse("programs:home"))["Location"].startswith(reverse("accounts:login"))
    assert StaffSession.objects.filter(user=chiba_counselor, ended_at__isnull=True).count() == 0
    assert SecurityEvent.objects.filter(action="password.change", actor=sysadmin).count() == 1


def test_the_sessions_page_costs_the_same_queries_however_many_sessions(
    chiba_counselor, django_assert_num_queries
):
    http = log_in(chiba_counselor)
    for _ in range(5):
        log_in(chiba_counselor)
    # session, user, memberships, the open rows, their session rows (no session save: stamped at login)
    with django_assert_num_queries(5):
        assert len(http.get(reverse("accounts:sessions")).context["rows"]) == 6


def session_updates(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "django_session"')]


def test_a_page_within_a_minute_of_the_last_stamp_does_not_write_the_session(
    chiba_counselor, django_assert_max_num_queries
):
    """The session row is written at most once a minute, not on every page."""
    with time_machine.travel(START, tick=False) as clock:
        http = log_in(chiba_counselor)
        # given the stamp written at login, 59 seconds ago
        clock.shift(datetime.timedelta(seconds=59))
        # when a staff page is opened
        with django_assert_max_num_queries(100) as within_the_minute:
            assert http.get(reverse("programs:home")).status_code == 200
        # then the session was not written; a minute after the stamp, it is (once)
        assert session_updates(within_the_minute.captured_queries) == []
        clock.shift(datetime.timedelta(seconds=1))
        with django_assert_max_num_queries(100) as after_the_minute:
            assert http.get(reverse("programs:home")).status_code == 200
        assert len(session_updates(after_the_minute.captured_queries)) == 1


def test_the_idle_limit_counts_from_the_last_action_to_the_second(chiba_counselor):
    """An action between two stamps still counts: the session ends 30 minutes after it, not before."""
    with time_machine.travel(START, tick=False) as clock:
        http = log_in(chiba_counselor)
        clock.shift(datetime.timedelta(seconds=50))  # an action the session row does not record
        assert http.get(reverse("programs:home")).status_code == 200
        clock.shift(datetime.timedelta(minutes=30))  # exactly 30 idle minutes after it
        assert http.get(reverse("programs:home")).status_code == 200
        clock.shift(datetime.timedelta(minutes=30, seconds=1))
        response = http.get(reverse("programs:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_an_activity_cookie_of_another_session_does_not_keep_this_one_alive(chiba_counselor, staff):
    """The cookie is signed with its session's key: carried to another session it is ignored."""
    with time_machine.travel(START, tick=False) as clock:
        idle = log_in(chiba_counselor)
        busy = log_in(staff("chiba", "counselor"))
        clock.shift(datetime.timedelta(minutes=20))
        busy.get(reverse("programs:home"))
        idle.cookies["yorisoi_activity"] = busy.cookies["yorisoi_activity"].value
        clock.shift(datetime.timedelta(minutes=10, seconds=1))  # 30 min 1 s after the idle one's login
        response = idle.get(reverse("programs:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
