import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yorisoi.audit.models import AccessKind, AccessLog, AppendOnlyError
from yorisoi.audit.services import audit_record
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role


def views_of(case):
    return AccessLog.objects.filter(target_id=case.public_id, kind=AccessKind.VIEW)


def test_each_view_of_a_case_adds_exactly_one_entry_with_who_what_where(chiba, chiba_counselor, client_as):
    case = make_case(program=chiba, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    http.get(case.get_absolute_url(), REMOTE_ADDR="192.0.2.10")
    http.get(case.get_absolute_url(), REMOTE_ADDR="192.0.2.10")
    entries = list(views_of(case).order_by("id"))
    assert len(entries) == 2
    entry = entries[0]
    assert (entry.actor, entry.program, entry.action, entry.target_type) == (
        chiba_counselor,
        chiba,
        "case.view",
        "case",
    )
    assert (entry.subject_id, entry.subject_label, entry.ip_address) == (
        case.public_id,
        case.label,
        "192.0.2.10",
    )


def test_refused_view_adds_no_entry_about_the_refused_person(
    chiba, chiba_counselor, urayasu_counselor, client_as
):
    case = make_case(program=chiba, actor=chiba_counselor)
    before = AccessLog.objects.count()
    response = client_as(urayasu_counselor).get(case.get_absolute_url())
    assert response.status_code == 404
    assert AccessLog.objects.count() == before
    assert not AccessLog.objects.filter(subject_id=case.public_id, kind=AccessKind.VIEW).exists()


def test_if_the_entry_cannot_be_written_the_data_is_not_shown(chiba, chiba_counselor, monkeypatch):
    case = make_case(program=chiba, actor=chiba_counselor)

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AccessLog.objects, "create", broken)
    http = Client(raise_request_exception=False)
    http.force_login(chiba_counselor, backend="django.contrib.auth.backends.ModelBackend")
    response = http.get(case.get_absolute_url())
    assert response.status_code in (500, 503)
    assert case.client.display_name not in response.content.decode()


def test_entries_cannot_be_changed_or_deleted_through_the_code(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    entry = AccessLog.objects.filter(subject_id=case.public_id).first()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).update(reason="tampered")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_database_itself_refuses_an_update(chiba, chiba_counselor):
    case = make_case(program=chiba, actor=chiba_counselor)
    entry = AccessLog.objects.filter(subject_id=case.public_id).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET reason = 'tampered' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.reason == ""


def test_the_access_log_is_not_in_the_system_admin(db):
    from django.contrib import admin

    assert AccessLog not in admin.site._registry


def test_manager_lists_the_log_by_staff_member_person_and_date(chiba, staff, client_as):
    # given two counselors who each opened a different case
    manager, a, b = (
        staff("chiba", Role.MANAGER),
        staff("chiba", Role.COUNSELOR),
        staff("chiba", Role.COUNSELOR),
    )
    case_a, case_b = make_case(program=chiba, actor=a), make_case(program=chiba, actor=b)
    client_as(a).get(case_a.get_absolute_url())
    client_as(b).get(case_b.get_absolute_url())
    http = client_as(manager)
    # when the manager filters by staff member (by login name), by person and by date
    by_staff = http.get(reverse("audit:log"), {"staff": a.username}).context["page"].object_list
    by_person = http.get(reverse("audit:log"), {"subject": case_b.label}).context["page"].object_list
    today = timezone.localdate().isoformat()
    long_ago = http.get(reverse("audit:log"), {"date_from": "2020-01-01", "date_to": "2020-12-31"}).context[
        "page"
    ]
    by_today = http.get(reverse("audit:log"), {"date_from": today, "date_to": today}).context["page"]
    # then each shows exactly the matching entries
    assert {(e.actor_id, e.subject_label) for e in by_staff if e.kind == AccessKind.VIEW} == {
        (a.pk, case_a.label)
    }
    assert {e.actor_id for e in by_staff} == {a.pk}
    assert {e.subject_label for e in by_person} == {case_b.label}
    assert {e.actor_id for e in by_person if e.action == "case.view"} == {b.pk}
    assert len(long_ago) == 0
    assert {e.subject_label for e in by_today if e.action == "case.view"} == {case_a.label, case_b.label}


def test_audit_page_keeps_what_was_typed_and_explains_a_bad_range(chiba_manager, client_as):
    page = (
        client_as(chiba_manager)
        .get(reverse("audit:log"), {"subject": "C-0009", "date_from": "2026-05-01", "date_to": "2026-04-01"})
        .content.decode()
    )
    assert "「いつまで」は「いつから」より後の日付にしてください。" in page
    assert 'value="C-0009"' in page


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.CLERK, Role.CITY_OFFICER])
def test_only_managers_review_the_log(staff, client_as, role):
    assert client_as(staff("chiba", role)).get(reverse("audit:log")).status_code == 404


def test_a_manager_sees_only_their_own_programs_log(chiba, urayasu, staff, client_as):
    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    client_as(counselor).get(case.get_absolute_url())
    page = client_as(staff("urayasu", Role.MANAGER)).get(reverse("audit:log"))
    assert len(page.context["page"]) == 0
    assert case.label not in page.content.decode()


def test_the_log_pages_back_without_gaps_or_repeats_in_the_same_number_of_queries(
    chiba, chiba_manager, client_as
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yorisoi.audit.services import audit_record

    # given 117 entries: the case's creation (2) and 115 views
    case = make_case(program=chiba, actor=chiba_manager)
    with transaction.atomic():
        for _ in range(115):
            audit_record(actor=chiba_manager, action="case.view", target=case)
    http = client_as(chiba_manager)
    http.get(reverse("programs:home"))  # a session's first page stamps it and reads its memberships, once
    seen, cursor, query_counts = [], "", []
    # when the manager pages back to the start
    for expected in (50, 50, 17):
        with CaptureQueriesContext(connection) as queries:
            page = http.get(reverse("audit:log"), {"after": cursor} if cursor else {}).context["page"]
        assert len(page) == expected
        seen += [e.pk for e in page]
        query_counts.append(len(queries.captured_queries))
        cursor = page.next_cursor
    # then every entry was shown once, newest first, and the last page cost what the first did
    assert cursor == ""
    assert seen == sorted(set(seen), reverse=True)
    assert len(seen) == AccessLog.objects.filter(program=chiba).count() == 117
    assert query_counts[0] == query_counts[2]


def test_a_list_entry_names_each_subject_it_revealed_once_in_order(chiba, chiba_counselor):
    """A list or search records whom it showed, so "who saw this case" finds the list too."""
    # given two cases, one shown twice (a case and its client in the same list)
    first = make_case(program=chiba, actor=chiba_counselor)
    second = make_case(program=chiba, actor=chiba_counselor)
    # when a list entry is written naming them
    with transaction.atomic():
        entry = audit_record(
            actor=chiba_counselor, action="case.list", program=chiba, subjects=[second, first, second]
        )
    # then it names each subject once, in the order shown, beside what was asked
    assert entry.data == {"subjects": [str(second.public_id), str(first.public_id)]}
    assert entry.kind == AccessKind.VIEW
