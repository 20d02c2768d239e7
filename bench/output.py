"""What a bench run prints and writes: the environment line, the table of pages, the whole report."""

import datetime
import os
import platform
import subprocess

from bench.run import REPO_DIR


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


def render_report(args, *, program, subjects, results, counts, generated_in, timing) -> str:
    """The Markdown written to ``bench/results/``: how the run was made, then the two tables."""
    from django.db import connection

    from bench.comparison import render_comparison

    wall, cpu = timing
    return "\n".join(
        [
            f"# Benchmark, scale {args.scale}, {connection.vendor}, {datetime.date.today().isoformat()}",
            "",
            environment_line(connection) + ".",
            f"{args.repeat} timed requests per page after {args.warmup} warm-up;"
            " page and bare SQL alternate (the case list, its floor and the admin take turns).",
            f"Logged in as a counselor (manager for the access log) of {program.short_name}.",
            f"Database set up in {generated_in:,.0f} s. Rows: "
            + ", ".join(f"{table} {n:,}" for table, n in counts.items())
            + ".",
            f"Case with the longest history: {subjects.case_label},"
            f" {subjects.case_views:,} views in the access log; access log filtered by"
            f" {subjects.audited_case_label}.",
            f"Timing all pages took {wall:,.0f} s wall,"
            f" {cpu:,.0f} s CPU of this process (CPU p50: the page's own"
            " process time; on SQLite that includes the database's work, on PostgreSQL it does not).",
            "Other processes share this machine: read the ratios, not the absolute times.",
            "",
            render_table(results),
            "",
            render_comparison(dict(results)),
            "",
        ]
    )
