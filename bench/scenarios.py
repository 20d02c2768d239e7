"""The pages the benchmark measures, each beside the bare SQL it needs.

Add a page in a few lines: a ``Scenario`` with a name, a function from the ``Subjects`` (who is
logged in, which case, which page number...) to the URL, and a function to the bare SQL.

The bare SQL is the floor: what any implementation of the page must ask the database to show
what the page shows, written by hand and run with a raw cursor. It starts with ``prelude()``
(session, user, memberships, and the session write the idle timeout needs); a page of person
data adds the access log INSERT (DESIGN §5), the two in one transaction as the page does. A total
row count is not in the floor: "page n of N" is a presentation choice, and next/previous links
need only one row more than the page shows (hence ``LIMIT 51``). When a page starts showing
more, add it to its floor, or the ratio flatters the page.
"""

import dataclasses
import datetime
from collections.abc import Callable
from urllib.parse import quote

from django.db import connection
from django.urls import reverse

from bench.subjects import PAGE_SIZE, Subjects, deep_page
from yorisoi.core.query_hints import RARE

TIMELINE_LIMIT = 50
SEARCH_LIMIT = 30
PREFIX_END = "\uffff"  # as the search selector bounds a prefix: key <= x < key + U+FFFF
Statement = tuple[str, list]


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    url: Callable[[Subjects], str]  # raises NoReverseMatch while the page does not exist yet
    bare_sql: Callable[[Subjects], list[Statement]]
    as_manager: bool = False
    form: Callable[[Subjects], dict] | None = None  # POSTed instead of a GET (the search)

    def request(self, client, subjects: Subjects, url: str):
        return client.post(url, self.form(subjects)) if self.form else client.get(url)


# --- building blocks of the floor ------------------------------------------------------------------


def now():
    return connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))


def today():
    return connection.ops.adapt_datefield_value(datetime.date.today())


def prelude(s: Subjects, as_manager: bool = False) -> list[Statement]:
    """What every staff page needs before its content: who is asking, in which program."""
    session = s.session(as_manager)
    expires = connection.ops.adapt_datetimefield_value(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=30)
    )
    return [
        (
            "SELECT session_key, session_data, expire_date FROM django_session"
            " WHERE session_key = %s AND expire_date > %s",
            [session.key, now()],
        ),
        (
            "SELECT id, username, display_name, first_name, last_name, is_active, is_system_admin"
            " FROM accounts_user WHERE id = %s",
            [session.user_id],
        ),
        (
            "SELECT m.id, m.role, p.id, p.public_id, p.name, p.short_name FROM programs_membership m"
            " JOIN programs_program p ON p.id = m.program_id WHERE m.user_id = %s AND m.is_active = %s"
            " ORDER BY p.display_order, m.program_id",
            [session.user_id, True],
        ),
        (
            "UPDATE django_session SET session_data = %s, expire_date = %s WHERE session_key = %s",
            [session.data, expires, session.key],
        ),
    ]


def logged(s: Subjects, action: str, target_type: str, target_id=None) -> list[Statement]:
    """The access log entry a page of person data writes in the same transaction.

    As ``audit/chain.py`` writes it: take the program's next number on its chain head (the row
    lock), read the previous link's hash, insert. The seal's HMAC is computed in Python by the
    page and is not SQL; the floor writes a placeholder, so the bench database's chain does not
    verify after a run (nothing in the bench checks it).
    """
    return [
        (
            "UPDATE audit_accesslogchainhead SET seq = seq + 1 WHERE program_id = %s RETURNING seq",
            [s.program_id],
        ),
        (
            "INSERT INTO audit_accesslog (occurred_at, program_id, actor_id, kind, action, target_type,"
            " target_id, subject_id, subject_label, ip_address, reason, data, seq, prev_hash, entry_hash)"
            " SELECT %s, %s, %s, 'view', %s, %s, %s, %s, %s, '127.0.0.1', '', '{}', h.seq,"
            " coalesce((SELECT a.entry_hash FROM audit_accesslog a"
            " WHERE a.program_id = h.program_id AND a.seq = h.seq - 1), ''), %s"
            " FROM audit_accesslogchainhead h WHERE h.program_id = %s",
            [
                now(),
                s.program_id,
                s.counselor.user_id,
                action,
                target_type,
                target_id,
                target_id,
                s.case_label if target_id else "",
                "0" * 64,
                s.program_id,
            ],
        ),
    ]


USER_COLUMNS = "u.username, u.display_name, u.first_name, u.last_name"
MEMBERS = (
    f"SELECT m.id, {USER_COLUMNS} FROM programs_membership m JOIN accounts_user u ON u.id = m.user_id"
    " WHERE m.program_id = %s ORDER BY u.username"
)
CASE_COLUMNS = (
    "SELECT c.id, c.public_id, c.number, c.status, c.registered_on, c.last_contact_on,"
    f" cl.family_name, cl.given_name, {USER_COLUMNS}, u2.display_name"
    " FROM cases_case c LEFT JOIN cases_client cl ON cl.id = c.client_id"
    " JOIN accounts_user u ON u.id = c.primary_staff_id"
    " LEFT JOIN accounts_user u2 ON u2.id = c.secondary_staff_id"
)
CASE_ORDER = " ORDER BY {a}.registered_on DESC, {a}.number DESC"
CASE_ROWS = (
    CASE_COLUMNS + " WHERE c.program_id = %s{where}" + CASE_ORDER.format(a="c") + " LIMIT %s OFFSET %s"
)
# A deep page: the skipped rows are counted off the (program, registered_on, number) index alone,
# then only the page's rows are joined (the deferred join of core/paging.py).
CASE_ROWS_DEEP = (
    CASE_COLUMNS
    + " WHERE c.program_id = %s AND c.number IN"
    + " (SELECT k.number FROM cases_case k WHERE k.program_id = %s{where}"
    + CASE_ORDER.format(a="k")
    + " LIMIT %s OFFSET %s)"
    + CASE_ORDER.format(a="c")
)
INQUIRY_ROWS = (
    "SELECT i.id, i.public_id, i.received_at, i.is_urgent, i.channel, i.caller_type, i.family_relation,"
    f" i.contact_preferences, i.concern, i.status, c.public_id, c.number, {USER_COLUMNS}"
    " FROM cases_inquiry i LEFT JOIN accounts_user u ON u.id = i.taken_by_id"
    " LEFT JOIN cases_case c ON c.id = i.case_id"
    " WHERE i.program_id = %s{where} ORDER BY i.received_at DESC, i.id DESC LIMIT %s"
)
URGENT_WAITING = (
    "SELECT id, public_id, received_at, channel, caller_type, urgent_note FROM cases_inquiry"
    " WHERE program_id = %s AND is_urgent = %s AND taken_at IS NULL AND status IN ('new', 'booked')"
    " ORDER BY received_at LIMIT 20"
)
ACCESS_LOG_ROWS = (
    "SELECT a.occurred_at, a.kind, a.action, a.subject_label, a.ip_address, a.reason,"
    f" {USER_COLUMNS} FROM audit_accesslog a LEFT JOIN accounts_user u ON u.id = a.actor_id"
    " WHERE a.program_id = %s{where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT %s"
)
CLIENT_COLUMNS = (
    "cl.id, cl.public_id, cl.family_name, cl.given_name, cl.family_name_kana, cl.given_name_kana,"
    " cl.birth_date, cl.contact_preferences"
)


def offset(page: int) -> int:
    return (page - 1) * PAGE_SIZE


def home(s: Subjects) -> list[Statement]:
    return [
        *prelude(s),
        ("SELECT * FROM programs_program WHERE id = %s", [s.program_id]),
        ("SELECT * FROM programs_openinghours WHERE program_id = %s", [s.program_id]),
        ("SELECT * FROM programs_place WHERE program_id = %s", [s.program_id]),
        ("SELECT * FROM programs_programflowstep WHERE program_id = %s", [s.program_id]),
        ("SELECT * FROM programs_closure WHERE program_id = %s AND date >= %s", [s.program_id, today()]),
    ]


def urgent_panel(s: Subjects) -> list[Statement]:
    return [
        *prelude(s),
        (URGENT_WAITING, [s.program_id, True]),
    ]


def case_list(
    page: Callable[[Subjects], int], *, mine: bool = False
) -> Callable[[Subjects], list[Statement]]:
    def statements(s: Subjects) -> list[Statement]:
        alias = "k" if page(s) > 1 else "c"
        where, params = "", [s.program_id]
        if mine:
            where = f" AND ({alias}.primary_staff_id = %s OR {alias}.secondary_staff_id = %s)"
            params += [s.counselor.user_id, s.counselor.user_id]
        rows = (CASE_ROWS, params) if alias == "c" else (CASE_ROWS_DEEP, [s.program_id, *params])
        return [
            *prelude(s),
            (rows[0].format(where=where), [*rows[1], PAGE_SIZE + 1, offset(page(s))]),
            *logged(s, "case.list", "case"),
        ]

    return statements


def case_detail(s: Subjects) -> list[Statement]:
    return [
        *prelude(s),
        (
            f"SELECT c.*, {CLIENT_COLUMNS}, u.display_name, u2.display_name FROM cases_case c"
            " LEFT JOIN cases_client cl ON cl.id = c.client_id"
            " JOIN accounts_user u ON u.id = c.primary_staff_id"
            " LEFT JOIN accounts_user u2 ON u2.id = c.secondary_staff_id"
            " WHERE c.public_id = %s AND c.program_id = %s",
            [s.case_public_id, s.program_id],
        ),
        (
            "SELECT * FROM cases_relatedperson WHERE program_id = %s AND case_id = %s ORDER BY id",
            [s.program_id, s.case_id],
        ),
        (
            f"SELECT co.*, {USER_COLUMNS} FROM cases_consent co"
            " JOIN accounts_user u ON u.id = co.recorded_by_id"
            " WHERE co.program_id = %s AND co.case_id = %s ORDER BY co.given_on DESC, co.id DESC",
            [s.program_id, s.case_id],
        ),
        (
            f"SELECT sc.*, {USER_COLUMNS} FROM cases_casestatuschange sc"
            " JOIN accounts_user u ON u.id = sc.actor_id WHERE sc.program_id = %s AND sc.case_id = %s"
            " ORDER BY sc.changed_on DESC, sc.id DESC LIMIT %s",
            [s.program_id, s.case_id, TIMELINE_LIMIT],
        ),
        (
            "SELECT received_at, channel, caller_type, concern FROM cases_inquiry"
            " WHERE program_id = %s AND case_id = %s ORDER BY received_at DESC LIMIT %s",
            [s.program_id, s.case_id, TIMELINE_LIMIT],
        ),
        *logged(s, "case.view", "case", s.case_public_id),
    ]


def inquiry_list(*, last: bool = False) -> Callable[[Subjects], list[Statement]]:
    """The inbox is paged by (received_at, id): by default the open inquiries, newest first; the
    last page of every inquiry (``?status=all``) seeks to its cursor like the first. Above the list,
    the urgent inquiries nobody has taken."""

    def statements(s: Subjects) -> list[Statement]:
        where, params = f" AND {_open_inquiry()}", [s.program_id]
        if last:
            stamp, pk = s.inquiry_oldest_cursor
            where = " AND i.received_at <= %s AND (i.received_at < %s OR (i.received_at = %s AND i.id < %s))"
            params += [stamp, stamp, stamp, pk]
        return [
            *prelude(s),
            (INQUIRY_ROWS.format(where=where), [*params, PAGE_SIZE + 1]),
            (URGENT_WAITING, [s.program_id, True]),
            *logged(s, "inquiry.list", "inquiry"),
        ]

    return statements


def _open_inquiry() -> str:
    """Still open: on SQLite, told it is rare, as the page's selector tells it (core/query_hints.py)."""
    condition = "i.status IN ('new', 'booked')"
    return f"likelihood({condition}, {RARE})" if connection.vendor == "sqlite" else condition


def inquiry_cursor(s: Subjects) -> str:
    stamp, pk = s.inquiry_oldest_cursor
    return quote(f"{stamp.isoformat()}_{pk}")


def log_cursor(s: Subjects) -> str:
    stamp, pk = s.access_log_oldest_cursor
    return quote(f"{stamp.isoformat()}_{pk}")


def access_log(*, by_case: bool = False, last: bool = False) -> Callable[[Subjects], list[Statement]]:
    """The log is paged by (occurred_at, id): the last page seeks to its cursor like the first."""

    def statements(s: Subjects) -> list[Statement]:
        where, params = ("", [s.program_id])
        if by_case:
            where, params = " AND a.subject_label = %s", [s.program_id, s.audited_case_label]
        if last:
            stamp, pk = s.access_log_oldest_cursor
            where += " AND a.occurred_at <= %s AND (a.occurred_at < %s OR (a.occurred_at = %s AND a.id < %s))"
            params += [stamp, stamp, stamp, pk]
        return [
            *prelude(s, as_manager=True),
            (MEMBERS, [s.program_id]),
            (ACCESS_LOG_ROWS.format(where=where), [*params, PAGE_SIZE + 1]),
        ]

    return statements


def search_by_kana(s: Subjects) -> list[Statement]:
    return [
        *prelude(s),
        (
            f"SELECT {CLIENT_COLUMNS}, c.public_id, c.number, c.status FROM cases_client cl"
            " LEFT JOIN cases_case c ON c.client_id = cl.id"
            " WHERE cl.program_id = %s AND cl.kana_key >= %s AND cl.kana_key < %s"
            " ORDER BY cl.kana_key LIMIT %s",
            [s.program_id, s.kana_prefix, s.kana_prefix + PREFIX_END, SEARCH_LIMIT],
        ),
        *logged(s, "client.search", "client"),
    ]


def search_by_phone(s: Subjects) -> list[Statement]:
    """Four digits: the clients' and families' phone endings, and a case of that number."""
    tail = s.phone_tail[::-1]
    return [
        *prelude(s),
        (
            f"SELECT c.id, c.public_id, c.number, c.status, {CLIENT_COLUMNS} FROM cases_case c"
            " LEFT JOIN cases_client cl ON cl.id = c.client_id WHERE c.program_id = %s AND c.number = %s",
            [s.program_id, int(s.phone_tail)],
        ),
        (
            f"SELECT {CLIENT_COLUMNS}, c.public_id, c.number, c.status FROM cases_client cl"
            " LEFT JOIN cases_case c ON c.client_id = cl.id WHERE cl.program_id = %s"
            " AND cl.phone_digits_reversed >= %s AND cl.phone_digits_reversed < %s LIMIT %s",
            [s.program_id, tail, tail + PREFIX_END, SEARCH_LIMIT],
        ),
        (
            f"SELECT r.id, r.relation, c.public_id, c.number, c.status, {CLIENT_COLUMNS}"
            " FROM cases_relatedperson r JOIN cases_case c ON c.id = r.case_id"
            " LEFT JOIN cases_client cl ON cl.id = c.client_id"
            " WHERE r.program_id = %s AND r.phone_digits_reversed >= %s AND r.phone_digits_reversed < %s"
            " ORDER BY r.id LIMIT %s",
            [s.program_id, tail, tail + PREFIX_END, SEARCH_LIMIT],
        ),
        *logged(s, "client.search", "client"),
    ]


SCENARIOS = [
    Scenario("home", lambda s: reverse("programs:home"), home),
    Scenario("home: urgent panel (htmx)", lambda s: reverse("cases:urgent_panel"), urgent_panel),
    Scenario("case list, page 1", lambda s: reverse("cases:list"), case_list(lambda s: 1)),
    Scenario(
        "case list, last page but one",
        lambda s: f"{reverse('cases:list')}?page={deep_page(s)}",
        case_list(deep_page),
    ),
    Scenario(
        "case list, my cases", lambda s: f"{reverse('cases:list')}?mine=on", case_list(lambda s: 1, mine=True)
    ),
    Scenario(
        "case detail (longest history)",
        lambda s: reverse("cases:detail", kwargs={"case_id": s.case_url_id}),
        case_detail,
    ),
    Scenario("inquiry list, page 1", lambda s: reverse("cases:inquiry_list"), inquiry_list()),
    Scenario(
        "inquiry list (all), last page",
        lambda s: f"{reverse('cases:inquiry_list')}?status=all&cursor={inquiry_cursor(s)}",
        inquiry_list(last=True),
    ),
    Scenario("access log (manager), page 1", lambda s: reverse("audit:log"), access_log(), as_manager=True),
    Scenario(
        "access log (manager), last page",
        lambda s: f"{reverse('audit:log')}?after={log_cursor(s)}",
        access_log(last=True),
        as_manager=True,
    ),
    Scenario(
        "access log (manager), by a closed case",
        lambda s: f"{reverse('audit:log')}?subject={s.audited_case_label}",
        access_log(by_case=True),
        as_manager=True,
    ),
    Scenario(
        "client search, kana 「サトウ」",
        lambda s: reverse("cases:search"),
        search_by_kana,
        form=lambda s: {"q": s.kana_prefix},
    ),
    Scenario(
        "client search, last 4 phone digits",
        lambda s: reverse("cases:search"),
        search_by_phone,
        form=lambda s: {"q": s.phone_tail},
    ),
]


# The report pages live in their own module (it imports the building blocks above).
from bench.report_scenarios import REPORT_SCENARIOS  # noqa: E402

SCENARIOS += REPORT_SCENARIOS
