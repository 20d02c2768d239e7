"""Does a consent's list of agencies (``Consent.shared_agencies``) name this partner agency?

A line names the agency when, compared without width or spacing differences, it is the agency's
name (「美浜保健福祉センター」) or the label of its kind (「ハローワーク」 covers every ハローワーク).
「その他」 names no one: it is not a kind anybody consents to share with. People also write
several agencies on one line, 「保健福祉センター、ハローワーク」, so 、 , ， ; ／ split a line too.
"""

import re
import unicodedata
from collections.abc import Iterable

from yorisoi.referrals.models import AgencyKind

_SPACES = re.compile(r"\s+")  # NFKC has already made the ideographic space (U+3000) a plain one
_SEPARATORS = re.compile(r"[、,;/]")  # after NFKC, ， ； ／ are , ; /


def agency_key(text: str) -> str:
    """「ハローワーク　千葉」「ﾊﾛｰﾜｰｸ千葉」 → 「ハローワーク千葉」: how names are compared."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


def consent_names_agency(lines: Iterable[str], *, name: str, kind: str) -> bool:
    wanted = {agency_key(name)}
    if kind != AgencyKind.OTHER:
        wanted.add(agency_key(str(AgencyKind(kind).label)))
    for line in lines:
        for item in _SEPARATORS.split(unicodedata.normalize("NFKC", line)):
            if agency_key(item) and agency_key(item) in wanted:
                return True
    return False
