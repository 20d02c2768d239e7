import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from yorisoi.accounts.models import AppendOnlyError, SecurityEvent
from yorisoi.accounts.security_events import security_event_record
from yorisoi.programs.models import Role


@pytest.fixture
def sysadmin(staff):
    return staff("chiba", Role.MANAGER, is_system_admin=True, is_staff=True, is_superuser=True)


def admin_form_data(http, user) -> dict:
    change = http.get(reverse("admin:accounts_user_change", args=[user.pk]))
    data = {k: v for k, v in change.context["adminform"].form.initial.items() if v not in (None, False)}
    data = {
        k: v for k, v in data.items() if k not in ("groups", "user_permissions", "last_login", "password")
    }
    return data | {"date_joined_0": "2026-11-01", "date_joined_1": "09:00:00"}


def test_making_someone_a_system_admin_in_the_admin_is_recorded(sysadmin, chiba_counselor, client_as):
    http = client_as(sysadmin)
    data = admin_form_data(http, chiba_counselor) | {"is_system_admin": "on", "is_staff": "on"}
    response = http.post(reverse("admin:accounts_user_change", args=[chiba_counselor.pk]), data)
    assert response.status_code == 302
    event = SecurityEvent.objects.get(action="user.change")
    assert (event.actor, event.subject_user) == (sysadmin, chiba_counselor)
    assert event.data == {"is_staff": True, "is_system_admin": True}


def test_saving_the_admin_form_without_a_role_change_records_nothing(sysadmin, chiba_counselor, client_as):
    http = client_as(sysadmin)
    data = admin_form_data(http, chiba_counselor) | {"display_name": "新しい表示名"}
    http.post(reverse("admin:accounts_user_change", args=[chiba_counselor.pk]), data)
    assert SecurityEvent.objects.filter(action="user.change").count() == 0


def test_creating_a_calendar_feed_url_is_recorded(chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    http.post(reverse("appointments:feed_settings"))
    http.post(reverse("appointments:feed_settings"), {"action": "revoke"})
    events = SecurityEvent.objects.filter(subject_user=chiba_counselor).order_by("id")
    assert list(events.values_list("action", "actor")) == [
        ("feed.create", chiba_counselor.pk),
        ("feed.revoke", chiba_counselor.pk),
    ]


def test_security_events_cannot_be_changed_or_deleted(chiba_counselor):
    with transaction.atomic():
        event = security_event_record(
            actor=chiba_counselor, action="password.change", subject_user=chiba_counselor
        )
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        event.delete()
    # and the database itself refuses an UPDATE
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_securityevent SET action = 'x' WHERE id = %s", [event.pk])
    assert SecurityEvent.objects.get(pk=event.pk).action == "password.change"


def test_an_unknown_action_is_a_bug(chiba_counselor):
    with pytest.raises(ValueError):
        security_event_record(actor=chiba_counselor, action="made.up")
    assert SecurityEvent.objects.count() == 0


def test_a_system_admin_resets_a_lost_two_step_device_and_it_is_recorded(
    sysadmin, chiba_counselor, client_as
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=chiba_counselor, name="yorisoi", confirmed=True)
    response = client_as(sysadmin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_step", "_selected_action": [chiba_counselor.pk]},
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=chiba_counselor).count() == 0
    event = SecurityEvent.objects.get(action="mfa.remove")
    assert (event.actor, event.subject_user) == (sysadmin, chiba_counselor)
