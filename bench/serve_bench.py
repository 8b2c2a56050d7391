"""Serve the public pages with gunicorn (2 workers); compare with same-size static files.

Usage: .venv/bin/python bench/serve_bench.py [--seconds 10] [--connections 8] [--write]

The app runs on a fresh SQLite database with the sample edition, as production would run it
(KUNSTRUTE_ENV=production). For each page a static file of exactly the same size is written
under static/_bench/ and served by the same gunicorn in the same run, so the ratio says what
the page's Python and SQL cost compared with shipping the same bytes. Load comes from wrk if
it is installed (apt-get install wrk), otherwise from a keep-alive Python client; the tool
used is printed, because the absolute numbers depend on it. --write records the table in
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STATIC_BENCH = ROOT / "static" / "_bench"
#: Pages every run measures; an artist page and two event pages (one with a sign-up form,
#: and its calendar file) are found on the running site (see discover_pages).
PAGES = ["/", "/map", "/artists", "/artists?municipality=Lier&wheelchair=1", "/programme",
         "/programme.ics"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(env: dict) -> None:
    flask = [str(BIN / "flask"), "--app", "kunstrute"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True)
    # The demo's works with their copies made at once (no worker here): pages with art.
    subprocess.run([*flask, "demo"], env=dict(env, KUNSTRUTE_HUEY_IMMEDIATE="1"), check=True,
                   capture_output=True)


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status)
    return body


def discover_pages(port: int) -> list[str]:
    """Return the first artist's page, and an event page with a sign-up form and its .ics."""
    artists = fetch(port, "/artists").decode()
    slug = re.search(r'href="(/artists/[^"?#]+)"', artists).group(1)
    pages = [slug]
    programme = fetch(port, "/programme").decode()
    events = list(dict.fromkeys(re.findall(r'href="(/programme/\d+)"', programme)))
    event = next((e for e in events if b'method="post"' in fetch(port, e)), events[0])
    return pages + [event, f"{event}.ics"]


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(port, "/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not come up")


def load_wrk(port: int, path: str, seconds: int, connections: int) -> float:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"http://127.0.0.1:{port}{path}"],
        check=True, capture_output=True, text=True)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def load_python(port: int, path: str, seconds: int, connections: int) -> float:
    """Keep-alive GET loops in threads, bounded by time; return requests per second."""
    counts = [0] * connections
    stop = time.monotonic() + seconds

    def worker(i: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            counts[i] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--write", action="store_true", help="record in docs/PERFORMANCE.md")
    args = parser.parse_args()
    tool = "wrk" if shutil.which("wrk") else "python"
    load = load_wrk if tool == "wrk" else load_python

    workdir = Path(tempfile.mkdtemp(prefix="kunstrute-bench-"))
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
               KUNSTRUTE_ENV="production", KUNSTRUTE_SECRET_KEY="b" * 64,
               KUNSTRUTE_SECURE_COOKIES="0", KUNSTRUTE_BASE_URL=f"http://127.0.0.1:{port}",
               KUNSTRUTE_UPLOAD_FOLDER=str(workdir / "uploads"))
    prepare_database(env)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "kunstrute:create_app()"], env=env, cwd=ROOT)
    STATIC_BENCH.mkdir(exist_ok=True)
    rows = []
    try:
        wait_until_up(port)
        for number, page in enumerate(PAGES + discover_pages(port)):
            body = fetch(port, page)
            twin = STATIC_BENCH / f"page-{number}.html"
            twin.write_bytes(body)
            static_path = f"/static/_bench/{twin.name}"
            fetch(port, static_path)
            page_rps = load(port, page, args.seconds, args.connections)
            static_rps = load(port, static_path, args.seconds, args.connections)
            rows.append((page, len(body), page_rps, static_rps))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(STATIC_BENCH, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)

    table = [
        "| page | bytes | page req/s | same-size static file req/s | page ÷ static |",
        "|---|---:|---:|---:|---:|",
    ]
    for page, size, page_rps, static_rps in rows:
        table.append(f"| `{page}` | {size:,} | {page_rps:,.0f} | {static_rps:,.0f} | "
                     f"{page_rps / static_rps:.2f} |")
    header = (f"gunicorn -w 2, {args.connections} connections, {args.seconds} s per URL, "
              f"load from {tool}, {os.cpu_count()} cores, sample edition (105 artists)")
    print(header)
    print("\n".join(table))
    if args.write:
        record(header, table)


def record(header: str, table: list[str]) -> None:
    path = ROOT / "docs" / "PERFORMANCE.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- serve_bench:start -->", "<!-- serve_bench:end -->"
    block = "\n".join([start, "", f"Measured {time.strftime('%Y-%m-%d')}: {header}.", "",
                       *table, "", end])
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text,
                  flags=re.DOTALL)
    path.write_text(text, encoding="utf-8")
    print(f"recorded in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
