import re

import pytest
from playwright.sync_api import expect

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case, CaseStatus, CaseStatusChange
from yorisoi.programs.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_a_mothers_phone_call_to_closure_and_reopening(page, log_in, staff, chiba, screenshot):
    counselor = staff("chiba", Role.COUNSELOR)
    log_in(counselor)

    # a mother phones about her son
    page.get_by_role("link", name="問い合わせ", exact=True).click()
    page.get_by_role("link", name="問い合わせを記録する").click()
    page.get_by_label("受付方法").select_option(label="電話")
    page.get_by_label("家族", exact=True).check()
    page.get_by_label("本人との続柄").select_option(label="母")
    page.get_by_label("連絡者の名前").fill("山田 良子")
    page.get_by_label("連絡先電話").fill("043-111-2222")
    page.get_by_label("連絡の方法・避けること").fill(
        "本人は相談を知りません。夕方以降は電話しないでください。"
    )
    page.get_by_label("本人の年齢").fill("34")
    page.get_by_label("本人の性別").select_option(label="男性")
    page.get_by_label("お住まいの市区町村").fill("千葉市美浜区")
    page.get_by_label("相談の概要").fill("息子が3年ほど部屋から出てこない。どう声をかけたらいいか。")
    page.get_by_role("button", name="記録する").click()
    expect(page.get_by_text("問い合わせを記録しました。")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("本人は相談を知りません")
    screenshot("case-path-1-inquiry")

    # the initial consultation: register the case with consent
    page.get_by_role("link", name="初回相談をしてケースに登録する").click()
    expect(
        page.get_by_label("相談の概要", exact=False).or_(page.get_by_label("主訴・困りごと"))
    ).to_have_value("息子が3年ほど部屋から出てこない。どう声をかけたらいいか。")
    page.get_by_label("姓", exact=True).fill("山田")
    page.get_by_label("名", exact=True).fill("太郎")
    page.get_by_label("せい（ふりがな）").fill("やまだ")
    page.get_by_label("めい（ふりがな）").fill("たろう")
    page.get_by_label("主担当").select_option(label=counselor.name_for_display)
    page.get_by_label("本人の希望（本人の言葉で）").fill("（母より）いつか外で働いてみたいと言っていた")
    page.get_by_label(re.compile("^同意した方 ")).select_option(label="家族")
    page.get_by_label("方法").select_option(label="書面")
    page.get_by_label("情報共有に同意した連携先").fill("美浜保健福祉センター")
    screenshot("case-path-2-register")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_text("C-0001 として登録しました。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("山田 太郎")
    expect(page.get_by_text("共有先: 美浜保健福祉センター")).to_be_visible()
    screenshot("case-path-3-case")

    # continuing support, then closure because the person says support is no longer needed
    page.get_by_role("button", name="継続支援にする").click()
    page.get_by_text("終結にする", exact=True).first.click()
    page.get_by_label("終結の理由").select_option(label="本人が「サポートがいらない」と表明")
    page.get_by_role("button", name="終結にする").click()
    expect(page.get_by_text("終結にしました。いつでも再開できます。")).to_be_visible()
    case = Case.objects.get()
    assert case.status == CaseStatus.CLOSED

    # months later the mother calls again: reopen, with the history intact
    page.get_by_text("再開する", exact=True).first.click()
    page.get_by_label("再開のきっかけ").fill("半年ぶりに母から電話があった")
    page.get_by_role("button", name="再開する").click()
    expect(page.get_by_text("再開しました。これまでの記録はそのまま残っています。")).to_be_visible()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("半年ぶりに母から電話があった")
    expect(timeline).to_contain_text("終結（本人が「サポートがいらない」と表明）")
    expect(timeline).to_contain_text("継続支援")
    expect(timeline).to_contain_text("問い合わせ（電話・家族）")
    screenshot("case-path-4-reopened")
    case.refresh_from_db()
    steps = list(CaseStatusChange.objects.filter(case=case).values_list("to_status", flat=True))
    assert steps == ["initial", "continuing", "closed", "reopened"]
    assert (
        AccessLog.objects.filter(actor=counselor, subject_id=case.public_id, action="case.view").count() >= 4
    )
