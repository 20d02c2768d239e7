import datetime

import pytest

from yorisoi.cases import selectors
from yorisoi.cases.normalize import kana_key, phone_digits
from yorisoi.cases.tests.factories import make_case, make_client
from yorisoi.programs.permissions import Actor


@pytest.mark.parametrize("typed", ["さとう", "サトウ", "ｻﾄｳ", "さ と う", "サトウ　ハナコ", "ｻﾄｳﾊﾅｺ"])
def test_kana_in_any_script_or_width_becomes_one_key(typed):
    assert kana_key(typed) in ("サトウ", "サトウハナコ")


def test_phone_digits_ignore_width_and_punctuation():
    assert phone_digits("０４３－２０４－１６０６") == "0432041606"


@pytest.fixture
def sato(chiba, chiba_counselor):
    client = make_client(
        program=chiba,
        actor=chiba_counselor,
        family_name="佐藤",
        given_name="花子",
        family_name_kana="サトウ",
        given_name_kana="ハナコ",
        phone="090-1111-2222",
        birth_date=datetime.date(1990, 1, 2),
    )
    make_client(
        program=chiba,
        actor=chiba_counselor,
        family_name="斉藤",
        family_name_kana="サイトウ",
        given_name_kana="",
    )
    case = make_case(program=chiba, actor=chiba_counselor, client=client)
    return client, case


def actor_of(user, program):
    return Actor(user=user, program=program, role="counselor")


@pytest.mark.parametrize("typed", ["さとう", "サトウ", "ｻﾄｳ", "佐藤", "佐藤 花子", "さとうはな"])
def test_satou_is_found_whichever_way_it_is_typed(sato, chiba, chiba_counselor, typed):
    client, case = sato
    hits = selectors.client_search(actor=actor_of(chiba_counselor, chiba), query=typed)
    assert [(h.client, h.case) for h in hits] == [(client, case)]


@pytest.mark.parametrize(
    "typed", ["090-1111-2222", "09011112222", "2222", "1111-2222", "０９０１１１１２２２２"]
)
def test_found_by_phone_digits_or_last_four(sato, chiba, chiba_counselor, typed):
    client, _ = sato
    hits = selectors.client_search(actor=actor_of(chiba_counselor, chiba), query=typed)
    assert [h.client for h in hits] == [client]


@pytest.mark.parametrize("typed", ["C-0001", "c-0001", "1", "Ｃ－０００１"])
def test_found_by_case_number(sato, chiba, chiba_counselor, typed):
    _, case = sato
    hits = selectors.client_search(actor=actor_of(chiba_counselor, chiba), query=typed)
    assert [h.case for h in hits] == [case]


def test_family_phone_finds_the_case(chiba, chiba_counselor):
    from yorisoi.cases.services import related_person_add

    case = make_case(program=chiba, actor=chiba_counselor)
    related_person_add(case=case, actor=chiba_counselor, relation="mother", name="母", phone="043-999-8888")
    hits = selectors.client_search(actor=actor_of(chiba_counselor, chiba), query="8888")
    assert [(h.case, h.matched) for h in hits] == [(case, "電話番号（母）")]


def test_search_never_crosses_programs(sato, urayasu, urayasu_counselor):
    assert selectors.client_search(actor=actor_of(urayasu_counselor, urayasu), query="サトウ") == []


def test_duplicates_same_furigana_and_birth_date_or_same_phone(sato, chiba, chiba_counselor):
    client, _ = sato
    actor = actor_of(chiba_counselor, chiba)
    by_kana = selectors.possible_duplicates(
        actor=actor, family_kana="さとう", given_kana="ﾊﾅｺ", birth_date=datetime.date(1990, 1, 2), phone=""
    )
    by_phone = selectors.possible_duplicates(
        actor=actor, family_kana="", given_kana="", birth_date=None, phone="０９０-１１１１-２２２２"
    )
    other_birthday = selectors.possible_duplicates(
        actor=actor, family_kana="サトウ", given_kana="ハナコ", birth_date=datetime.date(1991, 1, 2), phone=""
    )
    assert by_kana == [client] and by_phone == [client] and other_birthday == []
