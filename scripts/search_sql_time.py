"""How long the SQL of 「人を探す」 takes on a benchmark database (a measuring script, not a test).

For each typed query it runs ``person_search`` once to capture its statements, then runs those
statements with a raw cursor ``--repeat`` times and prints the median total SQL time, the number
of statements, the hits, and the function's own median wall time (SQL + Python). The minimum is
printed too: on a shared machine it is the closest to what the statements cost on an idle one.
On PostgreSQL "server ms" is what the server itself reports (planning + execution, summed over the
statements, from EXPLAIN ANALYZE): round trips on a loaded machine wait for a CPU, this does not. Nothing is
written: the search itself only reads (the view's access-log entry is not part of this figure).

    # a database the bench generated (TMPDIR as when it was generated):
    YORISOI_DATA_DIR=$TMPDIR/yorisoi-bench-S .venv/bin/python scripts/search_sql_time.py
    DATABASE_URL=postgres://yorisoi:yorisoi@127.0.0.1:5432/bench_s .venv/bin/python scripts/search_sql_time.py

Run ``migrate`` first when the database was generated before the search indexes existed.
``--fill-keys`` first writes the search keys the generator leaves empty (family members' name and
furigana keys, inquiries' caller keys) with the application's own functions, once per database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("YORISOI_DEBUG", "0")


def queries_for(program):
    """Typed queries taken from the data itself, so every scale and seed has hits to find."""
    from yorisoi.cases.models import Client, Inquiry, RelatedPerson

    client = (
        Client.objects.filter(program=program)
        .exclude(kana_key="")
        .exclude(phone_digits="")
        .order_by("id")[100]
    )
    related = RelatedPerson.objects.filter(program=program).exclude(phone_digits="").order_by("id")[100]
    inquiry = (
        Inquiry.objects.filter(program=program, case=None)
        .exclude(phone_digits_reversed="")
        .order_by("id")[50]
    )
    given = client.given_name_kana
    return [
        ("kana prefix 「サトウ」 (the bench's)", "サトウ"),
        ("kana, 1 character", "サ"),
        ("kana, 2 characters", "サト"),
        ("kana, a whole furigana", client.family_name_kana + client.given_name_kana),
        (f"kana, a given name inside 「{given}」", given),
        ("kanji family name (2 characters)", client.family_name),
        ("kanji whole name", client.family_name + client.given_name),
        ("kanji given name", client.given_name),
        ("phone, last 4 digits", client.phone_digits[-4:]),
        ("phone, 4 digits in the middle", client.phone_digits[3:7]),
        ("phone, the whole number", client.phone_digits),
        ("family phone, last 4", related.phone_digits[-4:]),
        ("inquiry caller's phone, whole", inquiry.phone_digits_reversed[::-1]),
        ("email", client.email or "nobody@example.jp"),
        ("case number", "C-0100"),
        ("no hit", "ヲヲヲヲ"),
    ]


def fill_keys() -> None:
    from django.db import transaction

    from yorisoi.cases.models import Inquiry, RelatedPerson
    from yorisoi.cases.services import inquiry_keys, related_person_keys

    with transaction.atomic():
        for person in RelatedPerson.objects.iterator(chunk_size=2000):
            related_person_keys(person)
            RelatedPerson.objects.filter(pk=person.pk).update(
                name_key=person.name_key,
                kana_key=person.kana_key,
                phone_digits_reversed=person.phone_digits_reversed,
            )
        for inquiry in Inquiry.objects.iterator(chunk_size=2000):
            inquiry_keys(inquiry)
            Inquiry.objects.filter(pk=inquiry.pk).update(
                caller_name_key=inquiry.caller_name_key,
                caller_kana_key=inquiry.caller_kana_key,
                phone_digits_reversed=inquiry.phone_digits_reversed,
            )


def server_ms(connection, statements: list[str], repeat: int) -> str:
    if connection.vendor != "postgresql":
        return "–"
    totals = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            total = 0.0
            for sql in statements:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)  # nosec B608: as above
                (plan,) = cursor.fetchone()[0]
                total += plan["Planning Time"] + plan["Execution Time"]
            totals.append(total)
    return f"{statistics.median(totals):.2f}"


def explain(connection, actor, typed: str, repeat: int) -> None:
    from django.test.utils import CaptureQueriesContext

    from yorisoi.cases.search import person_search

    with CaptureQueriesContext(connection) as captured:
        person_search(actor=actor, query=typed)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                cursor.execute(query["sql"])  # nosec B608: a statement Django itself just ran
                cursor.fetchall()
                times.append((time.perf_counter() - started) * 1000)
            print(f"--- {statistics.median(times):.2f} ms: {query['sql']}")
            cursor.execute(prefix + query["sql"])  # nosec B608
            for row in cursor.fetchall():
                print("   ", " ".join(str(v) for v in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--fill-keys", action="store_true", help="write the keys the generator leaves empty")
    parser.add_argument("--explain", metavar="TYPED", help="only this query: each statement's time and plan")
    parser.add_argument("--program", default="chiba", help="slug of the program searched (default chiba)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scope, scopes_disabled

    from yorisoi.cases.search import person_search
    from yorisoi.programs.models import Membership, Program, Role
    from yorisoi.programs.permissions import Actor

    with scopes_disabled():
        if args.fill_keys:
            fill_keys()
        program = Program.objects.get(slug=args.program)
        member = (
            Membership.objects.filter(program=program, role=Role.COUNSELOR).select_related("user").first()
        )
        actor = Actor(user=member.user, program=program, role=Role.COUNSELOR)
        queries = queries_for(program)
    with scope(program=actor.scoped_program_ids):  # as the middleware scopes a request
        if args.explain:
            explain(connection, actor, args.explain, args.repeat)
            return
        print(f"{connection.vendor}, {args.repeat} runs each")
        print(
            "| query | typed | statements | hits | SQL ms p50 | SQL ms min | server ms p50 | search ms p50 |"
        )
        print("|---|---|--:|--:|--:|--:|--:|--:|")
        for label, typed in queries:
            with CaptureQueriesContext(connection) as captured:
                hits = person_search(actor=actor, query=typed)
            statements = [q["sql"] for q in captured.captured_queries]
            sql_times, wall_times = [], []
            with connection.cursor() as cursor:
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    for sql in statements:
                        cursor.execute(sql)  # nosec B608: statements Django itself just ran, params inlined
                        cursor.fetchall()
                    sql_times.append((time.perf_counter() - started) * 1000)
            server = server_ms(connection, statements, args.repeat)
            for _ in range(args.repeat):
                started = time.perf_counter()
                person_search(actor=actor, query=typed)
                wall_times.append((time.perf_counter() - started) * 1000)
            print(
                f"| {label} | {typed} | {len(statements)} | {len(hits)} | "
                f"{statistics.median(sql_times):.2f} | {min(sql_times):.2f} | {server} | "
                f"{statistics.median(wall_times):.2f} |"
            )


if __name__ == "__main__":
    main()
