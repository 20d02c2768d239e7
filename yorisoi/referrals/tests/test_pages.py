import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import Role
from yorisoi.referrals.models import AgencyKind, PartnerAgency, Referral, ReferralStatus, ReferralStatusChange
from yorisoi.referrals.tests.factories import make_agency, make_referral, record_consent

AGENCY = {
    "kind": "hello_work",
    "name": "ハローワーク千葉",
    "contact_person": "就労相談 佐々木（架空）",
    "phone": "043-000-0001",
    "email": "",
    "address": "千葉市美浜区（架空）",
    "notes": "初回は相談員が同行",
    "is_active": "on",
}
REFUSAL = (
    "この連携先（ハローワーク千葉）との情報共有について、同意が記録されていません。"
    "同意を記録してから、もう一度お試しください。"
)


def _count_queries(http, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert http.get(url).status_code == 200
    return len(queries)


# --- partner agencies ------------------------------------------------------------------------------


def test_counselor_registers_an_agency_and_it_is_logged(chiba, chiba_counselor, client_as):
    # when a counselor registers an agency
    response = client_as(chiba_counselor).post(reverse("referrals:agency_create"), AGENCY, follow=True)
    # then it belongs to their program, is listed, and the write is logged
    agency = PartnerAgency.objects.get()
    assert (agency.program, agency.kind, agency.name, agency.is_active) == (
        chiba,
        "hello_work",
        AGENCY["name"],
        True,
    )
    page = response.content.decode()
    assert "連携機関「ハローワーク千葉」を登録しました。" in page and "初回は相談員が同行" in page
    assert AccessLog.objects.filter(action="agency.create", target_id=agency.public_id).count() == 1


def test_bad_agency_input_gets_japanese_messages_next_to_the_fields_and_keeps_what_was_typed(
    chiba, chiba_counselor, client_as
):
    # given an agency of that name already
    make_agency(program=chiba, actor=chiba_counselor, name="ハローワーク千葉")
    bad = {**AGENCY, "kind": "", "name": "ﾊﾛｰﾜｰｸ　千葉", "phone": "043-abc", "email": "sasaki@"}
    # when the form is sent with mistakes
    response = client_as(chiba_counselor).post(reverse("referrals:agency_create"), bad)
    # then each mistake is explained in Japanese and what was typed is still there
    page = response.content.decode()
    assert response.status_code == 200 and PartnerAgency.objects.count() == 1
    assert "一覧から選んでください。" in page or "入力してください。" in page  # the kind
    assert "同じ名称の連携機関がすでに登録されています。名称をお確かめください。" in page
    assert "電話番号は数字とハイフンで入力してください（例：043-204-1606）。" in page
    assert "メールアドレスの形が正しくありません（例：name@example.jp）。" in page
    assert 'value="ﾊﾛｰﾜｰｸ　千葉"' in page and 'value="043-abc"' in page and "初回は相談員が同行" in page


def test_the_same_name_in_the_other_program_is_fine(urayasu, staff, chiba, chiba_counselor, client_as):
    make_agency(program=urayasu, actor=staff("urayasu", Role.COUNSELOR), name="ハローワーク千葉")
    client_as(chiba_counselor).post(reverse("referrals:agency_create"), AGENCY)
    assert PartnerAgency.objects.filter(program=chiba).count() == 1


def test_counselor_edits_an_agency(chiba, chiba_counselor, client_as):
    agency = make_agency(program=chiba, actor=chiba_counselor)
    data = {**AGENCY, "phone": "043-000-0002", "is_active": ""}
    client_as(chiba_counselor).post(reverse("referrals:agency_edit", args=[agency.public_id]), data)
    agency.refresh_from_db()
    assert (agency.phone, agency.is_active) == ("043-000-0002", False)
    assert AccessLog.objects.get(action="agency.update").data == {
        "fields": ["address", "contact_person", "is_active", "notes", "phone"]
    }


def test_clerk_reads_the_directory_but_cannot_change_it(chiba, staff, chiba_counselor, client_as):
    # given an agency and a clerk
    agency = make_agency(program=chiba, actor=chiba_counselor)
    http = client_as(staff("chiba", Role.CLERK))
    # when the clerk opens the directory, and tries the edit page
    listing = http.get(reverse("referrals:agency_list")).content.decode()
    edit = http.get(reverse("referrals:agency_edit", args=[agency.public_id]))
    # then they read it without edit links, and the edit page is missing for them
    assert "ハローワーク千葉" in listing and "043-000-0001" in listing
    assert (
        "連携機関を登録" not in listing
        and reverse("referrals:agency_edit", args=[agency.public_id]) not in listing
    )
    assert edit.status_code == 404


def test_directory_filters_by_kind_and_hides_former_partners(chiba, chiba_counselor, client_as):
    make_agency(program=chiba, actor=chiba_counselor, name="ハローワーク千葉")
    make_agency(program=chiba, actor=chiba_counselor, name="美浜クリニック（架空）", kind=AgencyKind.MEDICAL)
    make_agency(
        program=chiba, actor=chiba_counselor, name="閉じた居場所（架空）", kind="ibasho", is_active=False
    )
    http = client_as(chiba_counselor)
    medical = http.get(reverse("referrals:agency_list"), {"kind": "medical"}).content.decode()
    active = http.get(reverse("referrals:agency_list")).content.decode()
    everything = http.get(reverse("referrals:agency_list"), {"include_inactive": "on"}).content.decode()
    assert "美浜クリニック（架空）" in medical and "ハローワーク千葉" not in medical
    assert "閉じた居場所（架空）" not in active
    assert "閉じた居場所（架空）" in everything


def test_directory_query_count_does_not_grow_with_agencies(chiba, chiba_counselor, client_as):
    # given a few agencies, then many more
    http = client_as(chiba_counselor)
    url = reverse("referrals:agency_list")
    make_agency(program=chiba, actor=chiba_counselor, name="機関0")
    http.get(reverse("programs:home"))  # a session's first page stamps it and reads its memberships
    few = _count_queries(http, url)
    for n in range(1, 30):
        make_agency(program=chiba, actor=chiba_counselor, name=f"機関{n}")
    # then the page costs the same
    assert _count_queries(http, url) == few == 4


# --- referrals -------------------------------------------------------------------------------------


@pytest.fixture
def case(chiba, chiba_counselor):
    return make_case(program=chiba, actor=chiba_counselor)


@pytest.fixture
def agency(chiba, chiba_counselor):
    return make_agency(program=chiba, actor=chiba_counselor)


def _referral_data(agency, **changes):
    data = {
        "agency": str(agency.public_id),
        "purpose": "本人が仕事の相談をしてみたいと話した",
        "shares_personal_info": "on",
        "proposed_on": "2026-04-12",
    }
    return {**data, **changes}


def test_referral_sharing_data_without_consent_is_refused_next_to_the_field_and_keeps_what_was_typed(
    case, agency, chiba_counselor, client_as
):
    # given a case without a consent naming the agency
    url = reverse("referrals:create", args=[case.public_id])
    # when a referral sharing personal information is sent
    response = client_as(chiba_counselor).post(url, _referral_data(agency))
    # then the refusal is next to the checkbox, in plain Japanese, and everything typed is kept
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="field-error" id="id_shares_personal_info_error" role="alert">{REFUSAL}</p>' in page
    assert f'<option value="{agency.public_id}" selected>' in page
    assert "本人が仕事の相談をしてみたいと話した" in page
    assert 'id="id_shares_personal_info" checked>' in page
    assert 'value="2026-04-12"' in page
    assert (Referral.objects.count(), ReferralStatusChange.objects.count()) == (0, 0)
    assert AccessLog.objects.filter(action__startswith="referral.").count() == 0


def test_referral_with_consent_is_recorded_and_its_page_is_logged(case, agency, chiba_counselor, client_as):
    # given a consent naming the agency's kind
    record_consent(case=case, actor=chiba_counselor, shares_with="ハローワーク")
    http = client_as(chiba_counselor)
    # when the referral is sent
    response = http.post(
        reverse("referrals:create", args=[case.public_id]), _referral_data(agency), follow=True
    )
    # then it is a proposal of the case, shown on its page, and the view is logged once
    referral = Referral.objects.get()
    assert (referral.case, referral.agency, referral.status, referral.shares_personal_info) == (
        case,
        agency,
        ReferralStatus.PROPOSED,
        True,
    )
    assert referral.proposed_on == datetime.date(2026, 4, 12)
    page = response.content.decode()
    assert "連携・つなぎを記録しました（提案）。" in page and "共有する（同意あり）" in page
    views = AccessLog.objects.filter(action="referral.view", actor=chiba_counselor)
    assert list(views.values_list("target_id", "subject_id")) == [(referral.public_id, case.public_id)]


def test_referral_to_an_agency_of_the_other_program_is_refused_next_to_the_field(
    case, urayasu, staff, chiba_counselor, client_as
):
    # given an agency of Urayasu
    other = make_agency(program=urayasu, actor=staff("urayasu", Role.COUNSELOR), name="ハローワーク市川")
    # when a Chiba case is referred to it
    response = client_as(chiba_counselor).post(
        reverse("referrals:create", args=[case.public_id]), _referral_data(other, shares_personal_info="")
    )
    # then the form says so next to the field, keeps the rest, and nothing is written
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "選んだ連携機関は、この事業の連携機関の一覧にありません。一覧から選び直してください。"
        "（ほかの事業の連携機関にはつなげません。）"
    ) in page
    assert "本人が仕事の相談をしてみたいと話した" in page
    assert "ハローワーク市川" not in page  # the other program's list is never shown
    assert Referral.objects.count() == 0


def test_bad_referral_input_gets_japanese_messages(case, agency, chiba_counselor, client_as):
    data = _referral_data(agency, purpose="", proposed_on="2099-01-01", shares_personal_info="")
    response = client_as(chiba_counselor).post(reverse("referrals:create", args=[case.public_id]), data)
    page = response.content.decode()
    assert response.status_code == 200 and Referral.objects.count() == 0
    assert "入力してください。" in page
    assert "未来の日付になっています。日付をお確かめください。" in page
    assert 'value="2099-01-01"' in page


def test_counselor_moves_a_referral_to_connected_through_the_page(case, agency, chiba_counselor, client_as):
    # given a proposal
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    url = reverse("referrals:transition", args=[referral.public_id])
    # when it is arranged, then connected
    http.post(url, {"to_status": "arranging", "on": "2026-04-12", "note": "", "version": "1"})
    response = http.post(
        url,
        {"to_status": "connected", "on": "2026-04-20", "note": "一緒に窓口へ行った", "version": "2"},
        follow=True,
    )
    # then the referral and its history say so
    referral.refresh_from_db()
    assert (referral.status, referral.arranged_on, referral.outcome_on, referral.outcome_note) == (
        ReferralStatus.CONNECTED,
        datetime.date(2026, 4, 12),
        datetime.date(2026, 4, 20),
        "一緒に窓口へ行った",
    )
    assert "状況を「つながった」にしました。" in response.content.decode()
    assert list(ReferralStatusChange.objects.values_list("to_status", flat=True)) == [
        "proposed",
        "arranging",
        "connected",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"to_status": "proposed", "on": "2026-04-12"},
            "今の状況（提案）からは選べない変更です。一覧から選んでください。",
        ),
        (
            {"to_status": "connected", "on": "2026-04-01"},
            "提案日（2026-04-10）より前の日付です。日付をお確かめください。",
        ),
        ({"to_status": "", "on": "2026-04-12"}, "入力してください。"),
    ],
)
def test_refused_status_change_through_the_page_says_why_and_changes_nothing(
    data, message, case, agency, chiba_counselor, client_as
):
    # given a proposal
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor)
    # when a wrong change is sent
    response = client_as(chiba_counselor).post(
        reverse("referrals:transition", args=[referral.public_id]), {**data, "note": "メモ", "version": "1"}
    )
    # then the page says why, keeps the note, and nothing changed
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "メモ" in page
    referral.refresh_from_db()
    assert (referral.status, referral.version, ReferralStatusChange.objects.count()) == ("proposed", 1, 1)


def test_a_status_change_from_a_stale_page_is_refused_and_keeps_the_note(
    case, agency, chiba_counselor, client_as
):
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor)
    http = client_as(chiba_counselor)
    url = reverse("referrals:transition", args=[referral.public_id])
    http.post(url, {"to_status": "arranging", "on": "2026-04-12", "note": "", "version": "1"})
    response = http.post(
        url, {"to_status": "withdrawn", "on": "2026-04-12", "note": "古い画面から", "version": "1"}
    )
    page = response.content.decode()
    assert "ほかの職員が先にこのつなぎを更新しました。入力した内容はこのまま残っています。" in page
    assert "古い画面から" in page
    referral.refresh_from_db()
    assert (referral.status, referral.version) == ("arranging", 2)


def test_follow_up_through_the_page(case, agency, chiba_counselor, client_as):
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor)
    response = client_as(chiba_counselor).post(
        reverse("referrals:follow_up", args=[referral.public_id]),
        {"follow_up_on": "2026-05-01", "follow_up_note": "本人に様子を聞く", "version": "1"},
        follow=True,
    )
    referral.refresh_from_db()
    assert (referral.follow_up_on, referral.follow_up_note) == (datetime.date(2026, 5, 1), "本人に様子を聞く")
    assert "フォローアップの予定を保存しました。" in response.content.decode()


def test_case_page_shows_the_referrals_section_and_timeline(case, agency, chiba_counselor, client_as):
    # given a connected referral
    referral = make_referral(case=case, agency=agency, actor=chiba_counselor, purpose="見学を提案")
    from yorisoi.referrals.services import referral_transition

    referral_transition(
        referral=referral,
        to_status="connected",
        actor=chiba_counselor,
        on=datetime.date(2026, 4, 20),
        note="通所開始",
    )
    # when the case page is opened, in full and filtered to referrals
    http = client_as(chiba_counselor)
    page = http.get(case.get_absolute_url()).content.decode()
    filtered = http.get(case.get_absolute_url(), {"kind": "referral"}).content.decode()
    # then the section lists it with a link, and the timeline shows each move
    assert 'id="referrals-h">連携・つなぎ</h2>' in page
    assert f'<a href="{referral.get_absolute_url()}">ハローワーク千葉</a>' in page
    assert reverse("referrals:create", args=[case.public_id]) in page
    assert "連携・つなぎ：ハローワーク千葉（つながった）" in page
    assert "連携・つなぎ：ハローワーク千葉（提案）" in filtered
    assert '<a href="?kind=referral" aria-current="true">連携・つなぎ</a>' in filtered


def test_case_page_query_count_does_not_grow_with_referrals(case, agency, chiba_counselor, client_as):
    http = client_as(chiba_counselor)
    make_referral(case=case, agency=agency, actor=chiba_counselor)
    http.get(reverse("programs:home"))  # a session's first page stamps it and reads its memberships
    one = _count_queries(http, case.get_absolute_url())
    for _ in range(10):
        make_referral(case=case, agency=agency, actor=chiba_counselor)
    assert _count_queries(http, case.get_absolute_url()) == one


def test_referral_list_query_count_is_pinned_flat(chiba, agency, chiba_counselor, client_as):
    # given a few referrals, then many more across cases
    http = client_as(chiba_counselor)
    url = reverse("referrals:list")
    make_referral(case=make_case(program=chiba, actor=chiba_counselor), agency=agency, actor=chiba_counselor)
    http.get(reverse("programs:home"))  # a session's first page stamps it and reads its memberships
    few = _count_queries(http, url)
    for _ in range(15):
        make_referral(
            case=make_case(program=chiba, actor=chiba_counselor), agency=agency, actor=chiba_counselor
        )
    # then the page costs the same
    assert _count_queries(http, url) == few == 9  # 2 of them take the access log chain's next link


def test_referral_list_filters_open_ones_and_due_follow_ups(case, agency, chiba_counselor, client_as):
    from yorisoi.referrals.services import referral_follow_up, referral_transition

    open_one = make_referral(case=case, agency=agency, actor=chiba_counselor, purpose="a")
    done = make_referral(case=case, agency=agency, actor=chiba_counselor, purpose="b")
    referral_transition(
        referral=done, to_status="withdrawn", actor=chiba_counselor, on=datetime.date(2026, 4, 11)
    )
    referral_follow_up(
        referral=done, actor=chiba_counselor, follow_up_on=datetime.date(2026, 4, 30), follow_up_note=""
    )
    http = client_as(chiba_counselor)
    opened = http.get(reverse("referrals:list"), {"status": "open"}).content.decode()
    due = http.get(reverse("referrals:list"), {"follow_up_due": "on"}).content.decode()
    assert open_one.get_absolute_url() in opened and done.get_absolute_url() not in opened
    assert done.get_absolute_url() in due and open_one.get_absolute_url() not in due
    assert AccessLog.objects.filter(action="referral.list").count() == 2
