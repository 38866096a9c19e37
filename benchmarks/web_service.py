"""Load on the web service, side by side with the baseline it replaces (the oxigraph server that
`oncokg serve` used to exec), and the timeout on a runaway query on both.

    .venv/bin/python benchmarks/web_service.py                     # 8 clients x 1,000 queries each
    .venv/bin/python benchmarks/web_service.py --clients 16 64 --queries 100 --skip-api --uncached

Needs `oncokg build` first. Each client is a thread with one keep-alive HTTP connection that cycles
through every catalogue query, its example parameters bound by oncokg's own `bind_parameters`
and `bind_values`, POSTed to /query of each server (the same text on both); every answer must be
HTTP 200 with the row count the embedded store gives. A second run on the service goes through
/api/queries/NAME (name resolution and label columns in the worker). Threads and RSS are read
from /proc before and after, for the server process and its worker processes together. Then one
runaway 3-way cross product COUNT is sent to each, with `--timeout 2`, and the client waits at most
`--runaway-cap` seconds; the CPU the server (with its workers) uses in the 3 s after shows whether
the query still runs (for the service it includes starting the replacement worker). Prints
figures; asserts nothing.

Each client connects from its own loopback address (127.0.0.N), as separate users would, so the
service's per-client share of SPARQL workers applies as it would to them. The service keeps
complete answers (`oncokg.web.answers`), so once each text has run, `/query` answers it without a
worker; `--uncached` adds a run of the service that keeps none, where every query runs.

The oxigraph server runs on the store's own default graph, which the build fills with the merge
of the named graphs, as the service does: with `--union-default-graph` (as `oncokg serve` once
ran it) the same catalogue queries take 20 to 200 times longer on pyoxigraph 0.5, a baseline
too easy to beat.
"""

import argparse
import itertools
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from engines import free_port, oxigraph_binary, wait_for
from oncokg.limits import SERVICE_WORKERS
from oncokg.project import STORE_DIR, Project
from oncokg.query.client import OncoKG
from oncokg.query.run import bind_parameters
from oncokg.store.binding import bind_values

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def workload(kg: OncoKG) -> list[tuple[str, dict[str, str], str, int]]:
    """(name, example parameters, bound text, expected row count) for every catalogue query."""
    items = []
    for query in kg.catalog.values():
        params = {p.name: p.example for p in query.parameters if not p.optional}
        text = bind_values(query.text, bind_parameters(query, params, kg.resolver))
        items.append((query.name, params, text, len(kg.backend.select(text).rows)))
    return items


def family(pid: int) -> list[int]:
    """The process and its children (the service's workers)."""
    kids = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids += [int(c) for c in children.read_text().split()]
        except FileNotFoundError:
            continue
    return [pid] + [p for kid in kids for p in family(kid)]


def footprint(pid: int) -> tuple[int, float, int]:
    """(threads, RSS in MiB, processes) of a process and its descendants."""
    threads, rss, pids = 0, 0.0, family(pid)
    for p in pids:
        try:
            status = dict(line.split(":", 1) for line in Path(f"/proc/{p}/status").read_text().splitlines())
        except FileNotFoundError:
            continue
        threads += int(status["Threads"])
        rss += int(status["VmRSS"].split()[0]) / 1024
    return threads, rss, len(pids)


def row_count(response: httpx.Response, api: bool) -> int | str:
    """The rows of an answer; or why there are none (the oxigraph server answers a query stopped at
    its timeout with HTTP 200 and JSON cut short)."""
    if response.status_code != 200:
        return -1
    try:
        answer = response.json()
    except ValueError:
        return "JSON cut short, no"
    return len(answer["rows"] if api else answer["results"]["bindings"])


def load(base: str, items, clients: int, per_client: int, api: bool) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        mine, bad = [], []
        cycle = itertools.islice(itertools.cycle(items[index % len(items) :] + items[: index % len(items)]), per_client)
        own_address = httpx.HTTPTransport(local_address=f"127.0.0.{index % 250 + 1}")  # a client per address
        with httpx.Client(base_url=base, timeout=60, transport=own_address) as http:
            for name, params, text, expected in cycle:
                started = time.perf_counter()
                if api:
                    response = http.get(f"/api/queries/{name}", params=params)
                else:
                    response = http.post(
                        "/query",
                        content=text.encode(),
                        headers={
                            "Content-Type": "application/sparql-query",
                            "Accept": "application/sparql-results+json",
                        },
                    )
                mine.append(time.perf_counter() - started)
                rows = row_count(response, api)
                if rows != expected:
                    bad.append(f"{name}: HTTP {response.status_code}, {rows} rows (expected {expected})")
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "n": len(latencies),
        "errors": errors,
        "wall": wall,
        "qps": len(latencies) / wall,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000,
        "max": latencies[-1] * 1000,
        "mean": statistics.fmean(latencies) * 1000,
    }


def runaway(base: str, cap: float) -> str:
    started = time.perf_counter()
    try:
        response = httpx.post(
            base + "/query", content=RUNAWAY, timeout=cap, headers={"Content-Type": "application/sparql-query"}
        )
    except httpx.TimeoutException:
        return f"no answer within {cap:g} s (client gave up)"
    took = time.perf_counter() - started
    body = response.text[:90].replace("\n", " ")
    return f"HTTP {response.status_code} after {took:.2f} s: {body}"


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for p in family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def run_target(
    label: str, command: list[str], ready: str, base: str, items, args, workdir: Path, env: dict | None = None
) -> None:
    log = open(workdir / f"{label}.log", "wb")  # noqa: SIM115 - the server writes to it until it is stopped
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, **(env or {})}
    )
    try:
        wait_for(ready, process, 120)
        httpx.post(base + "/query", content=items[0][2], headers={"Content-Type": "application/sparql-query"})
        before = footprint(process.pid)
        runs = [(clients, "/query", load(base, items, clients, args.queries, api=False)) for clients in args.clients]
        if label == "oncokg serve" and not args.skip_api:
            runs += [(c, "/api/queries", load(base, items, c, args.queries, api=True)) for c in args.clients]
        after = footprint(process.pid)
        time.sleep(3)
        later = footprint(process.pid)
        for clients, route, r in runs:
            print(
                f"| {label} | {route} | {clients} x {args.queries} | {r['n']} | {len(r['errors'])} | "
                f"{r['wall']:.1f} s | {r['qps']:.0f} q/s | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {r['max']:.0f} ms |"
            )
            for error in r["errors"][:3]:
                print(f"|   error: {error} |")
        print(
            f"| {label} | threads / RSS / processes | before {before[0]} / {before[1]:.0f} MiB / {before[2]} | "
            f"after {after[0]} / {after[1]:.0f} MiB / {after[2]} | 3 s later {later[0]} / {later[1]:.0f} MiB |"
        )
        outcome = runaway(base, args.runaway_cap)
        cpu = cpu_seconds(process.pid)
        time.sleep(3)
        spun = cpu_seconds(process.pid) - cpu
        print(f"| {label} | runaway at --timeout 2 | {outcome} | server CPU in the 3 s after: {spun:.1f} s |")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def serve_command(port: int, args, project: Project) -> list[str]:
    return [
        *(sys.executable, "-m", "oncokg", "serve", "--bind", f"127.0.0.1:{port}", "--timeout", "2"),
        *("--workers", str(args.workers), "--root", str(project.root)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[8], help="one load run per count")
    parser.add_argument("--queries", type=int, default=1000, help="queries per client")
    parser.add_argument("--workers", type=int, default=SERVICE_WORKERS)
    parser.add_argument("--runaway-cap", type=float, default=10.0)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-api", action="store_true", help="no /api/queries run")
    parser.add_argument(
        "--uncached", action="store_true", help="also run the service with no answer kept (each query runs)"
    )
    args = parser.parse_args()
    kg = OncoKG.open()
    items = workload(kg)
    project = Project.find()
    store = project.build_dir / STORE_DIR
    print(f"{len(items)} catalogue queries; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}\n")
    print("| server | route | clients x queries | requests | errors | wall | throughput | p50 | p99 | max |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        run_target("oncokg serve", serve_command(port, args, project), base + "/healthz", base, items, args, workdir)
        if args.uncached:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            run_target(
                "oncokg serve, answers not kept",
                serve_command(port, args, project),
                base + "/healthz",
                base,
                items,
                args,
                workdir,
                {"ONCOKG_MAX_ANSWER_CACHE_BYTES": "1"},  # no answer fits a 1-byte cache
            )
        if not args.skip_baseline:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            run_target(
                "oxigraph server (baseline)",
                [
                    oxigraph_binary(),
                    "serve-read-only",
                    "--location",
                    str(store),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout-s",
                    "2",
                ],
                base + "/query?query=ASK%7B%7D",
                base,
                items,
                args,
                workdir,
            )
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
