"""Reliability suite: the review's hostile inputs, kill -9 trials, concurrent builds and a bounded
load run, each figure printed beside the review's (commit 04d28fe, the baseline).

    .venv/bin/python benchmarks/reliability.py                        # everything: about 6 minutes
    .venv/bin/python benchmarks/reliability.py --parts inputs,kills --kills 20
    .venv/bin/python benchmarks/reliability.py --parts load --clients 8 --queries 5000

Needs `oncokg build` first. Works on scratch copies of the project in a temporary folder (deleted
at the end); hostile peers are real HTTP servers on 127.0.0.1 (tests/hostile.py). Each command runs
in its own session with a wall cap and a cap on its process tree's RSS; the outcome is classed as
in the review: clean (one `oncokg: error:` line, exit 1), internal, usage, success, ABORT (signal),
HANG (wall cap) or MEMCAP. Prints Markdown tables; asserts nothing.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from engines import free_port, wait_for  # noqa: E402
from hostile import ENTITY_BOMB_RDFXML, Peer, hostile_server  # noqa: E402
from oncokg.project import Project  # noqa: E402

ONCOKG = [sys.executable, "-m", "oncokg"]
CHECK_QUERY = ["query", "drug-targets", "--param", "drug=Gleevec", "--format", "json"]


def run(args: list[str], wall: float = 60, mem_mib: float = 6144, stdin: bytes | None = None) -> dict:
    """Run `oncokg ARGS`; the outcome, seconds, peak RSS of the process tree (MiB), first stderr line."""
    started = time.monotonic()
    proc = subprocess.Popen(
        ONCOKG + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
    )
    peak, outcome = 0.0, None
    watched = psutil.Process(proc.pid)
    out_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        try:
            tree = [watched] + watched.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()) / 2**20)
        except psutil.Error:
            pass
        if peak > mem_mib:
            outcome = "MEMCAP"
        elif time.monotonic() - started > wall:
            outcome = "HANG"
        if outcome:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    reader.join(5)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    seconds = time.monotonic() - started
    lines = [line for line in stderr.splitlines() if line.strip()]
    if outcome is None:
        if proc.returncode < 0:
            outcome = f"ABORT ({signal.Signals(-proc.returncode).name})"
        elif "internal error" in stderr or "Traceback" in stderr:
            outcome = "internal"
        elif proc.returncode == 0:
            outcome = "success"
        elif proc.returncode == 2 and "Usage" in stderr:
            outcome = "usage"
        elif proc.returncode == 1 and len(lines) == 1 and lines[0].startswith("oncokg: error: "):
            outcome = "clean"
        else:
            outcome = f"other (exit {proc.returncode}, {len(lines)} lines)"
    return {
        "outcome": outcome,
        "seconds": seconds,
        "mib": peak,
        "line": lines[0][:150] if lines else "",
        "stdout": b"".join(out_chunks),
    }


def copy_project(target: Path, with_build: bool = False) -> Path:
    """A copy of the project the benchmark measures (--root, $ONCOKG_ROOT or this checkout, as the CLI finds it)."""
    project = Project.find(None)
    for name in ("ontology", "data", "queries"):
        shutil.copytree(project.root / name, target / name)
    if with_build:
        shutil.copytree(project.build_dir, target / "build")
    return target


def first_source(root: Path) -> str:
    import yaml

    return yaml.safe_load((root / "data" / "sources" / "sources.yaml").read_text(encoding="utf-8"))["sources"][0]["id"]


def fact_file(root: Path, body: str) -> str:
    path = root / "data" / "facts" / "zz-hostile.yaml"
    path.write_text(f"source: {first_source(root)}\n{body}", encoding="utf-8")
    return str(path)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


class Inputs:
    """The review's non-clean cases (tests 1, 2, 5 and its list of failures), one row each."""

    def __init__(self, work: Path, built: Path):
        self.work, self.built, self.n = work, built, 0
        self.rows: list[tuple[str, str, dict, str]] = []

    def fresh(self) -> Path:
        self.n += 1
        return copy_project(self.work / f"case-{self.n}")

    def case(self, name: str, baseline: str, args: list[str], note=None, **caps) -> None:
        result = run(args, **caps)
        extra = note(result) if note else ""
        self.rows.append((name, baseline, result, extra))
        print(f"  {name}: {result['outcome']} in {result['seconds']:.1f} s", file=sys.stderr)

    def all(self, peer_url: str, peer: Peer, oxigraph_query: str) -> None:
        built, root = ["--root", str(self.built)], lambda p: ["--root", str(p)]
        deep = self.work / "deep.rq"
        deep.write_text("SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000)
        parens = self.work / "parens.rq"
        parens.write_text("SELECT * WHERE { ?s ?p ?o FILTER " + "( " * 100_000 + "true" + " )" * 100_000 + " }")
        big = self.work / "big.rq"
        big.write_text('SELECT * WHERE { ?s ?p ?o FILTER(?o = "' + "x" * 2_000_000 + '") }')
        bad = self.work / "bad.rq"
        bad.write_bytes(b"SELECT \xff\xfe")
        self.case("sparql --file: 5,000 nested { } (20 KB)", "ABORT (SIGSEGV)", ["sparql", "--file", str(deep)] + built)
        self.case("sparql --file: 100k nested ( )", "ABORT (SIGSEGV)", ["sparql", "--file", str(parens)] + built)
        self.case(
            "sparql --file: 2 MB string in a FILTER", "HANG at 60 s (200 MB)", ["sparql", "--file", str(big)] + built
        )
        self.case("sparql --file: invalid UTF-8", "internal UnicodeDecodeError", ["sparql", "--file", str(bad)] + built)
        self.case('sparql ""', "clean, misleading (updates)", ["sparql", ""] + built)
        service = f"SELECT * WHERE {{ SERVICE <{peer_url}/svc.srj> {{ ?s ?p ?o }} }}"
        before = len(peer.paths)
        self.case(
            "SERVICE to a loopback URL, embedded",
            "success: 1 request sent",
            ["sparql", service] + built,
            note=lambda r: f"{len(peer.paths) - before} requests reached the peer",
        )
        self.case(
            "SERVICE to a port that is closed",
            "internal ConnectionRefusedError",
            ["sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }"] + built,
        )
        one = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
        for label, body, kind, baseline in [
            ("RDF/XML entity bomb (811 bytes)", ENTITY_BOMB_RDFXML.encode(), "application/rdf+xml", "HANG (for good)"),
            (
                "JSON-LD with a remote @context",
                json.dumps({"@context": f"{peer_url}/ctx.jsonld"}).encode(),
                "application/ld+json",
                "clean, but the context was fetched",
            ),
            (
                "100k nested JSON arrays",
                b'{"head":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                "application/sparql-results+json",
                "internal RecursionError",
            ),
            (
                "invalid UTF-8 in JSON",
                b'{"head": {"vars": ["\xff"]}}',
                "application/sparql-results+json",
                "internal UnicodeDecodeError",
            ),
        ]:
            peer.body, peer.content_type = body, kind
            before = len(peer.paths)
            self.case(
                f"--endpoint answers {label}",
                baseline,
                ["sparql", one, "--endpoint", f"{peer_url}/q"] + built,
                note=lambda r, b=before: f"{len(peer.paths) - b} request(s) to the peer",
            )
        for url in ("http://127.0.0.1:abc/q", "http://[::1/gsp"):
            self.case(
                f"--endpoint {url}", "internal InvalidURL / ValueError", ["sparql", one, "--endpoint", url] + built
            )
        keyword = "keyword=HER2\n# x"
        self.case(
            "catalogue keyword='HER2\\n# x' on the oxigraph server",
            "clean but wrong: QueryBadFormed",
            ["query", "catalogue", "--param", keyword, "--format", "json", "--endpoint", oxigraph_query] + built,
            note=lambda r: f"rows: {len(json.loads(r['stdout'] or b'[]'))} (embedded: 0)",
        )
        self.case("query --timeout inf", "internal OverflowError", CHECK_QUERY + ["--timeout", "inf"] + built)
        self.case(
            "build --reasoner-timeout nan",
            "internal ValueError",
            ["build", "--reasoner-timeout", "nan"] + root(self.fresh()),
        )
        self.case("stats --top -5", "SILENT", ["stats", "--top", "-5"] + built)
        damaged = copy_project(self.work / "damaged", with_build=True)
        (damaged / "build" / "store" / "CURRENT").write_bytes(b"\x00garbage")
        self.case("a damaged store (CURRENT overwritten)", "internal RuntimeError", CHECK_QUERY + root(damaged))
        mine = self.work / "userdir"
        (mine / "sub").mkdir(parents=True)
        for n in range(3):
            (mine / f"thesis-chapter-{n}.txt").write_text("work")
        self.case(
            "build --out a folder of the user's",
            "SILENT: the user's files deleted",
            ["build", "--out", str(mine)] + root(self.fresh()),
            note=lambda r: f"user's files left: {len(list(mine.glob('thesis-*')))} of 3",
        )
        victim = self.work / "victim.txt"
        victim.write_text("keep")
        self.case(
            "build --out FILE",
            "SILENT: moved to FILE.old",
            ["build", "--out", str(victim)] + root(self.fresh()),
            note=lambda r: (
                f"file in place: {victim.is_file()}, FILE.old: {victim.with_name('victim.txt.old').exists()}"
            ),
        )
        self.case(
            "build --out FILE/sub",
            "internal NotADirectoryError after 8-10 s",
            ["build", "--out", str(victim / "sub")] + root(self.fresh()),
        )
        case = self.fresh()
        bomb = ['    a0: &a0 ["lol"]'] + [
            f"    a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)
        ]
        path = fact_file(case, "x-bomb:\n" + "\n".join(bomb) + "\nfacts: []\n")
        self.case(
            "check-facts: YAML alias bomb (1.2 KB)",
            "SILENT (build: MEMCAP, 6.1 GB)",
            ["check-facts", path] + root(case),
        )
        self.case("build: YAML alias bomb (1.2 KB)", "MEMCAP, 6.1 GB after 101 s", ["build"] + root(case), wall=120)
        case = self.fresh()
        path = fact_file(case, "facts:\n  - id: dup\n    certainty: established\n    certainty: unclear\n")
        self.case("check-facts: a duplicate key", "SILENT: the last value wins", ["check-facts", path] + root(case))
        case = self.fresh()
        path = fact_file(
            case,
            'facts:\n  - id: ws\n    quote: " "\n    at: [0, 1]\n    certainty: hedged\n'
            "    triples: [[imatinib, targets, KIT]]\n",
        )
        self.case("check-facts: a whitespace-only quote", "SILENT", ["check-facts", path] + root(case))
        case = self.fresh()
        self.case(
            "check-facts: facts: 42", "internal TypeError", ["check-facts", fact_file(case, "facts: 42\n")] + root(case)
        )
        case = self.fresh()
        (case / "data" / "facts" / "zz-binary.yaml").write_bytes(b"source: \xff\xfe\n")
        self.case(
            "check-facts: a non-UTF-8 fact file",
            "internal UnicodeDecodeError",
            ["check-facts", str(case / "data" / "facts" / "zz-binary.yaml")] + root(case),
        )
        self.case(
            "check-facts /nonexistent.yaml", "internal FileNotFoundError", ["check-facts", "/nonexistent.yaml"] + built
        )
        case = self.fresh()
        (case / "ontology" / "shapes.ttl").write_text("@prefix ex: <http://e/> . ex:a ex:b ex:c .\n")
        self.case("build: a shapes file with no shapes", "SILENT: SHACL checks nothing", ["build"] + root(case))
        case = self.fresh()
        append(
            case / "ontology" / "oncokg.ttl", f"\n<https://w3id.org/oncokg/ontology> owl:imports <{peer_url}/x.ttl> .\n"
        )
        before = len(peer.paths)
        self.case(
            "build: owl:imports of a loopback URL",
            "clean, after 4 GETs",
            ["build"] + root(case),
            note=lambda r: f"{len(peer.paths) - before} request(s) to the peer",
        )
        case = self.fresh()
        append(case / "ontology" / "oncokg.ttl", '\noncokg:imatinib rdfs:comment "' + "x" * 40_000_000 + '" .\n')
        self.case("build: a 40 MB literal in the ontology", "HANG in HermiT (200 MB literal)", ["build"] + root(case))
        cohort = self.work / "cohort.jsonl"
        good = '{"cancer": "GIST", "setting": "unresectable"}'
        cohort.write_text(
            "\n".join(
                [good] * 3
                + [
                    '{"cancer": ' + "[" * 1000 + "]" * 1000 + "}",
                    '{"id": ' + "9" * 5000 + "}",
                    '{"id": NaN, "cancer": "GIST", "setting": "recurrent"}',
                ]
                + [good] * 3
            )
            + "\n"
        )
        self.case(
            "pathway cohort: 1,000 nesting, 5,000 digits, NaN id",
            "internal, after 3 of 9 lines",
            ["pathway", "cohort", str(cohort)] + built,
            note=lambda r: (
                f"output lines: {len(r['stdout'].splitlines())} of 9, all JSON: "
                f"{all(_is_json(line) for line in r['stdout'].splitlines())}"
            ),
        )
        self.case(
            "serve --bind 127.0.0.1:99999", "12-line Rust backtrace", ["serve", "--bind", "127.0.0.1:99999"] + built
        )

    def table(self) -> str:
        lines = [
            "| case | at 04d28fe (review) | now | s | peak MiB | message or observation |",
            "|---|---|---|---|---|---|",
        ]
        for name, baseline, r, extra in self.rows:
            said = extra or r["line"].replace("|", "\\|")
            lines.append(
                f"| {name} | {baseline} | **{r['outcome']}** | {r['seconds']:.1f} | {r['mib']:.0f} | {said[:140]} |"
            )
        return "\n".join(lines)


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        return True
    except ValueError:
        return False


def reasoner_pids() -> set[int]:
    found = set()
    for proc in psutil.process_iter(["cmdline"]):
        cmd = " ".join(proc.info["cmdline"] or [])
        if "oncokg.pipeline.hermit" in cmd or "org.semanticweb.HermiT" in cmd:
            found.add(proc.pid)
    return found


def kills(work: Path, trials: int, seed: int) -> str:
    """kill -9 of `oncokg build` at random times: previous build intact? reasoner left? temp folders?"""
    project = copy_project(work / "kills", with_build=True)
    root = ["--root", str(project)]
    baseline = run(CHECK_QUERY + root)["stdout"]
    rng = random.Random(seed)
    intact = orphans = leaked = 0
    for trial in range(trials):
        delay = rng.uniform(0.5, 12.0)
        proc = subprocess.Popen(ONCOKG + ["build"] + root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        try:
            tree = psutil.Process(proc.pid).children(recursive=True)
        except psutil.Error:
            tree = []
        proc.kill()
        proc.wait()
        _, alive = psutil.wait_procs(tree, timeout=3)
        orphans += bool(alive)
        for p in alive:
            p.kill()
        leaked += len(list(Path(tempfile.gettempdir()).glob(f"oncokg-reason-{proc.pid}-*")))
        intact += run(CHECK_QUERY + root)["stdout"] == baseline
        print(f"  kill {trial + 1} at {delay:.1f} s: {len(alive)} left running", file=sys.stderr)
    after = run(["build"] + root, wall=120)
    left = sum(
        1
        for f in Path(tempfile.gettempdir()).glob("oncokg-reason-*-*")
        if f.name.split("-")[2].isdigit() and not psutil.pid_exists(int(f.name.split("-")[2]))
    )
    concurrent = [
        subprocess.Popen(ONCOKG + ["build"] + root, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    ends = [(p.wait(), p.stderr.read().decode().strip()) for p in concurrent]
    still = run(CHECK_QUERY + root)["stdout"] == baseline
    return "\n".join(
        [
            "| trial | at 04d28fe (review) | now |",
            "|---|---|---|",
            f"| kill -9 at a random time, previous build intact | 20/20 | {intact}/{trials} |",
            f"| a reasoner (python + java) left running 3 s after the kill | 8/20 | {orphans}/{trials} |",
            f"| temporary folders left by the killed builds | 8 | {leaked} right after the kills; {left} after the next run |",
            f"| the next build | succeeded | {after['outcome']} in {after['seconds']:.1f} s |",
            f"| two builds at once | one fails: internal FileExistsError | exits {sorted(e[0] for e in ends)}; "
            f"{' / '.join(e[1].splitlines()[-1][:90] for e in ends if e[0])}; build intact: {still} |",
        ]
    )


def catalogue_texts(built: Path) -> list[tuple[str, int]]:
    """Each catalogue query with its example parameters bound, and its row count on the embedded store."""
    from oncokg.query.client import OncoKG
    from oncokg.query.run import bind_parameters
    from oncokg.store.binding import bind_values

    kg = OncoKG.open(root=built)
    texts = []
    for query in kg.catalog.values():
        params = {p.name: p.example for p in query.parameters if not p.optional}
        bound = bind_values(query.text, bind_parameters(query, params, kg.resolver))
        texts.append((bound, len(kg.backend.select(bound).rows)))
    return texts


def load(built: Path, clients: int, per_client: int) -> str:
    """`oncokg serve` under N keep-alive clients cycling through the catalogue; row counts checked."""
    texts = catalogue_texts(built)
    port = free_port()
    server = subprocess.Popen(
        ONCOKG + ["serve", "--bind", f"127.0.0.1:{port}", "--root", str(built)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", server)
        process = psutil.Process(server.pid)
        before = (process.memory_info().rss / 2**20, process.num_threads())
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()

        def client(offset: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine, wrong = [], 0
            for i in range(per_client):
                text, rows = texts[(offset + i) % len(texts)]
                started = time.perf_counter()
                try:
                    connection.request(
                        "POST",
                        "/query",
                        urlencode({"query": text}),
                        {
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Accept": "application/sparql-results+json",
                        },
                    )
                    response = connection.getresponse()
                    body = response.read()
                    ok = response.status == 200 and len(json.loads(body)["results"]["bindings"]) == rows
                except (OSError, http.client.HTTPException, ValueError, KeyError):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    ok = False
                mine.append(time.perf_counter() - started)
                wrong += not ok
            with lock:
                latencies.extend(mine)
                errors[0] += wrong

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        after = (process.memory_info().rss / 2**20, process.num_threads())
        time.sleep(3)
        later = (process.memory_info().rss / 2**20, process.num_threads())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    total = clients * per_client
    return "\n".join(
        [
            "| figure | at 04d28fe (review: 8 x 1,000) | now |",
            "|---|---|---|",
            f"| requests | 8,000 | {total:,} ({clients} x {per_client:,}) |",
            f"| errors or wrong row counts | 0 | {errors[0]} |",
            f"| throughput | 475.5 q/s | {total / wall:,.1f} q/s |",
            f"| p50 / p90 / p99 / max | 9.1 / 39.6 / 101.1 / 308.4 ms | {q[49] * 1000:.1f} / {q[89] * 1000:.1f} / "
            f"{q[98] * 1000:.1f} / {latencies[-1] * 1000:.1f} ms |",
            f"| server RSS before / after / 3 s later | 23.0 / 103.7 / 103.7 MB | {before[0]:.1f} / {after[0]:.1f} / {later[0]:.1f} MiB |",
            f"| server threads before / after / 3 s later | 22 / 8,022 / 8,022 | {before[1]} / {after[1]} / {later[1]} |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="inputs,kills,load", help="inputs, kills, load (comma-separated)")
    parser.add_argument("--kills", type=int, default=10, help="kill -9 trials (the review ran 20)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=5000, help="queries per client")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if not Project.find(None).store_dir.is_dir():
        sys.exit("run `oncokg build` first")
    with tempfile.TemporaryDirectory(prefix="oncokg-reliability-") as tmp:
        work = Path(tmp)
        built = copy_project(work / "built", with_build=True)
        if "inputs" in parts:
            from engines import oxigraph_server
            from oncokg.store.push import push

            with hostile_server(Peer(b"{}")) as peer, oxigraph_server(work) as (query_url, gsp_url):
                push(built / "build" / "oncokg.trig", gsp_url)
                inputs = Inputs(work, built)
                inputs.all(peer.url, peer, query_url)
            print("## Hostile inputs\n\n" + inputs.table() + "\n")
        if "kills" in parts:
            print("## kill -9 and concurrent builds\n\n" + kills(work, args.kills, args.seed) + "\n")
        if "load" in parts:
            print("## Load: `oncokg serve`\n\n" + load(built, args.clients, args.queries) + "\n")
    print(
        f"(python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end)"
    )


if __name__ == "__main__":
    main()
