"""What a row of the inbox and a line of its urgent list show: written in Python (cases/inquiry_rows.py)."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Inquiry
from yorisoi.cases.tests.factories import make_case, make_inquiry
from yorisoi.programs.models import Role

JST = datetime.timezone(datetime.timedelta(hours=9))
HOSTILE = "<script>alert(1)</script>"


def _row_of(body: str, url: str) -> str:
    start = body.rindex("<tr>", 0, body.index(f'href="{url}"', body.index("<tbody>")))
    return body[start : body.index("</tr>", start) + len("</tr>")]


def _received(inquiry, when: datetime.datetime):
    Inquiry.objects.filter(pk=inquiry.pk).update(received_at=when)


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_a_row_shows_the_inquiry_as_the_template_did_and_escapes_what_the_caller_said(
    programs, staff, client_as
):
    # given an urgent inquiry whose concern and cautions look like markup and run over two lines
    chiba = programs["chiba"]
    counselor = staff("chiba", Role.COUNSELOR)
    inquiry = make_inquiry(
        program=chiba,
        actor=counselor,
        concern=HOSTILE + "あ" * 40,
        contact_preferences="固定電話は<b>だめ</b>\r\n本人は知らない & 夜は不可",
        is_urgent=True,
    )
    _received(inquiry, datetime.datetime(2026, 6, 3, 9, 5, tzinfo=JST))
    # when the counselor opens the inbox
    body = client_as(counselor).get(reverse("cases:inquiry_list")).content.decode()
    # then the row links the inquiry, shows the badge, escapes everything typed, keeps line breaks
    assert "<script>" not in body
    assert _row_of(body, inquiry.get_absolute_url()) == (
        f'<tr>\n    <td><a href="{inquiry.get_absolute_url()}">6月3日（水）9:05</a>'
        ' <span class="badge badge-urgent">緊急</span></td>\n'
        "    <td>電話</td>\n"
        "    <td>家族（母）\n"
        '      <p class="contact-caution"><strong>連絡の注意</strong>：'
        "固定電話は&lt;b&gt;だめ&lt;/b&gt;<br>本人は知らない &amp; 夜は不可</p></td>\n"
        "    <td>&lt;script&gt;alert(1)&lt;/script&gt;" + "あ" * 14 + "…</td>\n"
        "    <td>新規</td>\n  </tr>"
    )


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_a_row_names_its_case_and_who_handles_it_and_a_past_year(programs, staff, client_as):
    # given last year's booked inquiry, joined to a case and taken by a colleague, no relation given
    chiba = programs["chiba"]
    counselor, colleague = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    inquiry = make_inquiry(
        program=chiba, actor=counselor, caller_type="agency", family_relation="", concern="x" * 40
    )
    case = make_case(program=chiba, actor=counselor)
    Inquiry.objects.filter(pk=inquiry.pk).update(status="booked", case=case, taken_by=colleague)
    _received(inquiry, datetime.datetime(2025, 12, 28, 17, 0, tzinfo=JST))
    # when the counselor opens the inbox
    body = client_as(counselor).get(reverse("cases:inquiry_list")).content.decode()
    # then the row shows the year, the whole 40-character concern, the case and the colleague
    assert _row_of(body, inquiry.get_absolute_url()) == (
        f'<tr>\n    <td><a href="{inquiry.get_absolute_url()}">2025年12月28日（日）17:00</a></td>\n'
        "    <td>電話</td>\n    <td>関係機関\n      </td>\n"
        f"    <td>{'x' * 40}</td>\n"
        f"    <td>初回相談予約済み（{case.label}）"
        f'<br><span class="hint">対応: {colleague.name_for_display}</span></td>\n'
        "  </tr>"
    )


@time_machine.travel("2026-06-15 12:00 +0900", tick=False)
def test_the_urgent_list_escapes_the_reason_and_logs_the_case_behind_an_inquiry(programs, staff, client_as):
    # given two urgent inquiries nobody has taken: one with a hostile reason, one already on a case
    chiba = programs["chiba"]
    counselor = staff("chiba", Role.COUNSELOR)
    first = make_inquiry(program=chiba, actor=counselor, is_urgent=True, urgent_note=HOSTILE + " & 早く")
    second = make_inquiry(program=chiba, actor=counselor, is_urgent=True, channel="web")
    _received(first, datetime.datetime(2026, 6, 1, 9, 0, tzinfo=JST))
    _received(second, datetime.datetime(2026, 6, 2, 21, 30, tzinfo=JST))
    case = make_case(program=chiba, actor=counselor)
    Inquiry.objects.filter(pk=second.pk).update(status="booked", case=case)
    # when the counselor opens the inbox
    http = client_as(counselor)
    http.get(reverse("cases:inquiry_list"))  # the first open of a session reads more
    with CaptureQueriesContext(connection) as captured:
        body = http.get(reverse("cases:inquiry_list")).content.decode()
    # then the oldest comes first, the reason is escaped text, and no case is read row by row
    assert (
        f'<ul><li><a href="{first.get_absolute_url()}">6月1日（月）9:00 電話・家族</a>'
        " — &lt;script&gt;alert(1)&lt;/script&gt; &amp; 早く</li>"
        f'<li><a href="{second.get_absolute_url()}">6月2日（火）21:30 ウェブ・家族</a></li></ul>'
    ) in body
    assert not [q for q in captured.captured_queries if q["sql"].startswith('SELECT "cases_case"')]
    # and the access log names the first inquiry and the case the second one belongs to
    entry = AccessLog.objects.filter(action="inquiry.list").latest("id")
    assert set(entry.data["subjects"]) == {str(first.public_id), str(case.public_id)}
