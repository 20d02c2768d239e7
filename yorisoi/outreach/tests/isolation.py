from yorisoi.core.testing.isolation import CONTENT_ROLES, PERSON_ROLES, Built, StaffPage
from yorisoi.outreach import services
from yorisoi.outreach.models import EventKind, Supporter
from yorisoi.outreach.tests.factories import actor, details, in_days, make_event

TITLE = "照合用セミナー（架空）"
NAME = "照合用 花子"


def _event(program, author):
    event = make_event(program=program, author=author, title=TITLE, publish=False)
    return Built({"event_id": event.public_id}, (TITLE, str(event.public_id)), event.public_id)


def _registration_and_event(program, author):
    event = make_event(program=program, author=author, title=TITLE)
    registration, _token = services.registration_create(
        event=event, details=details(1, name=NAME, contact_email="shogo@example.jp"), channel="web"
    )
    return event, registration


def _event_registrations(program, author):
    event, registration = _registration_and_event(program, author)
    return Built({"event_id": event.public_id}, (NAME, "shogo@example.jp"), registration.public_id)


def _registration(program, author):
    _event, registration = _registration_and_event(program, author)
    return Built(
        {"registration_id": registration.public_id}, (NAME, "shogo@example.jp"), registration.public_id
    )


def _session(program, author):
    event, registration = _registration_and_event(program, author)
    session = event.sessions.get()
    return Built({"session_id": session.public_id}, (NAME,), registration.public_id)


def _second_session(program, author):
    event = make_event(program=program, author=author, title=TITLE, sessions=2, publish=False)
    session = event.sessions.order_by("starts_at").last()
    return Built({"session_id": session.public_id}, (TITLE,), event.public_id)


def _attendance(program, author):
    event, registration = _registration_and_event(program, author)
    kwargs = {"session_id": event.sessions.get().public_id, "registration_id": registration.public_id}
    return Built(kwargs, (NAME,), registration.public_id)


def _supporter(program, author):
    event = make_event(program=program, author=author, kind=EventKind.SUPPORTER_TRAINING, starts=in_days(3))
    registration, _token = services.registration_create(
        event=event, details=details(1, name=NAME, contact_email="shogo@example.jp"), channel="web"
    )
    services.attendance_set(
        session=event.sessions.get(), registration=registration, present=True, actor=actor(author, program)
    )
    supporter = Supporter.objects.get(training=registration)
    return Built({"supporter_id": supporter.public_id}, (NAME, "shogo@example.jp"), registration.public_id)


def _listed(builder):
    def build(program, author):
        built = builder(program, author)
        return Built({}, built.identifiers, built.subject_id)

    return build


SESSION_DATA = {"day": in_days(20).date().isoformat(), "start_time": "14:00", "end_time": "16:00", "note": ""}

PAGES = [
    StaffPage("outreach:event_list", PERSON_ROLES, _listed(_event)),
    StaffPage("outreach:event_create", PERSON_ROLES),
    StaffPage("outreach:counts", frozenset({"manager", "city_officer"})),
    StaffPage("outreach:event_detail", PERSON_ROLES, _event),
    StaffPage("outreach:event_edit", PERSON_ROLES, _event),
    StaffPage("outreach:event_status", PERSON_ROLES, _event, method="post", data={"to": "published"}),
    StaffPage("outreach:session_add", PERSON_ROLES, _event, method="post", data=SESSION_DATA),
    StaffPage("outreach:session_remove", PERSON_ROLES, _second_session, method="post"),
    StaffPage("outreach:registration_list", PERSON_ROLES, _event_registrations),
    StaffPage("outreach:registration_create", PERSON_ROLES, _event),
    StaffPage("outreach:registration_export", PERSON_ROLES, _event_registrations),
    StaffPage("outreach:registration_detail", PERSON_ROLES, _registration, per_object=True),
    StaffPage("outreach:registration_cancel", PERSON_ROLES, _registration, method="post"),
    StaffPage("outreach:promotion_told", PERSON_ROLES, _registration, method="post"),
    StaffPage(
        "outreach:registration_link_case",
        CONTENT_ROLES,
        _registration,
        method="post",
        data={"case_label": "C-0001"},
    ),
    StaffPage("outreach:sign_in", PERSON_ROLES, _session),
    StaffPage("outreach:sign_in_print", PERSON_ROLES, _session),
    StaffPage("outreach:attendance_mark", PERSON_ROLES, _attendance, method="post", data={"present": "1"}),
    StaffPage(
        "outreach:walk_in_add",
        PERSON_ROLES,
        _session,
        method="post",
        data={"walk_in-name": "当日 参加", "walk_in-category": "citizen"},
    ),
    StaffPage("outreach:supporter_list", PERSON_ROLES, _listed(_supporter)),
    StaffPage("outreach:supporter_detail", PERSON_ROLES, _supporter, per_object=True),
    StaffPage("outreach:supporter_withdraw", PERSON_ROLES, _supporter, method="post"),
]
