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
from django.db.models import OuterRef, Q, Subquery, Value, When
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
    first: tuple = ()  # expressions put before the model's own order


def _prefix(field: str, key: str) -> Q:
    return Q(**{f"{field}__gte": key, f"{field}__lt": key + PREFIX_END})


def _contains(model, field: str, key: str) -> Q:
    """``key`` anywhere in ``field``, through the trigram index (``len(key) >= 3``)."""
    if connections[router.db_for_read(model)].vendor == "sqlite":
        table = search_index.fts_table(model)  # a name from our own list, never from input
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # nosec B608
        return Q(pk__in=RawSQL(sql, [search_index.fts_match(field, key)]))  # nosec B611: key is a parameter
    return Q(**{f"{field}__contains": key})  # LIKE '%key%': pg_trgm's GIN index


def _first(q: Q) -> SqlCase:
    """Rows matching ``q`` first. Put before a model's order, it is also an order no index gives,
    so the plan starts from the index of the key searched (a few rows), never from walking the
    whole program in the model's order until enough rows match (SQLite without statistics would)."""
    return SqlCase(When(q, then=Value(0)), default=Value(1))


def _match(model, field: str, key: str, *, exact: bool) -> Match:
    if exact:
        return Match(Q(**{field: key}), (_first(Q(**{field: key})),))
    if len(key) < search_index.MIN_SUBSTRING:
        return Match(_prefix(field, key))  # the key's index gives the clients' order as well
    return Match(_contains(model, field, key), (_first(_prefix(field, key)),))


def _hits(actor: Actor, *, client: Match | None, related: Match | None, inquiry: Match | None, matched: str):
    hits: list[SearchHit] = []
    if client is not None:
        for row in (
            person_scope(Client.objects.all(), actor)
            .filter(client.where)
            .order_by(*client.first, "kana_key", "id")[:SEARCH_LIMIT]
        ):
            hits.append(SearchHit(row, None, matched))
    if related is not None:
        people = (
            person_scope(RelatedPerson.objects.all(), actor)
            .filter(related.where)
            .select_related("case__client")
            .order_by(*related.first, "id")[:SEARCH_LIMIT]
        )
        for person in people:
            label = f"{matched}（{person.get_relation_display()}）"
            hits.append(SearchHit(person.case.client, person.case, label, "related", related=person))
    if inquiry is not None:
        inquiries = (
            person_scope(Inquiry.objects.all(), actor)
            .filter(inquiry.where)
            .select_related("case__client")
            .order_by(*inquiry.first, "-received_at", "-id")[:SEARCH_LIMIT]
        )
        for row in inquiries:
            case = row.case
            hits.append(
                SearchHit(case.client if case else None, case, f"{matched}（連絡者）", "inquiry", inquiry=row)
            )
    return hits


def _by_key(actor: Actor, fields: tuple[str, str, str], key: str, *, exact: bool, matched: str):
    """``fields``: the key's column on Client, RelatedPerson and Inquiry."""
    client_field, related_field, inquiry_field = fields
    return _hits(
        actor,
        client=_match(Client, client_field, key, exact=exact),
        related=_match(RelatedPerson, related_field, key, exact=exact),
        inquiry=_match(Inquiry, inquiry_field, key, exact=exact),
        matched=matched,
    )


def by_phone(actor: Actor, digits: str, *, exact: bool = False) -> list[SearchHit]:
    """Reversed digits: the last four are a prefix, and any run of digits is still a substring."""
    field = "phone_digits_reversed"
    return _by_key(actor, (field, field, field), digits[::-1], exact=exact, matched="電話番号")


def by_email(actor: Actor, email: str) -> list[SearchHit]:
    """The address as typed or in lower case."""
    variants = {email, email.lower()}

    def match(field):
        where = Q(**{f"{field}__in": variants})
        return Match(where, (_first(where),))

    return _hits(
        actor, client=match("email"), related=match("email"), inquiry=match("contact_email"), matched="メール"
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
        cases = person_scope(Case.objects.all(), actor).select_related("client")
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
    """Give each client hit its newest case, in one query, and drop repeats.

    The newest case is looked up per hit client on the index (program, client, newest first), so
    the query reads one case per hit however many cases the program holds."""
    client_ids = {h.client.pk for h in hits if h.kind == "client" and h.case is None}
    latest: dict[int, Case] = {}
    if client_ids:
        newest = (
            person_scope(Case.objects.filter(client_id=OuterRef("client_id")), actor)
            .order_by("-registered_on", "-number")
            .values("pk")[:1]
        )
        # The hit clients' cases (one or two each), kept when newest of their client; no ORDER BY,
        # so no plan walks the program's cases in registration order instead.
        cases = person_scope(Case.objects.filter(client_id__in=client_ids), actor).filter(pk=Subquery(newest))
        for case in cases.order_by():
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
