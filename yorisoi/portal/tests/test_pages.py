"""The public pages: built from the programs' and the organization's data; never an emergency line."""

import pytest
from django.urls import reverse

from yorisoi.portal.selectors import upcoming_public_events
from yorisoi.programs.models import CrisisLine, Organization

PUBLIC_PAGES = [
    ("portal:index", {}),
    ("portal:about", {}),
    ("portal:philosophy", {}),
    ("portal:self_check", {}),
    ("portal:find_program", {}),
    ("portal:program_detail", {"slug": "chiba"}),
    ("portal:program_detail", {"slug": "urayasu"}),
    ("portal:request_form", {"slug": "chiba"}),
    ("portal:request_thanks", {}),
    ("portal:privacy", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_every_public_page_says_it_is_not_an_emergency_line_and_where_to_turn(client, programs, name, kwargs):
    # given the organization's crisis lines, one of them just edited
    line = CrisisLine.objects.get(phone="0120-279-338")
    line.name = "よりそいホットライン（編集済み）"
    line.save()
    # when anyone opens the page
    response = client.get(reverse(name, kwargs=kwargs))
    body = response.content.decode()
    # then it says plainly this is not an emergency line, with 119 / 110 and the edited row
    assert response.status_code == 200
    assert "このサイトは緊急の相談窓口ではありません。" in body
    assert '<a href="tel:119">119</a>' in body
    assert '<a href="tel:110">110</a>' in body
    assert "よりそいホットライン（編集済み）" in body
    assert '<a class="crisis-phone" href="tel:0120-279-338">0120-279-338</a>' in body


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_public_pages_load_nothing_from_elsewhere_and_no_scripts(client, programs, name, kwargs):
    body = client.get(reverse(name, kwargs=kwargs)).content.decode()
    assert "<script" not in body
    assert 'style="' not in body
    assert 'src="http' not in body
    assert 'href="http' not in body
    assert '<link rel="stylesheet" href="/static/portal/portal.css">' in body


def test_program_page_shows_the_phone_from_the_program_row(client, chiba):
    # given Chiba's phone number changed by the organization
    chiba.phone = "043-000-1234"
    chiba.save()
    # when the public opens Chiba's page
    body = client.get(reverse("portal:program_detail", kwargs={"slug": "chiba"})).content.decode()
    # then the new number is there to tap, and the old one is gone
    assert '<a class="phone" href="tel:043-000-1234">043-000-1234</a>' in body
    assert "043-204-1606" not in body


def test_program_page_shows_the_published_facts_of_that_program_only(client, programs):
    body = client.get(reverse("portal:program_detail", kwargs={"slug": "urayasu"})).content.decode()
    assert "<h1>浦安市ひきこもり相談事業</h1>" in body
    assert "浦安市猫実1-1-1 浦安市役所3F 社会福祉課内 生活支援相談窓口" in body
    assert "火曜日・木曜日 9:00～17:00" in body
    assert "浦安市在住の概ね16歳以上のひきこもりご本人またはご家族" in body
    assert "「概ね16歳以上」は目安です。迷ったときも、まずはご相談ください。" in body
    assert "祝日と年末年始（12月29日～1月3日）はお休みです。" in body
    assert "<h3>お電話または市役所への来所で、初回相談予約</h3>" in body
    assert "043-204-1606" not in body.split('id="emergency"')[0]


def test_program_page_flow_steps_places_and_access_come_from_data(client, chiba):
    # given edited flow, place and access rows
    step = chiba.flow_steps.get(order=2)
    step.title = "初回相談（来所・訪問・オンライン）"
    step.save()
    chiba.places.create(kind="other", name="新しい相談室", address="千葉市中央区1-1", display_order=99)
    chiba.access = "JR千葉駅から徒歩10分"
    chiba.save()
    # when the page is opened
    body = client.get(reverse("portal:program_detail", kwargs={"slug": "chiba"})).content.decode()
    # then the page shows exactly those rows
    assert "<h3>初回相談（来所・訪問・オンライン）</h3>" in body
    assert "<li>新しい相談室（千葉市中央区1-1）</li>" in body
    assert "<p>JR千葉駅から徒歩10分</p>" in body
    assert "市営高浜第2" not in body


def test_program_page_lists_an_upcoming_closure_entered_by_staff(client, chiba, frozen_now):
    frozen_now(2026, 11, 20, 10, 0)
    chiba.closures.create(date="2026-12-02", reason="職員研修")
    body = client.get(reverse("portal:program_detail", kwargs={"slug": "chiba"})).content.decode()
    assert "臨時のお休み：12月2日（水） 職員研修" in body


def test_unknown_program_is_a_404(client, programs):
    assert client.get("/programs/tokyo/").status_code == 404


def test_philosophy_page_shows_the_organization_text(client, programs):
    # given the organization edits its stance
    organization = Organization.objects.get()
    organization.consultation_stance = "いつも、ご本人の歩みに寄り添います。"
    organization.save()
    # when the page is opened
    body = client.get(reverse("portal:philosophy")).content.decode()
    # then both texts are there, the edited one as edited
    assert "いつも、ご本人の歩みに寄り添います。" in body
    assert "本人の背中を少し押しながら、小さな目標を作り、成功体験を積み重ねます。" in body


def test_about_page_quotes_the_definition_and_says_it_can_happen_to_anyone(client, programs):
    body = client.get(reverse("portal:about")).content.decode()
    assert (
        "さまざまな要因の結果として、社会参加を回避し、原則的に6ヶ月以上にわたって概ね家庭にとどまり続けている"
        "状態を指す現象概念。" in body
    )
    assert "特別なことではなく、誰にでも起こりうることです。" in body
    assert "<li>家族との会話もほとんどない。</li>" in body


def test_index_lists_the_seed_worries_and_both_programs(client, programs):
    body = client.get(reverse("portal:index")).content.decode()
    assert "このようなことで、一人で悩んでいる人はいませんか？" in body
    assert "<li>人と関わるのが苦手で外になかなか出られない。</li>" in body
    assert "ユニバーサル就労ネットワークちばは、次の2事業をそれぞれ行政から受託し実施しています。" in body
    assert 'href="tel:043-204-1606"' in body
    assert 'href="tel:047-712-6856"' in body


def test_events_section_says_kindly_when_nothing_is_planned(client, programs):
    body = client.get(reverse("portal:index")).content.decode()
    assert upcoming_public_events() == []
    assert "いまご案内している講演会・セミナーはありません。" in body


def test_public_pages_need_a_fixed_small_number_of_queries(client, programs, django_assert_num_queries):
    """Programs, their hours/places/flow, one closures read per program, organization, crisis lines, nav,
    upcoming events."""
    with django_assert_num_queries(10):
        client.get(reverse("portal:index"))
    with django_assert_num_queries(11):
        client.get(reverse("portal:program_detail", kwargs={"slug": "chiba"}))
