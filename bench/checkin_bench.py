"""Send 10,000 QR check-ins (5 % of them again) to gunicorn; report speed, lost and doubled.

Usage: .venv/bin/python bench/checkin_bench.py [--backend sqlite|postgresql] [--workers 4]
           [--worker-class sync|gthread] [--connections 16] [--visitors 10000] [--redis URL]
           [--write]

The app runs with production settings behind one trusted proxy hop (each visitor comes
with its own X-Forwarded-For address, so the limits per address see what a crowd would
give them) on a fresh database: SQLite in a temporary folder, or the PostgreSQL database
kr_h1_bench (dropped and made again; --pg-url to choose another). It holds the sample
artists in an edition running today, with their poster codes. Load comes from wrk
(apt-get install wrk) with bench/checkin.lua: every request a new visitor (own browser and
address) except every 21st, which is the visitor of 20 requests before scanning again,
often while the first scan is still in flight. Afterwards the database is read: lost =
visitors sent − check-ins recorded, doubled = the other way round, and the qr_checkin
counts must add up to the check-ins. --write records the table in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import BIN, ROOT, fetch, free_port, wait_until_up  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1/kr_h1_bench"
LUA = Path(__file__).resolve().parent / "checkin.lua"
WRK_THREADS = 2


def fresh_postgres(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    host = re.search(r"@([^/:]+)", url).group(1)
    subprocess.run(["psql", "-h", host, "-U", "postgres", "-qc",
                    f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", "-c",
                    f"CREATE DATABASE {name}"], check=True, capture_output=True)


def seed(env: dict) -> list[str]:
    """Load the sample artists into an edition running today; return their poster codes."""
    from kunstrute.timeutil import oslo_today

    flask = [str(BIN / "flask"), "--app", "kunstrute"]
    today = oslo_today()
    steps = [["db", "upgrade"],
             ["import-municipalities", str(ROOT / "data" / "municipalities.csv")],
             ["edition", str(today.year), "--starts", str(today - timedelta(days=2)),
              "--ends", str(today + timedelta(days=8)), "--publish"],
             ["import-artists", str(ROOT / "data" / "artists.csv"), "--edition",
              str(today.year), "--offline"]]
    for step in steps:
        done = subprocess.run([*flask, *step], env=env, capture_output=True, text=True)
        if done.returncode not in (0, 1):  # import-artists: 1 = some rows rejected, kept
            sys.exit(f"{' '.join(step)} failed:\n{done.stderr}")
    code = ("from kunstrute import create_app\n"
            "from kunstrute.counting.venues import ensure_venues, edition_venues\n"
            "from kunstrute.editions.queries import edition_for_year\n"
            "from kunstrute.extensions import db\n"
            "with create_app().app_context():\n"
            f"    edition = edition_for_year({today.year})\n"
            "    ensure_venues(edition=edition)\n"
            "    db.session.commit()\n"
            "    print(' '.join(v.code for v in edition_venues(edition)))\n")
    result = subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True,
                            capture_output=True, text=True)
    return result.stdout.split()


def recorded(env: dict) -> tuple[int, int]:
    """Return (check-in rows, sum of the qr_checkin counts) from the bench database."""
    code = ("import sqlalchemy as sa\n"
            "from kunstrute import create_app\n"
            "from kunstrute.counting.models import CheckIn, VisitCount\n"
            "from kunstrute.extensions import db\n"
            "with create_app().app_context():\n"
            "    rows = db.session.scalar(sa.select(sa.func.count(CheckIn.id)))\n"
            "    total = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(\n"
            "        VisitCount.count), 0)).where(VisitCount.source == 'qr_checkin'))\n"
            "    print(rows, total)\n")
    result = subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True,
                            capture_output=True, text=True)
    rows, total = result.stdout.split()
    return int(rows), int(total)


def warm_up(port: int) -> None:
    """Wait until every worker has booted: ten answers in a row, each under 100 ms."""
    fast = 0
    deadline = time.monotonic() + 60
    while fast < 10 and time.monotonic() < deadline:
        started = time.monotonic()
        fetch(port, "/healthz")
        fast = fast + 1 if time.monotonic() - started < 0.1 else 0


def run_wrk(port: int, codes: list[str], visitors: int, connections: int) -> dict:
    """Send the check-ins; end wrk (SIGINT: it prints its summary) once both threads are done."""
    requests = visitors + visitors // 20  # 5 % retries: every 21st request
    quota = -(-requests // WRK_THREADS)
    done_dir = Path(tempfile.mkdtemp(prefix="kunstrute-wrk-"))
    wrk = subprocess.Popen(
        ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", "-d600s", "--timeout", "10s",
         "--latency", "-s", str(LUA), f"http://127.0.0.1:{port}", "--", str(quota),
         str(done_dir), *codes], stdout=subprocess.PIPE, text=True)
    # A request that never gets an answer (a worker killed) would keep a thread running:
    # give up after a generous time, and the missing answers show as socket errors.
    deadline = time.monotonic() + max(60, requests / 20)
    while (len(list(done_dir.iterdir())) < WRK_THREADS and wrk.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.2)
    wrk.send_signal(signal.SIGINT)
    output, _ = wrk.communicate(timeout=30)
    shutil.rmtree(done_dir, ignore_errors=True)
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    return {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=4, help="per gthread worker")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--visitors", type=int, default=10_000)
    parser.add_argument("--redis", help="REDIS_URL for the limits (as in production)")
    parser.add_argument("--write", action="store_true", help="record in docs/PERFORMANCE.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("This bench needs wrk: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="kunstrute-checkin-bench-"))
    port = free_port()
    if args.backend == "postgresql":
        fresh_postgres(args.pg_url)
        database = args.pg_url
    else:
        database = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = dict(os.environ, DATABASE_URL=database, KUNSTRUTE_ENV="production",
               KUNSTRUTE_SECRET_KEY="b" * 64, KUNSTRUTE_SECURE_COOKIES="0",
               KUNSTRUTE_BASE_URL=f"http://127.0.0.1:{port}", KUNSTRUTE_PROXY_HOPS="1",
               KUNSTRUTE_UPLOAD_FOLDER=str(workdir / "uploads"),
               KUNSTRUTE_HUEY_SQLITE_PATH=str(workdir / "huey.sqlite3"))
    env.pop("REDIS_URL", None)
    if args.redis:
        env["REDIS_URL"] = args.redis
        subprocess.run(["redis-cli", "-u", args.redis, "flushdb"], check=True,
                       capture_output=True)
    codes = seed(env)
    worker = ["-k", args.worker_class]
    if args.worker_class == "gthread":
        worker += ["--threads", str(args.threads)]
    server = subprocess.Popen(
        # --preload: the app is built once and forked, so every worker is ready at once.
        [str(BIN / "gunicorn"), "--preload", "-w", str(args.workers), *worker,
         "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "kunstrute:create_app()"], env=env, cwd=ROOT)
    try:
        wait_until_up(port)
        warm_up(port)
        load = run_wrk(port, codes, args.visitors, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=20)
    rows, total = recorded(env)
    shutil.rmtree(workdir, ignore_errors=True)
    report(args, load, rows, total)


def report(args, load: dict, rows: int, total: int) -> None:
    expected = int(load["new"])
    server = f"gunicorn -w {args.workers} {args.worker_class}" + (
        f" ×{args.threads} threads" if args.worker_class == "gthread" else "")
    limits = "Redis" if args.redis else "in process"
    row = (f"| {args.backend} | {server} | {limits} | {int(load['requests']):,} | "
           f"{load['requests'] / load['seconds']:,.0f} | {load['p50_us'] / 1000:.1f} | "
           f"{load['p99_us'] / 1000:.1f} | {max(0, expected - rows)} | "
           f"{max(0, rows - expected)} | {'yes' if rows == total else f'NO ({total})'} |")
    print(f"{expected:,} visitors + {int(load['retries']):,} retries, "
          f"{args.connections} connections; non-303 answers: {int(load['wrong'])}, "
          f"socket errors: {int(load['errors'])}")
    print(HEADER)
    print(row)
    if args.write:
        record(row)


HEADER = ("| database | server | limits | requests | check-ins/s | p50 ms | p99 ms | lost | "
          "doubled | counts = check-ins | measured |\n"
          "|---|---|---|---:|---:|---:|---:|---:|---:|---|---|")


def record(row: str) -> None:
    """Add the row to the table between the markers in docs/PERFORMANCE.md."""
    path = ROOT / "docs" / "PERFORMANCE.md"
    text = path.read_text(encoding="utf-8")
    end = "<!-- checkin_bench:end -->"
    text = text.replace(end, f"{row} {time.strftime('%Y-%m-%d')} |\n{end}")
    path.write_text(text, encoding="utf-8")
    print(f"recorded in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
