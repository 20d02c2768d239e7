import re

import pytest
from playwright.sync_api import expect

from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role
from yorisoi.referrals.models import PartnerAgency, Referral, ReferralStatus

pytestmark = pytest.mark.django_db(transaction=True)

REFUSAL = (
    "この連携先（ハローワーク千葉）との情報共有について、同意が記録されていません。"
    "同意を記録してから、もう一度お試しください。"
)
PURPOSE = "本人が「仕事の話を聞くだけなら」と話したので、職業相談に一緒に行くことを提案。"


def test_a_counselor_connects_a_person_to_hello_work_only_after_consent(
    page, log_in, staff, chiba, screenshot
):
    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    log_in(counselor)

    # the counselor adds Hello Work to the program's partner agencies
    page.goto("/staff/referrals/agencies/")
    page.get_by_role("link", name="連携機関を登録").click()
    page.get_by_label("種類").select_option(label="ハローワーク")
    page.get_by_label("名称").fill("ハローワーク千葉")
    page.get_by_label("担当者").fill("職業相談部門（架空）")
    page.get_by_label("電話番号").fill("043-000-0101")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("連携機関「ハローワーク千葉」を登録しました。")).to_be_visible()
    expect(page.get_by_role("cell", name="ハローワーク千葉")).to_be_visible()
    screenshot("referral-1-agencies")

    # from the case page, a referral sharing personal information — without consent for it
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="連携・つなぎを追加").click()
    page.get_by_label(re.compile("^連携先 ")).select_option(label="ハローワーク千葉（ハローワーク）")
    page.get_by_label("つなぐ目的").fill(PURPOSE)
    page.get_by_label("本人の個人情報を連携先と共有する").check()
    page.get_by_role("button", name="提案として記録する").click()
    expect(page.get_by_role("alert").filter(has_text=REFUSAL)).to_be_visible()
    expect(page.get_by_label("つなぐ目的")).to_have_value(PURPOSE)
    expect(page.get_by_label("本人の個人情報を連携先と共有する")).to_be_checked()
    expect(page.get_by_label(re.compile("^連携先 "))).to_have_value(
        str(PartnerAgency.objects.get().public_id)
    )
    screenshot("referral-2-refused-without-consent")
    assert Referral.objects.count() == 0

    # consent is recorded on the case page, naming the kind of agency
    page.get_by_role("link", name=f"← {case.label} に戻る").click()
    page.get_by_role("link", name="同意を記録", exact=True).click()
    page.get_by_label(re.compile("^同意した方 ")).select_option(label="本人")
    page.get_by_label("方法").select_option(label="書面")
    page.get_by_label("情報共有に同意した連携先").fill("ハローワーク")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("同意を記録しました。")).to_be_visible()

    # the referral again: now it is recorded as a proposal
    page.get_by_role("link", name="連携・つなぎを追加").click()
    expect(page.get_by_role("note")).to_contain_text("ハローワーク")
    page.get_by_label(re.compile("^連携先 ")).select_option(label="ハローワーク千葉（ハローワーク）")
    page.get_by_label("つなぐ目的").fill(PURPOSE)
    page.get_by_label("本人の個人情報を連携先と共有する").check()
    page.get_by_role("button", name="提案として記録する").click()
    expect(page.get_by_text("連携・つなぎを記録しました（提案）。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ハローワーク千葉")
    expect(page.get_by_text("共有する（同意あり）")).to_be_visible()

    # arranged, then connected
    page.get_by_label("新しい状況").select_option(label="調整中")
    page.get_by_role("button", name="状況を変える").click()
    expect(page.get_by_text("状況を「調整中」にしました。")).to_be_visible()
    page.get_by_label("新しい状況").select_option(label="つながった")
    page.get_by_label("結果・メモ").fill("一緒に窓口へ行き、担当者と顔合わせができた。")
    page.get_by_role("button", name="状況を変える").click()
    expect(page.get_by_text("状況を「つながった」にしました。")).to_be_visible()
    screenshot("referral-3-connected")

    # the case page lists it, and its timeline tells the story
    page.get_by_role("link", name=f"← {case.label} に戻る").click()
    section = page.locator("section", has=page.get_by_role("heading", name="連携・つなぎ", level=2))
    expect(section.get_by_role("row", name=re.compile("ハローワーク千葉"))).to_contain_text("つながった")
    page.get_by_role("navigation", name="経過の絞り込み").get_by_role("link", name="連携・つなぎ").click()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("連携・つなぎ：ハローワーク千葉（つながった）")
    expect(timeline).to_contain_text("連携・つなぎ：ハローワーク千葉（調整中）")
    expect(timeline).to_contain_text("連携・つなぎ：ハローワーク千葉（提案）")
    expect(timeline).to_contain_text("一緒に窓口へ行き、担当者と顔合わせができた。")
    screenshot("referral-4-case-timeline")

    referral = Referral.objects.get()
    assert (referral.status, referral.shares_personal_info, referral.case_id) == (
        ReferralStatus.CONNECTED,
        True,
        case.pk,
    )
    assert (
        AccessLog.objects.filter(actor=counselor, action="referral.view", subject_id=case.public_id).count()
        == 3
    )
