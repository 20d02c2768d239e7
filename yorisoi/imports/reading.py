"""Reading an uploaded file: .xlsx (openpyxl, read-only, row by row) or .csv (UTF-8 with or without
BOM, or Shift_JIS/CP932), as sheets of rows with their row numbers. Memory stays flat: nothing here
holds more than one row and a sheet's header.
"""

import codecs
import csv
import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from yorisoi.imports.fields import KINDS
from yorisoi.imports.values import clean_text, is_blank, label_key

HEADER_SEARCH_ROWS = 10
# Tried in this order; UTF-8 first because a CP932 decode of UTF-8 bytes can succeed as nonsense.
CSV_ENCODINGS = ("utf-8-sig", "cp932")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # password-protected .xlsx and old .xls are both OLE containers
ZIP_MAGIC = b"PK\x03\x04"


class FileRefused(Exception):
    """The whole file cannot be read; ``str()`` says why, in Japanese."""


@dataclass
class Sheet:
    name: str
    header_row: int  # 1-based row number of the header
    headers: list[str]
    rows: Iterator[tuple[int, list]]  # (row number as the spreadsheet shows it, cell values)
    last_row: int = 0  # as the file declares it, for progress: blank rows included, may be 0 if unknown

    @property
    def size_hint(self) -> int:
        return max(0, self.last_row - self.header_row)


def file_kind(path: Path, file_name: str) -> str:
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise FileRefused("ファイルがもう残っていません。もう一度選んでください。") from None
    if head.startswith(OLE_MAGIC):
        raise FileRefused(
            "パスワードで保護されたファイルか、古い形式（.xls）のファイルのようです。"
            "Excelでパスワードを外し、「.xlsx」で保存しなおしてから選んでください。"
        )
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if file_name.lower().endswith((".csv", ".txt")):
        return "csv"
    raise FileRefused(
        "表計算のファイル（.xlsx か .csv）ではないようです。Excelで開けるファイルを選んでください。"
    )


def open_sheets(path: Path, file_name: str, known_headers: set[str]) -> Iterator[Sheet]:
    """Every sheet of the file that has a header row. ``known_headers`` are ``label_key``s that mark
    a header row (the template's headers, aliases and the program's remembered mappings)."""
    if file_kind(path, file_name) == "xlsx":
        yield from _xlsx_sheets(path, known_headers)
    else:
        yield from _csv_sheets(path, file_name, known_headers)


def _xlsx_sheets(path: Path, known_headers: set[str]) -> Iterator[Sheet]:
    # The workbook stays open while the sheets' rows are read; it closes with its last reference.
    try:
        workbook = load_workbook(open(path, "rb"), read_only=True, data_only=True)  # noqa: SIM115
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise FileRefused("ファイルが壊れているか、Excelのファイルではないため読めません。") from error
    for worksheet in workbook.worksheets:
        try:
            rows = enumerate(worksheet.iter_rows(values_only=True), start=1)
            sheet = _with_header(worksheet.title, rows, known_headers)
            if sheet is not None:
                sheet.last_row = worksheet.max_row or 0
        except (zipfile.BadZipFile, KeyError, ValueError) as error:
            raise FileRefused(f"シート「{worksheet.title}」が壊れていて読めません。") from error
        if sheet is not None:
            yield sheet


def _csv_sheets(path: Path, file_name: str, known_headers: set[str]) -> Iterator[Sheet]:
    encoding = detect_encoding(path)
    rows = enumerate(csv.reader(open(path, encoding=encoding, newline="")), start=1)  # noqa: SIM115
    sheet = _with_header(Path(file_name).stem, rows, known_headers)
    if sheet is not None:
        with open(path, "rb") as f:
            sheet.last_row = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 16), b""))
        yield sheet


def detect_encoding(path: Path) -> str:
    """The first of ``CSV_ENCODINGS`` that decodes the whole file (read in pieces, not all at once)."""
    for encoding in CSV_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as f:
                while chunk := f.read(1 << 16):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileRefused("文字コードが読み取れません。CSVは UTF-8 か Shift_JIS で保存してください。")


def _with_header(name: str, rows, known_headers: set[str]) -> Sheet | None:
    """Skip title rows (often merged cells with one value) and blank rows to the header row."""
    fallback = None
    for number, cells in rows:
        cells = list(cells)
        filled = [c for c in cells if not is_blank(c)]
        if len(filled) < 2:
            if number >= HEADER_SEARCH_ROWS:
                break
            continue
        headers = [_header(c) for c in cells]
        if sum(label_key(h) in known_headers for h in headers if h) >= 2:
            return Sheet(name, number, headers, _data_rows(rows, len(headers)))
        if fallback is None:
            fallback = (number, headers)
        if number >= HEADER_SEARCH_ROWS:
            break
    if fallback is None:
        return None
    # No recognised header: the first filled row is the header, and the mapping step will ask.
    return Sheet(name, fallback[0], fallback[1], iter(()))


def _header(value) -> str:
    return clean_text(value).replace("\n", "")


def _data_rows(rows, width: int) -> Iterator[tuple[int, list]]:
    for number, cells in rows:
        cells = list(cells)[:width]
        if all(is_blank(c) for c in cells):
            continue
        yield number, cells + [None] * (width - len(cells))


def known_header_keys(mappings: dict[str, dict[str, str]]) -> set[str]:
    keys = set()
    for kind in KINDS.values():
        for column in kind.columns:
            keys.update(label_key(h) for h in (column.header, *column.aliases))
    for table in mappings.values():
        keys.update(table)
    return keys


def read_bytes_limited(upload, destination: Path, limit: int) -> tuple[int, str]:
    """Copy an upload to ``destination`` chunk by chunk, stopping at ``limit`` bytes; (size, sha256)."""
    digest, size = hashlib.sha256(), 0
    with open(destination, "wb") as out:
        for chunk in upload.chunks():
            size += len(chunk)
            if size > limit:
                out.close()
                destination.unlink(missing_ok=True)
                raise FileRefused(file_too_large(limit))
            digest.update(chunk)
            out.write(chunk)
    return size, digest.hexdigest()


def file_too_large(limit: int) -> str:
    megabytes = limit // (1024 * 1024)
    return f"ファイルが大きすぎます（上限 {megabytes} MB）。年度ごとなど、いくつかに分けてください。"
