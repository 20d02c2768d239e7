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
import os
import platform
import shutil
import statistics
import subprocess
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
    parser.add_argument("--scale", choices=["S", "M", "L"], default="S")
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
        "--analyze",
        action="store_true",
        help="run ANALYZE on SQLite too after generating (always on PostgreSQL)",
    )
    parser.add_argument("--only", help="run only the pages whose name contains this text")
    parser.add_argument("--generate-only", action="store_true", help="set up the database and stop")
    parser.add_argument("--large", action="store_true", help="allow scale L (PostgreSQL, hours, tens of GB)")
    parser.add_argument("--no-write", action="store_true", help="print the table but write no result file")
    args = parser.parse_args(argv)
    if args.scale == "L" and not (args.large and args.db_url):
        parser.error("scale L needs PostgreSQL (--db-url) and the explicit --large flag")
    if args.repeat < 2:
        parser.error("--repeat must be at least 2")
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


def measure(scenario, subjects, clients, args) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    client = clients[scenario.as_manager]
    url = scenario.url(subjects)
    for _ in range(args.warmup):
        response = client.get(url)
        if response.status_code != 200:
            return {"error": f"HTTP {response.status_code} for {url}"}
        time_bare(connection, transaction, scenario.bare_sql(subjects))
    page, cpu, bare, bare_cpu = [], [], [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        page.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        if response.status_code != 200:
            return {"error": f"HTTP {response.status_code} for {url}"}
        started_cpu = time.process_time()
        bare.append(time_bare(connection, transaction, scenario.bare_sql(subjects)))
        bare_cpu.append(time.process_time() - started_cpu)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured.captured_queries)  # now: the next request empties the log
    tracemalloc.start()
    tracemalloc.reset_peak()
    client.get(url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "url": url,
        "page": p50_p95(page),
        "cpu": statistics.median(cpu),
        "bare_cpu": statistics.median(bare_cpu),
        "bare": p50_p95(bare),
        "queries": queries,
        "peak_kib": peak / 1024,
    }


# --- the run ---------------------------------------------------------------------------------------


def prepare_database(args) -> dict[str, int]:
    """Migrate, then generate the scale, or reuse what --keep found."""
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled

    from bench.generate import DEFAULT_SEED, SCALES, generate
    from yorisoi.cases.models import Case

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
    generate(scale=scale, seed=args.seed or DEFAULT_SEED)
    if connection.vendor == "postgresql" or args.analyze:
        # PostgreSQL's autovacuum would have gathered statistics by now; the application never
        # runs ANALYZE on SQLite, so by default SQLite plans without them, as in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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

    from bench.scenarios import Session
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


def environment_line(connection) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = "?"
    return (
        f"{connection.vendor} {version}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"commit {commit or os.environ.get('BENCH_COMMIT', '?')} (working tree may differ)"
    )


def render_table(results: list[tuple[str, dict]]) -> str:
    lines = [
        "| page | p50 ms | p95 ms | CPU p50 ms | bare SQL p50 / p95 ms | bare CPU p50 ms | ratio (p50/p50) "
        "| CPU ratio | queries | peak KiB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, r in results:
        if "skipped" in r or "error" in r:
            lines.append(f"| {name} | — | — | — | — | — | — | — | — | {r.get('skipped') or r['error']} |")
            continue
        (p50, p95), (b50, b95) = r["page"], r["bare"]
        lines.append(
            f"| {name} | {p50 * 1e3:.1f} | {p95 * 1e3:.1f} | {r['cpu'] * 1e3:.1f} "
            f"| {b50 * 1e3:.2f} / {b95 * 1e3:.2f} | {r['bare_cpu'] * 1e3:.1f} "
            f"| {p50 / b50:.1f}× | {r['cpu'] / max(r['bare_cpu'], 1e-6):.1f}× | {r['queries']} "
            f"| {r['peak_kib']:,.0f} |"
        )
    return "\n".join(lines)


def main(argv=None) -> None:
    args = parse_args(argv)
    configure_environment(args)

    import django

    django.setup()

    from django.db import connection
    from django.urls import NoReverseMatch
    from django_scopes import scopes_disabled

    from bench.scenarios import SCENARIOS, find_subjects

    started = time.perf_counter()
    counts = prepare_database(args)
    generated_in = time.perf_counter() - started
    if args.generate_only:
        print(counts)
        return
    program, clients, sessions = logged_in_clients()
    with scopes_disabled():
        subjects = find_subjects(
            program=program, counselor_session=sessions[False], manager_session=sessions[True]
        )
    results, timing_started, cpu_started = [], time.perf_counter(), time.process_time()
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
        print(f"[bench] {scenario.name} ...", file=sys.stderr, flush=True)
        results.append((scenario.name, measure(scenario, subjects, clients, args)))

    today = datetime.date.today().isoformat()
    report = "\n".join(
        [
            f"# Benchmark, scale {args.scale}, {connection.vendor}, {today}",
            "",
            environment_line(connection) + ".",
            f"{args.repeat} timed requests per page after {args.warmup} warm-up;"
            " page and bare SQL alternate.",
            f"Logged in as a counselor (manager for the access log) of {program.short_name}.",
            f"Database set up in {generated_in:,.0f} s. Rows: "
            + ", ".join(f"{table} {n:,}" for table, n in counts.items())
            + ".",
            f"Case with the longest history: {subjects.case_label},"
            f" {subjects.case_views:,} views in the access log; access log filtered by"
            f" {subjects.audited_case_label}.",
            f"Timing all pages took {time.perf_counter() - timing_started:,.0f} s wall,"
            f" {time.process_time() - cpu_started:,.0f} s CPU of this process (CPU p50: the page's own"
            " process time; on SQLite that includes the database's work, on PostgreSQL it does not).",
            "Other processes share this machine: read the ratios, not the absolute times.",
            "",
            render_table(results),
            "",
        ]
    )
    print(report)
    if not args.no_write:
        RESULTS_DIR.mkdir(exist_ok=True)
        path = RESULTS_DIR / f"{args.scale}-{connection.vendor}-{today}.md"
        path.write_text(report, encoding="utf-8")
        print(f"[bench] written to {path.relative_to(REPO_DIR)}", file=sys.stderr)
