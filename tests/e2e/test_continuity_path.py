"""A father asks by web (email only) → an email reply is recorded on the inquiry → registration
(with a possible match shown) → the case shows the reply and his email → a follow-up due today
is on the counselor's home page → the case is printed, with a reason."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case, Inquiry
from yorisoi.cases.tests.factories import make_inquiry
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

CONCERN = "息子が3年ほど家から出ていません。電話は苦手なので、メールでお願いします。"
EMAIL = "ichiro.suzuki@example.jp"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_a_fathers_web_request_to_a_printed_case(page, log_in, staff, chiba, screenshot):
    counselor = staff("chiba", Role.COUNSELOR)
    # the father once asked by phone, two years ago, with the same email: a possible match
    earlier = make_inquiry(
        program=chiba, actor=counselor, caller_name="鈴木 一郎", contact_email=EMAIL, contact_phone=""
    )
    Inquiry.objects.filter(pk=earlier.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=700), status="no_further_contact"
    )

    # the father's web request, email only
    page.goto("/programs/chiba/request/")
    page.get_by_role("radio", name="家族", exact=True).check()
    page.get_by_label("ご家族の方は、ご本人との続柄").select_option(label="父")
    page.get_by_label("お名前").fill("鈴木 一郎")
    page.get_by_role("radio", name="メール", exact=True).check()
    page.get_by_label("メールアドレス").fill(EMAIL)
    page.get_by_role("checkbox", name="メールだけで連絡してほしい（電話はしないでほしい）").check()
    page.get_by_label("ご相談したいこと").fill(CONCERN)
    expect(page.locator("#id_concern_count")).to_have_text(f"{len(CONCERN)} / 800文字")
    page.get_by_role("checkbox", name=re.compile("個人情報の取り扱い.*同意します")).check()
    page.get_by_role("button", name="この内容で申し込む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("お申し込みを受け付けました")
    inquiry = Inquiry.objects.get(channel="web")
    expect(page.get_by_text(f"受付番号：{inquiry.reference}")).to_be_visible()
    expect(page.get_by_text("お電話でお知らせください")).to_have_count(0)

    # the counselor finds it in the inbox and replies by email, recorded on the inquiry
    page.context.clear_cookies()
    log_in(counselor)
    page.get_by_role("link", name="問い合わせ", exact=True).click()
    row = page.get_by_role("row").filter(has_text="ウェブ")
    expect(row).to_contain_text("メールだけで連絡してほしい")
    screenshot("continuity-1-inbox")
    row.get_by_role("link").click()
    expect(page.get_by_role("note")).to_contain_text("メールだけで連絡してほしい")
    page.get_by_role("link", name="相談記録を書く（ケース登録の前）").click()
    page.get_by_label("相談の形").select_option(label="メール・手紙")
    page.get_by_label("要旨").fill("メールで返信し、来所での初回相談の日を3つ提案した")
    page.get_by_label("連絡してきた方（父）が参加").check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("相談記録を保存しました。")).to_be_visible()
    expect(page.get_by_role("heading", name="この問い合わせの相談記録")).to_be_visible()

    # registration: the earlier inquiry with the same email is shown before anything is created
    page.get_by_role("link", name="初回相談をしてケースに登録する").click()
    matches = page.get_by_role("heading", name="すでに知っている方かもしれません")
    expect(matches).to_be_visible()
    expect(page.locator(".match-list")).to_contain_text("メール（連絡者）")
    expect(page.get_by_label("メール", exact=True).last).to_have_value(EMAIL)
    page.get_by_label("姓", exact=True).fill("鈴木")
    page.get_by_label("名", exact=True).fill("健太")
    page.get_by_label("せい（ふりがな）").fill("すずき")
    page.get_by_label("めい（ふりがな）").fill("けんた")
    page.get_by_label("主担当").select_option(label=counselor.name_for_display)
    page.get_by_label(re.compile("^同意した方 ")).select_option(label="家族")
    page.get_by_label("方法").select_option(label="書面")
    screenshot("continuity-2-register-with-matches")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_text("C-0001 として登録しました。")).to_be_visible()

    # the case shows the reply on its timeline and the father's email
    case = Case.objects.get()
    expect(page.locator(".case-header")).to_contain_text(EMAIL)
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("メールで返信し、来所での初回相談の日を3つ提案した")
    expect(page.get_by_role("link", name=re.compile("ウェブ・家族"))).to_be_visible()
    screenshot("continuity-2b-case")

    # searching the father's email finds him as 家族 of the case; the address bar carries nothing of his
    page.get_by_role("link", name="人を探す").click()
    page.get_by_label("名前・ふりがな・電話番号・メール・ケース番号で探す").fill(EMAIL)
    page.get_by_role("button", name="探す").click()
    expect(page.locator(".search-hits")).to_contain_text("家族")
    expect(page.locator(".search-hits")).to_contain_text(case.label)
    assert "ichiro" not in page.url and "%40" not in page.url
    screenshot("continuity-2c-search")
    page.goto(case.get_absolute_url())

    # a record with a follow-up due today appears on the counselor's home page
    page.get_by_role("link", name="相談記録を書く", exact=True).click()
    page.get_by_label("相談の形").select_option(label="メール・手紙")
    page.get_by_label("要旨").fill("父とメール。本人の様子を聞いた")
    page.get_by_label("次にすること").fill("父に面談の日をメールで確かめる")
    page.get_by_label("次の連絡予定日").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("link", name="ホーム").click()
    today_panel = page.locator("#today-panel")
    expect(today_panel).to_contain_text("父に面談の日をメールで確かめる")
    expect(today_panel.get_by_role("link", name=case.label).first).to_be_visible()
    screenshot("continuity-3-home-follow-ups")

    # the case is printed: asked for a reason first (kindly again when empty), then logged as a print
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="印刷する").click()
    page.get_by_role("button", name="印刷用の画面を開く").click()
    expect(page.get_by_text("印刷の理由をひとこと書いてください。アクセス記録に残ります。")).to_be_visible()
    page.get_by_label("印刷する理由").fill("ケース会議の資料")
    page.get_by_role("button", name="印刷用の画面を開く").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.label)
    expect(page.locator(".staff-nav")).to_have_count(0)
    expect(page.locator("ol.timeline")).to_contain_text("メールで返信し、来所での初回相談の日を3つ提案した")
    page.emulate_media(media="print")
    screenshot("continuity-4-print")
    assert AccessLog.objects.filter(kind="print", subject_id=case.public_id).count() == 1
