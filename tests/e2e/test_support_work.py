import datetime
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


def test_the_whole_support_story_appears_on_the_timeline(page, log_in, staff, chiba, screenshot):
    """Home visit with the mother, accompaniment to Hello Work that connected, a referral to a
    サポステ with consent, two small goals with one achieved, and the stage moving forward."""
    from yorisoi.consultations.stages import stages_for
    from yorisoi.referrals.models import PartnerAgency

    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    related_person_add(
        case=case, actor=Actor(counselor, chiba, Role.COUNSELOR), relation="mother", name="山田 良子"
    )
    PartnerAgency.objects.create(
        program=chiba, kind="youth_support_station", name="ちば地域若者サポートステーション（架空）"
    )
    stages_for(chiba)
    log_in(counselor)
    page.goto(case.get_absolute_url())

    def write_record(mode, summary, **extra):
        page.get_by_role("link", name="相談記録を書く").click()
        page.get_by_label(re.compile("^相談の形")).select_option(label=mode)
        page.get_by_label(re.compile("^開始時刻")).fill("10:00")
        page.get_by_label(re.compile("^終了時刻")).fill("11:00")
        page.get_by_label(re.compile("^要旨")).fill(summary)
        for label, value in extra.items():
            page.get_by_label(label, exact=True).select_option(label=value)
        if mode == "訪問":
            page.get_by_label("母 山田 良子").check()
        else:
            page.get_by_label("本人が参加").check()
        page.get_by_role("button", name="保存する").click()
        expect(page.get_by_text("相談記録を保存しました。")).to_be_visible()

    write_record("訪問", "母と面談した")
    write_record("同行支援", "ハローワークへ同行した", 同行先="ハローワーク", 同行の結果="つながった")

    page.get_by_role("link", name="同意を記録", exact=True).click()
    page.get_by_label(re.compile("^同意した方 ")).select_option(label="本人")
    page.get_by_label("方法").select_option(label="書面")
    page.get_by_label("情報共有に同意した連携先").fill("地域若者サポートステーション")
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("link", name="連携・つなぎを追加").click()
    page.get_by_label(re.compile("^連携先 ")).select_option(index=1)
    page.get_by_label("つなぐ目的").fill("就労に向けた準備の相談")
    page.get_by_label("本人の個人情報を連携先と共有する").check()
    page.get_by_role("button", name="提案として記録する").click()
    expect(page.get_by_text("連携・つなぎを記録しました（提案）。")).to_be_visible()
    page.get_by_role("link", name=f"← {case.label} に戻る").click()

    page.get_by_role("link", name="計画を作る").click()
    page.get_by_label("小さな目標 1").fill("週に一度コンビニへ行く")
    page.get_by_label("小さな目標 2").fill("サポステの説明会に出る")
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("link", name="できたことを記録").click()
    page.get_by_label(re.compile("^できたこと")).fill("一人でコンビニに行けた")
    page.get_by_label("つながる目標").select_option(label="週に一度コンビニへ行く")
    page.get_by_role("button", name="保存する").click()

    page.get_by_role("link", name="段階を記録").click()
    page.get_by_label(re.compile("^支援段階")).select_option(label="個人的支援段階")
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("link", name="段階を記録").click()
    page.get_by_label(re.compile("^支援段階")).select_option(label="中間的・過渡的な集団との再会段階")
    page.get_by_role("button", name="保存する").click()

    timeline = page.locator("ol.timeline")
    for text in [
        "訪問",
        "母と面談した",
        "同行支援",
        "ハローワークへ同行した",
        "ちば地域若者サポートステーション（架空）",
        "できたこと：一人でコンビニに行けた",
        "支援段階：個人的支援段階",
        "支援段階：中間的・過渡的な集団との再会段階",
        "同意を記録：本人",
    ]:
        expect(timeline).to_contain_text(text)
    expect(page.locator(".stage-line")).to_contain_text("中間的・過渡的な集団との再会段階")
    expect(page.locator(".goal-list")).to_contain_text("週に一度コンビニへ行く")
    expect(page.locator(".goal-list select").first).to_have_value("achieved")
    screenshot("support-story-timeline")
    record = ConsultationRecord.objects.get(mode="accompaniment")
    assert (record.accompaniment_destination, record.accompaniment_outcome) == ("hello_work", "connected")


def test_older_history_comes_under_the_newest_with_more(page, log_in, staff, chiba, screenshot):
    """The case page opens on the newest twenty entries; 「以前の記録をもっと見る」 adds the next below."""

    counselor = staff("chiba", Role.COUNSELOR)
    case = make_case(program=chiba, actor=counselor)
    ConsultationRecord.objects.bulk_create(
        ConsultationRecord(
            program=chiba,
            case=case,
            held_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
            starts_at=datetime.time(10),
            ends_at=datetime.time(11),
            duration_minutes=60,
            mode="phone",
            staff=counselor,
            author=counselor,
            summary=f"電話{i:02d}",
        )
        for i in range(45)
    )
    log_in(counselor)
    page.goto(f"{case.get_absolute_url()}?kind=record")
    timeline = page.locator("ol.timeline > li")
    expect(timeline).to_have_count(20)
    expect(page.locator("ol.timeline")).to_contain_text("電話44")
    expect(page.locator("ol.timeline")).not_to_contain_text("電話24")

    page.get_by_role("link", name="以前の記録をもっと見る").click()
    expect(timeline).to_have_count(40)
    expect(timeline.nth(20)).to_contain_text("電話24")
    expect(page).to_have_url(re.compile(r"\?kind=record$"))  # the page stays; the entries came under it
    page.get_by_role("link", name="以前の記録をもっと見る").click()
    expect(timeline).to_have_count(45)
    expect(timeline.last).to_contain_text("電話00")
    expect(page.get_by_role("link", name="以前の記録をもっと見る")).to_have_count(0)
    screenshot("timeline-more")
