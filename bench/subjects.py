"""What the bench's scenarios point at, looked up once in the generated data: who is logged in,
the case with the longest history, a phone number to search for, the page counts and cursors."""

import dataclasses

from django.db import connection

from yorisoi.core.bounds import MAX_PAGE

PAGE_SIZE = 50


@dataclasses.dataclass
class Session:
    user_id: int
    key: str
    data: str


@dataclasses.dataclass
class Subjects:
    """What the scenarios point at, looked up once in the generated data."""

    program_id: int
    counselor: Session
    manager: Session
    case_id: int
    case_public_id: object  # as the database stores it
    case_url_id: str
    case_label: str
    case_views: int
    audited_case_label: str  # a case closed long ago: its entries lie deep in the log
    case_pages: int
    access_log_oldest_cursor: tuple  # (occurred_at, id) of an entry near the start of the log
    inquiry_oldest_cursor: tuple  # (received_at, id) of the inquiry 51st from the oldest
    kana_prefix: str
    phone_tail: str

    def session(self, as_manager: bool) -> Session:
        return self.manager if as_manager else self.counselor


def find_subjects(*, program, counselor_session: Session, manager_session: Session) -> Subjects:
    """The case with the longest history, a phone number to search for, and the page counts."""
    from django.db.models import Count

    from yorisoi.audit.models import AccessLog
    from yorisoi.cases.models import Case, CaseStatus, Client, Inquiry

    heaviest = list(
        AccessLog.objects.filter(program=program, target_type="case", action="case.view")
        .values("target_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:100]
    )
    case = Case.objects.get(public_id=heaviest[0]["target_id"])
    # The case detail scenario adds fresh entries to its own case, so the access log filter looks
    # at another: among the hundred longest histories, the case closed longest ago.
    closed = (
        Case.objects.filter(public_id__in=[h["target_id"] for h in heaviest[1:]], status=CaseStatus.CLOSED)
        .order_by("closed_on")
        .first()
    ) or case
    phone = (
        Client.objects.filter(program=program)
        .exclude(phone_digits="")
        .order_by("id")
        .values_list("phone_digits", flat=True)
        .first()
    ) or "00000000"

    def pages(rows: int) -> int:
        return max(1, -(-rows // PAGE_SIZE))

    return Subjects(
        program_id=program.pk,
        counselor=counselor_session,
        manager=manager_session,
        case_id=case.pk,
        case_public_id=Case._meta.get_field("public_id").get_db_prep_value(case.public_id, connection),
        case_url_id=str(case.public_id),
        case_label=case.label,
        case_views=heaviest[0]["n"],
        audited_case_label=closed.label,
        case_pages=pages(Case.objects.filter(program=program).count()),
        access_log_oldest_cursor=(
            AccessLog.objects.filter(program=program)
            .order_by("occurred_at", "id")
            .values_list("occurred_at", "id")[PAGE_SIZE : PAGE_SIZE + 1]
            .get()
        ),
        inquiry_oldest_cursor=(
            Inquiry.objects.filter(program=program)
            .order_by("received_at", "id")
            .values_list("received_at", "id")[PAGE_SIZE : PAGE_SIZE + 1]
            .get()
        ),
        kana_prefix="サトウ",
        phone_tail=phone[-4:],
    )


def deep_page(s: Subjects) -> int:
    """The last page but one, or the deepest page a link can ask for (``MAX_PAGE``, scale L)."""
    return min(max(1, s.case_pages - 1), MAX_PAGE)
