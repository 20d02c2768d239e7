"""What each app declares for the isolation matrix (tests/test_isolation_matrix.py).

Every app with staff URLs has ``yorisoi/<app>/tests/isolation.py`` defining ``PAGES``: a list of
``StaffPage``. The matrix fails on any staff URL no app declares, so no page escapes it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ALL_ROLES = frozenset({"manager", "counselor", "clerk", "city_officer"})
PERSON_ROLES = frozenset({"manager", "counselor", "clerk"})
CONTENT_ROLES = frozenset({"manager", "counselor"})
MANAGER_ONLY = frozenset({"manager"})


@dataclass(frozen=True)
class Built:
    """What a page needs in its URL, and the strings that identify the person rows behind it."""

    kwargs: dict = field(default_factory=dict)
    identifiers: tuple[str, ...] = ()
    subject_id: object = None  # the case/client public_id its access log entries name
    query: dict = field(default_factory=dict)  # GET parameters, e.g. a search


@dataclass(frozen=True)
class StaffPage:
    name: str  # URL name, "cases:detail"
    allowed: frozenset  # roles of the owning program that may open it
    build: Callable | None = None  # (program, author) -> Built; None for pages without person data
    per_object: bool = False  # one object's page: each view adds exactly one access log entry
    method: str = "get"
    data: dict = field(default_factory=dict)  # POST body for actions
    redirects: bool = False  # a signed-in member is sent on elsewhere (the login page, for one)
    redirects_for: frozenset = frozenset()  # roles sent on elsewhere (the city officer's home: the report)

    @property
    def holds_person_data(self) -> bool:
        return self.build is not None
