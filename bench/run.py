"""``python -m bench``: generated data at one scale, each staff page timed beside its bare SQL.

    python -m bench --scale S                       # temp SQLite file under /tmp
    python -m bench --scale S --db-url postgres://yorisoi:yorisoi@127.0.0.1:5432/bench_s
    python -m bench --scale M --keep                # reuse the database generated last time

Pages are requested in-process through Django's test Client (the whole middleware stack, no
network), logged in with force_login. For every repeat the page and its bare SQL run one after
the other, so both see the same machine load; figures are meant to be read as ratios.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RESULTS_DIR = Path(__file__).resolve().parent / "results"
REPO_DIR = Path(__file__).resolve().parent.parent


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", choices=["T", "S", "M", "L"], default="S", help="T is tiny: for the smoke test only"
    )
    parser.add_argument(
        "--db-url",
        help="PostgreSQL URL; the database (its name must start with bench_) is dropped and created "
        "unless --keep. Without it: a SQLite file under the temp directory.",
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first (default 3)")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it holds this scale")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the generator")
    parser.add_argument(
        "--copy",
        choices=["auto", "on", "off"],
        default="auto",
        help="PostgreSQL: write the history with COPY (auto: from scale M up) or bulk_create",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="with COPY: processes generating persons side by side (default: one per CPU)",
    )
    parser.add_argument("--only", help="run only the pages whose name contains this text")
    parser.add_argument("--generate-only", action="store_true", help="set up the database and stop")
    parser.add_argument("--large", action="store_true", help="allow scale L (PostgreSQL, ≈ 1 h, tens of GB)")
    parser.add_argument("--no-write", action="store_true", help="print the table but write no result file")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)
    if args.scale == "L" and not (args.large and args.db_url):
        parser.error("scale L needs PostgreSQL (--db-url) and the explicit --large flag")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


# --- database set-up, before Django is imported ----------------------------------------------------


def data_dir(args) -> Path:
    return Path(tempfile.gettempdir()) / f"yorisoi-bench-{args.scale}{'-pg' if args.db_url else ''}"


def configure_environment(args) -> None:
    """Point the settings at the benchmark database and run them as in production (DEBUG off)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["YORISOI_DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("DATABASE_URL", None)  # never fall through to a real database from the environment
    folder = data_dir(args)
    if args.db_url:
        os.environ["DATABASE_URL"] = args.db_url
        if not args.keep:
            recreate_postgresql_database(args.db_url)
    elif not args.keep and folder.exists():
        shutil.rmtree(folder)
    (folder / "static").mkdir(parents=True, exist_ok=True)  # whitenoise warns without it
    os.environ["YORISOI_DATA_DIR"] = str(folder)  # the SQLite file, or only the static folder


def recreate_postgresql_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("bench_"):
        raise SystemExit(f"refusing to drop database {name!r}: benchmark databases are named bench_*")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- measuring -------------------------------------------------------------------------------------


def p50_p95(samples: list[float]) -> tuple[float, float]:
    if len(samples) < 2:  # --repeat 1 (the smoke test): one figure is both
        return samples[0], samples[0]
    return statistics.median(samples), statistics.quantiles(samples, n=20, method="inclusive")[18]


def run_statements(connection, statements) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()


def time_bare(connection, transaction, statements) -> float:
    writes = any(not sql.lstrip().upper().startswith("SELECT") for sql, _ in statements)
    started = time.perf_counter()
    if writes:
        with transaction.atomic():
            run_statements(connection, statements)
    else:
        run_statements(connection, statements)
    return time.perf_counter() - started


def measure(group, subjects, clients, args) -> list[dict]:
    """Time each scenario of ``group`` beside its bare SQL, the scenarios taking turns every repeat.

    A group of one is one page; the case list, its framework floor and Django admin's changelist
    run as one group, so the three rows see the same load of the shared machine.
    """
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    urls = [scenario.url(subjects) for scenario in group]
    samples = [{"page": [], "cpu": [], "bare": [], "bare_cpu": []} for _ in group]
    errors: list[str | None] = [None] * len(group)

    def once(i, timed):
        scenario, url = group[i], urls[i]
        client = clients[scenario.as_manager]
        started, started_cpu = time.perf_counter(), time.process_time()
        response = scenario.request(client, subjects, url)
        page, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        if response.status_code != 200:
            errors[i] = f"HTTP {response.status_code} for {url}"
            return
        started_cpu = time.process_time()
        bare = time_bare(connection, transaction, scenario.bare_sql(subjects))
        if timed:
            for key, value in zip(
                ("page", "cpu", "bare", "bare_cpu"),
                (page, cpu, bare, time.process_time() - started_cpu),
                strict=True,
            ):
                samples[i][key].append(value)

    for n in range(args.warmup + args.repeat):
        for i in range(len(group)):
            if errors[i] is None:
                once(i, timed=n >= args.warmup)
    results = []
    for i, scenario in enumerate(group):
        if errors[i]:
            results.append({"error": errors[i]})
            continue
        client = clients[scenario.as_manager]
        with CaptureQueriesContext(connection) as captured:
            scenario.request(client, subjects, urls[i])
        queries = len(captured.captured_queries)  # now: the next request empties the log
        peak = 0
        if getattr(args, "memory", True):  # the smoke test skips it: tracemalloc slows a request 2-3×
            tracemalloc.start()
            tracemalloc.reset_peak()
            scenario.request(client, subjects, urls[i])
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        s = samples[i]
        results.append(
            {
                "url": urls[i],
                "page": p50_p95(s["page"]),
                "cpu": statistics.median(s["cpu"]),
                "bare_cpu": statistics.median(s["bare_cpu"]),
                "bare": p50_p95(s["bare"]),
                "queries": queries,
                "peak_kib": peak / 1024,
            }
        )
    return results


# --- the run ---------------------------------------------------------------------------------------


def prepare_database(args) -> dict[str, int]:
    """Migrate, then generate the scale, or reuse what --keep found."""
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from bench.generate import DEFAULT_SEED, SCALES, generate
    from yorisoi.cases.models import Case
    from yorisoi.core.db_statistics import statistics_refresh

    call_command("migrate", interactive=False, verbosity=0)
    scale = SCALES[args.scale]
    with scopes_disabled():
        existing = Case.objects.count()
    if existing:
        if not args.keep:
            raise SystemExit("the benchmark database is not empty")
        if abs(existing - scale.persons) > scale.persons * 0.01:
            raise SystemExit(
                f"--keep: the database holds {existing:,} cases, not scale {scale.name}; drop --keep"
            )
        print(f"[bench {scale.name}] reusing the database ({existing:,} cases)", file=sys.stderr)
        return row_counts()
    generate(
        scale=scale,
        seed=args.seed or DEFAULT_SEED,
        use_copy={"auto": None, "on": True, "off": False}[args.copy],
        workers=args.workers,
    )
    # The application refreshes the planner's statistics after its own bulk writes (imports, the
    # demo seed) and SQLite's PRAGMA optimize as connections close; the generator is one such write.
    statistics_refresh()
    return row_counts()


def row_counts() -> dict[str, int]:
    from django.db import connection

    tables = ["cases_client", "cases_case", "cases_inquiry", "cases_relatedperson", "cases_consent"]
    tables += [
        "cases_casestatuschange",
        "consultations_consultationrecord",
        "audit_accesslog",
        "accounts_user",
    ]
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            counts[table] = cursor.fetchone()[0]
    return counts


def logged_in_clients():
    """Test clients for a counselor and the manager of the larger program, and their sessions."""
    from django.conf import settings
    from django.contrib.sessions.models import Session as SessionRow
    from django.db.models import Count
    from django.test import Client
    from django_scopes import scopes_disabled

    from bench.subjects import Session
    from yorisoi.cases.models import Case
    from yorisoi.programs.models import Membership, Program, Role

    with scopes_disabled():
        sizes = Case.objects.values("program").annotate(n=Count("id")).order_by("-n")
        program = Program.objects.get(pk=sizes[0]["program"])
    members = Membership.objects.filter(program=program, is_active=True).select_related("user").order_by("id")
    counselor = members.filter(role=Role.COUNSELOR).first().user
    manager = members.filter(role=Role.MANAGER).first().user
    clients, sessions = {}, {}
    for as_manager, user in ((False, counselor), (True, manager)):
        client = Client()
        client.force_login(user)
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        data = SessionRow.objects.get(session_key=key).session_data
        clients[as_manager], sessions[as_manager] = client, Session(user_id=user.pk, key=key, data=data)
    return program, clients, sessions


def time_pages(args) -> tuple:
    """Log in, find the subjects and time every scenario (Django set up, the data in place).

    Returns the program, the subjects and ``[(name, figures)]``; the smoke test calls this too.
    """
    from django.urls import NoReverseMatch
    from django_scopes import scopes_disabled

    from bench.comparison import CASE_LIST, COMPARISONS
    from bench.scenarios import SCENARIOS
    from bench.subjects import find_subjects

    program, clients, sessions = logged_in_clients()
    with scopes_disabled():
        subjects = find_subjects(
            program=program, counselor_session=sessions[False], manager_session=sessions[True]
        )
    results = []
    for scenario in SCENARIOS:
        if args.only and args.only not in scenario.name:
            continue
        try:
            scenario.url(subjects)
        except NoReverseMatch as missing:
            note = f"skipped: {missing.args[0].split(' is not')[0]} does not exist yet"
            print(f"[bench] {scenario.name}: {note}", file=sys.stderr)
            results.append((scenario.name, {"skipped": note}))
            continue
        group = [scenario, *COMPARISONS] if scenario.name == CASE_LIST else [scenario]
        print(f"[bench] {' / '.join(s.name for s in group)} ...", file=sys.stderr, flush=True)
        results += zip([s.name for s in group], measure(group, subjects, clients, args), strict=True)
    return program, subjects, results


def main(argv=None) -> None:
    args = parse_args(argv)
    configure_environment(args)

    import django

    django.setup()

    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"  # the app's URLs plus the comparison rows, before any request

    from django.db import connection

    from bench.output import render_report

    started = time.perf_counter()
    counts = prepare_database(args)
    generated_in = time.perf_counter() - started
    if args.generate_only:
        print(counts)
        return
    timing_started, cpu_started = time.perf_counter(), time.process_time()
    program, subjects, results = time_pages(args)

    report = render_report(
        args,
        program=program,
        subjects=subjects,
        results=results,
        counts=counts,
        generated_in=generated_in,
        timing=(time.perf_counter() - timing_started, time.process_time() - cpu_started),
    )
    print(report)
    if args.json:
        args.json.write_text(
            json.dumps({"scale": args.scale, "vendor": connection.vendor, "rows": dict(results)})
        )
    if not args.no_write:
        RESULTS_DIR.mkdir(exist_ok=True)
        path = RESULTS_DIR / f"{args.scale}-{connection.vendor}-{datetime.date.today().isoformat()}.md"
        path.write_text(report, encoding="utf-8")
        print(f"[bench] written to {path.relative_to(REPO_DIR)}", file=sys.stderr)
