"""``python -m bench.imports``: how fast a program's past comes in from a workbook (rows per second).

    python -m bench.imports                                   # 2,000 cases + 50,000 records, SQLite
    python -m bench.imports --cases 500 --records 10000
    python -m bench.imports --db-url postgres://yorisoi:yorisoi@127.0.0.1:5432/bench_imports

Generates a workbook (written in openpyxl's write-only mode), then times the dry run (reading and
checking every row) and the confirmed write (chunked bulk writes with the ledger), and reports
the process's peak resident memory after each. Results go to ``bench/results/import-<vendor>-<date>.md``.
"""

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.output import environment_line
from bench.run import RESULTS_DIR, recreate_postgresql_database

MODES = ["電話", "TEL", "でんわ", "来所", "訪問", "同行", "メール"]
WHO = ["本人", "母", "本人・母", "父", "家族", "関係機関"]


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--records", type=int, default=50000)
    parser.add_argument("--db-url", help="PostgreSQL URL of a database named bench_*, dropped and created")
    parser.add_argument("--no-write", action="store_true", help="print but write no result file")
    return parser.parse_args(argv)


def configure(args) -> Path:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["YORISOI_DEBUG"] = "0"
    os.environ.pop("DATABASE_URL", None)
    folder = Path(tempfile.mkdtemp(prefix="yorisoi-bench-imports-"))
    (folder / "static").mkdir()
    os.environ["YORISOI_DATA_DIR"] = str(folder)
    if args.db_url:
        recreate_postgresql_database(args.db_url)
        os.environ["DATABASE_URL"] = args.db_url
    return folder


def write_workbook(path: Path, cases: int, records: int, seed: int = 7) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ケース")
    sheet.append(
        ["管理番号", "姓", "名", "ふりがな", "生年月日", "年代", "性別", "お住まい", "登録日", "主訴"]
    )
    start = datetime.date(2016, 2, 1)
    for n in range(cases):
        registered = start + datetime.timedelta(days=rng.randrange(3600))
        sheet.append(
            [
                f"K-{n:05d}",
                "試験",
                f"{n}号",
                f"しけん {n}ごう",
                f"H{rng.randrange(1, 12)}.{rng.randrange(1, 13)}.1",
                f"{rng.choice([1, 2, 3, 4])}0代",
                rng.choice(["男", "女", "不明"]),
                "千葉市美浜区",
                f"{registered.year}/{registered.month}/{registered.day}",
                "外出がむずかしい",
            ]
        )
    sheet = workbook.create_sheet("相談記録")
    sheet.append(["管理番号", "相談日", "開始時刻", "時間（分）", "方法", "相談者", "要旨"])
    for n in range(records):
        held = start + datetime.timedelta(days=rng.randrange(3650))
        era = f"R{held.year - 2018}" if held >= datetime.date(2019, 5, 1) else f"H{held.year - 1988}"
        sheet.append(
            [
                f"K-{rng.randrange(cases):05d}",
                f"{era}.{held.month}.{held.day}",
                f"{rng.randrange(9, 16)}:00",
                rng.choice([30, 60, 90]),
                rng.choice(MODES),
                rng.choice(WHO),
                f"試験の記録 {n}",
            ]
        )
    workbook.save(path)


def main(argv=None) -> None:
    args = parse_args(argv)
    folder = configure(args)
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled

    from yorisoi.imports import services
    from yorisoi.programs.bootstrap import bootstrap_organization
    from yorisoi.programs.models import Membership, Program, Role
    from yorisoi.programs.permissions import Actor

    call_command("migrate", interactive=False, verbosity=0)
    bootstrap_organization()
    from yorisoi.accounts.models import User

    user = User.objects.create_user("bench_import_manager", password="x")
    program = Program.objects.get(slug="chiba")
    Membership.objects.create(user=user, program=program, role=Role.MANAGER)
    actor = Actor(user=user, program=program, role=Role.MANAGER)
    path = folder / "bench.xlsx"
    t0 = time.perf_counter()
    write_workbook(path, args.cases, args.records)
    made = time.perf_counter() - t0
    rows = args.cases + args.records
    print(
        f"[bench imports] workbook of {rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in {made:.0f} s",
        file=sys.stderr,
    )
    with scopes_disabled():
        with open(path, "rb") as f:
            batch = services.batch_upload(actor=actor, upload=File(f), file_name=path.name)
        base = max_rss_mib()
        t0 = time.perf_counter()
        preview = services.batch_preview(batch=batch, actor=actor)
        dry, dry_rss = time.perf_counter() - t0, max_rss_mib()
        assert preview.to_write == rows, (preview.to_write, preview.problems[:3])
        t0 = time.perf_counter()
        batch = services.batch_confirm(batch=batch, actor=actor)
        wrote, write_rss = time.perf_counter() - t0, max_rss_mib()
    table = "\n".join(
        [
            f"| step | rows | seconds | rows/s | peak RSS MiB (before: {base:.0f}) |",
            "|---|--:|--:|--:|--:|",
            f"| dry run (read and check every row) | {rows:,} | {dry:.1f} | {rows / dry:,.0f} "
            f"| {dry_rss:.0f} |",
            f"| confirm (read, check, write in chunks of 500) | {rows:,} | {wrote:.1f} | {rows / wrote:,.0f} "
            f"| {write_rss:.0f} |",
        ]
    )
    report = "\n".join(
        [
            f"# Import speed, {connection.vendor}, {datetime.date.today().isoformat()}",
            "",
            environment_line(connection) + ".",
            f"A workbook of {args.cases:,} cases and {args.records:,} consultation records"
            " (和暦 dates, modes as people write them) into an empty program."
            " Other processes share this machine.",
            "",
            table,
            "",
        ]
    )
    print(report)
    if not args.no_write:
        RESULTS_DIR.mkdir(exist_ok=True)
        out = RESULTS_DIR / f"import-{connection.vendor}-{datetime.date.today().isoformat()}.md"
        out.write_text(report)
        print(f"[bench imports] written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
