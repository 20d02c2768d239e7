from django.core.management import call_command
from django.test import Client

from yorisoi.cases.models import Case
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.demo.generate import DEMO_PASSWORD, DEMO_STAFF
from yorisoi.programs.models import Membership, Role


def test_demo_gives_every_role_in_both_programs_and_fictional_cases(db):
    call_command("seed_demo", persons=8, stdout=open("/dev/null", "w"))
    roles = set(Membership.objects.values_list("program__slug", "role"))
    assert {(slug, role) for slug in ("chiba", "urayasu") for role in Role.values} <= roles
    assert set(Case.objects.values_list("program__slug", flat=True).distinct()) == {"chiba", "urayasu"}
    assert ConsultationRecord.objects.exists()
    # a newcomer can log in with the printed credentials
    http = Client()
    login = {"username": DEMO_STAFF[1][0], "password": DEMO_PASSWORD}
    assert http.post("/staff/accounts/login/", login).status_code == 302
    assert "043-204-1606" in http.get("/staff/").content.decode()


def test_demo_is_idempotent(db):
    call_command("seed_demo", persons=3, stdout=open("/dev/null", "w"))
    cases = Case.objects.count()
    call_command("seed_demo", persons=3, stdout=open("/dev/null", "w"))
    assert Case.objects.count() == cases


def test_demo_shows_the_manager_old_cases_past_the_retention_term(db):
    from yorisoi.retention.models import RetentionPolicy

    call_command("seed_demo", persons=3, stdout=open("/dev/null", "w"))
    assert sorted(RetentionPolicy.objects.values_list("program__slug", "years_after_closure")) == [
        ("chiba", 5),
        ("urayasu", 5),
    ]
    http = Client()
    http.post("/staff/accounts/login/", {"username": "chiba_manager", "password": DEMO_PASSWORD})
    body = http.get("/staff/retention/").content.decode()
    assert body.count("匿名化する</a>") == 2
