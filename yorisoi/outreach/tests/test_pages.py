"""Staff pages: forms keep what was typed, every page naming people is logged once, lists stay flat."""

import datetime

from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.core.fiscal_year import fiscal_year_of
from yorisoi.outreach import services
from yorisoi.outreach.models import EventSession, OutreachEvent, Registration
from yorisoi.outreach.tests.factories import actor, in_days, make_event, register
from yorisoi.programs.models import Role


def _event_form(**fields):
    day = in_days(30).date()
    data = {
        "kind": "seminar",
        "title": "家族のための公開セミナー",
        "description": "ひきこもりについて知る会です。",
        "venue": "千葉市こころの健康センター",
        "venue_access": "「市営高浜第2」バス停より徒歩3分",
        "capacity": "40",
        "registration_open": "on",
        "contact_required": "on",
        "day": day.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
    }
    return {**data, **fields}


def test_a_clerk_creates_an_event_as_a_draft_with_its_first_session(client_as, chiba_clerk):
    response = client_as(chiba_clerk).post(reverse("outreach:event_create"), _event_form())
    event = OutreachEvent.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert (event.status, event.capacity, event.program.slug) == ("draft", 40, "chiba")
    session = event.sessions.get()
    assert (session.ends_at - session.starts_at) == datetime.timedelta(hours=2)


def test_a_session_that_ends_before_it_starts_is_refused_and_the_form_keeps_the_title(client_as, chiba_clerk):
    response = client_as(chiba_clerk).post(
        reverse("outreach:event_create"), _event_form(start_time="16:00", end_time="14:00")
    )
    body = response.content.decode()
    assert "終了の時刻は、開始の時刻より後にしてください。" in body
    assert 'value="家族のための公開セミナー"' in body
    assert OutreachEvent.objects.count() == 0


def test_lowering_capacity_below_the_seats_taken_is_refused_next_to_the_field(
    client_as, chiba_clerk, seminar
):
    register(seminar, 1), register(seminar, 2)
    data = _event_form(capacity="1", title="変えたタイトル")
    response = client_as(chiba_clerk).post(reverse("outreach:event_edit", args=[seminar.public_id]), data)
    body = response.content.decode()
    assert "すでに2人の参加が決まっています。定員は2人以上にしてください。" in body
    assert 'value="変えたタイトル"' in body
    seminar.refresh_from_db()
    assert (seminar.capacity, seminar.title) == (2, "ひきこもりを知る公開セミナー（テスト）")


def test_adding_a_session_that_ends_before_it_starts_is_refused(client_as, chiba_clerk, seminar):
    data = {"day": in_days(40).date().isoformat(), "start_time": "15:00", "end_time": "13:00"}
    response = client_as(chiba_clerk).post(reverse("outreach:session_add", args=[seminar.public_id]), data)
    assert response.status_code == 400
    assert "終了の時刻は、開始の時刻より後にしてください。" in response.content.decode()
    assert EventSession.objects.filter(event=seminar).count() == 1


def test_the_registration_list_is_logged_once_naming_whom_it_showed(client_as, chiba_clerk, seminar):
    first, second = register(seminar, 1), register(seminar, 2)
    response = client_as(chiba_clerk).get(reverse("outreach:registration_list", args=[seminar.public_id]))
    assert response.status_code == 200
    entry = AccessLog.objects.get(actor=chiba_clerk, action="registration.list")
    assert entry.data["subjects"] == [str(first.public_id), str(second.public_id)]


def test_the_registration_list_costs_the_same_queries_however_many_rows(
    client_as, chiba_clerk, chiba, django_assert_max_num_queries
):
    """Session, user, memberships, event, its sessions, count, rows, the log entry (+ session save)."""
    event = make_event(program=chiba, author=chiba_clerk, capacity=50)
    http = client_as(chiba_clerk)
    url = reverse("outreach:registration_list", args=[event.public_id])
    register(event, 1)
    http.get(url)
    with django_assert_max_num_queries(15):  # 2 take the access log chain's next link
        http.get(url)
    for n in range(2, 12):
        register(event, n)
    with django_assert_max_num_queries(15):  # 2 take the access log chain's next link
        http.get(url)


def test_hostile_filters_are_ignored_not_a_crash(client_as, chiba_clerk, seminar):
    http = client_as(chiba_clerk)
    url = reverse("outreach:registration_list", args=[seminar.public_id])
    assert http.get(url, {"status": "<script>", "category": "²", "page": "x"}).status_code == 200
    assert http.get(reverse("outreach:event_list"), {"kind": "nope", "when": "²"}).status_code == 200


def test_counts_refuses_a_hostile_year_with_a_message(client_as, staff):
    response = client_as(staff("chiba", Role.CITY_OFFICER)).get(reverse("outreach:counts"), {"year": "99999"})
    assert response.status_code == 400
    assert "年度をお確かめください。" in response.content.decode()


def test_the_city_officer_sees_counts_and_no_names(client_as, staff, chiba, chiba_clerk):
    event = make_event(program=chiba, author=chiba_clerk, starts=in_days(1))
    registration = register(event, 1, name="数だけ 見える")
    services.attendance_set(
        session=event.sessions.get(), registration=registration, present=True, actor=actor(chiba_clerk, chiba)
    )
    officer = staff("chiba", Role.CITY_OFFICER)
    http = client_as(officer)
    year = fiscal_year_of(in_days(1).date())
    body = http.get(reverse("outreach:counts"), {"year": year}).content.decode()
    assert "公開セミナー</th><td>1</td>" in body
    assert "数だけ 見える" not in body
    assert http.get(reverse("outreach:registration_list", args=[event.public_id])).status_code == 404
    assert AccessLog.objects.filter(actor=officer).count() == 0


def test_marking_attendance_and_a_walk_in_from_the_sign_in_sheet(client_as, chiba_clerk, seminar):
    registration = register(seminar, 1)
    session = seminar.sessions.get()
    http = client_as(chiba_clerk)
    http.post(
        reverse("outreach:attendance_mark", args=[session.public_id, registration.public_id]),
        {"present": "1"},
    )
    http.post(
        reverse("outreach:walk_in_add", args=[session.public_id]),
        {"walk_in-name": "当日 来た", "walk_in-category": "self"},
    )
    body = http.get(reverse("outreach:sign_in", args=[session.public_id])).content.decode()
    assert "出席 2人 ／ 名簿 2人" in body
    walk_in = Registration.objects.get(name="当日 来た")
    assert (walk_in.channel, walk_in.attendances.count()) == ("walk_in", 1)
    assert AccessLog.objects.filter(actor=chiba_clerk, action="registration.list").count() == 1


def test_the_print_sheet_and_the_excel_export_are_logged_as_print_and_export(client_as, chiba_clerk, seminar):
    registration = register(seminar, 1, name="印刷 される")
    http = client_as(chiba_clerk)
    printed = http.get(reverse("outreach:sign_in_print", args=[seminar.sessions.get().public_id]))
    exported = http.get(reverse("outreach:registration_export", args=[seminar.public_id]))
    assert "印刷 される" in printed.content.decode()
    assert exported["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    reads = AccessLog.objects.filter(actor=chiba_clerk, action__startswith="registration.")
    kinds = list(reads.order_by("id").values_list("action", "kind"))
    assert kinds == [("registration.print", "print"), ("registration.export", "export")]
    assert AccessLog.objects.get(action="registration.export").data["subjects"] == [
        str(registration.public_id)
    ]
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(exported.content)).active
    assert [c.value for c in sheet[3]][:4] == [registration.label, "印刷 される", "市民", "参加"]


def test_staff_register_a_caller_and_a_full_event_asks_about_the_waiting_list(
    client_as, chiba_clerk, seminar
):
    register(seminar, 1), register(seminar, 2)
    http = client_as(chiba_clerk)
    url = reverse("outreach:registration_create", args=[seminar.public_id])
    data = {"name": "電話 した人", "category": "family", "contact_phone": "043-000-0000"}
    body = http.post(url, data).content.decode()
    assert "定員に達しました。キャンセル待ちとしてお申し込みいただけます。" in body
    assert 'value="電話 した人"' in body
    assert Registration.objects.filter(event=seminar).count() == 2
    http.post(url, {**data, "join_waiting_list": "on"})
    assert Registration.objects.get(name="電話 した人").status == "waiting"


def test_a_cancellation_by_staff_says_who_moved_up(client_as, chiba_clerk, seminar):
    first = register(seminar, 1)
    register(seminar, 2)
    waiting = register(seminar, 3, waiting=True)
    http = client_as(chiba_clerk)
    response = http.post(reverse("outreach:registration_cancel", args=[first.public_id]), follow=True)
    body = response.content.decode()
    assert f"キャンセル待ちの {waiting.label} が繰り上がりました。お知らせしてください。" in body
    assert "繰り上がり・未連絡" in body
    http.post(reverse("outreach:promotion_told", args=[waiting.public_id]))
    waiting.refresh_from_db()
    assert waiting.promotion_told_at is not None


def test_a_counselor_links_an_attendee_to_a_case_and_a_clerk_cannot(client_as, chiba, chiba_clerk, staff):
    from yorisoi.cases.tests.factories import make_case

    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    event = make_event(program=chiba, author=chiba_clerk)
    registration = register(event, 1)
    url = reverse("outreach:registration_link_case", args=[registration.public_id])
    assert client_as(chiba_clerk).post(url, {"case_label": case.label}).status_code == 404
    registration.refresh_from_db()
    assert registration.case_id is None
    client_as(counselor).post(url, {"case_label": case.label})
    registration.refresh_from_db()
    assert registration.case_id == case.pk
    assert AccessLog.objects.filter(action="registration.link_case", actor=counselor).count() == 1


def test_publishing_and_cancelling_an_event(client_as, chiba_clerk, chiba):
    event = make_event(program=chiba, author=chiba_clerk, publish=False)
    http = client_as(chiba_clerk)
    url = reverse("outreach:event_status", args=[event.public_id])
    http.post(url, {"to": "published"})
    event.refresh_from_db()
    assert event.status == "published"
    response = http.post(url, {"to": "cancelled", "note": ""})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.status == "published"
    http.post(url, {"to": "cancelled", "note": "会場の都合で中止します"})
    event.refresh_from_db()
    assert (event.status, event.cancellation_note) == ("cancelled", "会場の都合で中止します")


def test_the_supporter_page_is_logged_and_withdrawal_removes_the_name(client_as, chiba, chiba_clerk):
    from yorisoi.outreach.models import EventKind, Supporter

    training = make_event(program=chiba, author=chiba_clerk, kind=EventKind.SUPPORTER_TRAINING)
    registration = register(training, 1, name="サポ 一郎")
    services.attendance_set(
        session=training.sessions.get(),
        registration=registration,
        present=True,
        actor=actor(chiba_clerk, chiba),
    )
    supporter = Supporter.objects.get()
    http = client_as(chiba_clerk)
    assert "サポ 一郎" in http.get(supporter.get_absolute_url()).content.decode()
    http.post(supporter.get_absolute_url(), {"agrees_to_contact": "on"})
    supporter.refresh_from_db()
    assert (supporter.agrees_to_contact, supporter.keeps_details) == (True, False)
    http.post(reverse("outreach:supporter_withdraw", args=[supporter.public_id]))
    body = http.get(reverse("outreach:supporter_list"), {"include_withdrawn": "on"}).content.decode()
    assert "サポ 一郎" not in body and "（登録をやめた方）" in body
    views = AccessLog.objects.filter(action="supporter.view", subject_id=registration.public_id)
    assert views.count() == 1
