"""The self-check: gentle, anonymous, stored nowhere, never a label."""

from django.urls import reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Inquiry


def test_self_check_offers_the_seed_lists_as_optional_questions(client, programs):
    body = client.get(reverse("portal:self_check")).content.decode()
    assert "働きたい気持ちはあるけれど、何から始めたらよいかがわからない。" in body
    assert "一日の大半は自分の部屋や自宅で過ごしている。" in body
    assert "答えはどこにも保存されず" in body
    assert "（必須）" not in body


def test_result_says_consultation_is_open_and_shows_the_chosen_citys_program(client, programs):
    # when a family member answers with several items and chooses 浦安市
    response = client.post(
        reverse("portal:self_check"),
        {
            "about": "family",
            "worries": ["going_out", "family"],
            "signs": ["at_home", "no_talk"],
            "city": "浦安市",
        },
    )
    body = response.content.decode()
    # then the result invites them to consult, names Urayasu, and labels no one
    assert response.status_code == 200
    assert "ひとつでも気になることがあれば、ご本人でも、ご家族でも、相談できます。" in body
    assert "ご本人が相談に来られなくても、ご家族だけでご相談いただけます。" in body
    assert "あなたの相談先は「浦安市ひきこもり相談事業」です" in body
    assert "ひきこもりです" not in body
    assert "点" not in body.split("<main")[1].split("</main>")[0]


def test_answers_are_stored_nowhere(client, programs):
    # when someone answers the self-check
    client.post(reverse("portal:self_check"), {"worries": ["future"], "signs": ["at_home"], "city": "千葉市"})
    # then no inquiry, no log entry and nothing in their session remembers it
    assert Inquiry.objects.count() == 0
    assert AccessLog.objects.count() == 0
    assert dict(client.session) == {}


def test_an_empty_self_check_still_gets_a_kind_answer_and_both_programs(client, programs):
    body = client.post(reverse("portal:self_check"), {}).content.decode()
    assert "ひとつでも気になることがあれば、ご本人でも、ご家族でも、相談できます。" in body
    assert 'id="program-chiba"' in body
    assert 'id="program-urayasu"' in body
