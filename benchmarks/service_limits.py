"""The service under load, slow clients, runaway queries and overload, side by side with a baseline
tree (the second reliability review's scenarios, findings 3, 6 and 7).

    .venv/bin/python benchmarks/service_limits.py --baseline-src /path/to/older/checkout/src
    .venv/bin/python benchmarks/service_limits.py --seconds 10 --scenarios load16,overload   # this tree only

Needs `oncokg build` first. Each run starts `oncokg serve` on a free loopback port from this tree
and, with `--baseline-src`, from the given `src` folder (PYTHONPATH), on the same build:

- load: 16 and 64 keep-alive clients POST a catalogue query's bound text to /query;
- slow clients: 300 connections that send nothing, while one client probes /healthz twice a second;
- runaway under load: two 3-way cross products on /query while 16 clients use the catalogue API;
- overload: `--timeout 2`, 64 clients sending a 0.1 s query; answers, 503s and workers killed.

Each client is a thread with its own connection; every figure is counted from the answers.
Prints a Markdown table; asserts nothing.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from engines import free_port, wait_for  # noqa: E402
from oncokg.project import Project  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MIDDLING = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o ?q ?r }"
SHORT = (
    "SELECT ?target WHERE { VALUES (?drug) { (<https://w3id.org/oncokg/imatinib>) } "
    "?drug <https://w3id.org/oncokg/targets> ?target }"
)


@contextmanager
def service(src: Path | None, timeout: float):
    """`oncokg serve` from this tree or from `src`, with that tree's default `--workers`; yields its base URL."""
    base = f"http://127.0.0.1:{free_port()}"
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, "-m", "oncokg", "serve", "--bind", base[7:], "--timeout", str(timeout)]
    command += ["--root", str(Project.find(None).root)]  # the project as the CLI finds it ($ONCOKG_ROOT too)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(base + "/healthz", process, 180)
            yield base
        finally:
            process.terminate()
            process.wait(30)


def clients(base: str, count: int, seconds: float, request) -> tuple[Counter, list[float]]:
    """`count` threads calling `request(client)` until `seconds` pass: statuses and latencies."""
    statuses: Counter = Counter()
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    def one() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < stop:
                started = time.monotonic()
                try:
                    statuses[request(client).status_code] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append(time.monotonic() - started)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, latencies


def summary(statuses: Counter, latencies: list[float], seconds: float) -> str:
    ok = statuses.get(200, 0)
    others = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str) if k != 200) or "none"
    if not latencies:
        return "no answer"
    # quantiles needs two points: one answer (a short run on a busy machine) is its own p50 and p99
    quantiles = statistics.quantiles(latencies if len(latencies) > 1 else latencies * 2, n=100)
    return f"{ok / seconds:.0f} q/s; p50 {quantiles[49] * 1000:.0f} ms, p99 {quantiles[98] * 1000:.0f} ms; other answers: {others}"


def metric(base: str, name: str) -> float:
    text = httpx.get(base + "/metrics").text
    return float(next(line.split()[1] for line in text.splitlines() if line.startswith(name + " ")))


def load(src: Path | None, count: int, seconds: float) -> str:
    with service(src, 10) as base:
        return summary(*clients(base, count, seconds, lambda c: c.post("/query", data={"query": SHORT})), seconds)


def slow_clients(src: Path | None, seconds: float) -> str:
    with service(src, 10) as base:
        host, port = base[7:].split(":")
        held = [socket.create_connection((host, int(port))) for _ in range(300)]
        try:
            probes: Counter = Counter()
            stop = time.monotonic() + seconds
            while time.monotonic() < stop:
                try:
                    answer = httpx.get(base + "/healthz", timeout=5)
                    probes[f"{answer.status_code} {answer.headers.get('content-type', '').split(';')[0]}"] += 1
                except httpx.HTTPError as exc:
                    probes[type(exc).__name__] += 1
                time.sleep(0.5)
            closed = sum(_closed(sock) for sock in held)
        finally:
            for sock in held:
                sock.close()
    return f"probes: {dict(probes)}; idle connections the server closed: {closed} of 300"


def _closed(sock: socket.socket) -> bool:
    sock.settimeout(0.05)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:
        return True


def runaway_under_load(src: Path | None, seconds: float) -> str:
    with service(src, 10) as base:
        runaways = [
            threading.Thread(target=lambda: httpx.post(base + "/query", data={"query": RUNAWAY}, timeout=60))
            for _ in range(2)
        ]
        for thread in runaways:
            thread.start()
        time.sleep(0.3)
        statuses, latencies = clients(
            base, 16, seconds, lambda c: c.get("/api/queries/drug-targets", params={"drug": "Gleevec"})
        )
        for thread in runaways:
            thread.join()
    return summary(statuses, latencies, seconds)


def overload(src: Path | None, seconds: float) -> str:
    with service(src, 2) as base:
        statuses, latencies = clients(base, 64, seconds, lambda c: c.post("/query", data={"query": MIDDLING}))
        killed = metric(base, "oncokg_query_timeouts_total")
    return f"{summary(statuses, latencies, seconds)}; workers killed at their deadline: {killed:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, help="the src folder of the tree to compare with")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--scenarios", default="load16,load64,idle,runaways,overload", help="comma-separated")
    args = parser.parse_args()
    seconds = args.seconds
    scenarios = {
        "load16": ("load, 16 clients, /query", lambda src: load(src, 16, seconds)),
        "load64": ("load, 64 clients, /query", lambda src: load(src, 64, seconds)),
        "idle": ("300 idle connections, /healthz probed", lambda src: slow_clients(src, seconds)),
        "runaways": ("2 runaways (--timeout 10) + 16 API clients", lambda src: runaway_under_load(src, seconds)),
        "overload": ("overload: --timeout 2, 64 clients, 0.1 s query", lambda src: overload(src, seconds)),
    }
    print(f"| scenario ({seconds:g} s each, each tree's default --workers) | baseline | this tree |")
    print("|---|---|---|")
    for label, scenario in (scenarios[name] for name in args.scenarios.split(",")):
        baseline = scenario(args.baseline_src) if args.baseline_src else "(not run)"
        print(f"| {label} | {baseline} | {scenario(None)} |", flush=True)
    print(f"\nRun: python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
