"""Cold start: `oncokg query` in a fresh process beside a bare `python -c` that opens the store and
runs the same query, plus `oncokg --version` (the cost of Python, typer and the package alone).

    .venv/bin/oncokg build
    .venv/bin/python benchmarks/startup.py [--runs 15] [--record]

Runs alternate between the three commands, so that load on the machine hits them alike; each line
gives the minimum and the median wall time. Target: the cold query within 4x the bare script.
`--record` writes the figures to benchmarks/results/startup.json, the table docs/benchmarks.md shows.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from oncokg.project import Project
from results import record

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

BARE = """
import pyoxigraph
store = pyoxigraph.Store.read_only("build/store")
text = open("queries/drug-targets.rq").read().replace(
    "WHERE {", "WHERE { VALUES ?drug { <https://w3id.org/oncokg/imatinib> }", 1)
for row in store.query(text):
    print(row)
"""

COMMANDS = {
    "bare python -c (open store, same query)": [sys.executable, "-c", BARE],
    "oncokg --version": [str(BIN / "oncokg"), "--version"],
    "oncokg query drug-targets --param drug=Gleevec": [
        str(BIN / "oncokg"),
        "query",
        "drug-targets",
        "--param",
        "drug=Gleevec",
    ],
}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=Project.find(None).root, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--record", action="store_true", help="write benchmarks/results/startup.json")
    args = parser.parse_args()
    runs = args.runs
    for command in COMMANDS.values():
        timed(command)  # warm the file cache and the .pyc files
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(timed(command))
    base = statistics.median(times[next(iter(COMMANDS))])
    print(f"{runs} runs each, interleaved; wall time in ms")
    rows = []
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:<48} min {min(values) * 1000:6.0f}  median {median * 1000:6.0f}  "
            f"({median / base:.1f}x the bare script)"
        )
        rows.append([f"`{name}`", f"{min(values) * 1000:.0f} ms", f"{median * 1000:.0f} ms", f"{median / base:.1f}x"])
    if args.record:
        columns = ["command", "min", "median", "median / bare script"]
        print(f"recorded in {record('startup', sys.argv[1:], columns, rows)}")


if __name__ == "__main__":
    main()
