"""Anonymising old cases: names and words go, every counted value stays, nothing of the name is left."""

import datetime
import json

import pytest
from django.db import connection
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case, Client
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor
from yorisoi.retention import services
from yorisoi.retention.models import AnonymisationDecision, RetentionPolicy
from yorisoi.retention.tests.figures import report_figures
from yorisoi.retention.tests.story import CANARIES, OTHER_PERSON, lived_case

TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def manager(chiba, chiba_manager):
    return Actor(user=chiba_manager, program=chiba, role=Role.MANAGER)


@pytest.fixture
def counselor(chiba, chiba_counselor):
    return Actor(user=chiba_counselor, program=chiba, role=Role.COUNSELOR)


@pytest.fixture
def policy(chiba, chiba_manager):
    return RetentionPolicy.objects.create(program=chiba, years_after_closure=5, updated_by=chiba_manager)


def canary_cells(canaries=CANARIES) -> list[str]:
    """Every (table.column) of every table whose text holds one of ``canaries`` (plain or JSON-escaped)."""
    wanted = [c for c in canaries] + [json.dumps(c)[1:-1] for c in canaries]
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [col[0] for col in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
                    if isinstance(text, str) and any(c in text for c in wanted):
                        found.append(f"{table}.{column}")
    return sorted(set(found))


def test_anonymising_old_cases_keeps_every_report_figure_and_leaves_no_trace_of_the_name(
    chiba, manager, counselor, policy, chiba_counselor
):
    # given: two cases closed years ago, and one of another person still open
    old = [
        lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=y, mode=m)
        for y, m in ((2015, "phone"), (2017, "home_visit"))
    ]
    lived_case(
        program=chiba, actor=counselor, staff=chiba_counselor, year=2025, closed=False, person=OTHER_PERSON
    )
    before = report_figures(chiba)
    assert "cases_client.family_name" in canary_cells()  # the search sees the name while it is there
    log_before = AccessLog.objects.count()
    # when the manager anonymises both old cases
    for case in old:
        services.case_anonymise(
            case=case, reason="保存期間（終結後5年）を過ぎたため", actor=manager, today=TODAY
        )
    # then every figure the reports count is unchanged
    after = report_figures(chiba)
    assert {k: v for k, v in after.items() if v != before[k]} == {}
    # and no table holds the name, its kana, the phone, e-mail or address anywhere
    assert canary_cells() == []
    # while the other person's case is untouched
    assert canary_cells(("別府", "ベップ", "080-1111-2222")) != []
    # and the access log kept every entry (plus one per decision)
    assert AccessLog.objects.count() == log_before + 2
    assert list(
        AccessLog.objects.filter(action="case.anonymise").values_list("subject_label", flat=True)
    ) == [
        old[1].label,
        old[0].label,
    ]


def test_the_decision_is_recorded_with_its_reason_and_what_changed(
    chiba, manager, counselor, policy, chiba_counselor
):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    # when
    decision = services.case_anonymise(
        case=case, reason="  保存期間を過ぎたため ", actor=manager, today=TODAY
    )
    # then
    assert decision.reason == "保存期間を過ぎたため"
    assert decision.decided_by == manager.user
    assert decision.rows["cases.client"] == 1
    assert decision.rows["consultations.consultationrecord"] == 3  # two of the case, one of its inquiry
    assert decision.rows["appointments.appointment"] == 1
    client = Client.objects.get(pk=case.client_id)
    assert (client.family_name, client.birth_date, client.approximate_age, client.gender) == (
        "",
        None,
        23,
        "female",
    )
    entry = AccessLog.objects.get(action="case.anonymise")
    assert (entry.reason, entry.subject_label, entry.actor_id) == (
        "保存期間を過ぎたため",
        case.label,
        manager.user.pk,
    )


def nothing_changed(case):
    case.refresh_from_db()
    assert case.client.family_name == "栗栖川"
    assert AnonymisationDecision.objects.count() == 0
    assert AccessLog.objects.filter(action="case.anonymise").count() == 0


def test_an_open_case_is_refused_and_nothing_changes(chiba, manager, counselor, policy, chiba_counselor):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015, closed=False)
    with pytest.raises(services.RetentionRefused, match="まだ終結していない"):
        services.case_anonymise(case=case, reason="理由", actor=manager, today=TODAY)
    nothing_changed(case)


def test_a_case_within_the_term_is_refused(chiba, manager, counselor, policy, chiba_counselor):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2022)  # closed 2023-03-01
    with pytest.raises(services.RetentionRefused, match="保存期間がまだ過ぎていません"):
        services.case_anonymise(case=case, reason="理由", actor=manager, today=TODAY)
    nothing_changed(case)


def test_without_a_policy_nothing_is_due_and_anonymising_is_refused(
    chiba, manager, counselor, chiba_counselor
):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    with pytest.raises(services.RetentionRefused, match="保存期間がまだ決まっていません"):
        services.case_anonymise(case=case, reason="理由", actor=manager, today=TODAY)
    nothing_changed(case)


def test_a_blank_reason_is_refused(chiba, manager, counselor, policy, chiba_counselor):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    with pytest.raises(services.RetentionRefused, match="理由を入力"):
        services.case_anonymise(case=case, reason="   ", actor=manager, today=TODAY)
    nothing_changed(case)


def test_a_counselor_cannot_anonymise(chiba, counselor, policy, chiba_counselor):
    from django.http import Http404

    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    with pytest.raises(Http404):
        services.case_anonymise(case=case, reason="理由", actor=counselor, today=TODAY)
    nothing_changed(case)


def test_a_client_with_another_identifiable_case_keeps_their_name(
    chiba, manager, counselor, policy, chiba_counselor
):
    # given: the same person came back later and has a newer case
    old = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    from yorisoi.cases.services import case_register

    case_register(
        program=chiba,
        actor=counselor,
        client=old.client,
        primary_staff=chiba_counselor,
        registered_on=datetime.date(2025, 4, 1),
    )
    # when
    decision = services.case_anonymise(case=old, reason="保存期間を過ぎたため", actor=manager, today=TODAY)
    # then the old case's words are gone but the person's record stays for the newer case
    assert decision.rows["cases.client"] == 0
    assert Client.objects.get(pk=old.client_id).family_name == "栗栖川"
    assert Case.objects.get(pk=old.pk).main_concerns == "（匿名化済み）"


def test_anonymising_twice_is_refused(chiba, manager, counselor, policy, chiba_counselor):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    services.case_anonymise(case=case, reason="理由", actor=manager, today=TODAY)
    with pytest.raises(services.RetentionRefused, match="すでに匿名化"):
        services.case_anonymise(case=case, reason="理由", actor=manager, today=TODAY)
    assert AnonymisationDecision.objects.count() == 1


# --- the pages --------------------------------------------------------------------------------------


def test_the_manager_sees_only_cases_past_the_term(
    chiba, counselor, policy, chiba_counselor, chiba_manager, client_as, django_assert_num_queries
):
    # given
    due = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    recent = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2023, person=OTHER_PERSON)
    http = client_as(chiba_manager)
    # when
    response = http.get(reverse("retention:due"))
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert str(due.public_id) in body
    assert str(recent.public_id) not in body
    assert "終結後 5 年" in body
    entry = AccessLog.objects.filter(action="retention.list").get()
    assert entry.data["subjects"] == [str(due.public_id)]


def test_the_list_costs_the_same_queries_for_many_due_cases(
    chiba, counselor, policy, chiba_counselor, chiba_manager, client_as, django_assert_num_queries
):
    from yorisoi.cases.services import case_close
    from yorisoi.cases.tests.factories import make_case

    http = client_as(chiba_manager)
    http.get(reverse("retention:due"))  # warm the session
    for n in range(3):
        case = make_case(
            program=chiba,
            actor=counselor,
            primary_staff=chiba_counselor,
            registered_on=datetime.date(2010, 4, 1 + n),
        )
        case_close(case=case, reason="moved", actor=counselor, on=datetime.date(2011, 4, 1))
    with django_assert_num_queries(10) as few:  # 2 take the access log chain's next link
        http.get(reverse("retention:due"))
    for n in range(5):
        case = make_case(
            program=chiba,
            actor=counselor,
            primary_staff=chiba_counselor,
            registered_on=datetime.date(2012, 4, 1 + n),
        )
        case_close(case=case, reason="moved", actor=counselor, on=datetime.date(2013, 4, 1))
    with django_assert_num_queries(len(few)):
        http.get(reverse("retention:due"))


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("0", "保存年数は1年以上で入力してください。"),
        ("-3", "保存年数は1年以上で入力してください。"),
        ("abc", "数字で入力してください。"),
        ("", "入力してください。"),
    ],
)
def test_a_policy_of_zero_negative_or_no_years_is_refused_and_nothing_changes(
    chiba_manager, client_as, policy, years, message
):
    response = client_as(chiba_manager).post(
        reverse("retention:due"), {"years_after_closure": years, "note": "契約"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'role="alert">{message}</p>' in body
    assert 'value="契約"' in body  # what was typed stays in the form
    policy.refresh_from_db()
    assert (policy.years_after_closure, policy.note) == (5, "")
    assert AccessLog.objects.filter(action="retention.policy").count() == 0


def test_the_service_refuses_zero_years_too(manager, policy):
    with pytest.raises(services.RetentionRefused):
        services.retention_policy_set(actor=manager, years=0)
    policy.refresh_from_db()
    assert policy.years_after_closure == 5


def test_the_manager_sets_the_policy(chiba, chiba_manager, client_as):
    response = client_as(chiba_manager).post(
        reverse("retention:due"), {"years_after_closure": "7", "note": "委託契約書 第12条"}
    )
    assert response.status_code == 302
    policy = RetentionPolicy.objects.get(program=chiba)
    assert (policy.years_after_closure, policy.note, policy.updated_by) == (
        7,
        "委託契約書 第12条",
        chiba_manager,
    )
    assert AccessLog.objects.filter(action="retention.policy").get().data == {"years": 7}


def test_anonymising_through_the_page(chiba, counselor, policy, chiba_counselor, chiba_manager, client_as):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015)
    http = client_as(chiba_manager)
    url = reverse("retention:anonymise", kwargs={"case_id": case.public_id})
    # a missing confirmation keeps the reason typed and changes nothing
    response = http.post(url, {"reason": "保存期間を過ぎたため"})
    assert response.status_code == 200
    assert "確認のチェックを入れてください。" in response.content.decode()
    assert "保存期間を過ぎたため</textarea>" in response.content.decode()
    nothing_changed(case)
    # confirmed
    response = http.post(url, {"reason": "保存期間を過ぎたため", "confirm": "on"})
    assert response.status_code == 302
    assert AnonymisationDecision.objects.get().case_id == case.pk


def test_the_page_refuses_an_open_case_with_a_message(
    chiba, counselor, policy, chiba_counselor, chiba_manager, client_as
):
    case = lived_case(program=chiba, actor=counselor, staff=chiba_counselor, year=2015, closed=False)
    url = reverse("retention:anonymise", kwargs={"case_id": case.public_id})
    response = client_as(chiba_manager).post(url, {"reason": "保存期間を過ぎたため", "confirm": "on"})
    assert response.status_code == 200
    assert "このケースはまだ終結していないため、匿名化できません。" in response.content.decode()
    nothing_changed(case)
