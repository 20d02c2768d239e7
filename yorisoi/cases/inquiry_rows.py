"""The rows of the inbox (問い合わせ) and its list of urgent inquiries, written out in Python.

The same reason and the same way as the case list's rows (``cases/case_rows.py``): each row is
worked out from the inquiry once (``InquiryRow``) and written as one ``<tr>`` with ``format_html``,
so every value, above all what a caller said (the concern, the contact cautions, the reason it is
urgent), is escaped. The choices' labels are read from one dict each, the inquiry pages' URLs are
derived from one reversed URL, and the year, time zone and weekday names are read once (ListDates).
"""

import unicodedata
from dataclasses import dataclass

from django.template.defaultfilters import linebreaksbr, truncatechars
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yorisoi.cases.models import CallerType, Channel, FamilyRelation, Inquiry, InquiryStatus
from yorisoi.cases.row_urls import RowUrls
from yorisoi.core.templatetags.staff_format import ListDates

CONCERN_CHARS = 40  # the concern as the list shows it: its first 40 characters, then 「…」


@dataclass(frozen=True, slots=True)
class InquiryRow:
    url: str  # the inquiry's page
    received: str  # 「6月3日（水）9:10」
    urgent_badge: SafeString  # the 「緊急」 badge, or "" when the inquiry is not urgent
    channel: str
    caller: str  # 家族（母）
    caution: SafeString  # the 「連絡の注意」 paragraph, or "" when the caller asked nothing
    concern: str  # truncated to CONCERN_CHARS
    status: str  # 初回相談予約済み（C-0042）
    taken_by: SafeString  # the line naming who handles it, or ""

    @property
    def html(self) -> SafeString:
        return format_html(
            '<tr>\n    <td><a href="{}">{}</a>{}</td>\n    <td>{}</td>\n    <td>{}\n      {}</td>\n'
            "    <td>{}</td>\n    <td>{}{}</td>\n  </tr>\n",
            self.url,
            self.received,
            self.urgent_badge,
            self.channel,
            self.caller,
            self.caution,
            self.concern,
            self.status,
            self.taken_by,
        )


class _Labels:
    """What every line of one page reads the same way: labels of choices, the URL, the dates."""

    def __init__(self):
        self.channels = {value: str(label) for value, label in Channel.choices}
        self.callers = {value: str(label) for value, label in CallerType.choices}
        self.dates = ListDates()
        self.url = RowUrls()

    def link_text(self, inquiry: Inquiry) -> str:
        """「6月3日（水）9:10 電話・家族」: how the inbox's list of urgent inquiries names one."""
        channel = self.channels.get(inquiry.channel, inquiry.channel)
        caller = self.callers.get(inquiry.caller_type, inquiry.caller_type)
        return f"{self.dates.when(inquiry.received_at)} {channel}・{caller}"


def _shortened(concern: str) -> str:
    """``|truncatechars:CONCERN_CHARS``, which keeps a short text whole (in its NFC form) anyway."""
    text = unicodedata.normalize("NFC", concern)
    return text if len(text) <= CONCERN_CHARS else truncatechars(text, CONCERN_CHARS)


def inquiry_rows(inquiries: list[Inquiry]) -> list[InquiryRow]:
    """The inbox's rows of ``inquiries`` (read with ``selectors.inquiry_list``)."""
    if not inquiries:
        return []
    labels = _Labels()
    relations = {value: str(label) for value, label in FamilyRelation.choices}
    statuses = {value: str(label) for value, label in InquiryStatus.choices}
    badge = format_html(' <span class="badge badge-urgent">{}</span>', _("緊急"))
    caution_title, handled_by = _("連絡の注意"), _("対応")
    rows = []
    for inquiry in inquiries:
        caller = labels.callers.get(inquiry.caller_type, inquiry.caller_type)
        if inquiry.family_relation:
            caller = f"{caller}（{relations.get(inquiry.family_relation, inquiry.family_relation)}）"
        status = statuses.get(inquiry.status, inquiry.status)
        if inquiry.case_id:
            status = f"{status}（{inquiry.case.label}）"
        rows.append(
            InquiryRow(
                url=labels.url(inquiry),
                received=labels.dates.when(inquiry.received_at),
                urgent_badge=badge if inquiry.is_urgent else SafeString(""),
                channel=labels.channels.get(inquiry.channel, inquiry.channel),
                caller=caller,
                caution=format_html(
                    '<p class="contact-caution"><strong>{}</strong>：{}</p>',
                    caution_title,
                    linebreaksbr(inquiry.contact_preferences, autoescape=True),
                )
                if inquiry.contact_preferences
                else SafeString(""),
                concern=_shortened(inquiry.concern),
                status=status,
                taken_by=format_html(
                    '<br><span class="hint">{}: {}</span>', handled_by, inquiry.taken_by.name_for_display
                )
                if inquiry.taken_by_id
                else SafeString(""),
            )
        )
    return rows


def urgent_items(inquiries: list[Inquiry]) -> list[SafeString]:
    """The inbox's list of urgent inquiries nobody has taken: one ``<li>`` each, the reason after it."""
    if not inquiries:
        return []
    labels = _Labels()
    return [
        format_html(
            '<li><a href="{}">{}</a>{}</li>',
            labels.url(inquiry),
            labels.link_text(inquiry),
            format_html(" — {}", inquiry.urgent_note) if inquiry.urgent_note else "",
        )
        for inquiry in inquiries
    ]
