"""Where the generator's rows go: a progress bar, and batched writes with bulk_create or COPY.

Two kinds of rows reach a sink. Model instances (staff, clients, cases, inquiries, family,
consents: a few per person) and plain rows of the history tables (status changes, consultation
records, the access log: nearly all rows at scale), which are a ``RowSpec`` and a tuple of text
values, so the millions of them never become model instances on the COPY path.
"""

import datetime
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models import JSONField, Model
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone
from psycopg.types.json import Jsonb
from tqdm import tqdm

BATCH_SIZE = 2_000
COPY_BATCH_SIZE = 20_000


class Progress:
    """A progress bar over persons (tqdm, on stderr) with the rows written so far and their rate."""

    def __init__(self, label: str, stream=sys.stderr):
        self.label, self.stream = label, stream
        self.counts: Counter[str] = Counter()
        self.started = time.perf_counter()
        self.bar = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def start(self, persons: int) -> None:
        self.bar = tqdm(
            total=persons, desc=f"[bench {self.label}]", unit=" persons", file=self.stream, mininterval=2
        )

    def persons_done(self, n: int) -> None:
        if self.bar is not None:
            elapsed = time.perf_counter() - self.started
            self.bar.set_postfix_str(f"{self.total:,} rows, {self.total / max(elapsed, 1e-9):,.0f} rows/s")
            self.bar.update(n)

    def add(self, model: type[Model], n: int) -> None:
        self.counts[model._meta.label_lower] += n

    def report(self, final: bool = False) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        elapsed = time.perf_counter() - self.started
        rate = self.total / elapsed if elapsed else 0
        head = "done" if final else "generating"
        print(
            f"[bench {self.label}] {head}: {self.total:,} rows in {elapsed:,.0f} s ({rate:,.0f} rows/s)",
            file=self.stream,
            flush=True,
        )


def _fields(model: type[Model]) -> list:
    """The columns a generated row fills: all but an identity primary key."""
    return [f for f in model._meta.concrete_fields if not (f.primary_key and f.db_returning)]


class RowSpec:
    """A history table written from tuples: ``varying`` attnames per row, every other column as
    a new instance of the model has it (defaults; ``auto_now`` stamps set at write time).

    Values are text as PostgreSQL's COPY reads it (ids and numbers as digits, dates ISO, booleans
    ``t``/``f``); Django's fields parse the same text on the ``bulk_create`` path. Only the
    ``free_text`` ones can hold a tab or a backslash and are escaped for COPY.
    """

    def __init__(self, model: type[Model], varying: tuple[str, ...], free_text: tuple[str, ...] = ()):
        self.model, self.varying = model, varying
        by_attname = {f.attname: f for f in _fields(model)}
        missing = [name for name in varying if name not in by_attname]
        if missing:
            raise ValueError(f"{model.__name__} has no column {missing}")
        self.constant_fields = [f for f in by_attname.values() if f.attname not in varying]
        self.columns = [f.column for f in self.constant_fields] + [by_attname[n].column for n in varying]
        self.escaped = tuple(i for i, name in enumerate(varying) if name in free_text)

    def constants(self, now: datetime.datetime) -> dict:
        sample = self.model()
        values = {}
        for f in self.constant_fields:
            value = getattr(sample, f.attname)
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = value or now
            elif isinstance(value, DatabaseDefault):
                raise ValueError(f"{self.model.__name__}.{f.attname}: a generated row needs a value")
            values[f.attname] = value
        return values

    def instance(self, constants: dict, values: tuple[str, ...]) -> Model:
        return self.model(**constants, **dict(zip(self.varying, values, strict=True)))

    def copy_prefix(self, now: datetime.datetime) -> str:
        """The COPY text of the constant columns, the start of every line."""
        constants = self.constants(now)
        cells = [_copy_text(constants[f.attname], isinstance(f, JSONField)) for f in self.constant_fields]
        return "".join(cell + "\t" for cell in cells)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_escape(text: str) -> str:
    return text.translate(_COPY_ESCAPES)


def _copy_text(value, is_json: bool = False) -> str:
    if is_json:
        return copy_escape(json.dumps(value, ensure_ascii=False))
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return copy_escape(str(value))


class RowSink:
    """Collects unsaved rows per model and writes each model's rows in batches of ``batch_size``."""

    def __init__(self, progress: Progress, batch_size: int = BATCH_SIZE):
        self.progress, self.batch_size = progress, batch_size
        self.pending: dict[type[Model], list[Model]] = {}
        self.pending_rows: dict[RowSpec, list] = {}

    def write_now(self, model: type[Model], rows: list[Model]) -> list[Model]:
        """Write ``rows`` at once; they come back with primary keys for their children."""
        created = model.objects.bulk_create(rows, batch_size=self.batch_size)
        self.progress.add(model, len(rows))
        return created

    def add_all(self, rows: Iterable[Model]) -> None:
        for row in rows:
            batch = self.pending.setdefault(type(row), [])
            batch.append(row)
            if len(batch) >= self.batch_size:
                self.flush(type(row))

    def add_rows(self, spec: RowSpec, rows: Iterable[tuple[str, ...]]) -> None:
        """Plain rows of one history table (see ``RowSpec``)."""
        batch = self.pending_rows.setdefault(spec, [])
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch_size:
                self.flush_rows(spec)
                batch = self.pending_rows.setdefault(spec, [])

    def flush(self, model: type[Model] | None = None) -> None:
        for m in [model] if model else list(self.pending):
            rows = self.pending.pop(m, [])
            if rows:
                self.write_batch(m, rows)
                self.progress.add(m, len(rows))
        if model is None:
            for spec in list(self.pending_rows):
                self.flush_rows(spec)

    def write_batch(self, model: type[Model], rows: list[Model]) -> None:
        model.objects.bulk_create(rows, batch_size=self.batch_size)

    def flush_rows(self, spec: RowSpec) -> None:
        rows = self.pending_rows.pop(spec, [])
        if rows:
            constants = spec.constants(timezone.now())
            spec.model.objects.bulk_create(
                [spec.instance(constants, r) for r in rows], batch_size=self.batch_size
            )
            self.progress.add(spec.model, len(rows))


class CopySink(RowSink):
    """PostgreSQL: the batches that need no primary key back go in with ``COPY … FROM STDIN``.

    Model instances are streamed with psycopg's ``Copy.write_row`` (their attributes as psycopg
    adapts them; ``auto_now`` stamps and JSON by hand); the history tables' plain rows are joined
    into COPY's text format and written in one ``Copy.write`` per batch, which is most of the
    rows and the cheap way. The primary key is left to its identity default. ``write_now``
    (staff, clients, cases: their keys are needed for the rows that point at them) stays
    ``bulk_create``.
    """

    def __init__(self, progress: Progress, batch_size: int = COPY_BATCH_SIZE):
        super().__init__(progress, batch_size)

    def flush_rows(self, spec: RowSpec) -> None:
        rows = self.pending_rows.pop(spec, [])
        if not rows:
            return
        prefix = spec.copy_prefix(timezone.now())
        if spec.escaped:
            rows = [_escaped(row, spec.escaped) for row in rows]
        text = "".join([prefix + "\t".join(row) + "\n" for row in rows])
        with connection.cursor() as cursor, cursor.cursor.copy(_copy_sql(spec.model, spec.columns)) as copy:
            copy.write(text.encode())
        self.progress.add(spec.model, len(rows))

    def write_batch(self, model: type[Model], rows: list[Model]) -> None:
        fields = _fields(model)
        # psycopg adapts the attribute values itself (str, int, date, time, UUID, bool; the text
        # form of COPY is parsed by the column's type): only the stamps bulk_create's pre_save
        # would set and the JSON columns need a hand. Far cheaper than get_db_prep_save per cell.
        now = timezone.now()
        plan = []
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                plan.append((f.attname, "now"))
            elif isinstance(f, JSONField):
                plan.append((f.attname, "json"))
            else:
                plan.append((f.attname, None))
        sql = _copy_sql(model, [f.column for f in fields])
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                values = []
                for attname, how in plan:
                    value = getattr(row, attname)
                    if how == "now":
                        value = value or now
                    elif how == "json":
                        value = Jsonb(value)
                    elif isinstance(value, DatabaseDefault):
                        raise ValueError(f"{model.__name__}.{attname}: COPY needs a value, not a db default")
                    values.append(value)
                copy.write_row(values)


def _escaped(row: tuple[str, ...], positions: tuple[int, ...]) -> tuple[str, ...]:
    cells = list(row)
    for i in positions:
        cells[i] = copy_escape(cells[i])
    return tuple(cells)


def _copy_sql(model: type[Model], columns: list[str]) -> str:
    quote = connection.ops.quote_name
    return f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
