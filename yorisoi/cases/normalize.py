"""Search keys for Japanese names and phone numbers.

「さとう」「サトウ」「ｻﾄｳ」 all become 「サトウ」; 「０４３-２０４」 becomes 「043204」.
"""

import re
import unicodedata

import jaconv

_SPACES = re.compile(r"[\s\u3000・･]+")


def kana_key(text: str) -> str:
    """Full-width katakana without spaces: the form furigana are compared in."""
    text = unicodedata.normalize("NFKC", text or "")  # half-width ｶﾅ → カナ, full-width ＡＢ → AB
    text = jaconv.hira2kata(text)
    return _SPACES.sub("", text).upper()


def name_key(text: str) -> str:
    """A kanji name without spaces, width-normalised: 「佐藤　花子」 → 「佐藤花子」."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))


def phone_digits(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if ch.isdigit())


def looks_like_kana(text: str) -> bool:
    key = kana_key(text)
    return bool(key) and all("\u30a0" <= ch <= "\u30ff" for ch in key)
