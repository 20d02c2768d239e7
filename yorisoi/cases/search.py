"""Finding people: the person served (本人), the family around a case (家族), and callers of
inquiries (問い合わせ), by name or furigana (any width or script), phone digits, email or case number.

Every lookup runs on an indexed key of one program (see cases/normalize.py):
- three characters or more are found anywhere in a name, furigana or phone number, through the
  trigram indexes of cases/search_index.py (FTS5 on SQLite, pg_trgm on PostgreSQL); the rows whose
  key starts with what was typed come first, in the order a prefix search gives them;
- one or two characters are too short for a trigram: they are found at the start of the key (a
  B-tree prefix range), which is what a short query usually means (「サ」 for 佐藤 and 斉藤);
- a phone number is searched reversed, so its last digits are a prefix; an email is compared whole.
"""

import re
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Case as SqlCase
from django.db.models import Q, Value, When
from django.db.models.expressions import RawSQL

from yorisoi.cases import search_index
from yorisoi.cases.models import Case, Client, Inquiry, RelatedPerson
from yorisoi.cases.normalize import kana_key, looks_like_kana, name_key, phone_digits
from yorisoi.programs.permissions import Actor, person_scope, require_person_access

SEARCH_LIMIT = 30
CASE_NUMBER = re.compile(r"^[CcＣｃ]?[-－]?\s*(\d{1,7})$")
PHONE_ONLY = re.compile(r"[-－ー()（）\s]")
# The highest code point: "key >= q and key < q + END" is a prefix search that uses the index on
# both SQLite and PostgreSQL, where LIKE 'q%' would not on SQLite.
PREFIX_END = "\uffff"

KIND_LABELS = {"client": "本人", "related": "家族", "inquiry": "問い合わせ", "case": "ケース"}


@dataclass(frozen=True)
class SearchHit:
    client: Client | None
    case: Case | None
    matched: str  # what matched, in words: "ふりがな", "電話番号（母）", ...
    kind: str = "client"  # client / related / inquiry / case
    inquiry: Inquiry | None = None
    related: RelatedPerson | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def audit_subject(self):
        return self.case or self.client or self.inquiry

    @property
    def url(self) -> str:
        """Where the hit leads: the case if there is one, else the inquiry."""
        if self.case is not None:
            return self.case.get_absolute_url()
        if self.inquiry is not None:
            return self.inquiry.get_absolute_url()
        return ""


@dataclass(frozen=True)
class Match:
    """Which rows of one model a key selects, and what orders first among them."""

    where: Q
    first: tuple = ()  # put before the model's own order
    substring: bool = False  # through the trigram index
    starts: Q | None = None  # a substring: the rows starting with the key (they come first)


def _scoped(model, actor: Actor):
    """``person_scope`` (the one scoping rule) over the model's plain manager.

    In a request the django-scopes manager adds ``program_id IN (p)`` beside person_scope's
    ``program_id = p``. SQLite without statistics takes the doubled term for a very selective one
    and walks the program's index instead of the key's: an email lookup at 50,000 persons took
    20 ms so, 0.1 ms with either term alone. person_scope alone keeps the same rows."""
    return person_scope(model._base_manager.all(), actor)


def _first(q: Q) -> SqlCase:
    """Rows matching ``q`` first."""
    return SqlCase(When(q, then=Value(0)), default=Value(1))


def _guard(model, q: Q) -> tuple:
    """On SQLite, ``_first(q)`` before the order of rows that all match ``q``: it changes no order,
    but it is an order no index gives, so the plan starts from the index of the key searched
    instead of walking the whole program in the model's order until enough rows match (what SQLite
    without statistics picks). PostgreSQL plans from statistics and keeps its ordered index scans."""
    return (_first(q),) if connections[router.db_for_read(model)].vendor == "sqlite" else ()


def _prefix(field: str, key: str) -> Q:
    return Q(**{f"{field}__gte": key, f"{field}__lt": key + PREFIX_END})


def _contains(model, field: str, key: str) -> Q:
    """``key`` anywhere in ``field``, through the trigram index (``len(key) >= 3``)."""
    if connections[router.db_for_read(model)].vendor == "sqlite":
        table = search_index.fts_table(model)  # a name from our own list, never from input
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # nosec B608
        return Q(pk__in=RawSQL(sql, [search_index.fts_match(field, key)]))  # nosec B611: key is a parameter
    return Q(**{f"{field}__contains": key})  # LIKE '%key%': pg_trgm's GIN index


def _match(model, field: str, key: str, *, exact: bool, common: bool = True) -> Match:
    """``common``: many rows may start with the key (a surname), so those are read first on their own."""
    if exact:
        where = Q(**{field: key})
        return Match(where, _guard(model, where))
    if len(key) < search_index.MIN_SUBSTRING:
        where = _prefix(field, key)
        return Match(where, _guard(model, where))
    # those starting with the key first
    starts = _prefix(field, key)
    return Match(
        _contains(model, field, key), (_first(starts),), substring=True, starts=starts if common else None
    )


def _rows(model, actor: Actor, match: Match, order: tuple[str, ...], related: tuple[str, ...] = ()) -> list:
    """The first SEARCH_LIMIT rows of ``model`` that ``match`` selects, in its order.

    A key range (one or two characters, or a whole key) can hold thousands of rows: their ids are
    chosen first from the key's index alone, then only those rows are read with what they show. A
    substring reads first the rows starting with it, a key range like the others: a common name
    (「サトウ」) fills the page from them, where the trigram index would hand over every row containing
    it (thousands at 50,000 persons, 9 ms on PostgreSQL) to be sorted. Only when they do not fill it
    are the other rows containing it read, in one statement the trigram index's row ids drive (a
    run of phone digits, never common, is read so at once)."""
    scoped = _scoped(model, actor)
    if match.substring and match.starts is not None:
        starting = _rows(model, actor, Match(match.starts, _guard(model, match.starts)), order, related)
        if len(starting) == SEARCH_LIMIT:
            return starting
        rows = scoped.filter(match.where).exclude(match.starts).order_by(*match.first, *order)
        rows = rows[: SEARCH_LIMIT - len(starting)]
        return starting + list(rows.select_related(*related) if related else rows)
    if match.substring:
        rows = scoped.filter(match.where).order_by(*match.first, *order)[:SEARCH_LIMIT]
        return list(rows.select_related(*related) if related else rows)
    ids = scoped.filter(match.where).order_by(*match.first, *order).values("pk")[:SEARCH_LIMIT]
    rows = scoped.filter(pk__in=ids).order_by(*match.first, *order)
    return list(rows.select_related(*related) if related else rows)


def _hits(actor: Actor, *, client: Match | None, related: Match | None, inquiry: Match | None, matched: str):
    hits: list[SearchHit] = []
    if client is not None:
        for row in _rows(Client, actor, client, ("kana_key", "id")):
            hits.append(SearchHit(row, None, matched))
    if related is not None:
        for person in _rows(RelatedPerson, actor, related, ("id",), ("case__client",)):
            label = f"{matched}（{person.get_relation_display()}）"
            hits.append(SearchHit(person.case.client, person.case, label, "related", related=person))
    if inquiry is not None:
        for row in _rows(Inquiry, actor, inquiry, ("-received_at", "-id"), ("case__client",)):
            case = row.case
            hits.append(
                SearchHit(case.client if case else None, case, f"{matched}（連絡者）", "inquiry", inquiry=row)
            )
    return hits


def _by_key(
    actor: Actor, fields: tuple[str, str, str], key: str, *, exact: bool, matched: str, common: bool = True
):
    """``fields``: the key's column on Client, RelatedPerson and Inquiry."""
    client_field, related_field, inquiry_field = fields
    return _hits(
        actor,
        client=_match(Client, client_field, key, exact=exact, common=common),
        related=_match(RelatedPerson, related_field, key, exact=exact, common=common),
        inquiry=_match(Inquiry, inquiry_field, key, exact=exact, common=common),
        matched=matched,
    )


def by_phone(actor: Actor, digits: str, *, exact: bool = False) -> list[SearchHit]:
    """Reversed digits: the last four are a prefix, and any run of digits is still a substring.

    Phone endings are spread evenly (one number in 10,000 ends in any four digits), so unlike a
    surname no run of digits is common: one statement reads both, those ending in them first."""
    field = "phone_digits_reversed"
    return _by_key(actor, (field, field, field), digits[::-1], exact=exact, matched="電話番号", common=False)


def by_email(actor: Actor, email: str) -> list[SearchHit]:
    """The address as typed or in lower case."""
    variants = {email, email.lower()}

    def match(model, field):
        where = Q(**{f"{field}__in": variants})
        return Match(where, _guard(model, where))

    return _hits(
        actor,
        client=match(Client, "email"),
        related=match(RelatedPerson, "email"),
        inquiry=match(Inquiry, "contact_email"),
        matched="メール",
    )


def by_kana(actor: Actor, text: str, *, exact: bool = False) -> list[SearchHit]:
    fields = ("kana_key", "kana_key", "caller_kana_key")
    return _by_key(actor, fields, kana_key(text), exact=exact, matched="ふりがな")


def by_name(actor: Actor, text: str, *, exact: bool = False) -> list[SearchHit]:
    fields = ("name_key", "name_key", "caller_name_key")
    return _by_key(actor, fields, name_key(text), exact=exact, matched="名前")


def person_search(*, actor: Actor, query: str) -> list[SearchHit]:
    """What staff type in 「人を探す」: every kind of person of the program, each saying what it is."""
    require_person_access(actor)
    query = (query or "").strip()
    if not query:
        return []
    hits: list[SearchHit] = []
    number = CASE_NUMBER.match(query)
    digits = phone_digits(query)
    if number and len(number.group(1)) <= 5:
        cases = _scoped(Case, actor).select_related("client")
        hits += [
            SearchHit(c.client, c, "ケース番号", "case") for c in cases.filter(number=int(number.group(1)))
        ]
    if "@" in query:
        hits += by_email(actor, query)
    elif len(digits) >= 4 and len(digits) == len(PHONE_ONLY.sub("", query)):
        hits += by_phone(actor, digits)
    elif looks_like_kana(query):
        hits += by_kana(actor, query)
    elif not digits:
        hits += by_name(actor, query)
    return attach_latest_cases(actor, hits)


client_search = person_search


def attach_latest_cases(actor: Actor, hits: list[SearchHit]) -> list[SearchHit]:
    """Give each client hit its newest case, in two small queries, and drop repeats.

    The newest case is looked up per hit client on the index (program, client, newest first), so
    the query reads one case per hit however many cases the program holds."""
    client_ids = {h.client.pk for h in hits if h.kind == "client" and h.case is None}
    latest: dict[int, Case] = {}
    if client_ids:
        # Keys only, from the index (program, client, newest first): the hit clients' cases (one
        # or two each), the newest kept per client; then those cases by primary key.
        newest: dict[int, tuple] = {}
        for client_id, registered_on, number, pk in (
            _scoped(Case, actor)
            .filter(client_id__in=client_ids)
            .order_by()
            .values_list("client_id", "registered_on", "number", "pk")
        ):
            newest[client_id] = max(newest.get(client_id, ()), (registered_on, number, pk))
        if newest:
            case_ids = [key[-1] for key in newest.values()]
            for case in _scoped(Case, actor).filter(pk__in=case_ids).order_by():
                latest[case.client_id] = case
    merged: dict[tuple, SearchHit] = {}
    for hit in hits:
        case = hit.case or (latest.get(hit.client.pk) if hit.client and hit.kind == "client" else None)
        row = hit.inquiry or hit.related or hit.client or case
        key = (hit.kind, row.pk if row else None, case.pk if case else None)
        if key in merged:  # the same row found twice (name and email): say both
            first = merged[key]
            if hit.matched not in first.matched.split("・"):
                merged[key] = SearchHit(
                    first.client, first.case, f"{first.matched}・{hit.matched}", *_rest(first)
                )
            continue
        merged[key] = SearchHit(hit.client, case, hit.matched, hit.kind, hit.inquiry, hit.related)
    result = list(merged.values())
    return result[:SEARCH_LIMIT]


def _rest(hit: SearchHit) -> tuple:
    return hit.kind, hit.inquiry, hit.related


def registration_matches(
    *, actor: Actor, names=(), kanas=(), phones=(), emails=(), exclude_inquiry=None
) -> list[SearchHit]:
    """People already known who look like the one being registered: the whole name or furigana, the
    whole phone number, or the email — clients, family members and earlier inquiries alike."""
    require_person_access(actor)
    hits: list[SearchHit] = []
    for name in filter(None, names):
        if name_key(name):
            hits += by_name(actor, name, exact=True)
    for kana in filter(None, kanas):
        if looks_like_kana(kana):
            hits += by_kana(actor, kana, exact=True)
    for phone in filter(None, phones):
        if len(phone_digits(phone)) >= 10:
            hits += by_phone(actor, phone_digits(phone), exact=True)
    for email in filter(None, emails):
        hits += by_email(actor, email)
    if exclude_inquiry is not None:
        hits = [h for h in hits if h.inquiry is None or h.inquiry.pk != exclude_inquiry.pk]
    return attach_latest_cases(actor, hits)
