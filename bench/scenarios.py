"""The pages the benchmark measures, each beside the bare SQL it needs.

Add a page in a few lines: a ``Scenario`` with a name, a function from the ``Subjects`` (who is
logged in, which case, which page number...) to the URL, and a function to the bare SQL. The bare
SQL is the floor: what any implementation of the page must ask the database, written by hand,
run with a raw cursor. Each scenario's floor starts with ``prelude()`` (session, user, memberships,
and the session write the idle timeout needs); pages that leave an access log entry add the
INSERT. A total row count is not part of the floor: "page n of N" is a presentation choice, and
next/previous links only need one row more.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.db import connection
from django.urls import NoReverseMatch, reverse

from yorisoi.audit.models import AccessLog
from yorisoi.cases.models import Case

PAGE_SIZE = 50
Statement = tuple[str, list]


@dataclasses.dataclass
class Session:
    user_id: int
    key: str
    data: str


@dataclasses.dataclass
class Subjects:
    """What the scenarios point at, found once in the generated data."""

    program_id: int
    counselor: Session
    manager: Session
    case_pk: int
    case_public_id: object  # as the database stores it
    case_url_id: str
    case_label: str
    case_views: int
    case_pages: int
    inquiry_pages: int
    access_log_pages: int
    kana_prefix: str
    phone_tail: str

    def session(self, as_manager: bool) -> Session:
        return self.manager if as_manager else self.counselor


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    url: Callable[[Subjects], str]  # raise NoReverseMatch while the page does not exist yet
    bare_sql: Callable[[Subjects], list[Statement]]
    as_manager: bool = False


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


def access_log_insert(s: Subjects, action: str) -> Statement:
    """The entry every view of person data leaves (DESIGN §5), in the same transaction."""
    return (
        "INSERT INTO audit_accesslog (occurred_at, program_id, actor_id, kind, action, target_type,"
        " target_id, subject_id, subject_label, ip_address, reason, data)"
        " VALUES (%s, %s, %s, 'view', %s, 'case', %s, %s, %s, '127.0.0.1', '', '{}')",
        [now(), s.program_id, s.counselor.user_id, action, s.case_public_id, s.case_public_id, s.case_label],
    )


CASE_ROWS = (
    "SELECT c.id, c.public_id, c.number, c.status, c.registered_on, c.last_contact_on,"
    " cl.family_name, cl.given_name, u.display_name, u.username"
    " FROM cases_case c LEFT JOIN cases_client cl ON cl.id = c.client_id"
    " JOIN accounts_user u ON u.id = c.primary_staff_id"
    " WHERE c.program_id = %s ORDER BY c.registered_on DESC, c.number DESC LIMIT %s OFFSET %s"
)
INQUIRY_ROWS = (
    "SELECT i.id, i.public_id, i.received_at, i.is_urgent, i.channel, i.caller_type, i.family_relation,"
    " i.concern, i.status, u.display_name, u.username"
    " FROM cases_inquiry i LEFT JOIN accounts_user u ON u.id = i.taken_by_id"
    " WHERE i.program_id = %s ORDER BY i.is_urgent DESC, i.received_at DESC, i.id DESC LIMIT %s OFFSET %s"
)
ACCESS_LOG_ROWS = (
    "SELECT a.occurred_at, a.kind, a.action, a.subject_label, a.ip_address, a.reason, u.display_name,"
    " u.username FROM audit_accesslog a LEFT JOIN accounts_user u ON u.id = a.actor_id"
    " WHERE a.program_id = %s{filter} ORDER BY a.occurred_at DESC, a.id DESC LIMIT %s OFFSET %s"
)
STAFF_CHOICES = (
    "SELECT m.id, u.username, u.display_name FROM programs_membership m"
    " JOIN accounts_user u ON u.id = m.user_id WHERE m.program_id = %s ORDER BY u.username"
)
CLIENT_MATCHES = (
    "SELECT cl.id, cl.public_id, cl.family_name, cl.given_name, cl.family_name_kana, cl.given_name_kana,"
    " cl.birth_date, c.public_id, c.number, c.status FROM cases_client cl"
    " LEFT JOIN cases_case c ON c.client_id = cl.id"
    " WHERE cl.program_id = %s AND cl.{column} LIKE %s ORDER BY cl.kana_key, cl.id LIMIT 50"
)


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
        (
            "SELECT id, public_id, received_at, channel, caller_type FROM cases_inquiry"
            " WHERE program_id = %s AND is_urgent = %s AND taken_at IS NULL"
            " AND status NOT IN ('registered', 'referred', 'no_further_contact')"
            " ORDER BY received_at LIMIT 20",
            [s.program_id, True],
        ),
    ]


def case_page(number: Callable[[Subjects], int]) -> Callable[[Subjects], list[Statement]]:
    def statements(s: Subjects) -> list[Statement]:
        offset = (number(s) - 1) * PAGE_SIZE
        return [*prelude(s), (CASE_ROWS, [s.program_id, PAGE_SIZE + 1, offset])]

    return statements


def case_detail(s: Subjects) -> list[Statement]:
    return [
        *prelude(s),
        (
            "SELECT c.*, cl.*, u.display_name, u2.display_name FROM cases_case c"
            " LEFT JOIN cases_client cl ON cl.id = c.client_id"
            " JOIN accounts_user u ON u.id = c.primary_staff_id"
            " LEFT JOIN accounts_user u2 ON u2.id = c.secondary_staff_id"
            " WHERE c.public_id = %s AND c.program_id = %s",
            [s.case_public_id, s.program_id],
        ),
        access_log_insert(s, "case.view"),
    ]


def inquiry_page(number: Callable[[Subjects], int]) -> Callable[[Subjects], list[Statement]]:
    def statements(s: Subjects) -> list[Statement]:
        offset = (number(s) - 1) * PAGE_SIZE
        return [*prelude(s), (INQUIRY_ROWS, [s.program_id, PAGE_SIZE + 1, offset])]

    return statements


def access_log_page(*, by_subject: bool = False, last: bool = False) -> Callable[[Subjects], list[Statement]]:
    def statements(s: Subjects) -> list[Statement]:
        if by_subject:
            sql, params = (
                ACCESS_LOG_ROWS.format(filter=" AND a.subject_label = %s"),
                [s.program_id, s.case_label],
            )
        else:
            sql, params = ACCESS_LOG_ROWS.format(filter=""), [s.program_id]
        offset = (s.access_log_pages - 1) * PAGE_SIZE if last else 0
        return [
            *prelude(s, as_manager=True),
            (STAFF_CHOICES, [s.program_id]),
            (sql, [*params, PAGE_SIZE + 1, offset]),
        ]

    return statements


def client_search(column: str, term: Callable[[Subjects], str]) -> Callable[[Subjects], list[Statement]]:
    def statements(s: Subjects) -> list[Statement]:
        return [*prelude(s), (CLIENT_MATCHES.format(column=column), [s.program_id, term(s) + "%"])]

    return statements


def search_url(term: Callable[[Subjects], str]) -> Callable[[Subjects], str]:
    return lambda s: f"{reverse('cases:search')}?q={term(s)}"


SCENARIOS = [
    Scenario("home", lambda s: reverse("programs:home"), home),
    Scenario("home: urgent panel (htmx)", lambda s: reverse("cases:urgent_panel"), urgent_panel),
    Scenario("case list, page 1", lambda s: reverse("cases:list"), case_page(lambda s: 1)),
    Scenario(
        "case list, last page but one",
        lambda s: f"{reverse('cases:list')}?page={max(1, s.case_pages - 1)}",
        case_page(lambda s: max(1, s.case_pages - 1)),
    ),
    Scenario(
        "case detail (longest history)",
        lambda s: reverse("cases:detail", kwargs={"case_id": s.case_url_id}),
        case_detail,
    ),
    Scenario("inquiry list, page 1", lambda s: reverse("cases:inquiry_list"), inquiry_page(lambda s: 1)),
    Scenario(
        "inquiry list, last page but one",
        lambda s: f"{reverse('cases:inquiry_list')}?page={max(1, s.inquiry_pages - 1)}",
        inquiry_page(lambda s: max(1, s.inquiry_pages - 1)),
    ),
    Scenario(
        "access log (manager), page 1", lambda s: reverse("audit:log"), access_log_page(), as_manager=True
    ),
    Scenario(
        "access log (manager), last page",
        lambda s: f"{reverse('audit:log')}?page={s.access_log_pages}",
        access_log_page(last=True),
        as_manager=True,
    ),
    Scenario(
        "access log (manager), by case",
        lambda s: f"{reverse('audit:log')}?subject={s.case_label}",
        access_log_page(by_subject=True),
        as_manager=True,
    ),
    Scenario(
        "client search: kana 「サトウ」",
        search_url(lambda s: s.kana_prefix),
        client_search("kana_key", lambda s: s.kana_prefix),
    ),
    Scenario(
        "client search: phone digits",
        search_url(lambda s: s.phone_tail),
        client_search("phone_digits_reversed", lambda s: s.phone_tail[::-1]),
    ),
]


def find_subjects(
    *, program, counselor, manager, counselor_session: Session, manager_session: Session
) -> Subjects:
    """The case with the longest history and the page counts, looked up once."""
    from django.db.models import Count

    from yorisoi.cases.models import Client, Inquiry

    heaviest = (
        AccessLog.objects.filter(program=program, target_type="case", action="case.view")
        .values("target_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    case = Case.objects.get(public_id=heaviest["target_id"])
    public_id = Case._meta.get_field("public_id").get_db_prep_value(case.public_id, connection)
    phone = (
        Client.objects.filter(program=program)
        .exclude(phone_digits="")
        .order_by("id")
        .values_list("phone_digits", flat=True)
        .first()
    ) or "0000"
    pages = lambda n: max(1, -(-n // PAGE_SIZE))  # noqa: E731
    return Subjects(
        program_id=program.pk,
        counselor=counselor_session,
        manager=manager_session,
        case_pk=case.pk,
        case_public_id=public_id,
        case_url_id=str(case.public_id),
        case_label=case.label,
        case_views=heaviest["n"],
        case_pages=pages(Case.objects.filter(program=program).count()),
        inquiry_pages=pages(Inquiry.objects.filter(program=program).count()),
        access_log_pages=pages(AccessLog.objects.filter(program=program).count()),
        kana_prefix="サトウ",
        phone_tail=phone[-4:],
    )


__all__ = ["SCENARIOS", "NoReverseMatch", "Scenario", "Subjects", "find_subjects"]
