"""The one table of what can be imported: kinds of sheet, their columns, headers and parsers.

Extend it here (after a merge: a new kind, a new column) and the template, the mapping page, the
preview and the writer all follow. ``header`` is what the template writes; ``aliases`` are headers
the programs' own workbooks use for the same column, matched after width/kana normalisation.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from yorisoi.imports import values
from yorisoi.imports.values import clean_text


@dataclass(frozen=True)
class Column:
    name: str  # the key the writer reads
    header: str  # the template's Japanese header
    parse: Callable = clean_text
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: object = ""
    max_length: int | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # the sheet name in the template
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = field(default=())  # other sheet names that mean this kind

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


REF = Column(
    "ref",
    "管理番号",
    required=True,
    aliases=("ケース番号", "ケースNo", "番号", "No", "ID", "相談者番号", "整理番号"),
    example="2016-001",
    max_length=40,
)

CASES = Kind(
    "cases",
    "ケース",
    (
        REF,
        Column("family_name", "姓", aliases=("氏",), example="佐藤", max_length=40),
        Column("given_name", "名", example="健太", max_length=40),
        Column("full_name", "氏名", aliases=("名前", "本人氏名", "本人"), max_length=80),
        Column("family_name_kana", "せい（ふりがな）", aliases=("セイ",), example="さとう", max_length=60),
        Column("given_name_kana", "めい（ふりがな）", aliases=("メイ",), example="けんた", max_length=60),
        Column("kana", "ふりがな", aliases=("フリガナ", "よみがな", "氏名ふりがな", "カナ"), max_length=120),
        Column("birth_date", "生年月日", values.parse_date, aliases=("誕生日",), example="平成8年5月20日"),
        Column("age", "年齢", values.parse_age, aliases=("年代", "本人年齢"), example="20代"),
        Column("gender", "性別", values.parse_gender, example="男性"),
        Column(
            "residence_city",
            "お住まい",
            aliases=("住所", "居住地", "市区町村", "居住区"),
            example="千葉市美浜区",
            max_length=40,
        ),
        Column(
            "phone",
            "電話番号",
            values.parse_phone,
            aliases=("電話", "TEL", "連絡先"),
            example="090-0000-0001",
        ),
        Column(
            "registered_on",
            "登録日",
            values.parse_date,
            required=True,
            aliases=("受付日", "初回相談日", "初回日", "開始日"),
            example="R3.4.1",
        ),
        Column(
            "main_concerns",
            "主訴",
            aliases=("主訴・困りごと", "困りごと", "相談内容"),
            example="外に出るのがこわい",
        ),
        Column("wishes", "本人の希望", aliases=("希望",), example="少しずつ外に出たい"),
        Column("closed_on", "終結日", values.parse_date, aliases=("終了日",)),
        Column("closure_reason", "終結理由", values.parse_closure_reason, aliases=("終了理由",)),
        Column("stage", "支援段階", aliases=("段階",), example="出会い・評価段階"),
        Column("stage_on", "段階の日付", values.parse_date, aliases=("段階日",)),
        Column("staff", "担当", aliases=("担当者", "主担当", "相談員"), max_length=150),
    ),
    aliases=("ケース一覧", "本人", "相談者一覧", "登録者"),
)

RELATED = Kind(
    "related",
    "家族・関係者",
    (
        REF,
        Column("relation", "続柄", values.parse_relation, required=True, aliases=("関係",), example="母"),
        Column("name", "名前", aliases=("氏名", "家族氏名"), example="佐藤 和子", max_length=60),
        Column("name_kana", "ふりがな", aliases=("フリガナ",), example="さとう かずこ", max_length=80),
        Column(
            "phone", "電話番号", values.parse_phone, aliases=("電話", "TEL", "連絡先"), example="043-000-0002"
        ),
        Column("consults", "相談者", values.parse_yes_no, aliases=("相談者である",), example="はい"),
    ),
    aliases=("家族", "関係者"),
)

RECORDS = Kind(
    "records",
    "相談記録",
    (
        REF,
        Column(
            "held_on",
            "相談日",
            values.parse_date,
            required=True,
            aliases=("日付", "年月日", "実施日"),
            example="令和3年4月8日",
        ),
        Column("starts_at", "開始時刻", values.parse_time, aliases=("開始", "時刻"), example="10:00"),
        Column(
            "duration",
            "時間（分）",
            values.parse_minutes,
            aliases=("時間", "所要時間", "相談時間"),
            example=60,
        ),
        Column(
            "mode",
            "方法",
            values.parse_mode,
            required=True,
            aliases=("相談方法", "相談の形", "形態", "種別"),
            example="来所",
        ),
        Column(
            "participants",
            "相談者",
            values.parse_participants,
            aliases=("参加者", "来談者", "対応者"),
            example="本人・母",
        ),
        Column(
            "summary",
            "要旨",
            required=True,
            aliases=("内容", "相談内容", "概要", "記録"),
            example="母と来所。本人は最近夜に散歩している。",
        ),
        Column("staff", "担当", aliases=("担当者", "相談員", "対応職員"), max_length=150),
    ),
    aliases=("相談", "記録", "相談記録一覧"),
)

AGENCIES = Kind(
    "agencies",
    "連携機関",
    (
        Column(
            "name",
            "名称",
            required=True,
            aliases=("機関名", "連携先"),
            example="ハローワーク千葉（架空）",
            max_length=100,
        ),
        Column(
            "kind",
            "種類",
            values.parse_agency_kind,
            required=True,
            aliases=("種別", "分類"),
            example="ハローワーク",
        ),
        Column("contact_person", "担当者", example="職業相談部門", max_length=60),
        Column("phone", "電話番号", values.parse_phone, aliases=("電話", "TEL"), example="043-000-0101"),
        Column("address", "所在地", aliases=("住所",), max_length=200),
    ),
    aliases=("連携先", "関係機関"),
)

ATTENDANCE = Kind(
    "attendance",
    "催しの参加者",
    (
        Column(
            "title",
            "催しの名称",
            required=True,
            aliases=("催し名", "研修名", "講座名", "行事名", "イベント名", "催し"),
            example="ひきこもりサポーター養成研修",
            max_length=120,
        ),
        Column(
            "event_kind",
            "催しの種類",
            values.parse_event_kind,
            required=True,
            aliases=("種類", "種別", "区分名"),
            example="サポーター養成研修",
        ),
        Column(
            "held_on",
            "開催日",
            values.parse_date,
            required=True,
            aliases=("実施日", "日付", "開催日時", "年月日"),
            example="令和3年10月2日",
        ),
        Column("starts_at", "開始時刻", values.parse_time, aliases=("開始", "時刻"), example="13:30"),
        Column("ends_at", "終了時刻", values.parse_time, aliases=("終了",), example="16:00"),
        Column("venue", "会場", aliases=("場所",), example="千葉市こころの健康センター", max_length=120),
        Column("capacity", "定員", values.parse_count, aliases=("募集人数",), example=30),
        Column("name", "お名前", aliases=("氏名", "参加者名", "名前"), example="山本 恵子", max_length=60),
        Column("is_nickname", "ニックネーム", values.parse_yes_no, aliases=("愛称",), example="いいえ"),
        Column(
            "category",
            "参加区分",
            values.parse_category,
            required=True,
            aliases=("区分", "属性", "立場"),
            example="市民",
        ),
        Column(
            "contact_phone",
            "電話番号",
            values.parse_phone,
            aliases=("電話", "TEL", "連絡先"),
            example="090-0000-0003",
        ),
        Column("contact_email", "メールアドレス", values.parse_email, aliases=("メール", "Eメール", "email")),
    ),
    aliases=("参加者", "出席", "出席者", "参加者名簿", "出席簿", "研修参加者"),
)

# Written in this order: a record's case must exist before the record.
KINDS: dict[str, Kind] = {k.name: k for k in (AGENCIES, CASES, RELATED, RECORDS, ATTENDANCE)}
IGNORE = "-"  # a mapping target meaning "do not import this column"
