"""Query-layer benchmark: the catalogue through oncokg vs raw pyoxigraph vs rdflib, at several graph sizes.

    .venv/bin/python benchmarks/query_layer.py                      # real, 1M, 10M: about 10 minutes
    .venv/bin/python benchmarks/query_layer.py --sizes real,1M --repeat 10

Needs `oncokg build` first. Each engine runs in its own child process, so peak RSS is per engine:
pyoxigraph (bulk_load and optimize an on-disk store, run each query once), oncokg (that store
through `OncoKG.open`: timing `run_canned` with the resolver built beforehand, alternating with the
identical text on the same `Store.query`, which gives the pyoxigraph latencies) and rdflib
(`Dataset(default_union=True)`: parse, then `Dataset.query`). The query texts are the catalogue's
with the example parameters bound in a VALUES block by oncokg's own `bind_values`, so every engine
runs the same text. Synthetic graphs and stores go to a temporary directory, deleted at the end.
Prints Markdown tables and PASS/MISS against the targets; it asserts nothing.
"""

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CLI_QUERY = ["query", "drug-targets", "--param", "drug=Gleevec"]
MIN_RUNS = 3


def parse_size(text: str) -> int | None:
    """'real' -> None (the real build), '1M' -> 1_000_000, '250k' -> 250_000."""
    if text == "real":
        return None
    scale = {"k": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("kM")) * scale)


def size_name(size: int | None) -> str:
    if size is None:
        return "real"
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1_000}k"


def peak_rss_mib() -> float:
    """This process's peak resident set size (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_runs(runs: dict[str, Callable[[], int]], repeat: int, budget: float) -> dict[str, dict]:
    """Per run: a warm-up (rows counted), then up to `repeat` rounds, the runs alternating, within `budget` s.

    Alternating keeps the engines compared under the same machine load; a warm-up slower than the
    budget is the only measurement.
    """
    out = {}
    for name, run in runs.items():
        start = time.perf_counter()
        out[name] = {"rows": run(), "times": [time.perf_counter() - start]}
    if max(o["times"][0] for o in out.values()) > budget:
        return out
    for o in out.values():
        o["times"] = []
    began, rounds = time.perf_counter(), 0
    while rounds < repeat and (rounds < MIN_RUNS or time.perf_counter() - began < budget):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            out[name]["times"].append(time.perf_counter() - start)
        rounds += 1
    return out


# --- child processes: one engine each, JSON on stdout -------------------------------------------


def work_pyoxigraph(args: argparse.Namespace, plan: list[dict]) -> dict:
    """Bulk-load and optimize an on-disk store, then run every query once (peak RSS covers both)."""
    import pyoxigraph

    data = Path(args.data)
    start = time.perf_counter()
    store = pyoxigraph.Store(args.store)
    store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.from_extension(data.suffix.lstrip(".")))
    loaded = time.perf_counter()
    store.optimize()
    optimized = time.perf_counter()
    rows = {
        item["name"]: len([tuple(s) for s in store.query(item["text"], use_default_graph_as_union=True)])
        for item in plan
    }
    return {
        "quads": len(store),
        "load_s": loaded - start,
        "optimize_s": optimized - loaded,
        "rows": rows,
        "peak_mib": peak_rss_mib(),
    }


def work_oncokg(args: argparse.Namespace, plan: list[dict]) -> dict:
    """Open the store through OncoKG; time run_canned and the identical text on its pyoxigraph Store, alternating."""
    from oncokg.query.catalog import get_query
    from oncokg.query.client import OncoKG
    from oncokg.query.run import run_canned

    start = time.perf_counter()
    kg = OncoKG.open(f"oxigraph:{args.store}", args.root)
    resolver = kg.resolver
    opened = time.perf_counter()
    store = kg.backend.store
    queries = {}
    for item in plan:
        query = get_query(kg.catalog, item["name"])

        def canned(query=query, params=item["params"]) -> int:
            return len(run_canned(kg.backend, query, params, resolver).rows)

        def raw(text=item["text"]) -> int:
            return len([tuple(s) for s in store.query(text, use_default_graph_as_union=True)])

        queries[item["name"]] = timed_runs({"oncokg": canned, "pyoxigraph": raw}, args.repeat, args.budget)
    return {"open_s": opened - start, "queries": queries, "peak_mib": peak_rss_mib()}


class Abandoned(BaseException):
    """A query ran past --timeout (a BaseException, so no engine code catches it)."""


def work_rdflib(args: argparse.Namespace, plan: list[dict]) -> dict:
    """Parse into an in-memory Dataset with the union default graph, then time every query."""
    from rdflib import Dataset

    def on_alarm(signum: int, frame: object) -> None:
        raise Abandoned

    signal.signal(signal.SIGALRM, on_alarm)
    data = Path(args.data)
    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(data), format={".trig": "trig", ".nq": "nquads"}[data.suffix])
    loaded = time.perf_counter()
    queries = {}
    for item in plan:

        def run(text=item["text"]) -> int:
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            try:
                return len(list(dataset.query(text)))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

        try:
            queries[item["name"]] = timed_runs({"rdflib": run}, args.rdflib_repeat, args.budget)["rdflib"]
        except Abandoned:
            queries[item["name"]] = {"error": f">{args.timeout:g} s"}
        except Exception as exc:
            queries[item["name"]] = {"error": f"{type(exc).__name__}: {str(exc)[:60]}"}
    return {"load_s": loaded - start, "queries": queries, "peak_mib": peak_rss_mib()}


WORKERS = {"pyoxigraph": work_pyoxigraph, "oncokg": work_oncokg, "rdflib": work_rdflib}


def run_worker(engine: str, args: argparse.Namespace, data: Path, store: Path, plan_file: Path) -> dict:
    """Run one engine in a fresh interpreter and read its JSON report."""
    command = [
        sys.executable,
        __file__,
        "--worker",
        engine,
        "--data",
        str(data),
        "--store",
        str(store),
        "--plan",
        str(plan_file),
        "--root",
        str(args.root),
        "--repeat",
        str(args.repeat),
        "--rdflib-repeat",
        str(args.rdflib_repeat),
        "--budget",
        str(args.budget),
        "--timeout",
        str(args.timeout),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} worker failed:\n{done.stderr}")
    return json.loads(done.stdout)


# --- the parent: plan, sizes, CLI, report --------------------------------------------------------


def make_plan(root: Path) -> list[dict]:
    """Every catalogue query with all its example parameters, and the identical bound text for raw engines."""
    from oncokg.query.client import OncoKG
    from oncokg.query.run import bind_parameters
    from oncokg.store.backends import bind_values

    kg = OncoKG.open(root=root)
    plan = []
    for query in kg.catalog.values():
        params = {p.name: p.example for p in query.parameters}
        text = bind_values(query.text, bind_parameters(query, params, kg.resolver))
        selective = any(p.type == "entity" for p in query.parameters)
        plan.append({"name": query.name, "params": params, "text": text, "selective": selective})
    return plan


def cli_cold_start(root: Path, runs: int) -> dict:
    """Median wall time of the canned CLI query and of a bare interpreter, each in fresh processes."""
    script = Path(sys.executable).with_name("oncokg")

    def median_of(command: list[str]) -> float:
        subprocess.run(command, cwd=root, capture_output=True, check=True)  # warm the OS file cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, cwd=root, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return {"cli_s": median_of([str(script), *CLI_QUERY]), "python_s": median_of([sys.executable, "-c", "pass"])}


def median(times: list[float]) -> float:
    return statistics.median(times)


def cell(figures: dict) -> str:
    """A median in ms with the number of runs, or the engine's error."""
    if "error" in figures:
        return figures["error"]
    return f"{median(figures['times']) * 1000:.2f} [{len(figures['times'])}]"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report_size(name: str, plan: list[dict], results: dict) -> list[str]:
    """Markdown: load figures, then per-query medians and ratios for one size."""
    ox, kg, rd = results["pyoxigraph"], results["oncokg"], results.get("rdflib")
    lines = [
        f"\n### {name}: {ox['quads']:,} quads\n",
        "| engine | load (s) | quads/s | optimize (s) | open + resolver (s) | peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|",
        (
            f"| pyoxigraph, on-disk store | {ox['load_s']:.2f} | {ox['quads'] / ox['load_s']:,.0f} | "
            f"{ox['optimize_s']:.2f} | - | {ox['peak_mib']:,.0f} |"
        ),
        f"| oncokg, same store read-only | - | - | - | {kg['open_s']:.2f} | {kg['peak_mib']:,.0f} |",
    ]
    if rd:
        lines.append(
            f"| rdflib Dataset in memory | {rd['load_s']:.2f} | {ox['quads'] / rd['load_s']:,.0f} | - | - | "
            f"{rd['peak_mib']:,.0f} |"
        )
    lines += [
        "",
        "Median latency per query in ms [timed runs]:",
        "",
        "| query | selective | rows | oncokg | pyoxigraph | oncokg/pyox | oncokg - pyox | rdflib | rdflib/oncokg |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in plan:
        q = item["name"]
        k, o = kg["queries"][q]["oncokg"], kg["queries"][q]["pyoxigraph"]
        counts = {"pyoxigraph": o["rows"], "pyoxigraph load process": ox["rows"][q]}
        rd_cell, rd_ratio = "-", "-"
        if rd:
            r = rd["queries"][q]
            rd_cell = cell(r)
            if "times" in r:
                rd_ratio = f"{median(r['times']) / median(k['times']):.0f}x"
                counts["rdflib"] = r["rows"]
        rows = " ".join([str(k["rows"])] + [f"({e}: {n})" for e, n in counts.items() if n != k["rows"]])
        extra = median(k["times"]) - median(o["times"])
        lines.append(
            f"| {q} | {'yes' if item['selective'] else 'no'} | {rows} | {cell(k)} | {cell(o)} | "
            f"{median(k['times']) / median(o['times']):.2f} | {extra * 1000:+.2f} | {rd_cell} | {rd_ratio} |"
        )
    return lines


def targets(plan: list[dict], sizes: dict[str, dict], cli: dict) -> list[str]:
    """PASS/MISS per target, from whatever sizes were run."""
    lines = ["\n### Targets\n", "| target | measured | verdict |", "|---|---|---|"]
    for name, results in sizes.items():
        pairs = results["oncokg"]["queries"]
        ratios = {q: median(p["oncokg"]["times"]) / median(p["pyoxigraph"]["times"]) for q, p in pairs.items()}
        extra = [median(p["oncokg"]["times"]) - median(p["pyoxigraph"]["times"]) for p in pairs.values()]
        worst = max(ratios, key=ratios.get)
        within = sum(r <= 1.2 for r in ratios.values())
        lines.append(
            f"| {name}: oncokg within 1.2x of raw pyoxigraph per query | {within}/{len(ratios)} within; "
            f"median {median(list(ratios.values())):.2f}x (+{median(extra) * 1000:.2f} ms), worst "
            f"{ratios[worst]:.2f}x ({worst}) | {verdict(within == len(ratios))} |"
        )
    for name, results in sizes.items():
        if name == "real" or "rdflib" not in results:
            continue
        rd = results["rdflib"]["queries"]
        speedups = {
            q: median(rd[q]["times"]) / median(p["oncokg"]["times"])
            for q, p in results["oncokg"]["queries"].items()
            if "times" in rd[q]
        }
        slowest = min(speedups, key=speedups.get)
        at_least = sum(x >= 10 for x in speedups.values())
        failed = sorted(q for q in rd if "times" not in rd[q])
        lines.append(
            f"| {name}: oncokg at least 10x faster than rdflib in memory | {at_least}/{len(speedups)} at 10x "
            f"or more; median {median(list(speedups.values())):.0f}x, least {speedups[slowest]:.1f}x ({slowest})"
            f"{'; rdflib failed on ' + ', '.join(failed) if failed else ''} | {verdict(at_least == len(speedups))} |"
        )
    for name, results in sizes.items():
        ox = results["pyoxigraph"]
        if ox["quads"] < 10_000_000:
            continue
        total = ox["load_s"] + ox["optimize_s"]
        lines.append(
            f"| {name}: store loaded in under 60 s: bulk_load | {ox['load_s']:.1f} s | {verdict(ox['load_s'] < 60)} |"
        )
        lines.append(
            f"| {name}: ... bulk_load + optimize, as `oncokg build` does | {total:.1f} s | {verdict(total < 60)} |"
        )
        pairs = results["oncokg"]["queries"]
        selective = {i["name"]: median(pairs[i["name"]]["oncokg"]["times"]) for i in plan if i["selective"]}
        slowest = max(selective, key=selective.get)
        under = sum(t < 0.1 for t in selective.values())
        lines.append(
            f"| {name}: selective catalogue queries under 100 ms median through oncokg | {under}/{len(selective)} "
            f"under; slowest {selective[slowest] * 1000:.1f} ms ({slowest}) | {verdict(under == len(selective))} |"
        )
    lines.append(
        f"| canned query from a cold CLI under 0.5 s | median {cli['cli_s']:.3f} s (bare interpreter "
        f"{cli['python_s']:.3f} s) | {verdict(cli['cli_s'] < 0.5)} |"
    )
    return lines


def environment() -> str:
    """Versions and machine load, since other work on the machine moves the figures."""
    import platform

    import pyoxigraph
    import rdflib

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, "
        f"{os.cpu_count()} CPUs; load average {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,1M,10M", help="comma-separated: real, 1M, 250k, 10M ...")
    parser.add_argument("--rdflib-max", default="1M", help="largest size rdflib is run at")
    parser.add_argument(
        "--repeat", type=int, default=20, help="timed rounds per query (oncokg and pyoxigraph, alternating)"
    )
    parser.add_argument("--rdflib-repeat", type=int, default=5, help="timed runs per query (rdflib)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query and engine before stopping early")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before an rdflib query is abandoned")
    parser.add_argument("--cli-runs", type=int, default=10, help="fresh-process runs of the canned CLI query")
    parser.add_argument("--root", type=Path, help="the OncoKG checkout (default: found as the CLI finds it)")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
        print(json.dumps(WORKERS[args.worker](args, plan)))
        return

    import synthetic
    from oncokg.pipeline.build import TRIG
    from oncokg.project import Project

    args.root = Project.find(args.root).root
    real = args.root / "build" / TRIG
    if not real.is_file():
        raise SystemExit(f"no {real}: run `oncokg build` first")
    plan = make_plan(args.root)
    rdflib_max = parse_size(args.rdflib_max)
    report = [f"Start: {environment()}"]
    measured: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="oncokg-bench-") as tmp:
        work = Path(tmp)
        plan_file = work / "plan.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        for size in map(parse_size, args.sizes.split(",")):
            name = size_name(size)
            data = real
            if size is not None:
                data = work / f"{name}.nq"
                print(f"[{name}] generating", file=sys.stderr, flush=True)
                synthetic.generate(real, size, data)
            store = work / name / "store"
            store.parent.mkdir()
            results = {}
            engines = ["pyoxigraph", "oncokg"]
            if size is None or (rdflib_max is not None and size <= rdflib_max):
                engines.append("rdflib")
            for engine in engines:
                print(f"[{name}] {engine}", file=sys.stderr, flush=True)
                results[engine] = run_worker(engine, args, data, store, plan_file)
            measured[name] = results
            report += report_size(name, plan, results)
            shutil.rmtree(store.parent)
            if data != real:
                data.unlink()
    print("[cli] cold start", file=sys.stderr, flush=True)
    cli = cli_cold_start(args.root, args.cli_runs)
    report += targets(plan, measured, cli)
    report.append(f"\nEnd: {environment()}")
    print("\n".join(report))


if __name__ == "__main__":
    main()
