"""Run Lighthouse (mobile preset) against the public pages, served as production serves them.

Usage: .venv/bin/python bench/lighthouse.py [--runs 3] [--only PAGE…] [--audits] [--write]
       .venv/bin/python bench/lighthouse.py --reuse [--write]   # the last run's reports again

Needs `npm ci` (Lighthouse is pinned in package.json) and Debian's chromium. Two fresh SQLite
databases are made: the sample edition (`flask db upgrade` + `demo`), and the same with
generated studios imported on top, 3,000 in all, spread over the 16 municipalities. Each is
served by gunicorn (2 workers, KUNSTRUTE_ENV=production). There is no internet here, so a
small tile server on 127.0.0.1 answers every /{z}/{x}/{y}.png with a 256×256 PNG of a real
tile's size (about 15 KB), and KUNSTRUTE_TILE_URL points at it.

Lighthouse runs its default mobile preset (simulated throttling, Moto G Power) --runs times
per page; the table shows the median of each category and the spread (min–max) of
Performance. The targets are those of issue 4; bold marks a miss. The JSON reports are kept
in bench/out/lighthouse/ to read the failing audits; --audits prints them. --write records
the table in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import secrets
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import fetch, free_port, wait_until_up  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 90}
BIG = 3000  # studios in the large database

# (label, database, path); "{slug}" is an artist of the sample edition.
PAGES = [
    ("/", "sample", "/"),
    ("/map", "sample", "/map"),
    ("/artists", "sample", "/artists"),
    ("/artists/<slug>", "sample", "/artists/{slug}"),
    ("/map, 3,000 studios", "big", "/map"),
    ("/artists, 3,000 studios", "big", "/artists"),  # for information: no target
]
#: Pages whose Performance target differs from THRESHOLDS (None: no target).
PERFORMANCE_TARGET = {"/map, 3,000 studios": 90, "/artists, 3,000 studios": None}


# --- tiles -----------------------------------------------------------------------------------

def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """Return an 8-bit RGB PNG of these rows (each width × 3 bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def map_tile(seed: int = 1, grain: float = 0.08) -> bytes:
    """Return a 256×256 map-like tile: land, fields, a lake, roads and a little grain.

    Like an OpenStreetMap tile it is mostly flat colour; the grain (a share of pixels a
    shade off) brings it to a real tile's 10–20 KB.
    """
    rnd = random.Random(seed)
    land, field, water, road = (242, 239, 233), (205, 235, 176), (170, 211, 223), (255, 255, 255)
    fields = [(rnd.randrange(256), rnd.randrange(256), rnd.randrange(20, 70)) for _ in range(6)]
    rows = []
    for y in range(256):
        row = bytearray()
        for x in range(256):
            colour = land
            if any((x - fx) ** 2 + (y - fy) ** 2 < r * r for fx, fy, r in fields):
                colour = field
            if (x - 190) ** 2 + (y - 60) ** 2 < 1600:
                colour = water
            if abs(y - (x * 0.6 + 40)) < 3 or abs(x - 100 - 10 * (y // 64)) < 2:
                colour = road
            if rnd.random() < grain:
                shade = rnd.randrange(-12, 12)
                colour = tuple(max(0, min(255, c + shade)) for c in colour)
            row += bytes(colour)
        rows.append(bytes(row))
    return png(256, 256, rows)


class TileServer:
    """Answer GET /{z}/{x}/{y}.png with the same tile on a free port of 127.0.0.1."""

    def __init__(self, tile: bytes):
        tile_bytes = tile

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                if not re.fullmatch(r"/\d+/\d+/\d+\.png", self.path):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(tile_bytes)))
                self.send_header("Cache-Control", "max-age=86400")
                self.end_headers()
                self.wfile.write(tile_bytes)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# --- databases -------------------------------------------------------------------------------

FIRST = ["Anne", "Kari", "Ingrid", "Sigrid", "Marit", "Liv", "Hilde", "Tone", "Silje", "Ida",
         "Nora", "Astrid", "Ragnhild", "Solveig", "Åse", "Berit", "Ola", "Per", "Lars", "Knut",
         "Eirik", "Håkon", "Magnus", "Sindre", "Torbjørn", "Jon", "Geir", "Øystein", "Arne",
         "Bjørn", "Terje", "Vegard", "Maja", "Emma", "Thea", "Jonas", "Emil", "Aksel"]
LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
        "Berg", "Haugen", "Hagen", "Bakken", "Solberg", "Strand", "Lie", "Dahl", "Moen",
        "Eide", "Lunde", "Sæther", "Fjeld", "Brekke", "Holm", "Kvam", "Bråten", "Øverby",
        "Nygård", "Tangen", "Aasen", "Sandvik", "Myhre", "Rud", "Grønli", "Engebretsen"]
STREETS = ["Kirkeveien", "Skoleveien", "Storgata", "Bjørkeveien", "Granlia", "Fjordveien",
           "Elveveien", "Bakkeveien", "Furuveien", "Solbakken", "Gamle Riksvei", "Enga",
           "Industriveien", "Lindeveien", "Åsveien", "Hagaløkkveien", "Stasjonsveien",
           "Kongeveien", "Smievegen", "Mølleveien", "Strandveien", "Tunveien", "Bruveien"]
STUDIOS = ["Atelier {last}", "Verksted {last}", "{last}s atelier", "Glasshytta", "Låven",
           "Stabburet", "Gamle skole", "Kunstnerhuset", "Smia", "Mølla", "", "", ""]
DISCIPLINES = ["painting", "sculpture", "ceramics", "glass", "textile", "printmaking",
               "photography", "jewellery", "wood", "drawing", "mixed_media", "installation",
               "metal"]


def generated_artists(count: int, *, seed: int = 4) -> list[dict]:
    """Return invented artist rows, each placed within about 1.5 km of a real postal place."""
    with (ROOT / "data" / "gazetteer.csv").open(encoding="utf-8") as f:
        places = {(r["place"], r["municipality"]): r for r in csv.DictReader(f)}
    places = list(places.values())  # one point per postal place, every municipality
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        place = places[i % len(places)]
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        rows.append({
            "name": f"{first} {last}", "email": f"artist{i}@example.org",
            "disciplines": "|".join(rnd.sample(DISCIPLINES, rnd.choice([1, 1, 2, 3]))),
            "studio_name": rnd.choice(STUDIOS).format(last=last),
            "address": f"{rnd.choice(STREETS)} {rnd.randrange(1, 160)}",
            "postcode": place["postcode"], "place": place["place"],
            "municipality": place["municipality"],
            "lat": f"{float(place['lat']) + rnd.uniform(-0.012, 0.012):.5f}",
            "lon": f"{float(place['lon']) + rnd.uniform(-0.022, 0.022):.5f}",
            "wheelchair_access": rnd.choice(["ja", "nei", "nei"]),
            "new_this_year": rnd.choice(["ja", "nei", "nei", "nei"]),
        })
    return rows


def prepare_database(workdir: Path, name: str, studios: int | None) -> dict:
    """Create a database with the sample edition (and generated studios); return its env."""
    db_file = workdir / f"{name}.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db_file}", KUNSTRUTE_ENV="production",
               KUNSTRUTE_SECRET_KEY=secrets.token_urlsafe(48), KUNSTRUTE_SECURE_COOKIES="0",
               KUNSTRUTE_GEOCODER="offline", KUNSTRUTE_BASE_URL="http://127.0.0.1",
               KUNSTRUTE_UPLOAD_FOLDER=str(workdir / f"{name}-uploads"))
    flask = [str(BIN / "flask"), "--app", "kunstrute"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True)
    # The demo's works with their copies made at once (no worker here): pages with art.
    subprocess.run([*flask, "demo"], env=dict(env, KUNSTRUTE_HUEY_IMMEDIATE="1"), check=True,
                   capture_output=True)
    if studios:
        have = count_participations(db_file)
        rows = generated_artists(studios - have)
        path = workdir / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        subprocess.run([*flask, "import-artists", str(path), "--offline"], env=env, check=True,
                       capture_output=True)
        assert count_participations(db_file) == studios, "some generated rows were rejected"
    return env


def count_participations(db_file: Path) -> int:
    with sqlite3.connect(db_file) as connection:
        return connection.execute("SELECT count(*) FROM participations").fetchone()[0]


def first_slug(env: dict) -> str:
    db_file = env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(db_file) as connection:
        return connection.execute(
            "SELECT a.slug FROM artists a JOIN participations p ON p.artist_id = a.id "
            "ORDER BY p.catalogue_no LIMIT 1").fetchone()[0]


# --- Lighthouse ------------------------------------------------------------------------------

def lighthouse(url: str, report: Path, attempts: int = 3) -> dict:
    """Run Lighthouse once (mobile preset, simulated throttling); return the JSON report.

    On a busy machine Chromium sometimes loses the trace (NO_NAVSTART); that run is repeated.
    """
    for attempt in range(attempts):
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
            env=dict(os.environ, CHROME_PATH=CHROME), check=False)
        result = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
        if done.returncode == 0 and not result.get("runtimeError"):
            return result
        reason = (result.get("runtimeError") or {}).get("code", f"exit {done.returncode}")
        print(f"{url}: Lighthouse failed ({reason}), attempt {attempt + 1} of {attempts}",
              flush=True)
    raise RuntimeError(f"{url}: Lighthouse failed {attempts} times")


def scores(result: dict) -> dict[str, float]:
    """Return each category's score (0–100).

    When an audit errors (axe-core cannot compute colour contrast over Leaflet's tiles,
    see errored_audits) Lighthouse gives the whole category no score; then the score is
    Lighthouse's weighted mean over the audits that did run, and errored_audits names the
    audit left out.
    """
    out = {}
    for category in CATEGORIES:
        data = result["categories"][category]
        if data["score"] is not None:
            out[category] = round(data["score"] * 100)
            continue
        refs = [(ref["weight"], result["audits"][ref["id"]]["score"]) for ref in data["auditRefs"]
                if ref["weight"] > 0 and result["audits"][ref["id"]]["score"] is not None]
        out[category] = round(100 * sum(w * s for w, s in refs) / sum(w for w, _ in refs))
    return out


def errored_audits(result: dict) -> list[str]:
    return sorted({f"{ref['id']}: {result['audits'][ref['id']].get('errorMessage', '')}"
                   for category in CATEGORIES
                   for ref in result["categories"][category]["auditRefs"]
                   if result["audits"][ref["id"]].get("scoreDisplayMode") == "error"})


def failing_audits(result: dict) -> list[str]:
    """Return the audits that cost points, with what Lighthouse says about them."""
    lines = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if audit["score"] is None or audit["score"] >= 1 or (ref["weight"] == 0
                                                                  and category != "performance"):
                continue
            lines.append(f"  {category}: {ref['id']} score {audit['score']}"
                         f" {audit.get('displayValue', '')}")
    metrics = result["audits"]
    lines.append("  metrics: " + ", ".join(
        f"{m} {metrics[m]['displayValue']}" for m in
        ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
         "cumulative-layout-shift", "speed-index"]))
    return lines


def warm_up(port: int, path: str) -> None:
    """Fetch the page, its map script and its map's levels a few times, so each worker has
    built its map cache and clustered the studios before Lighthouse measures (the first
    request after a start or a change of data does that, once per worker)."""
    for _ in range(6):
        body = fetch(port, path).decode()
        for script in re.findall(r'src="(/map/studios\.js[^"]*)"', body):
            fetch(port, script.replace("&amp;", "&"))
        data = re.search(r'data-studios="([^"]*)"', body)
        levels = re.search(r'data-levels="(\d+),(\d+)"', body)
        if data and levels:
            fetch(port, data.group(1).replace("&amp;", "&") + f"&z={levels.group(1)}")


def gunicorn(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "kunstrute:create_app()"], env=env, cwd=ROOT)


def measure(pages, envs: dict, runs: int, show_audits: bool) -> list[tuple]:
    """Serve each database in turn and run Lighthouse on its pages; return table rows."""
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for database, env in envs.items():
        port = free_port()
        server = gunicorn(env, port)
        try:
            wait_until_up(port)
            for label, db_name, path in pages:
                if db_name != database:
                    continue
                url = f"http://127.0.0.1:{port}{path.format(slug=first_slug(env))}"
                warm_up(port, path.format(slug=first_slug(env)))
                results = []
                for run in range(runs):
                    name = report_name(database, label)
                    results.append(lighthouse(url, OUT / f"{name}-{run + 1}.json"))
                    print(f"{label} run {run + 1}: {scores(results[-1])}", flush=True)
                rows.append(summarise(label, results))
                if show_audits:
                    print("\n".join(failing_audits(results[-1])))
        finally:
            server.terminate()
            server.wait(timeout=10)
    return rows


def summarise(label: str, results: list[dict]) -> tuple:
    """Return a table row: the median of each category, Performance's range, errored audits."""
    per_run = [scores(r) for r in results]
    median = {c: statistics.median(s[c] for s in per_run) for c in CATEGORIES}
    spread = (min(s["performance"] for s in per_run), max(s["performance"] for s in per_run))
    return label, median, spread, sorted({e for r in results for e in errored_audits(r)})


def report_name(database: str, label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{database}-{label}".lower()).strip("-")


def saved_rows(pages, runs: int) -> list[tuple]:
    """Return table rows from the reports the last run left in bench/out/lighthouse/."""
    return [summarise(label, [json.loads((OUT / f"{report_name(db_name, label)}-{run + 1}.json")
                                         .read_text(encoding="utf-8")) for run in range(runs)])
            for label, db_name, _ in pages]


def format_table(rows: list[tuple], runs: int) -> list[str]:
    table = [f"| page | Performance (min–max of {runs}) | Accessibility | Best Practices | SEO |",
             "|---|---:|---:|---:|---:|"]
    notes = []
    for label, median, (low, high), errors in rows:
        targets = dict(THRESHOLDS, performance=PERFORMANCE_TARGET.get(
            label, THRESHOLDS["performance"]))
        cells = {c: f"{median[c]:g}" if targets[c] is None or median[c] >= targets[c]
                 else f"**{median[c]:g}**" for c in CATEGORIES}
        if errors:
            cells["accessibility"] += "†"
            notes += [e for e in errors if e not in notes]
        table.append(f"| `{label}` | {cells['performance']} ({low}–{high}) | "
                     f"{cells['accessibility']} | {cells['best-practices']} | {cells['seo']} |")
    if notes:
        table += ["", "† Lighthouse gave no score because an audit errored; the number is its "
                  "weighted mean over the audits that ran. Errored: "
                  + "; ".join(f"`{n}`" for n in notes) + "."]
    return table


def versions() -> tuple[str, str]:
    lh = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    chromium = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout
    return lh, chromium.strip()


def record(header: str, table: list[str]) -> None:
    path = ROOT / "docs" / "PERFORMANCE.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
    block = "\n".join([start, "", header, "", *table, "", end])
    if start not in text:
        raise SystemExit(f"{path} has no {start} … {end} markers")
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text,
                  flags=re.DOTALL)
    path.write_text(text, encoding="utf-8")
    print(f"recorded in {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--only", nargs="*", help="page labels to run (default: all)")
    parser.add_argument("--audits", action="store_true", help="print the failing audits")
    parser.add_argument("--write", action="store_true", help="record in docs/PERFORMANCE.md")
    parser.add_argument("--reuse", action="store_true",
                        help="summarise the reports of the last run instead of running again")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` first")
    pages = [p for p in PAGES if not args.only or p[0] in args.only]
    if args.reuse:
        finish(args, saved_rows(pages, args.runs))
        return

    tile = map_tile()
    workdir = Path(tempfile.mkdtemp(prefix="kunstrute-lighthouse-"))
    started = time.monotonic()
    with TileServer(tile) as tiles:
        envs = {}
        for name, studios in [("sample", None), ("big", BIG)]:
            if any(p[1] == name for p in pages):
                envs[name] = prepare_database(workdir, name, studios)
                envs[name]["KUNSTRUTE_TILE_URL"] = (
                    f"http://127.0.0.1:{tiles.port}/{{z}}/{{x}}/{{y}}.png")
        print(f"databases ready in {time.monotonic() - started:.0f} s; tile {len(tile):,} bytes",
              flush=True)
        rows = measure(pages, envs, args.runs, args.audits)
    finish(args, rows)


def finish(args, rows: list[tuple]) -> None:
    """Print the table and, with --write, record it."""
    lh, chromium = versions()
    command = "python bench/lighthouse.py" + (f" --runs {args.runs}" if args.runs != 3 else "")
    header = (f"Measured {time.strftime('%Y-%m-%d')} with `{command} --write`: Lighthouse {lh} "
              f"(mobile preset, simulated throttling), {chromium}, gunicorn -w 2, production "
              f"settings, {os.cpu_count()} cores shared with other work. Median of {args.runs} "
              f"runs per page; bold is below the target "
              f"(Performance {THRESHOLDS['performance']}, 90 for `/map` with 3,000 studios, "
              f"none for `/artists` with 3,000; Accessibility "
              f"{THRESHOLDS['accessibility']}, Best Practices {THRESHOLDS['best-practices']}, "
              f"SEO {THRESHOLDS['seo']}).")
    table = format_table(rows, args.runs)
    print(header)
    print("\n".join(table))
    if args.write:
        record(header, table)


if __name__ == "__main__":
    main()
