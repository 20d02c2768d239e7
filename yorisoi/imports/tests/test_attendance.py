"""Event attendance (催しの参加者): dry run, confirm, rollback, re-import and program isolation."""

import datetime
import io

from openpyxl import Workbook

from yorisoi.audit.models import AccessLog
from yorisoi.imports import services
from yorisoi.imports.models import BatchStatus, LedgerEntry
from yorisoi.outreach.models import (
    Attendance,
    EventKind,
    EventSession,
    EventStatus,
    OutreachEvent,
    Registration,
    RegistrationChannel,
    Supporter,
)
from yorisoi.outreach.selectors import attendances_by_category, supporters_completed
from yorisoi.outreach.tests.factories import jst, make_event, register

HEADERS = ["研修名", "種類", "開催日", "開始", "終了", "氏名", "区分", "電話"]
TRAINING = "ひきこもりサポーター養成研修"
ROWS = [
    [TRAINING, "養成研修", "R3.10.2", "13:30", "16:00", "山本 恵子", "市民", "090-2222-0001"],
    [TRAINING, "養成研修", "令和3年10月9日", "13:30", "16:00", "山本 恵子", "市民", "090-2222-0001"],
    [TRAINING, "養成研修", "2021/10/2", "13:30", "16:00", "川口 健", "支援者", None],
    ["家族会", "家族会", "2021-11-20", "10:00", "12:00", None, "家族", None],  # unnamed, twice:
    ["家族会", "家族会", "2021-11-20", "10:00", "12:00", None, "家族", None],  # two people
    ["公開セミナー", "セミナー", "令和3年2月30日", "14:00", "16:00", "佐々木", "市民", None],
    ["公開セミナー", "セミナー", "R3.12.1", "14:00", "16:00", "佐々木", "通行人", None],
    [TRAINING, "養成研修", "R3.10.2", "13:30", "16:00", "山本 恵子", "市民", "090-2222-0001"],
    ["公開セミナー", "セミナー", "R3.12.1", "16:00", "14:00", "佐々木", "市民", None],
]
TABLES = (OutreachEvent, EventSession, Registration, Attendance, Supporter, LedgerEntry)


def attendance_workbook(rows=None, sheet="研修参加者") -> bytes:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(HEADERS)
    for row in ROWS if rows is None else rows:
        ws.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_counts():
    return {m.__name__: m.objects.all().count() for m in (*TABLES, AccessLog)}


def table_rows():
    return {m.__name__: list(m.objects.all().order_by("pk").values()) for m in TABLES}


def test_the_dry_run_writes_nothing_and_explains_each_bad_row(upload, actor):
    # given the attendance sheet, uploaded
    batch = upload(attendance_workbook())
    before = table_counts()
    # when it is previewed
    preview = services.batch_preview(batch=batch, actor=actor)
    # then no table changed, and every bad row is explained with its row number
    assert table_counts() == before
    assert preview.needs_mapping is False
    assert dict(preview.counts["attendance"]) == {"create": 5, "reject": 4}
    assert preview.problems == [
        ("研修参加者", 7, "日付「令和3年2月30日」は存在しない日付です"),
        (
            "研修参加者",
            8,
            "参加区分「通行人」がわかりません（本人・家族・支援者・関係機関・市民・その他のどれかにしてください）",
        ),
        ("研修参加者", 9, "2行目と同じ内容です（重複）"),
        ("研修参加者", 10, "終了時刻が開始時刻より前になっています"),
    ]
    assert preview.note_list == [("定員がないため 30人 とします", 5)]


def test_confirm_creates_events_sessions_and_attendance_through_outreach(upload, actor, chiba):
    # when the sheet is confirmed
    batch = services.batch_confirm(batch=upload(attendance_workbook()), actor=actor)
    # then a two-session training and a family meeting exist in Chiba, held (published), closed to the web
    assert batch.counts == {"attendance": {"create": 5, "reject": 4}}
    training = OutreachEvent.objects.get(title=TRAINING)
    meeting = OutreachEvent.objects.get(title="家族会")
    assert (training.program, training.kind, training.status, training.registration_open) == (
        chiba,
        EventKind.SUPPORTER_TRAINING,
        EventStatus.PUBLISHED,
        False,
    )
    assert [s.starts_at for s in training.sessions.all()] == [
        jst(2021, 10, 2, 13, 30),
        jst(2021, 10, 9, 13, 30),
    ]
    assert meeting.kind == EventKind.FAMILY_MEETING and meeting.sessions.count() == 1
    # and one registration per person, marked present at each session they came to
    people = Registration.objects.filter(event=training).order_by("number")
    assert [(r.name, r.category, r.channel, r.attendances.count()) for r in people] == [
        ("山本 恵子", "citizen", RegistrationChannel.WALK_IN, 2),
        ("川口 健", "supporter", RegistrationChannel.WALK_IN, 1),
    ]
    assert list(Registration.objects.filter(event=meeting).values_list("name", "category")) == [
        ("", "family"),
        ("", "family"),
    ]
    # and outreach's own roster rule made the one who attended every session a supporter
    supporter = Supporter.objects.get()
    assert (supporter.training.name, supporter.completed_on) == ("山本 恵子", datetime.date(2021, 10, 9))
    # and the city's figures for 令和3年度 count it
    first, last = datetime.date(2021, 4, 1), datetime.date(2022, 3, 31)
    assert attendances_by_category(chiba, first, last) == {
        "self": 0,
        "family": 2,
        "supporter": 1,
        "citizen": 2,
        "other": 0,
    }
    assert supporters_completed(chiba, first, last) == 1


def test_rollback_restores_the_exact_previous_state(upload, actor, chiba, manager):
    # given an event the program already had, whose session the sheet also attended
    seminar = make_event(program=chiba, author=manager, title="公開セミナー", starts=jst(2021, 12, 1, 14))
    register(seminar, 1, channel=RegistrationChannel.WALK_IN)
    rows = [
        ["公開セミナー", "公開セミナー", "R3.12.1", "14:00", "16:00", "佐々木 一", "市民", None],
        *ROWS[:5],
    ]
    before = table_rows()
    batch = services.batch_confirm(batch=upload(attendance_workbook(rows)), actor=actor)
    assert Attendance.objects.count() == 6 and Supporter.objects.count() == 1
    assert OutreachEvent.objects.get(pk=seminar.pk).next_registration_number == 3
    # when it is rolled back
    batch = services.batch_rollback(batch=batch, actor=actor)
    # then every table holds exactly what it held before (numbering included), and it is logged
    assert batch.status == BatchStatus.ROLLED_BACK
    assert table_rows() == before
    assert AccessLog.objects.filter(action="import.rollback", target_id=batch.public_id).count() == 1


def test_reimporting_the_same_sheet_creates_nothing(upload, actor):
    # given the sheet imported once
    services.batch_confirm(batch=upload(attendance_workbook()), actor=actor)
    counts = {k: v for k, v in table_counts().items() if k != "AccessLog"}
    # when the same rows come again (saved as another file)
    again = upload(attendance_workbook(), name="参加者名簿（再）.xlsx")
    preview = services.batch_preview(batch=again, actor=actor)
    services.batch_confirm(batch=again, actor=actor)
    # then every good row is recognised as imported, the two unnamed family members included
    assert dict(preview.counts["attendance"]) == {"skip": 5, "reject": 4}
    assert {k: v for k, v in table_counts().items() if k != "AccessLog"} == counts


def test_an_existing_event_of_the_program_is_matched_and_a_missing_date_is_refused(
    upload, actor, chiba, manager
):
    # given Chiba's own seminar on 2021-12-01, with one registrant present already
    seminar = make_event(program=chiba, author=manager, title="公開セミナー", starts=jst(2021, 12, 1, 14))
    present = register(
        seminar,
        1,
        channel=RegistrationChannel.WALK_IN,
        name="佐々木 一",
        contact_email="",
        contact_phone="090-3333-0001",
    )
    from yorisoi.outreach.services import attendance_set

    attendance_set(session=seminar.sessions.get(), registration=present, present=True, actor=actor)
    rows = [
        ["公開セミナー", "公開セミナー", "R3.12.1", "14:00", "16:00", "佐々木 一", "市民", "090-3333-0001"],
        ["公開セミナー", "公開セミナー", "R3.12.1", "14:00", "16:00", "新井 二", "市民", None],
        ["公開セミナー", "公開セミナー", "R3.12.8", "14:00", "16:00", "新井 二", "市民", None],
    ]
    # when previewed and confirmed
    batch = upload(attendance_workbook(rows))
    preview = services.batch_preview(batch=batch, actor=actor)
    services.batch_confirm(batch=batch, actor=actor)
    # then the seminar is not copied: the present registrant is recognised, the new one joins it
    assert dict(preview.counts["attendance"]) == {"skip": 1, "create": 1, "reject": 1}
    assert preview.problems == [
        (
            "研修参加者",
            4,
            "すでにある「公開セミナー」に2021年12月8日の回がありません。先に催しの画面で開催日を加えてください",
        )
    ]
    assert OutreachEvent.objects.count() == 1
    assert list(seminar.registrations.order_by("number").values_list("name", "channel")) == [
        ("佐々木 一", "walk_in"),
        ("新井 二", "walk_in"),
    ]
    assert Attendance.objects.filter(session__event=seminar).count() == 2


def test_the_other_programs_events_are_never_matched_or_touched(upload, actor, chiba, urayasu, staff):
    # given Urayasu holds an event with the same name, kind and date, with a registrant
    from yorisoi.programs.models import Role

    theirs = make_event(
        program=urayasu,
        author=staff("urayasu", Role.MANAGER),
        title="公開セミナー",
        starts=jst(2021, 12, 1, 14),
    )
    register(theirs, 1, channel=RegistrationChannel.WALK_IN, name="佐々木 一")
    urayasu_before = {
        m.__name__: list(m.objects.all().filter(program=urayasu).order_by("pk").values()) for m in TABLES[:-1]
    }
    rows = [["公開セミナー", "公開セミナー", "R3.12.1", "14:00", "16:00", "佐々木 一", "市民", None]]
    # when Chiba imports attendance of a seminar of that name and date
    services.batch_confirm(batch=upload(attendance_workbook(rows)), actor=actor)
    # then Chiba gets its own event; Urayasu's rows are exactly as they were
    ours = OutreachEvent.objects.get(program=chiba)
    assert ours.pk != theirs.pk
    assert Registration.objects.get(event=ours).name == "佐々木 一"
    assert {
        m.__name__: list(m.objects.all().filter(program=urayasu).order_by("pk").values()) for m in TABLES[:-1]
    } == urayasu_before


def test_a_nickname_is_kept_only_where_the_event_kind_allows_it(upload, actor):
    rows = [
        ["家族会", "家族会", "R3.11.20", "10:00", "12:00", "ひまわり", "家族", None],
        ["公開セミナー", "公開セミナー", "R3.12.1", "14:00", "16:00", "たんぽぽ", "市民", None],
    ]
    content = Workbook()
    ws = content.active
    ws.title = "参加者"
    ws.append([*HEADERS, "ニックネーム"])
    for row in rows:
        ws.append([*row, "はい"])
    out = io.BytesIO()
    content.save(out)
    batch = upload(out.getvalue())
    preview = services.batch_preview(batch=batch, actor=actor)
    assert (
        "ニックネームは家族会・当事者会だけで使えるため、お名前として取り込みます",
        1,
    ) in preview.note_list
    services.batch_confirm(batch=batch, actor=actor)
    assert dict(Registration.objects.values_list("name", "is_nickname")) == {
        "ひまわり": True,
        "たんぽぽ": False,
    }
