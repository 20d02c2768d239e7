"""Every staff list costs the same with 10 rows of history as with 500, and never counts a whole table.

Each list is opened once with 10 rows and once with 500 (one row made through the app's own
services, the rest copied in bulk), and must issue the same number of queries both times while
showing a full page. "Counting a whole table" means a ``COUNT(`` in a statement with no ``LIMIT``
of at most ``COUNT_CAP + 1`` rows: a list's total is ``SELECT COUNT(*) FROM (SELECT … LIMIT 1001)``
(``core/paging.py``), and a per-row aggregate runs inside the page's own ``LIMIT 51``. The only
other counts allowed are the ones every staff page's header shows (``HEADER_COUNTS``: urgent
inquiries nobody has taken), which narrow to rows that wait for someone, not to history, and
per-row counts of one parent's children (``GROUP BY`` with ``WHERE …"event_id" = n``: the
attendance of each session of the one event whose registrations are listed).
"""

import copy
import datetime
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yorisoi.accounts.models import User
from yorisoi.audit.services import audit_record
from yorisoi.cases.models import Case
from yorisoi.core.paging import COUNT_CAP, PAGE_SIZE
from yorisoi.imports.models import ImportBatch
from yorisoi.outreach.models import OutreachEvent, Registration, Supporter
from yorisoi.programs.models import Membership, Role
from yorisoi.programs.permissions import Actor
from yorisoi.referrals.models import PartnerAgency, Referral

FEW, MANY = 10, 500

# The header's 「緊急 N件」 counts urgent inquiries nobody has taken: rows waiting for someone.
HEADER_COUNTS = ('"is_urgent"',)
# One parent row's children, e.g. WHERE "outreach_eventsession"."event_id" = 7 (not the program).
ONE_PARENT = re.compile(r'\."(?!program_id")\w+_id" = \d+')


def copies(row, n: int, **vary: Callable[[int], object]) -> list:
    """``n`` unsaved copies of ``row`` with fresh unique values; ``vary`` sets other fields per copy."""
    made = []
    for i in range(n):
        clone = copy.copy(row)
        clone.pk = None
        clone._state = copy.copy(row._state)
        clone._state.adding = True
        for field in row._meta.concrete_fields:
            if field.unique and not field.primary_key and not field.is_relation:
                value = uuid.uuid4() if field.get_internal_type() == "UUIDField" else secrets.token_hex(32)
                setattr(clone, field.attname, value)
        for name, value_of in vary.items():
            setattr(clone, name, value_of(i))
        made.append(clone)
    return made


def bulk(row, n: int, **vary) -> list:
    return type(row).objects.bulk_create(copies(row, n, **vary), batch_size=200)


# --- one builder per list: (program, author) -> Seed, one row made by the app, the rest copied ----


@dataclass
class Seed:
    kwargs: dict  # the list's URL kwargs
    add: Callable[[int], None]  # add(n): n more rows of history
    rows: int = 1

    def grow_to(self, total: int) -> None:
        self.add(total - self.rows)
        self.rows = total


def _copying(kwargs, row, **vary: Callable[[int], object]) -> Seed:
    """A seed whose rows are copies of ``row``; ``vary`` gets a running index over every copy."""
    made = [0]

    def add(n):
        base = made[0]
        bulk(row, n, **{name: (lambda i, f=f: f(base + i)) for name, f in vary.items()})
        made[0] += n

    return Seed(kwargs, add)


def _cases(program, author, **fields):
    from yorisoi.cases.tests.factories import make_case

    case = make_case(program=program, actor=author, **fields)
    return _copying({}, case, number=lambda i: case.number + 1 + i)


def _inquiries(program, author):
    from yorisoi.cases.tests.factories import make_inquiry

    return _copying({}, make_inquiry(program=program, actor=author))


def _access_log(program, author):
    from yorisoi.cases.tests.factories import make_case

    case = make_case(program=program, actor=author)
    actor = Actor(user=author, program=program, role=Role.MANAGER)

    def add(n):
        with transaction.atomic():  # entries are hash-chained: written one by one, as the app does
            for _ in range(n):
                audit_record(actor=actor, action="case.view", target=case)

    return Seed({}, add)


def _agencies(program, author):
    from yorisoi.referrals.tests.isolation import _agency

    agency = PartnerAgency.objects.get(public_id=_agency(program, author).subject_id)
    return _copying({}, agency, name=lambda i: f"架空の連携先 {i:04d}")


def _referrals(program, author):
    from yorisoi.referrals.tests.isolation import _referral

    _referral(program, author)
    return _copying({}, Referral.objects.get(program=program))


def _events(program, author):
    from yorisoi.outreach.tests.isolation import _event

    _event(program, author)
    return _copying({}, OutreachEvent.objects.get(program=program))


def _registrations(program, author):
    from yorisoi.outreach.tests.isolation import _event_registrations

    built = _event_registrations(program, author)
    registration = Registration.objects.get(public_id=built.subject_id)
    return _copying(built.kwargs, registration, number=lambda i: registration.number + 1 + i)


def _supporters(program, author):
    from yorisoi.outreach.tests.isolation import _supporter

    _supporter(program, author)
    supporter = Supporter.objects.select_related("training").get(program=program)
    made = [0]

    def add(n):
        base = made[0]
        trainings = bulk(supporter.training, n, number=lambda i: supporter.training.number + 1 + base + i)
        bulk(supporter, n, training=lambda i: trainings[i])
        made[0] += n

    return Seed({}, add)


def _import_batches(program, author):
    batch = ImportBatch.objects.create(
        program=program, file_name="台帳.xlsx", file_size=1, checksum="0" * 64, uploaded_by=author
    )
    return _copying({}, batch)


def _due_for_anonymisation(program, author):
    from yorisoi.retention.tests.isolation import _old_closed_case

    case = Case.objects.get(public_id=_old_closed_case(program, author).subject_id)
    return _copying({}, case, number=lambda i: case.number + 1 + i)


def _members(program, author):
    made = [0]

    def add(n):
        base, made[0] = made[0], made[0] + n
        names = [f"{program.slug}-member{base + i:05d}" for i in range(n)]
        users = User.objects.bulk_create(
            [User(username=name, display_name=name, password="!") for name in names]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, program=program, role=Role.COUNSELOR) for u in users]
        )

    return Seed({}, add)


@dataclass(frozen=True)
class ListPage:
    url_name: str
    role: str
    build: Callable
    query: str = ""
    rows: str = "page"  # the context key of the rows shown
    capped: str = "1,000件以上"  # what the page says past the count's cap ("" when it shows no total)


LISTS = [
    ListPage("cases:list", Role.COUNSELOR, _cases),
    ListPage("cases:list", Role.COUNSELOR, _cases, query="mine=on"),  # my cases
    ListPage("cases:list", Role.COUNSELOR, _cases, query="status=active"),
    ListPage("cases:list", Role.COUNSELOR, _cases, query="quiet_days=30"),
    ListPage("cases:inquiry_list", Role.COUNSELOR, _inquiries, capped=""),  # keyset paged: no total
    ListPage("audit:log", Role.MANAGER, _access_log, capped=""),  # keyset paged: no total
    ListPage("referrals:agency_list", Role.COUNSELOR, _agencies),
    ListPage("referrals:list", Role.COUNSELOR, _referrals),
    ListPage("outreach:event_list", Role.CLERK, _events),
    ListPage("outreach:registration_list", Role.CLERK, _registrations),
    ListPage("outreach:supporter_list", Role.CLERK, _supporters, capped="1,000人以上"),
    ListPage("imports:index", Role.MANAGER, _import_batches, capped=""),
    ListPage("retention:due", Role.MANAGER, _due_for_anonymisation, capped=""),
    ListPage("staffing:grants", Role.MANAGER, _members, rows="members", capped=""),
]
IDS = [f"{page.url_name}?{page.query}" if page.query else page.url_name for page in LISTS]


def _open(http, page: ListPage, kwargs: dict):
    url = reverse(page.url_name, kwargs=kwargs) + (f"?{page.query}" if page.query else "")
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url)
    assert response.status_code == 200
    return response, captured.captured_queries


@pytest.mark.parametrize("page", LISTS, ids=IDS)
def test_a_list_costs_the_same_queries_with_10_and_500_rows(page, programs, staff, client_as):
    # given a list with 10 rows of history, opened once
    chiba, urayasu = programs["chiba"], programs["urayasu"]
    author = staff("chiba", page.role)
    http = client_as(author)
    seed = page.build(chiba, author)
    seed.grow_to(FEW)
    http.get(reverse(page.url_name, kwargs=seed.kwargs))  # the first open of a session reads more
    few, few_queries = _open(http, page, seed.kwargs)
    # when the program (and the other program) gain hundreds of rows more
    seed.grow_to(MANY)
    page.build(urayasu, staff("urayasu", page.role)).grow_to(MANY)
    many, many_queries = _open(http, page, seed.kwargs)
    # then the page shows a full page and issued exactly as many queries as before
    assert len(many.context[page.rows]) == PAGE_SIZE
    assert len(few.context[page.rows]) < PAGE_SIZE
    assert len(many_queries) == len(few_queries), "\n".join(q["sql"] for q in many_queries)


def _uncapped_counts(queries) -> list[str]:
    """Statements that COUNT without a LIMIT of at most COUNT_CAP + 1 rows (see the module docstring)."""
    found = []
    for query in queries:
        sql = query["sql"]
        if "COUNT(" not in sql.upper() or any(marker in sql for marker in HEADER_COUNTS):
            continue
        if "GROUP BY" in sql.upper() and ONE_PARENT.search(sql):
            continue
        limits = [int(n) for n in re.findall(r"\bLIMIT\s+(\d+)", sql, flags=re.IGNORECASE)]
        if not limits or min(limits) > COUNT_CAP + 1:
            found.append(sql)
    return found


@pytest.mark.parametrize("page", LISTS, ids=IDS)
def test_no_list_counts_a_whole_table(page, programs, staff, client_as):
    # given a list with more rows than the count's cap
    author = staff("chiba", page.role)
    seed = page.build(programs["chiba"], author)
    seed.grow_to(COUNT_CAP + 50)
    # when it is opened
    response, queries = _open(client_as(author), page, seed.kwargs)
    # then no statement counted without a LIMIT, and a list that shows its total says 「1,000件以上」
    assert _uncapped_counts(queries) == []
    if page.capped:
        assert page.capped in response.content.decode()


def test_the_count_rule_catches_a_whole_table_count():
    """The rule itself: a plain COUNT is caught; a capped one and the header's urgent count are not."""
    plain = {"sql": 'SELECT COUNT(*) AS "__count" FROM "cases_case" WHERE "cases_case"."program_id" IN (1)'}
    capped = {"sql": 'SELECT COUNT(*) FROM (SELECT 1 FROM "cases_case" LIMIT 1001) subquery'}
    too_big = {"sql": 'SELECT COUNT(*) FROM (SELECT 1 FROM "cases_case" LIMIT 100000) subquery'}
    header = {"sql": 'SELECT COUNT(*) FROM "cases_inquiry" WHERE "cases_inquiry"."is_urgent"'}
    grouped = 'SELECT s.id, COUNT(a.id) FROM s LEFT JOIN a WHERE "s"."{}" = 7 GROUP BY s.id'
    one_event = {"sql": grouped.format("event_id")}
    per_program = {"sql": grouped.format("program_id")}
    queries = [plain, capped, too_big, header, one_event, per_program]
    assert _uncapped_counts(queries) == [plain["sql"], too_big["sql"], per_program["sql"]]


def test_a_page_past_the_cap_is_reached_with_next(programs, staff, client_as):
    """Past 1,000 rows the pages go on: 次へ is decided by the rows, not by the capped count."""
    author = staff("chiba", Role.COUNSELOR)
    _cases(programs["chiba"], author).grow_to(COUNT_CAP + 60)
    response = client_as(author).get(reverse("cases:list"), {"page": 21})
    body = response.content.decode()
    assert [len(response.context["page"]), response.context["page"].has_next] == [PAGE_SIZE, True]
    assert "21ページ目" in body and 'rel="next"' in body and 'rel="prev"' in body
    last = client_as(author).get(reverse("cases:list"), {"page": 22}).context["page"]
    assert [len(last), last.has_next] == [10, False]


def test_a_small_list_keeps_its_page_count(programs, staff, client_as):
    author = staff("chiba", Role.COUNSELOR)
    _cases(programs["chiba"], author).grow_to(120)
    body = client_as(author).get(reverse("cases:list"), {"page": 2}).content.decode()
    assert "120件" in body and "2 / 3 ページ" in body


@pytest.mark.parametrize("typed", ["0", "-1", "abc", "99999999999", "1e3", ""])
def test_a_bad_page_number_shows_the_first_page(typed, programs, staff, client_as):
    author = staff("chiba", Role.COUNSELOR)
    _cases(programs["chiba"], author).grow_to(60)
    response = client_as(author).get(reverse("cases:list"), {"page": typed})
    assert (response.status_code, response.context["page"].number) == (200, 1)


def _cases_over_days(program, author):
    """Cases registered three to a day (a page boundary falls inside a date), one in four continuing."""
    from yorisoi.cases.tests.factories import make_case

    case = make_case(program=program, actor=author)
    start = case.registered_on
    return _copying(
        {},
        case,
        number=lambda i: case.number + 1 + i,
        registered_on=lambda i: start - datetime.timedelta(days=i // 3),
        last_contact_on=lambda i: start - datetime.timedelta(days=(i * 7) % 200),
        status=lambda i: ("intake", "continuing")[i % 4 == 0],
    )


@pytest.mark.parametrize("query", ["", "mine=on", "quiet_days=30", "status=intake", "status=continuing"])
def test_a_deep_case_list_page_shows_the_rows_an_offset_would(query, programs, staff, client_as):
    """Deep pages read their rows through the case number (a deferred join): same rows, same order."""
    from django_scopes import scopes_disabled

    from yorisoi.cases.selectors import case_list

    # given 160 cases, three registered on each day
    chiba, author = programs["chiba"], staff("chiba", Role.COUNSELOR)
    _cases_over_days(chiba, author).grow_to(160)
    http = client_as(author)
    form_filters = dict([query.split("=")]) if query else {}
    filters = {
        "mine": bool(form_filters.get("mine")),
        "status": form_filters.get("status", ""),
        "quiet_days": int(form_filters.get("quiet_days", 0)),
    }
    with scopes_disabled():
        every = [
            c.label
            for c in case_list(actor=Actor(user=author, program=chiba, role=Role.COUNSELOR), filters=filters)
        ]
    assert len(every) > 30
    for number in range(1, len(every) // PAGE_SIZE + 2):
        # when each page is opened
        response = http.get(reverse("cases:list"), {**form_filters, "page": number})
        # then it shows exactly the rows an OFFSET over the whole ordered list would
        shown = [c.label for c in response.context["page"].object_list]
        assert shown == every[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        assert [row.label for row in response.context["rows"]] == shown


def test_a_deep_case_list_page_costs_the_queries_of_the_first(programs, staff, client_as):
    author = staff("chiba", Role.COUNSELOR)
    _cases(programs["chiba"], author).grow_to(MANY)
    http = client_as(author)
    http.get(reverse("cases:list"))  # the first open of a session reads more
    _first, first_queries = _open(http, LISTS[0], {})
    with CaptureQueriesContext(connection) as deep:
        response = http.get(reverse("cases:list"), {"page": 9})
    assert len(response.context["page"]) == PAGE_SIZE
    assert len(deep.captured_queries) == len(first_queries)
