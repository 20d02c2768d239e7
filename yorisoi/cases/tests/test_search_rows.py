"""What each kind of hit of 「人を探す」 says, as staff read it on the page (cases/search_rows.py)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from yorisoi.cases.models import CaseStatus
from yorisoi.cases.services import related_person_add
from yorisoi.cases.tests.factories import make_case, make_client, make_inquiry
from yorisoi.programs.models import Role

TOKYO = ZoneInfo("Asia/Tokyo")


def hits_as_read(response) -> list[str]:
    """Each ``<li>`` of the hits as text, white space folded; links marked ``[…]``."""
    html = response.content.decode()
    listed = re.search(r'<ul class="search-hits">(.*?)</ul>', html, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", listed, re.S)
    text = [re.sub(r'<a href="[^"]+">(.*?)</a>', r"[\1]", item) for item in items]
    return [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in text]


@pytest.fixture
def known(chiba, chiba_counselor):
    client = make_client(
        program=chiba,
        actor=chiba_counselor,
        family_name="佐藤",
        given_name="花子",
        family_name_kana="サトウ",
        given_name_kana="ハナコ",
        birth_date=datetime.date(1990, 1, 2),
    )
    case = make_case(program=chiba, actor=chiba_counselor, client=client)
    related_person_add(
        case=case, actor=chiba_counselor, relation="mother", name="佐藤 良子", phone="043-999-8888"
    )
    make_inquiry(
        program=chiba,
        actor=chiba_counselor,
        caller_name="山田 一郎",
        family_relation="father",
        contact_phone="090-5555-8888",
        received_at=datetime.datetime(2025, 11, 20, 10, 0, tzinfo=TOKYO),
    )
    unnamed = make_case(program=chiba, actor=chiba_counselor, with_client=False)
    make_client(
        program=chiba,
        actor=chiba_counselor,
        family_name="斉藤",
        given_name="",
        family_name_kana="サイトウ",
        given_name_kana="",
        birth_date=None,
    )
    return case, unnamed


def test_each_kind_of_hit_says_who_it_is_and_what_matched(known, chiba_counselor, client_as):
    case, unnamed = known
    status = CaseStatus(case.status).label
    http = client_as(chiba_counselor)

    by_phone = hits_as_read(http.post(reverse("cases:search"), {"q": "8888"}))
    assert by_phone == [
        f"家族 [{case.label}] 母 佐藤 良子 （本人: 佐藤 花子） {status} 電話番号（母）で一致",
        "問い合わせ [問い合わせ 2025年11月20日（木）] 家族（父） 山田 一郎 （ケース登録前）"
        " 電話番号（連絡者）で一致",
    ]
    by_kana = hits_as_read(http.post(reverse("cases:search"), {"q": "サ"}))
    assert (
        f"本人 [{case.label}] 佐藤 花子（サトウ ハナコ） 1990年1月2日（火）生 {status} ふりがなで一致"
        in by_kana
    )
    assert "本人 斉藤（サイトウ） ふりがなで一致" in by_kana
    by_number = hits_as_read(http.post(reverse("cases:search"), {"q": unnamed.label}))
    assert by_number == [
        f"ケース [{unnamed.label}] （本人未登録） {CaseStatus(unnamed.status).label} ケース番号で一致"
    ]


def test_a_clerk_sees_the_case_number_without_a_link(known, staff, client_as):
    case, _ = known
    response = client_as(staff("chiba", Role.CLERK)).post(reverse("cases:search"), {"q": "サトウ"})
    assert response.status_code == 200
    assert hits_as_read(response)[0].startswith(f"本人 {case.label} 佐藤 花子")
    assert case.get_absolute_url() not in response.content.decode()
