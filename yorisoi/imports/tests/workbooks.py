"""Realistic, messy workbooks made in the tests: a title row over merged cells, blank rows, 和暦 and
西暦 dates side by side, Excel serial numbers, full-width digits, the program's own headers."""

import datetime
import io

from openpyxl import Workbook

CASE_HEADERS = [
    "No",
    "氏名",
    "フリガナ",
    "生年月日",
    "年代",
    "性別",
    "住所",
    "電話",
    "受付日",
    "主訴",
    "終結日",
    "終結理由",
]
RECORD_HEADERS = ["No", "相談日", "開始", "時間", "方法", "相談者", "内容", "担当"]

# Three cases; C-3 lives in another city and is refused.
CASE_ROWS = [
    [
        "A-1",
        "山田 太郎",
        "やまだ たろう",
        "平成8年5月20日",
        "20代",
        "男",
        "千葉市美浜区",
        "090-1111-0001",
        "令和3年4月1日",
        "外出がこわい",
        None,
        None,
    ],
    [
        "A-2",
        "鈴木 花子",
        "すずき はなこ",
        datetime.date(1990, 1, 15),
        "30代",
        "女性",
        "千葉市中央区",
        None,
        "R3.6.10",
        "家族と話せない",
        "2022/3/31",
        "サポート不要",
    ],
    [
        "A-3",
        "田中 一郎",
        "たなか いちろう",
        None,
        "40代",
        "男性",
        "市川市",
        None,
        "2021-07-01",
        "仕事を探したい",
        None,
        None,
    ],
]

# Seven records: five good (one an Excel serial date, one full-width digits), two bad.
RECORD_ROWS = [
    ["A-1", "令和3年4月1日", "10:00", 60, "来所", "本人・母", "初回。母と来所。", "相談 花子"],
    ["A-1", "R3.4.15", "14:00", "30分", "TEL", "母", "母から電話。", None],
    ["A-1", 44317, None, None, "でんわ", "本人", "本人から電話。少し話せた。", None],  # 2021-05-01
    ["A-2", "２０２１／６／１０", "１０：３０", "６０", "来所", "本人", "初回面談。", None],
    ["A-2", "令和4年1月20日", "11:00", "1時間", "訪問", "本人・父", "家庭訪問。", None],
    ["A-1", "令和元年13月1日", "10:00", 60, "来所", "本人", "ありえない日付の行。", None],
    ["A-2", "2021/8/1", "10:00", 60, "テレパシー", "本人", "形がわからない行。", None],
]


def messy_workbook(*, case_rows=None, record_rows=None, record_headers=None) -> bytes:
    workbook = Workbook()
    cases = workbook.active
    cases.title = "ケース一覧"
    cases.append(["令和3年度 相談者一覧（センター内部資料）"])
    cases.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    cases.append([])
    cases.append(CASE_HEADERS)
    for row in case_rows if case_rows is not None else CASE_ROWS:
        cases.append(row)
        cases.append([])  # a blank line between people, as some sheets have
    records = workbook.create_sheet("相談記録")
    records.append(record_headers or RECORD_HEADERS)
    for row in record_rows if record_rows is not None else RECORD_ROWS:
        records.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def records_csv(encoding: str, rows=None) -> bytes:
    lines = [",".join(RECORD_HEADERS)]
    for row in rows or RECORD_ROWS[:2]:
        lines.append(",".join("" if c is None else str(c) for c in row))
    text = "\r\n".join(lines) + "\r\n"
    return text.encode(encoding)
