import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from yorisoi.accounts import pledge
from yorisoi.accounts.middleware import PERMISSIONS_POLICY
from yorisoi.accounts.models import PledgeAcceptance, SecurityEvent, User
from yorisoi.programs.models import Role
from yorisoi.programs.tests.factories import TEST_PASSWORD


def log_in(user) -> tuple[Client, object]:
    http = Client()
    response = http.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    return http, response


def test_a_new_staff_member_accepts_the_pledge_before_any_page(staff):
    newcomer = staff("chiba", Role.COUNSELOR, pledge_accepted=False)
    http, _ = log_in(newcomer)
    # every staff page leads to the pledge until it is accepted
    assert http.get(reverse("cases:list"))["Location"] == reverse("accounts:pledge")
    page = http.get(reverse("accounts:pledge")).content.decode()
    assert "守秘義務の誓約" in page and "退職した後も" in page
    # ticking nothing refuses kindly and records nothing
    refused = http.post(reverse("accounts:pledge"), {"version": pledge.current_version()})
    assert "チェックを入れてください。" in refused.content.decode()
    assert PledgeAcceptance.objects.filter(user=newcomer).count() == 0
    # when accepted
    http.post(reverse("accounts:pledge"), {"version": pledge.current_version(), "agree": "on"})
    # then it is recorded (who, version, when) and the pages open
    acceptance = PledgeAcceptance.objects.get(user=newcomer)
    assert acceptance.version == pledge.current_version() and acceptance.accepted_at is not None
    assert SecurityEvent.objects.filter(action="pledge.accept", subject_user=newcomer).count() == 1
    assert http.get(reverse("cases:list")).status_code == 200
    assert log_in(newcomer)[1]["Location"] == reverse("programs:home")  # not asked again


def test_a_new_version_of_the_pledge_is_asked_for_again(chiba_counselor, monkeypatch):
    monkeypatch.setitem(pledge.PLEDGES, 2, ["改訂した誓約の文です。"])
    http, response = log_in(chiba_counselor)
    assert http.get(reverse("programs:home"))["Location"] == reverse("accounts:pledge")
    # accepting the old version (a page opened before the change) does not count
    stale = http.post(reverse("accounts:pledge"), {"version": 1, "agree": "on"})
    assert "誓約の内容が新しくなりました。" in stale.content.decode()
    assert list(PledgeAcceptance.objects.filter(user=chiba_counselor).values_list("version", flat=True)) == [
        1
    ]
    http.post(reverse("accounts:pledge"), {"version": 2, "agree": "on"})
    assert http.get(reverse("programs:home")).status_code == 200


def test_staff_responses_are_not_stored_and_limit_browser_features(chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    for url in (reverse("programs:home"), reverse("cases:list"), reverse("accounts:login")):
        response = http.get(url)
        assert "no-store" in response["Cache-Control"]
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "no-store" in Client().get(reverse("accounts:login"))["Cache-Control"]


def test_seed_demo_refuses_to_run_in_production(db, settings):
    settings.ENV = "production"
    with pytest.raises(CommandError, match="本番環境"):
        call_command("seed_demo", persons=1)
    assert User.objects.count() == 0
