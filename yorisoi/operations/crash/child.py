"""The process that gets killed: runs real write paths in a loop and acknowledges each on stdout.

Run as ``python -m yorisoi.operations.crash.child DB_NAME TRIAL``. A line ``BEGIN kind`` is printed
before a unit starts and ``ACK kind id`` only after it returned (committed, or for the web form, after
the 302 answer), so an acknowledged write is one a person would have been told was saved.
"""

import datetime
import os
import sys


def say(line: str) -> None:
    sys.stdout.write(line + "\n")  # one write(2) per line, shorter than PIPE_BUF: never torn
    sys.stdout.flush()


def web_form_data(marker: str) -> dict:
    return {
        "caller_type": "family",
        "family_relation": "mother",
        "agency_name": "",
        "caller_name": marker,
        "contact_method": "email",
        "contact_email": "crash@example.jp",
        "contact_phone": "",
        "contact_cautions": [],
        "contact_note": "",
        "preferred_days": ["1"],
        "person_age_band": "20_29",
        "concern": "家から出られない日が続いています。",
        "privacy_consent": "on",
        "website": "",
    }


def main(db_name: str, trial: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = db_name  # before the first connection is made

    from django.test import Client as HttpClient
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from yorisoi.accounts.models import User
    from yorisoi.cases import services as cases
    from yorisoi.consultations.services import record_create
    from yorisoi.portal import rate_limit
    from yorisoi.programs.models import Program, Role
    from yorisoi.programs.permissions import Actor

    # The rate limit is not under test here; a trial sends more requests than a visitor may.
    unlimited = rate_limit.Limit("crash", max_count=10**9, window_seconds=1)
    rate_limit.REQUEST_PER_ADDRESS = rate_limit.REQUEST_PER_PROGRAM = unlimited

    with scopes_disabled():
        program = Program.objects.get(slug="chiba")
        user = User.objects.get(username="crash_counselor")
        actor = Actor(user=user, program=program, role=Role.COUNSELOR)
        web = HttpClient(HTTP_HOST="localhost")
        url = reverse("portal:request_form", kwargs={"slug": program.slug})
        today = datetime.date(2026, 4, 1)
        say("READY")
        n = 0
        while True:
            n += 1
            marker = f"crash-{trial}-{n}"
            say("BEGIN web")
            response = web.post(url, web_form_data(marker), REMOTE_ADDR=f"10.0.{n % 250}.1")
            if response.status_code == 302:
                say(f"ACK web {marker}")
            say("BEGIN inquiry")
            inquiry = cases.inquiry_create(
                program=program,
                actor=actor,
                channel="phone",
                caller_type="family",
                caller_name=marker,
                concern="電話での相談",
                received_at=datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC),
            )
            say(f"ACK inquiry {inquiry.public_id}")
            say("BEGIN register")
            case = cases.initial_consultation_register(
                program=program,
                actor=actor,
                case_fields={"primary_staff": user, "registered_on": today, "main_concerns": "外出が難しい"},
                client_fields={"family_name": "試験", "given_name": marker, "residence_city": "千葉市"},
                consulting_person={"relation": "mother", "name": f"{marker}の母"},
                consent={
                    "given_by": "self",
                    "given_on": today,
                    "method": "verbal",
                    "explained": "個人情報の扱い",
                },
                inquiry=inquiry,
            )
            say(f"ACK register {case.public_id}")
            say("BEGIN record")
            record = record_create(
                actor=actor,
                case=case,
                held_on=today,
                starts_at=datetime.time(10),
                ends_at=datetime.time(11),
                mode="phone",
                staff=user,
                summary="様子を伺った",
            )
            say(f"ACK record {record.public_id}")
            say("BEGIN close")
            cases.case_close(case=case, reason="no_longer_needed", actor=actor, on=today)
            say(f"ACK close {case.public_id}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
