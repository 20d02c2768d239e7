from django.core.management import call_command

from yorisoi.outreach.models import EventKind, OutreachEvent, Registration, Supporter


def test_the_demo_shows_trainings_a_full_seminar_with_a_waiter_and_an_urayasu_lecture(db):
    call_command("seed_demo", persons=3, stdout=open("/dev/null", "w"))
    kinds = sorted(OutreachEvent.objects.values_list("program__slug", "kind"))
    assert kinds == [
        ("chiba", EventKind.SEMINAR),
        ("chiba", EventKind.SUPPORTER_TRAINING),
        ("chiba", EventKind.SUPPORTER_TRAINING),
        ("urayasu", EventKind.LECTURE),
    ]
    seminar = OutreachEvent.objects.get(kind=EventKind.SEMINAR)
    statuses = sorted(Registration.objects.filter(event=seminar).values_list("status", flat=True))
    assert statuses == ["confirmed"] * 5 + ["waiting"]
    assert Supporter.objects.filter(program__slug="chiba").count() == 3
    current = OutreachEvent.objects.filter(kind=EventKind.SUPPORTER_TRAINING).order_by("-id").first()
    first, second = current.sessions.order_by("starts_at")
    assert (first.attendances.count(), second.attendances.count()) == (4, 0)
    # seeding again adds nothing
    call_command("seed_demo", persons=3, stdout=open("/dev/null", "w"))
    assert OutreachEvent.objects.count() == 4
