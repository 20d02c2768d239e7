"""One parser per kind of value found in the programs' old spreadsheets.

Each parser takes what a cell holds (text, a number, a date) and returns the value yorisoi stores,
or raises ``BadValue`` with a short Japanese reason that the preview shows beside the row number.
Empty cells are the caller's business: parsers are only called on non-empty values.
"""

import datetime
import re
import unicodedata

import jaconv
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from yorisoi.cases.models import ClosureReason, FamilyRelation, Gender
from yorisoi.consultations.models import ConsultationMode
from yorisoi.outreach.models import Category, EventKind
from yorisoi.referrals.models import AgencyKind

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0, counting its fictional 1900-02-29
MIN_YEAR, MAX_YEAR = 1900, 2200

# First year of each era minus one: 令和3年 = 2018 + 3.
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}


class BadValue(ValueError):
    """A cell that cannot be read; ``str()`` is the Japanese reason shown to the manager."""


def clean_text(value) -> str:
    """Free text (names, summaries) as written, without surrounding spaces: never width-normalised,
    so 「（架空）」 and 「①」 stay what the person typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def normal(value) -> str:
    """Width-normalised text for reading values: 「０４３」 → 「043」, 「ｶﾅ」 → 「カナ」."""
    return unicodedata.normalize("NFKC", clean_text(value)).strip()


_MARKS = re.compile(r"[\s・･、,。.()（）「」:：/／\-ー―‐]+")


def label_key(value) -> str:
    """What labels are compared in: width-normalised, katakana, lower case, no spaces or marks."""
    return _MARKS.sub("", jaconv.hira2kata(normal(value)).lower())


def is_blank(value) -> bool:
    return value is None or normal(value) == ""


# --- dates -----------------------------------------------------------------------------------------

_ERA_DATE = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?P<year>元|\d{1,2})\s*(?:年|[./\-])\s*"
    r"(?P<month>\d{1,2})\s*(?:月|[./\-])\s*(?P<day>\d{1,2})\s*日?$",
    re.IGNORECASE,
)
_WESTERN_DATE = re.compile(
    r"^(?P<year>\d{4})\s*(?:年|[./\-])\s*(?P<month>\d{1,2})\s*(?:月|[./\-])\s*(?P<day>\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT_DATE = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")


def parse_date(value) -> datetime.date:
    """令和3年4月1日, 令和元年5月1日, R3.4.1, H28/2/1, 2021-04-01, 2021年4月1日, 20210401,
    a date or datetime cell, or an Excel serial number (44287)."""
    if isinstance(value, datetime.datetime):
        return _bounded(value.date(), value)
    if isinstance(value, datetime.date):
        return _bounded(value, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = normal(value)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_serial(float(text))
    match = _ERA_DATE.match(text)
    if match:
        era = match["era"]
        era = ERA_LETTERS.get(era.upper(), era)
        year = 1 if match["year"] == "元" else int(match["year"])
        return _make(ERAS[era] + year, int(match["month"]), int(match["day"]), text)
    match = _WESTERN_DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        return _make(int(match["year"]), int(match["month"]), int(match["day"]), text)
    raise BadValue(f"日付「{text}」が読み取れません（例：令和3年4月1日、R3.4.1、2021/4/1）")


def _make(year: int, month: int, day: int, text: str) -> datetime.date:
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise BadValue(f"日付「{text}」は存在しない日付です") from None
    return _bounded(date, text)


def _bounded(date: datetime.date, shown) -> datetime.date:
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise BadValue(f"日付「{shown}」は範囲外です（{MIN_YEAR}年〜{MAX_YEAR}年）")
    return date


def _from_serial(number: float) -> datetime.date:
    if not 1 <= number < 110_000:
        raise BadValue(f"日付「{number}」が読み取れません")
    return _bounded(EXCEL_EPOCH + datetime.timedelta(days=int(number)), number)


def parse_time(value) -> datetime.time:
    """13:30, 13時30分, 1330, a time cell, or a fraction of a day (0.5625)."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60, minutes % 60)
    text = normal(value)
    match = re.fullmatch(r"(\d{1,2})\s*(?:[:時])\s*(\d{1,2})?\s*分?(?::\d{2})?", text) or re.fullmatch(
        r"(\d{1,2})(\d{2})", text
    )
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    raise BadValue(f"時刻「{text}」が読み取れません（例：13:30）")


# --- numbers ---------------------------------------------------------------------------------------


def parse_minutes(value) -> int:
    """60, 60分, 1時間, 1時間30分, 1.5時間 → minutes (1 to 720)."""
    text = normal(value).replace(" ", "")
    match = re.fullmatch(r"(?:(\d+(?:\.\d+)?)時間)?(?:(\d+)分?)?", text)
    if not text or not match or not (match[1] or match[2]):
        raise BadValue(f"時間「{text}」が読み取れません（例：60、60分、1時間30分）")
    minutes = round(float(match[1] or 0) * 60) + int(match[2] or 0)
    if not 1 <= minutes <= 720:
        raise BadValue(f"時間「{text}」は1分〜12時間の間にしてください")
    return minutes


def parse_count(value) -> int:
    """30, 30人, ３０名 → a number of people (1 to 10000)."""
    text = normal(value).replace(" ", "")
    match = re.fullmatch(r"(\d+)[人名]?", text)
    if not match or not 1 <= int(match[1]) <= 10000:
        raise BadValue(f"人数「{text}」が読み取れません（例：30、30人）")
    return int(match[1])


def parse_age(value) -> int:
    """32, 32歳, 30代 (the band's first year, so the age band stays right), 30歳代."""
    text = normal(value)
    match = re.fullmatch(r"(\d{1,3})\s*(歳|才)?(代|歳代)?(前半|後半)?", text)
    if not match:
        raise BadValue(f"年齢「{text}」が読み取れません（例：32、32歳、30代）")
    age = int(match[1])
    if match[3] and match[4] == "後半":
        age += 5
    if not 0 <= age <= 120:
        raise BadValue(f"年齢「{text}」は0〜120の間にしてください")
    return age


def parse_phone(value) -> str:
    text = normal(value)
    digits = re.sub(r"\D", "", text)
    if not 10 <= len(digits) <= 11:
        raise BadValue(f"電話番号「{text}」の桁数が合いません（10桁か11桁）")
    return text[:20]


# --- labels ----------------------------------------------------------------------------------------


def choice_parser(choices, aliases: dict[str, str], what: str, hint: str):
    """A parser mapping a label (or one of its aliases, compared by ``label_key``) to a choice value."""
    table = {label_key(label): value for value, label in choices}
    table.update({label_key(alias): value for alias, value in aliases.items()})

    def parse(value) -> str:
        found = table.get(label_key(value))
        if found is None:
            raise BadValue(f"{what}「{normal(value)}」がわかりません（{hint}）")
        return found

    parse.table = table
    return parse


parse_mode = choice_parser(
    ConsultationMode.choices,
    {
        "TEL": ConsultationMode.PHONE,
        "でんわ": ConsultationMode.PHONE,
        "電話相談": ConsultationMode.PHONE,
        "架電": ConsultationMode.PHONE,
        "受電": ConsultationMode.PHONE,
        "面談": ConsultationMode.CENTER_VISIT,
        "来談": ConsultationMode.CENTER_VISIT,
        "来所相談": ConsultationMode.CENTER_VISIT,
        "家庭訪問": ConsultationMode.HOME_VISIT,
        "自宅訪問": ConsultationMode.HOME_VISIT,
        "訪問相談": ConsultationMode.HOME_VISIT,
        "保健福祉センター": ConsultationMode.HEALTH_CENTER,
        "保健センター": ConsultationMode.HEALTH_CENTER,
        "市役所": ConsultationMode.CITY_HALL,
        "窓口": ConsultationMode.CITY_HALL,
        "メール": ConsultationMode.MAIL,
        "mail": ConsultationMode.MAIL,
        "手紙": ConsultationMode.MAIL,
        "Zoom": ConsultationMode.ONLINE,
        "同行": ConsultationMode.ACCOMPANIMENT,
        "会議": ConsultationMode.CASE_MEETING,
    },
    "相談の形",
    "電話・来所・訪問・保健福祉センター・市役所窓口・メール・オンライン・同行・ケース会議のどれかにしてください",
)

parse_gender = choice_parser(
    Gender.choices,
    {
        "男": Gender.MALE,
        "M": Gender.MALE,
        "女": Gender.FEMALE,
        "F": Gender.FEMALE,
        "無回答": Gender.UNANSWERED,
        "回答なし": Gender.UNANSWERED,
        "-": Gender.UNKNOWN,
    },
    "性別",
    "男性・女性・その他・回答しない・不明のどれかにしてください",
)

parse_relation = choice_parser(
    FamilyRelation.choices,
    {
        "父親": FamilyRelation.FATHER,
        "母親": FamilyRelation.MOTHER,
        "兄": FamilyRelation.SIBLING,
        "弟": FamilyRelation.SIBLING,
        "姉": FamilyRelation.SIBLING,
        "妹": FamilyRelation.SIBLING,
        "兄弟": FamilyRelation.SIBLING,
        "姉妹": FamilyRelation.SIBLING,
        "夫": FamilyRelation.SPOUSE,
        "妻": FamilyRelation.SPOUSE,
        "息子": FamilyRelation.CHILD,
        "娘": FamilyRelation.CHILD,
        "祖父": FamilyRelation.GRANDPARENT,
        "祖母": FamilyRelation.GRANDPARENT,
        "親戚": FamilyRelation.OTHER,
        "叔父": FamilyRelation.OTHER,
        "叔母": FamilyRelation.OTHER,
    },
    "続柄",
    "父・母・きょうだい・配偶者・子・祖父母・その他のどれかにしてください",
)

parse_closure_reason = choice_parser(
    ClosureReason.choices,
    {
        "サポート不要": ClosureReason.NO_LONGER_NEEDED,
        "本人の意思": ClosureReason.NO_LONGER_NEEDED,
        "終了希望": ClosureReason.NO_LONGER_NEEDED,
        "支援不要": ClosureReason.NO_LONGER_NEEDED,
        "引越し": ClosureReason.MOVED,
        "市外転出": ClosureReason.MOVED,
        "他機関": ClosureReason.TRANSFERRED,
        "他機関へ": ClosureReason.TRANSFERRED,
        "連絡なし": ClosureReason.LOST_CONTACT,
        "連絡不通": ClosureReason.LOST_CONTACT,
    },
    "終結理由",
    "サポート不要・転居・他機関へ移行・連絡途絶・その他のどれかにしてください",
)

parse_agency_kind = choice_parser(
    AgencyKind.choices,
    {
        "病院": AgencyKind.MEDICAL,
        "クリニック": AgencyKind.MEDICAL,
        "医療": AgencyKind.MEDICAL,
        "就労支援": AgencyKind.EMPLOYMENT_SUPPORT,
        "HW": AgencyKind.HELLO_WORK,
        "ハロワ": AgencyKind.HELLO_WORK,
        "サポステ": AgencyKind.YOUTH_SUPPORT_STATION,
        "保健センター": AgencyKind.HEALTH_WELFARE_CENTER,
        "市役所": AgencyKind.CITY_HALL,
        "学校": AgencyKind.EDUCATION,
        "福祉サービス": AgencyKind.DISABILITY_SERVICE,
    },
    "機関の種類",
    "医療機関・就労支援機関・ハローワーク・サポステ・保健福祉センター・市役所内他部署・居場所などにしてください",
)

parse_event_kind = choice_parser(
    EventKind.choices,
    {
        "養成研修": EventKind.SUPPORTER_TRAINING,
        "サポーター養成講座": EventKind.SUPPORTER_TRAINING,
        "フォローアップ": EventKind.FOLLOW_UP_TRAINING,
        "セミナー": EventKind.SEMINAR,
        "講演": EventKind.LECTURE,
        "家族会": EventKind.FAMILY_MEETING,
        "家族教室": EventKind.FAMILY_MEETING,
        "当事者の会": EventKind.PEER_MEETING,
    },
    "催しの種類",
    "サポーター養成研修・フォローアップ研修・公開セミナー・講演会・家族教室・家族会・当事者会・その他のどれかにしてください",
)

parse_category = choice_parser(
    Category.choices,
    {
        "当事者": Category.SELF,
        "ご本人": Category.SELF,
        "ご家族": Category.FAMILY,
        "親": Category.FAMILY,
        "支援者": Category.SUPPORTER,
        "関係機関": Category.SUPPORTER,
        "一般": Category.CITIZEN,
        "一般市民": Category.CITIZEN,
        "住民": Category.CITIZEN,
    },
    "参加区分",
    "本人・家族・支援者・関係機関・市民・その他のどれかにしてください",
)


def parse_email(value) -> str:
    text = normal(value)
    try:
        validate_email(text)
    except ValidationError:
        raise BadValue(f"メールアドレス「{text}」の形が正しくありません") from None
    return text[:254]


_YES = {label_key(x) for x in ("はい", "○", "〇", "◯", "有", "あり", "yes", "y", "1", "true", "✓", "相談者")}
_NO = {label_key(x) for x in ("いいえ", "×", "無", "なし", "no", "n", "0", "false", "-")}


def parse_yes_no(value) -> bool:
    key = label_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise BadValue(f"「{normal(value)}」は はい／いいえ で書いてください（○・×も使えます）")


_SELF = {label_key(x) for x in ("本人", "当事者")}
_FAMILY = {label_key("家族"): FamilyRelation.OTHER, label_key("親"): FamilyRelation.MOTHER}
_AGENCY = {label_key(x) for x in ("関係機関", "機関", "支援機関", "関係者")}
_PARTS = re.compile(r"[、,・/／＋+\s]+|と")


def parse_participants(value) -> tuple[bool, tuple[str, ...], bool]:
    """「本人」「母」「本人・父・母」「家族」「関係機関」 → (client present, relations, agency present)."""
    client, relations, agency = False, [], False
    for part in _PARTS.split(normal(value)):
        if not part:
            continue
        key = label_key(part)
        if key in _SELF:
            client = True
        elif key in _FAMILY:
            relations.append(_FAMILY[key])
        elif key in _AGENCY:
            agency = True
        else:
            try:
                relations.append(parse_relation(part))
            except BadValue:
                raise BadValue(
                    f"相談者「{normal(value)}」の「{part}」がわかりません（本人・母・父・家族・関係機関など）"
                ) from None
    if not (client or relations or agency):
        raise BadValue("相談者が空です（本人・家族・関係機関など）")
    return client, tuple(dict.fromkeys(relations)), agency
