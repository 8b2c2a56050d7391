"""Time the printed catalogue and measure its memory: `flask catalogue` run as a process, its
wall time and peak resident memory (getrusage of the child: what the worker would need).

    .venv/bin/python bench/catalogue_bench.py --demo          # the sample edition: 105 artists
    .venv/bin/python bench/catalogue_bench.py --artists 3000  # bench/catalogue_data.py makes them
    options: --format a4|tabloid|both (default both), --keep DIR (keep the database and PDFs
    there; a DIR that has bench.sqlite3 and uploads/ already is used as it is)

--demo loads the sample edition with `flask demo` (its works' copies made at once, as the
worker would make them) into a scratch SQLite database; --artists generates that many artists
with one 900 × 600 JPEG work each. Goals (issue 14): 105 artists under 30 s, 3,000 under
10 minutes without running out of memory. Prints the machine's load before and after: the
machine is shared, and the figures mean little without it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "kunstrute"]
GOALS = {105: 30, 3000: 600}


def load() -> str:
    """Return the 1, 5 and 15 minute load averages (the machine has 2 cores)."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def demo_database(env: dict) -> None:
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run(FLASK + command, env=env, check=True, capture_output=True)


def generated_database(env: dict, artists: int) -> None:
    subprocess.run(FLASK + ["db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "catalogue_data.py"),
                    env["DATABASE_URL"], env["KUNSTRUTE_UPLOAD_FOLDER"], "--artists",
                    str(artists)], env=env, check=True)


def build(env: dict, page_format: str, output: Path) -> dict:
    """Run the command once; return its seconds, its own peak memory and its report."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(FLASK + ["catalogue", "2027", "--format", page_format,
                                          "--output", str(output)],
                                 env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)  # this child's rusage alone
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise SystemExit(f"flask catalogue failed ({child.returncode}): {err.read()}")
        return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,  # Linux: kB
                "report": out.read().strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--artists", type=int, default=3000)
    parser.add_argument("--format", choices=["a4", "tabloid", "both"], default="both")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
           "KUNSTRUTE_UPLOAD_FOLDER": str(folder / "uploads"), "KUNSTRUTE_HUEY_IMMEDIATE": "1",
           "KUNSTRUTE_BASE_URL": "https://kunstrettvest.no"}
    print(f"load average before: {load()}")
    started = time.perf_counter()
    artists = 105 if args.demo else args.artists
    if (folder / "bench.sqlite3").exists():
        print(f"data: the database in {folder}, as it is")
    else:
        if args.demo:
            demo_database(env)
        else:
            generated_database(env, args.artists)
        print(f"data: {artists} artists in {time.perf_counter() - started:.0f} s ({folder})")
    formats = ["a4", "tabloid"] if args.format == "both" else [args.format]
    goal = GOALS.get(artists)
    for page_format in formats:
        result = build(env, page_format, folder / f"catalogue-{page_format}.pdf")
        met = "met" if goal and result["seconds"] < goal else "MISSED"
        verdict = f" (goal < {goal} s: {met})" if goal else ""
        print(f"{page_format}: {result['seconds']:.1f} s{verdict}, peak memory "
              f"{result['peak_mb']:.0f} MB; {result['report']}")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
