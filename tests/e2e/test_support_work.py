import re

import pytest
from playwright.sync_api import expect

from yorisoi.cases.services import related_person_add
from yorisoi.cases.tests.factories import make_case
from yorisoi.consultations.models import ConsultationRecord
from yorisoi.programs.models import Role
from yorisoi.programs.permissions import Actor

pytestmark = pytest.mark.django_db(transaction=True)


def test_counselor_records_a_home_visit_flags_8050_and_writes_small_goals(
    page, log_in, staff, chiba, screenshot
):
    counselor, partner = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    related_person_add(
        case=case, actor=Actor(counselor, chiba, Role.COUNSELOR), relation="mother", name="山田 良子"
    )
    log_in(counselor)
    page.goto(case.get_absolute_url())

    # a home visit in pairs, written in under a minute from the case page
    page.get_by_role("link", name="相談記録を書く").click()
    page.get_by_label(re.compile("^相談の形")).select_option(label="訪問")
    page.get_by_label(re.compile("^開始時刻")).fill("10:00")
    page.get_by_label(re.compile("^終了時刻")).fill("11:00")
    page.get_by_label(re.compile("^要旨")).fill("母と面談。本人はドア越しに返事をした")
    page.get_by_label("母 山田 良子").check()
    page.get_by_label("同席した職員").select_option(label=partner.name_for_display)
    page.get_by_label("次にすること").fill("2週間後にまた訪問する")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("相談記録を保存しました。")).to_be_visible()
    record = ConsultationRecord.objects.get()
    assert (record.mode, record.duration_minutes, record.second_staff) == ("home_visit", 60, partner)

    # a risk flag shown at the top of every page of the case
    page.get_by_role("link", name="注意（リスク）を記録").click()
    page.get_by_label(re.compile("^種類")).select_option(label="8050（高齢の親と長期のひきこもり）")
    page.get_by_label("内容").fill("父80代・本人50代")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "8050（高齢の親と長期のひきこもり）（父80代・本人50代）"
    )

    # the stage, and a first plan of small goals in the person's words
    page.get_by_role("link", name="段階を記録").click()
    page.get_by_label(re.compile("^支援段階")).select_option(label="出会い・評価段階")
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("link", name="計画を作る").click()
    page.get_by_label("本人の思い・希望（本人の言葉で）").fill("昼間に起きていたい")
    page.get_by_label("小さな目標 1").fill("朝10時までに起きる")
    page.get_by_label("本人の言葉のまま").first.check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("支援計画を作りました。")).to_be_visible()
    expect(page.locator(".stage-line")).to_contain_text("出会い・評価段階")
    expect(page.get_by_text("「朝10時までに起きる」")).to_be_visible()
    expect(page.locator("ol.timeline")).to_contain_text(
        "訪問 10:00〜11:00：母と面談。本人はドア越しに返事をした"
    )
    screenshot("support-work-case-page")
    expect(page.get_by_role("alert").first).to_contain_text("8050")
