"""The real web service for the tests: `oncokg serve` on a free loopback port, stopped afterwards."""

import subprocess
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from engines import free_port, running


@contextmanager
def web_service(root: Path, workdir: Path, timeout: float = 2, workers: int = 2, extra: Sequence[str] = ()):
    """Yields (base URL, the service's process) once every worker is ready (/healthz answers 200);
    `extra`: more `oncokg serve` options."""
    base = f"http://127.0.0.1:{free_port()}"
    command = [
        sys.executable,
        "-m",
        "oncokg",
        "serve",
        "--bind",
        base[7:],
        "--timeout",
        str(timeout),
        "--workers",
        str(workers),
        "--root",
        str(root),
        *extra,
    ]
    with running(command, base + "/healthz", workdir, seconds=120) as process:
        yield base, process


def threads_of(process: subprocess.Popen) -> int:
    """The OS threads of a running process (Linux)."""
    status = Path(f"/proc/{process.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))
