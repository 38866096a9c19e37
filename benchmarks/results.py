"""Where a benchmark leaves its figures: `benchmarks/results/NAME.json` (with when, on what and at
which commit), which the docs show as a generated table (`<!-- table: benchmarks/results/NAME.json -->`,
filled by `python -m oncokg.cli.docs`), so that no figure is typed twice. A script writes it only when
run with `--record` (`make bench`): a smoke run at a tiny size must not replace the figures."""

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def record(name: str, arguments: list[str], columns: list[str], rows: list[list[str]], script: str = "") -> Path:
    """Write the figures of one run of benchmarks/NAME.py (or SCRIPT.py, when one script records
    two tables); the path written."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=RESULTS.parent, check=False
    ).stdout.strip()
    data = {
        "benchmark": f"benchmarks/{script or name}.py",
        "arguments": arguments,
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": commit or "unknown",
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {sys.version.split()[0]}",
        "load_average": round(os.getloadavg()[0], 1),
        "columns": columns,
        "rows": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
