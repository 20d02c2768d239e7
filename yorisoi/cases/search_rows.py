"""The hits of 「人を探す」, written out in Python once per page, as the case list's rows are
(``case_rows.py``): thirty hits through the template's loop, each reversing its URLs and rebuilding
the choices of its labels, were a third of the page's time.

Each hit is one ``<li>`` built with ``format_html`` (every value escaped); what it says is what the
template said: the kind, the case or inquiry it leads to, who the person is, and what matched.
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yorisoi.cases.models import CallerType, CaseStatus, FamilyRelation
from yorisoi.cases.row_urls import RowUrls
from yorisoi.cases.search import SearchHit
from yorisoi.core.templatetags.staff_format import day_in


def hit_rows(hits: list[SearchHit], *, linked: bool) -> list[SafeString]:
    """One ``<li>`` per hit; the case is a link only when ``linked`` (staff who may read contents)."""
    labels = {
        "status": dict(CaseStatus.choices),
        "caller": dict(CallerType.choices),
        "relation": dict(FamilyRelation.choices),
    }
    year, urls = timezone.localdate().year, RowUrls()
    return [_row(hit, linked=linked, labels=labels, year=year, urls=urls) for hit in hits]


def _row(hit: SearchHit, *, linked: bool, labels: dict, year: int, urls: RowUrls) -> SafeString:
    case = hit.case
    status = (
        format_html('<span class="badge">{}</span>', labels["status"].get(case.status, case.status))
        if case
        else ""
    )
    return format_html(
        '<li><span class="kind-badge">{}</span>\n      {}\n      {}\n      {}\n'
        '      <span class="hint">{}</span></li>\n',
        hit.kind_label,
        _leads_to(hit, linked=linked, year=year, urls=urls),
        _who(hit, labels=labels, year=year),
        status,
        _("%(m)sで一致") % {"m": hit.matched},
    )


def _leads_to(hit: SearchHit, *, linked: bool, year: int, urls: RowUrls) -> SafeString | str:
    if hit.case is not None:
        return (
            format_html('<a href="{}">{}</a>', urls(hit.case), hit.case.label) if linked else hit.case.label
        )
    if hit.inquiry is not None:
        received = day_in(hit.inquiry.received_at, year)
        return format_html('<a href="{}">{} {}</a>', urls(hit.inquiry), _("問い合わせ"), received)
    return ""


def _who(hit: SearchHit, *, labels: dict, year: int) -> SafeString | str:
    if hit.kind == "related":
        label = hit.related.display_label
        if hit.client is None:
            return label
        return format_html(
            '{} <span class="hint">（{}: {}）</span>', label, _("本人"), hit.client.display_name
        )
    if hit.kind == "inquiry":
        inquiry = hit.inquiry
        caller = labels["caller"].get(inquiry.caller_type, inquiry.caller_type)
        if inquiry.family_relation:
            caller += f"（{labels['relation'].get(inquiry.family_relation, inquiry.family_relation)}）"
        if hit.case is not None:
            after = format_html('<span class="hint">→ {}</span>', hit.case.label)
        else:
            after = format_html('<span class="hint">{}</span>', _("（ケース登録前）"))
        return format_html("{} {} {}", caller, inquiry.caller_name, after)
    if hit.client is not None:
        client = hit.client
        born = f" {day_in(client.birth_date, year)}生" if client.birth_date else ""
        return format_html(
            "{}（{}）{}", client.display_name, client.display_kana or _("ふりがな未登録"), born
        )
    return _("（本人未登録）")
