"""Time the statistics service over 2,000,000 check-ins and 3,000 studios (bench/stats_data.py,
with ~4,000 applications, ~300 events, ~10,000 registrations, ~20,000 subscribers, the surveys
and a counted previous edition) on SQLite and on PostgreSQL: edition_stats in process, GET
stats.json through the test client, `flask stats 2027` in process (the command's own work)
and as a process (which includes starting Python and the app, measured apart with
`flask stats --help`).

Usage: .venv/bin/python bench/stats_bench.py [--backend sqlite|postgresql|both]
           [--pg-url postgresql://postgres@127.0.0.1/kr_h3_bench] [--checkins 2000000]
           [--runs 7]

The PostgreSQL database named by --pg-url is dropped and created afresh. Prints the medians
and their ratio to the 300 ms goal (the first call, which compiles the statements, apart),
the machine's load average, and checks that the command and the URL give the same document.
There is no cache: every call computes the document from the database.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from bench.stats_data import YEAR, generate  # noqa: E402
from kunstrute import create_app  # noqa: E402
from kunstrute.auth.services import create_user  # noqa: E402
from kunstrute.config import REPO_DATA_DIR  # noqa: E402
from kunstrute.editions.queries import edition_for_year  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.stats.service import edition_stats  # noqa: E402

GOAL_MS = 300


def fresh_postgres(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def timed_ms(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def median_ms(function, runs: int) -> float:
    function()  # warm: the first call pays for compiling the statements
    return statistics.median(timed_ms(function) for _ in range(runs))


def server_cpu_s() -> float:
    """Return the CPU seconds the database's server processes have used (PostgreSQL on this
    machine: its backends' /proc/PID/stat; SQLite runs in this process: 0)."""
    if db.engine.dialect.name != "postgresql":
        return 0.0
    pids = db.session.scalars(sa.text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).all()
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # not on this machine, or gone
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def cpu_ms(function, runs: int) -> float:
    """Return the CPU per call, this process's and the database server's: unlike the wall
    clock, it hardly moves with what the machine's other users run."""
    function()
    server, client = server_cpu_s(), time.process_time()
    for _ in range(runs):
        function()
    return ((time.process_time() - client) + (server_cpu_s() - server)) * 1000 / runs


def prepared_app(url: str, *, checkins: int):
    """Return (app, sizes): an app on url with the generated edition and an organiser
    (org@bench.example, "bench password 1"); the dashboard's bench uses it too."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        sizes = generate(checkins=checkins, data_dir=REPO_DATA_DIR)
        create_user(email="org@bench.example", password="bench password 1", role="organiser")
        db.session.commit()
    return app, sizes


def bench(url: str, *, checkins: int, runs: int) -> dict:
    app, sizes = prepared_app(url, checkins=checkins)
    with app.app_context():
        def in_process():
            db.session.remove()  # a fresh session each time, as a request or command has
            edition_stats(edition_for_year(YEAR))

        first = timed_ms(in_process)  # the process's first: statements not yet compiled
        service = median_ms(in_process, runs)
        cpu = cpu_ms(in_process, runs)
    client = app.test_client()
    client.post("/auth/login", data={"email": "org@bench.example",
                                     "password": "bench password 1"})
    url_ms = median_ms(lambda: client.get(f"/organiser/editions/{YEAR}/stats.json"), runs)
    body = client.get(f"/organiser/editions/{YEAR}/stats.json").get_data(as_text=True)
    runner = app.test_cli_runner()
    command_ms = median_ms(lambda: runner.invoke(args=["stats", str(YEAR)]), runs)
    env = {**os.environ, "DATABASE_URL": url, "KUNSTRUTE_SECRET_KEY": "bench"}
    command = [str(ROOT / ".venv/bin/flask"), "--app", "kunstrute", "stats", str(YEAR)]
    process_times, start_times, output = [], [], ""
    for _ in range(3):
        started = time.perf_counter()
        output = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True,
                                text=True).stdout
        process_times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()  # the same process doing nothing: Python and the app
        subprocess.run([*command, "--help"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        start_times.append((time.perf_counter() - started) * 1000)
    assert json.loads(output) == json.loads(body), "the command and the URL disagree"
    document = json.loads(body)
    return {**sizes, "first_ms": first, "service_ms": service, "cpu_ms": cpu, "url_ms": url_ms,
            "command_ms": command_ms,
            "process_ms": statistics.median(process_times),
            "start_ms": statistics.median(start_times),
            "visits": document["visits"]["total"],
            "reporting": f"{document['visits']['studios_counted']}"
                         f"/{document['visits']['studios_total']}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1/kr_h3_bench")
    parser.add_argument("--checkins", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    load_before = os.getloadavg()
    results = {}
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            results["SQLite"] = bench(f"sqlite:///{folder}/stats.sqlite3",
                                      checkins=args.checkins, runs=args.runs)
    if args.backend in ("postgresql", "both"):
        fresh_postgres(args.pg_url)
        url = re.sub(r"^postgresql://", "postgresql+psycopg://", args.pg_url)
        results["PostgreSQL"] = bench(url, checkins=args.checkins, runs=args.runs)
    loads = [" ".join(f"{n:.2f}" for n in load) for load in (load_before, os.getloadavg())]
    print(f"load average (1, 5, 15 min) {loads[0]} before, {loads[1]} after, on "
          f"{os.cpu_count()} cores; median of {args.runs}, goal < {GOAL_MS} ms")
    print("| backend | generated in | edition_stats (first call) | its CPU (app + database) "
          "| GET stats.json | flask stats (command) | flask stats (process; of which start-up) "
          "| visits | studios counted |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['seconds']} s ({r['checkins']:,} check-ins, {r['studios']:,} "
              f"studios, {r['applications']:,} applications, {r['events']} events, "
              f"{r['registrations']:,} registrations, {r['subscribers']:,} subscribers) | "
              f"{r['service_ms']:.0f} ms = {r['service_ms'] / GOAL_MS:.2f} × goal "
              f"({r['first_ms']:.0f} ms) | {r['cpu_ms']:.0f} ms | "
              f"{r['url_ms']:.0f} ms = {r['url_ms'] / GOAL_MS:.2f} × goal | "
              f"{r['command_ms']:.0f} ms = {r['command_ms'] / GOAL_MS:.2f} × goal | "
              f"{r['process_ms']:.0f} ms ({r['start_ms']:.0f} ms) | {r['visits']:,} | "
              f"{r['reporting']} |")


if __name__ == "__main__":
    main()
