"""「人を探す」 through the trigram indexes: three characters or more are found anywhere in a name,
furigana or phone number (rows starting with them first); one or two at the start, as before."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from yorisoi.audit.models import AccessLog
from yorisoi.cases import search_index, selectors, services
from yorisoi.cases.models import Client
from yorisoi.cases.tests.factories import make_case, make_client, make_inquiry
from yorisoi.programs.permissions import Actor


def actor_of(user, program):
    return Actor(user=user, program=program, role="counselor")


def search(user, program, typed):
    return selectors.person_search(actor=actor_of(user, program), query=typed)


@pytest.fixture
def hanako(chiba, chiba_counselor):
    """Three clients with ハナコ in their furigana: at the start of one, inside two."""

    def client(family, given, family_kana, given_kana, phone=""):
        return make_client(
            program=chiba,
            actor=chiba_counselor,
            family_name=family,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            phone=phone,
        )

    return {
        "start": client("花輿", "優", "はなこし", "ゆう"),
        "sato": client("佐藤", "花子", "さとう", "はなこ", phone="090-1234-5678"),
        "abe": client("阿部", "花子", "あべ", "はなこ"),
    }


@pytest.mark.parametrize("typed", ["はなこ", "ハナコ", "ﾊﾅｺ"])
def test_furigana_inside_a_name_is_found_after_those_that_start_with_it(
    hanako, chiba, chiba_counselor, typed
):
    hits = search(chiba_counselor, chiba, typed)
    # then the one whose furigana starts with it first, then the others in furigana order
    assert [h.client for h in hits] == [hanako["start"], hanako["abe"], hanako["sato"]]
    assert {h.matched for h in hits} == {"ふりがな"}


@pytest.mark.parametrize("typed", ["は", "はな", "ﾊﾅ"])
def test_one_or_two_characters_are_found_at_the_start_only(hanako, chiba, chiba_counselor, typed):
    """Too short for a trigram: the B-tree prefix answers, as it did before the index."""
    assert [h.client for h in search(chiba_counselor, chiba, typed)] == [hanako["start"]]


def test_three_kanji_inside_a_name_are_found_two_only_at_the_start(hanako, chiba, chiba_counselor):
    assert [h.client for h in search(chiba_counselor, chiba, "藤花子")] == [hanako["sato"]]
    assert [h.client for h in search(chiba_counselor, chiba, "佐藤")] == [hanako["sato"]]
    assert search(chiba_counselor, chiba, "花子") == []  # two characters: from the start only


@pytest.mark.parametrize("typed", ["090-1234", "1234-56", "2345", "０９０１２３４"])
def test_any_run_of_four_or_more_phone_digits_finds_the_person(hanako, chiba, chiba_counselor, typed):
    hits = search(chiba_counselor, chiba, typed)
    assert [(h.client, h.matched) for h in hits] == [(hanako["sato"], "電話番号")]


def test_family_and_callers_are_found_by_the_middle_of_their_phone_and_name(chiba, chiba_counselor):
    # given a mother on a case and a caller whose inquiry is not a case yet
    case = make_case(program=chiba, actor=chiba_counselor)
    mother = services.related_person_add(
        case=case, actor=chiba_counselor, relation="mother", name="山田 良子", phone="043-204-1606"
    )
    inquiry = make_inquiry(
        program=chiba, actor=chiba_counselor, caller_name="川口 美智子", contact_phone="047-712-6856"
    )
    # when staff type the middle of the phone number, or of the name
    by_phone_mother = search(chiba_counselor, chiba, "3204")
    by_phone_caller = search(chiba_counselor, chiba, "7712")
    by_name_caller = search(chiba_counselor, chiba, "口美智")
    # then each is found, saying what it is
    assert [(h.kind, h.related, h.case) for h in by_phone_mother] == [("related", mother, case)]
    assert [(h.kind, h.inquiry, h.matched) for h in by_phone_caller] == [
        ("inquiry", inquiry, "電話番号（連絡者）")
    ]
    assert [(h.kind, h.inquiry, h.matched) for h in by_name_caller] == [
        ("inquiry", inquiry, "名前（連絡者）")
    ]


def test_substring_search_never_crosses_programs(hanako, urayasu, urayasu_counselor):
    # given the other program has a ハナコ of its own
    own = make_client(
        program=urayasu,
        actor=urayasu_counselor,
        family_name_kana="いしだ",
        given_name_kana="はなこ",
        phone="047-000-1234",
    )
    # then its staff find only theirs, by furigana, phone digits or a short prefix
    assert [h.client for h in search(urayasu_counselor, urayasu, "はなこ")] == [own]
    assert [h.client for h in search(urayasu_counselor, urayasu, "1234")] == [own]
    assert search(urayasu_counselor, urayasu, "090-1234") == []
    assert search(urayasu_counselor, urayasu, "ハナ") == []


@pytest.mark.parametrize(
    "typed", ['"ハナコ"', "ハナコ OR *", "NEAR(ハナ コシ)", "ハ%ナ_コ", "{kana_key}:ハナコ"]
)
def test_what_is_typed_is_looked_for_as_text_never_as_query_syntax(hanako, chiba, chiba_counselor, typed):
    """FTS5 operators, quotes and LIKE wildcards are characters like any other: no error, no
    wider match."""
    assert search(chiba_counselor, chiba, typed) == []


def test_a_name_with_quotes_and_wildcards_is_found_by_them(chiba, chiba_counselor):
    client = make_client(program=chiba, actor=chiba_counselor, family_name='A"B%C_D', given_name="")
    assert [h.client for h in search(chiba_counselor, chiba, '"B%C_')] == [client]


def test_the_index_follows_every_write_whoever_makes_it(hanako, chiba, chiba_counselor):
    # given a furigana corrected through the service, another changed by a bulk update, one deleted
    services.client_update(
        client=hanako["sato"], actor=chiba_counselor, family_name_kana="さいとう", given_name_kana="はなえ"
    )
    Client.objects.filter(pk=hanako["abe"].pk).update(kana_key="アベユキコ")
    other = make_client(
        program=chiba, actor=chiba_counselor, family_name_kana="かわ", given_name_kana="はなこ"
    )
    Client.objects.filter(pk=other.pk).delete()
    # then the search finds the new keys and never the old ones
    assert [h.client for h in search(chiba_counselor, chiba, "はなこ")] == [hanako["start"]]
    assert [h.client for h in search(chiba_counselor, chiba, "イトウハナエ")] == [hanako["sato"]]
    assert [h.client for h in search(chiba_counselor, chiba, "ユキコ")] == [hanako["abe"]]


@pytest.mark.django_db(transaction=True)  # as migrate does: DDL after the rows are committed
def test_install_puts_back_a_dropped_index_and_takes_in_rows_written_meanwhile(
    hanako, chiba, chiba_counselor
):
    """What a table rebuild on SQLite does to triggers; ``migrate`` runs ``install`` after it."""
    search_index.uninstall(connection)
    late = make_client(
        program=chiba, actor=chiba_counselor, family_name_kana="のざき", given_name_kana="はなこ"
    )
    search_index.install(connection)
    search_index.install(connection)  # idempotent
    hits = search(chiba_counselor, chiba, "はなこ")
    assert [h.client for h in hits] == [hanako["start"], hanako["abe"], hanako["sato"], late]
    assert_uses_trigram_index(chiba_counselor, chiba, "はなこ", "cases_client", "kana_key")


def _plan(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(("EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql)
        return "\n".join(" ".join(str(v) for v in row) for row in cursor.fetchall())


def assert_uses_trigram_index(user, program, typed, table, column):
    """SQLite: the search's own statement reads the FTS5 table. PostgreSQL: its LIKE is one the
    GIN trigram index serves (the planner reads a test's few rows whole, and rightly so; the
    script scripts/search_sql_time.py --explain shows the plans on generated data)."""
    with CaptureQueriesContext(connection) as captured:
        search(user, program, typed)
    # those starting with what was typed come from the key's B-tree, then the others containing it
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(f'SELECT "{table}".')]
    (sql,) = [read for read in reads if " MATCH " in read or "LIKE '%" in read]
    if connection.vendor == "sqlite":
        plan = _plan(sql)
        assert f"{table}_search VIRTUAL TABLE" in plan, plan
        return
    like = re.search(rf'"{table}"\."{column}"::text LIKE \'%[^\']+%\'', sql)
    assert like, sql
    plan = _plan(f"SELECT id FROM {table} WHERE {like.group(0)}")
    assert f"Bitmap Index Scan on {table}_{column}_trgm" in plan, plan


@pytest.mark.parametrize(
    "typed, table, column",
    [
        ("ハナコ", "cases_client", "kana_key"),
        ("藤花子", "cases_client", "name_key"),
        ("1234-56", "cases_client", "phone_digits_reversed"),
        ("ハナコ", "cases_relatedperson", "kana_key"),
        ("7712", "cases_relatedperson", "phone_digits_reversed"),
        ("口美智", "cases_inquiry", "caller_name_key"),
        ("ハナコ", "cases_inquiry", "caller_kana_key"),
        ("7712", "cases_inquiry", "phone_digits_reversed"),
    ],
)
def test_substring_matches_are_read_through_the_trigram_index(
    hanako, chiba, chiba_counselor, typed, table, column
):
    assert_uses_trigram_index(chiba_counselor, chiba, typed, table, column)


def test_query_count_of_a_search_does_not_grow_with_cases(
    hanako, chiba, chiba_counselor, django_assert_num_queries
):
    # given ハナコ's case, then many more cases in the program, two of them hers
    make_case(
        program=chiba, actor=chiba_counselor, client=hanako["sato"], registered_on=datetime.date(2020, 1, 1)
    )

    def count_and_hits():
        with CaptureQueriesContext(connection) as captured:
            hits = search(chiba_counselor, chiba, "サトウハナコ")
        return len(captured), hits

    few, _ = count_and_hits()
    for day in range(1, 21):
        make_case(program=chiba, actor=chiba_counselor, registered_on=datetime.date(2021, 1, day))
    newest = make_case(
        program=chiba, actor=chiba_counselor, client=hanako["sato"], registered_on=datetime.date(2025, 6, 1)
    )
    make_case(
        program=chiba, actor=chiba_counselor, client=hanako["sato"], registered_on=datetime.date(2023, 3, 3)
    )
    # then the search asks the same few questions, and the hit leads to her newest case
    with django_assert_num_queries(few):
        hits = search(chiba_counselor, chiba, "サトウハナコ")
    # clients, family members, inquiries (each: those starting with it, then the others containing it,
    # as the first did not fill the page); the hits' newest case ids, those cases
    assert few == 8
    assert [(h.client, h.case) for h in hits] == [(hanako["sato"], newest)]


def test_a_common_name_fills_the_page_from_those_starting_with_it(chiba, chiba_counselor):
    """「サトウ」 at 50,000 persons: the page is full of those starting with it, so the trigram index's
    thousands of rows containing it are never read (they would come after them anyway)."""

    def client(family, family_kana, given_kana):
        return make_client(
            program=chiba, actor=chiba_counselor, family_name=family, family_name_kana=family_kana,
            given_name="太郎", given_name_kana=given_kana,
        )  # fmt: skip

    taros = [client("佐藤", "さとう", "たろう") for _ in range(29)]
    hanas = [client("佐藤", "さとう", "はな") for _ in range(2)]
    inside = client("伊佐藤", "いさとう", "はな")
    with CaptureQueriesContext(connection) as captured:
        hits = search(chiba_counselor, chiba, "サトウ")
    assert [h.client for h in hits if h.kind == "client"] == [*taros, hanas[0]]  # タ before ハ
    client_reads = [
        q["sql"] for q in captured.captured_queries if q["sql"].startswith('SELECT "cases_client".')
    ]
    assert not [sql for sql in client_reads if " MATCH " in sql or "LIKE '%" in sql]
    # and with fewer starting with it, the others containing it follow them
    assert [h.client for h in search(chiba_counselor, chiba, "サトウハナ")] == [*hanas, inside]


def test_a_substring_search_writes_one_entry_naming_the_cases_shown(
    hanako, chiba, chiba_counselor, client_as
):
    # given ハナコ-san's case and a family member of another case named ハナコ
    case = make_case(program=chiba, actor=chiba_counselor, client=hanako["sato"])
    other = make_case(program=chiba, actor=chiba_counselor)
    services.related_person_add(
        case=other, actor=chiba_counselor, relation="sister", name_kana="おかだ はなこ"
    )
    before = AccessLog.objects.count()
    # when staff search ハナコ
    response = client_as(chiba_counselor).post(reverse("cases:search"), {"q": "はなこ"})
    # then one entry names every subject shown: the three clients (one through her case), the family's case
    assert response.status_code == 200
    assert AccessLog.objects.count() == before + 1
    entry = AccessLog.objects.get(action="client.search")
    shown = {
        str(hanako["start"].public_id),
        str(hanako["abe"].public_id),
        str(case.public_id),
        str(other.public_id),
    }
    assert set(entry.data["subjects"]) == shown and len(entry.data["subjects"]) == 4


def test_the_page_says_how_short_queries_are_searched(chiba, chiba_counselor, client_as):
    page = client_as(chiba_counselor).get(reverse("cases:search")).content.decode()
    assert "3文字以上なら、名前・ふりがな・電話番号の途中からも探せます。" in page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL plans from its statistics")
def test_no_search_statement_walks_the_whole_program_on_sqlite_without_statistics(
    hanako, chiba, chiba_counselor
):
    """SQLite plans without statistics (nothing runs ANALYZE): every statement must start from the
    index of what was typed, never scan the program's rows in list order until enough match."""
    make_case(program=chiba, actor=chiba_counselor, client=hanako["sato"])
    actor = actor_of(chiba_counselor, chiba)
    with (
        scope(program=actor.scoped_program_ids),
        CaptureQueriesContext(connection) as captured,
    ):  # as a request
        for typed in (
            "は",
            "はな",
            "はなこ",
            "佐",
            "佐藤",
            "藤花子",
            "1234",
            "090-1234-5678",
            "A@example.jp",
        ):
            selectors.person_search(actor=actor, query=typed)
        selectors.registration_matches(
            actor=actor,
            names=["佐藤 花子"],
            kanas=["さとう はなこ"],
            phones=["090-1234-5678"],
            emails=["a@b.jp"],
        )
    walks = []
    for query in captured.captured_queries:
        plan = _plan(query["sql"])
        if re.search(r"USING (COVERING )?INDEX \w+ \(program_id=\?\)|SCAN cases_\w+$", plan, re.M):
            walks.append((query["sql"], plan))
    assert walks == []
