"""``python -m bench.load``: 20 staff at once against gunicorn with production settings, on loopback.

    python -m bench.load                       # SQLite and PostgreSQL, without and with 1 s think time
    python -m bench.load --db sqlite --duration 30 --think 1
    python -m bench.load --workers 2 --threads 4

For each database it generates scale S (``python -m bench --generate-only``, or reuses it with
``--keep``), signs 20 counselors of the larger program in (sessions written straight into the
database, second step marked done, as after a real login), collects the static files and starts
gunicorn on 127.0.0.1 with ``YORISOI_ENV=production`` (DEBUG off, manifest static files, MFA
required; only the TLS redirect is off, the requests say ``X-Forwarded-Proto: https`` as the
proxy in front would). Then each simulated staff member loops for ``--duration`` seconds: 80 %
reads (home, case list, one of their cases, inquiry list, a search) and 20 % writes (a
consultation record on one of their open cases), waiting ``--think`` seconds between requests.
It stops by itself, stops gunicorn, and reports requests/s, p50/p95/p99, errors and how many
times gunicorn's log says "database is locked". Results: ``bench/results/load-<date>.md``.
Not run in CI (minutes, and it measures the machine more than the code).
"""

import argparse
import datetime
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.load_figures import HEADER, render_row, summarise
from bench.run import REPO_DIR, RESULTS_DIR

PYTHON = sys.executable
PG_URL = "postgres://yorisoi:yorisoi@127.0.0.1:5432/bench_load"
READS = [("home", 2), ("case list", 3), ("case detail", 3), ("inquiry list", 1), ("search", 1)]
WRITE_SHARE = 0.2
SECRET = "bench-load-not-a-secret-" + "x" * 40
SEARCH_WORDS = ["サトウ", "タナカ", "スズキ", "ワタナベ", "1234"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=PG_URL, help="a database named bench_* (dropped and created)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60, help="seconds per run (default 60)")
    parser.add_argument(
        "--think", type=float, nargs="+", default=[0, 1], help="think times to run, seconds (default 0 1)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2, one per core)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (default 1)")
    parser.add_argument("--keep", action="store_true", help="reuse the generated scale S data")
    parser.add_argument("--no-write", action="store_true", help="print, write no result file")
    parser.add_argument("--sessions", type=int, help=argparse.SUPPRESS)  # child mode, see below
    return parser.parse_args(argv)


def production_env(data_dir: Path, db_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "YORISOI_TESTING"}}
    env.update(
        YORISOI_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        YORISOI_DATA_DIR=str(data_dir),
        YORISOI_HEALTH_MIN_FREE_MB="1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    if db_url:
        env["DATABASE_URL"] = db_url
    return env


# --- child: sign the staff in (runs under the production settings) ---------------------------------


def make_sessions(n: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client
    from django_scopes import scopes_disabled

    from yorisoi.accounts import mfa
    from yorisoi.cases.models import Case, CaseStatus
    from yorisoi.programs.models import Membership, Program, Role

    with scopes_disabled():
        biggest = Case.objects.values("program").annotate(n=Count("id")).order_by("-n")[0]["program"]
        program = Program.objects.get(pk=biggest)
        members = Membership.objects.filter(
            program=program, role__in=[Role.COUNSELOR, Role.MANAGER], is_active=True
        )
        users = [m.user for m in members.select_related("user").order_by("role", "id")]
        staff = []
        for i in range(n):  # fewer counselors than n (scale S has 14): some sign in twice
            user = users[i % len(users)]
            client = Client()
            client.force_login(user)
            session = client.session
            session[mfa.VERIFIED_KEY] = True
            session.save()
            cases = Case.objects.filter(program=program, primary_staff=user).exclude(status=CaseStatus.CLOSED)
            if not cases.exists():  # the manager carries no caseload: the program's open cases
                cases = Case.objects.filter(program=program).exclude(status=CaseStatus.CLOSED)
            staff.append(
                {
                    "user_id": user.pk,
                    "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "cases": [str(c) for c in cases.order_by("id").values_list("public_id", flat=True)[:20]],
                }
            )
    print(json.dumps(staff))


# --- the simulated staff ---------------------------------------------------------------------------


class Staff(threading.Thread):
    def __init__(self, port, me, *, deadline, think, seed, samples, lock):
        super().__init__(daemon=True)
        self.port, self.me, self.deadline, self.think = port, me, deadline, think
        self.rng = random.Random(seed)
        self.samples, self.lock = samples, lock
        self.cookies = {"sessionid": me["cookie"]}
        self.conn = None

    def request(self, method, path, form=None):
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "10.0.0.9",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form)
            headers.update(
                {"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://127.0.0.1"}
            )
            headers["Referer"] = "https://127.0.0.1" + path
        for _attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None  # gunicorn's sync workers close after each response
        else:
            raise ConnectionError("no answer")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.headers.get("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, content

    def timed(self, kind, method, path, form=None, ok=(200,)):
        started = time.perf_counter()
        try:
            status, content = self.request(method, path, form)
        except OSError as error:
            status, content = f"{type(error).__name__}", b""
        elapsed = time.perf_counter() - started
        with self.lock:
            self.samples.append((kind, elapsed, status in ok, status))
        return status, content

    def run(self):
        cases = self.me["cases"] or [None]
        # One form page first: the CSRF cookie every write sends back (not counted).
        self.request("GET", f"/staff/support/cases/{cases[0]}/records/new/")
        names, weights = zip(*READS, strict=True)
        while time.perf_counter() < self.deadline:
            case = self.rng.choice(cases)
            if self.rng.random() < WRITE_SHARE and case:
                now = datetime.datetime.now()
                form = {
                    "held_on": now.date().isoformat(),
                    "starts_at": "10:00",
                    "ends_at": "10:30",
                    "mode": "phone",
                    "staff": self.me["user_id"],
                    "summary": "負荷試験：電話で近況を聞いた。",
                }
                self.timed("write", "POST", f"/staff/support/cases/{case}/records/new/", form, ok=(302,))
            else:
                page = self.rng.choices(names, weights)[0]
                if page == "home":
                    self.timed("read", "GET", "/staff/")
                elif page == "case list":
                    self.timed("read", "GET", f"/staff/cases/?page={self.rng.randint(1, 5)}")
                elif page == "case detail" and case:
                    self.timed("read", "GET", f"/staff/cases/{case}/")
                elif page == "inquiry list":
                    self.timed("read", "GET", "/staff/cases/inquiries/")
                else:
                    self.timed("read", "POST", "/staff/cases/search/", {"q": self.rng.choice(SEARCH_WORDS)})
            if self.think:
                time.sleep(self.think)


# --- one database ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, process, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting: see its log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within a minute")


def run_database(vendor: str, args) -> list[dict]:
    db_url = args.pg_url if vendor == "postgresql" else None
    scale_dir = Path(tempfile.gettempdir()) / f"yorisoi-bench-S{'-pg' if db_url else ''}"
    generate = [PYTHON, "-m", "bench", "--scale", "S", "--generate-only"]
    generate += (["--db-url", db_url] if db_url else []) + (["--keep"] if args.keep else [])
    print(f"[load {vendor}] generating scale S ...", file=sys.stderr, flush=True)
    subprocess.run(generate, cwd=REPO_DIR, check=True, stdout=subprocess.DEVNULL)
    env = production_env(scale_dir, db_url)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=REPO_DIR, env=env, check=True
    )
    staff = json.loads(
        subprocess.run(
            [PYTHON, "-m", "bench.load", "--sessions", str(args.users)],
            cwd=REPO_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    results = []
    for think in args.think:
        port = free_port()
        log_path = scale_dir / f"gunicorn-{think:g}.log"
        gunicorn = [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--no-control-socket",  # gunicorn 23+ makes one per user; others on this machine may run one
        ]
        with open(log_path, "w") as log:
            server = subprocess.Popen(gunicorn, cwd=REPO_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                wait_until_up(port, server)
                print(
                    f"[load {vendor}] {len(staff)} staff, think {think:g} s ...", file=sys.stderr, flush=True
                )
                samples, lock = [], threading.Lock()
                cpu_before, load_before = server_cpu(server.pid), os.getloadavg()[0]
                started = time.perf_counter()
                deadline = started + args.duration
                threads = [
                    Staff(port, me, deadline=deadline, think=think, seed=i, samples=samples, lock=lock)
                    for i, me in enumerate(staff)
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(timeout=args.duration + 180)
                elapsed = time.perf_counter() - started
                cpu = server_cpu(server.pid) - cpu_before
            finally:
                server.terminate()
                server.wait(timeout=30)
        locked = log_path.read_text(errors="replace").count("database is locked")
        result = summarise(samples, elapsed)
        result.update(vendor=vendor, think=think, locked=locked, seconds=elapsed, server_cpu=cpu)
        result["load"] = (load_before, os.getloadavg()[0])
        results.append(result)
        print(f"[load {vendor}] {render_row(result)}", file=sys.stderr, flush=True)
    return results


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of gunicorn's master and its workers so far, from /proc."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for p in [pid, *map(int, children)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return total


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.sessions:
        make_sessions(args.sessions)
        return
    if urlsplit(args.pg_url).path.lstrip("/").startswith("bench_") is False:
        raise SystemExit("--pg-url must name a bench_* database (it is dropped and created)")
    vendors = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = [r for vendor in vendors for r in run_database(vendor, args)]
    today = datetime.date.today().isoformat()
    report = "\n".join(
        [
            f"# Load test, {today}",
            "",
            f"{args.users} simulated staff on loopback, {args.duration:g} s per run, 80 % reads / 20 % writes"
            f" (a consultation record); gunicorn {args.workers} sync workers × {args.threads} threads,"
            " YORISOI_ENV=production; scale S data; the client runs on the same 2-core machine.",
            f"{os.cpu_count()} CPUs, shared with other work:"
            " server CPU is gunicorn's own CPU time in the run.",
            "",
            HEADER,
            *[render_row(r) for r in results],
            "",
        ]
    )
    print(report)
    if not args.no_write:
        path = RESULTS_DIR / f"load-{today}.md"
        path.write_text(report, encoding="utf-8")
        print(f"[load] written to {path.relative_to(REPO_DIR)}", file=sys.stderr)


if __name__ == "__main__":
    main()
