"""Time the organisers' dashboard over the statistics bench's edition (bench/stats_data.py:
3,000 studios, 2,000,000 check-ins) on SQLite and on PostgreSQL: edition_stats alone, the
page drawn from a document already computed (the tables, cards, charts and template: what the
dashboard adds), GET the dashboard, stats.json, the workbook, the annual report and the
organisers' home through the test client.

Usage: .venv/bin/python bench/dashboard_bench.py [--backend sqlite|postgresql|both]
           [--pg-url postgresql://postgres@127.0.0.1/kr14_dashboard_bench] [--checkins 2000000]

The PostgreSQL database named by --pg-url is created afresh and dropped at the end. Prints
the medians against the 300 ms goal, and checks that the page shows the document's total.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from flask import render_template  # noqa: E402

from bench.stats_bench import GOAL_MS, fresh_postgres, median_ms, prepared_app  # noqa: E402
from bench.stats_data import YEAR  # noqa: E402
from kunstrute.editions.queries import all_editions, edition_for_year  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.stats.headlines import headline_cards  # noqa: E402
from kunstrute.stats.service import edition_stats  # noqa: E402
from kunstrute.stats.tables import edition_sections, format_value  # noqa: E402
from kunstrute.stats.tabular import Kind  # noqa: E402

PAGE = f"/organiser/editions/{YEAR}/dashboard"


def draw(doc: dict) -> str:
    """Return the dashboard drawn from a computed document (what the view adds to it)."""
    edition = edition_for_year(YEAR)
    return render_template("stats/dashboard.html", doc=doc, year=YEAR, edition=edition,
                           cards=headline_cards(doc), sections=edition_sections(doc),
                           editions=all_editions())


def bench(url: str, *, checkins: int, runs: int) -> dict:
    app, sizes = prepared_app(url, checkins=checkins)
    with app.app_context():
        def service():
            db.session.remove()  # a fresh session each time, as a request has
            return edition_stats(edition_for_year(YEAR))

        service_ms = median_ms(service, runs)
        doc = service()
        with app.test_request_context(PAGE):
            draw_ms = median_ms(lambda: draw(doc), runs)
            size = len(draw(doc).encode())
    client = app.test_client()
    client.post("/auth/login", data={"email": "org@bench.example",
                                     "password": "bench password 1"})
    page_ms = median_ms(lambda: client.get(PAGE), runs)
    json_ms = median_ms(lambda: client.get(f"/organiser/editions/{YEAR}/stats.json"), runs)
    xlsx_ms = median_ms(lambda: client.get(f"/organiser/editions/{YEAR}/figures.xlsx"), runs)
    report_ms = median_ms(lambda: client.get(f"/organiser/editions/{YEAR}/report"), runs)
    home_ms = median_ms(lambda: client.get(f"/organiser/?year={YEAR}"), runs)
    html = client.get(PAGE).get_data(as_text=True)
    total = format_value(doc["visits"]["total"], Kind.COUNT)
    assert total in html, "the page does not show the document's total"
    return {**sizes, "service_ms": service_ms, "draw_ms": draw_ms, "page_ms": page_ms,
            "json_ms": json_ms, "xlsx_ms": xlsx_ms, "report_ms": report_ms, "home_ms": home_ms,
            "kb": size / 1024, "visits": doc["visits"]["total"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url",
                        default="postgresql://postgres@127.0.0.1/kr14_dashboard_bench")
    parser.add_argument("--checkins", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = {}
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            results["SQLite"] = bench(f"sqlite:///{folder}/dashboard.sqlite3",
                                      checkins=args.checkins, runs=args.runs)
    if args.backend in ("postgresql", "both"):
        fresh_postgres(args.pg_url)
        try:
            url = re.sub(r"^postgresql://", "postgresql+psycopg://", args.pg_url)
            results["PostgreSQL"] = bench(url, checkins=args.checkins, runs=args.runs)
        finally:
            drop_postgres(args.pg_url)
    print(f"| backend | generated in | edition_stats | drawing the page from it | "
          f"GET dashboard | GET stats.json | GET figures.xlsx | GET report | GET /organiser/ | "
          f"page size | visits |  (goal < {GOAL_MS} ms)")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['seconds']} s ({r['checkins']:,} check-ins, {r['studios']:,} "
              f"studios) | {r['service_ms']:.0f} ms | {r['draw_ms']:.1f} ms | "
              f"{r['page_ms']:.0f} ms | {r['json_ms']:.0f} ms | {r['xlsx_ms']:.0f} ms | "
              f"{r['report_ms']:.0f} ms | {r['home_ms']:.0f} ms | {r['kb']:.0f} kB | "
              f"{r['visits']:,} |")


def drop_postgres(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
