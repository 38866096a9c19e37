"""Benchmark: patient states per second through `oncokg pathway cohort`, against one SPARQL query per patient.

    .venv/bin/python benchmarks/pathway_cohort.py [--records 200000] [--naive-seconds 10] [--repeat 5] [--root .] [--record]

Needs a built graph (`oncokg build`). Prints, on this machine:

- projection: the pathway graph built from the projection's answer (the one the build saved), timed;
- reason: the cohort's patient states (names already resolved to IRIs, as the naive baseline gets
  them) answered by the reasoner as the CLI and library run it, memoising what the sources do not
  tell apart;
- resolve + reason: the same from JSON-like records, names resolved per record;
- cohort: JSON lines in, JSON lines out, exactly as the command runs them (parse, resolve names,
  reason, serialise the full answer with evidence);
- first sight: every distinct state once, in the cohort's order, by a fresh reasoner: each state is
  new to it, and it shares only what the sources do not tell apart (a traversal, a result for the
  same facts, a verdict on a step);
- cold reasoning: every distinct state reasoned afresh (no memo), and its cost by history length,
  which stays flat because each patient costs lookups along its own transitions, never a path search;
- naive: one parametrised SPARQL query per patient on the embedded store (only the last history
  entry's transitions or the entry steps, without exclusions: less work than the reasoner does).

`--record` writes the figures to benchmarks/results/pathway_cohort.json, the table docs/benchmarks.md shows.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.pathway import TreatmentPathways
from oncokg.pathway.cohort import Cohort, prepare_collector
from oncokg.pathway.patient import Patient
from oncokg.pathway.projection import project_graph
from oncokg.pathway.rules import Reasoner
from oncokg.project import Project
from oncokg.store.embedded import EmbeddedBackend
from oncokg.store.results import Value

sys.path.insert(0, str(Path(__file__).parent))
from results import record as record_results
from synthetic_patients import records

NAIVE_NEXT = """
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT ?step ?order ?treatment ?quote WHERE {
  ?pathway a oncokg:TreatmentPathway ; oncokg:forDisease ?cancer ; oncokg:inDiseaseState ?state .
  ?setting oncokg:subtypeOf* ?state .
  ?from oncokg:stepOf ?pathway ; oncokg:recommends ?treatmentDone .
  ?transition oncokg:fromStep ?from ; oncokg:toStep ?step ; oncokg:trigger ?outcome .
  ?step oncokg:stepOrder ?order ; oncokg:recommends ?treatment ; oncokg:hasEvidence/oncokg:quote ?quote .
} ORDER BY ?order ?step
"""
NAIVE_ENTRY = """
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT ?step ?order ?treatment ?quote WHERE {
  ?pathway a oncokg:TreatmentPathway ; oncokg:forDisease ?cancer ; oncokg:inDiseaseState ?state .
  ?setting oncokg:subtypeOf* ?state .
  ?step oncokg:stepOf ?pathway ; oncokg:stepOrder ?order ; oncokg:recommends ?treatment ;
        oncokg:hasEvidence/oncokg:quote ?quote .
  FILTER NOT EXISTS { ?in oncokg:toStep ?step }
} ORDER BY ?order ?step
"""


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} states/s  ({seconds / count * 1e6:,.2f} us/state over {count:,} states)"


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """The shortest of several timed runs: the figure least disturbed by other work on the machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000, help="synthetic patient records in the cohort")
    parser.add_argument("--naive-seconds", type=float, default=10.0, help="time budget for the naive baseline")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each measurement; the best counts")
    parser.add_argument("--root", default=None, help="project root (default: found as the CLI finds it)")
    parser.add_argument("--record", action="store_true", help="write benchmarks/results/pathway_cohort.json")
    args = parser.parse_args()
    project_root = Project.find(args.root)
    backend = EmbeddedBackend.open(project_root.build_dir)

    start = time.perf_counter()
    graph = project_graph(backend)
    projection_seconds = time.perf_counter() - start
    tp = TreatmentPathways.open(root=project_root.root)
    lines = list(records(graph, tp.names.names, args.records))
    print(
        f"machine: {_cpu()}; Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f}; "
        f"best of {args.repeat} runs"
    )
    print(
        f"projection ({'the answer the build saved' if backend.saved_projection() else '1 SELECT'}) -> "
        f"{len(graph.steps)} steps, {len(graph.transitions)} transitions, "
        f"{len(graph.pathways)} pathways in {projection_seconds * 1000:.0f} ms"
    )

    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    patients = []
    for record in parsed:
        try:
            patients.append(tp.patient(record))
        except OncoKGError:
            continue
    answerable = [p for p in dict.fromkeys(patients) if _answers(tp.reasoner, p)]
    distinct = len(set(patients))

    def reason() -> None:
        reasoner = Reasoner(tp.graph)
        for patient in patients:
            try:
                reasoner.answer(patient)
            except OncoKGError:
                continue

    def resolve_and_reason() -> None:
        reasoner = Reasoner(tp.graph)
        for record in parsed:
            try:
                reasoner.answer(tp.patient(record))
            except OncoKGError:
                continue

    def cohort_run() -> Cohort:
        cohort = Cohort(Reasoner(tp.graph), tp.names)
        for _ in cohort.answer_lines(enumerate(lines, 1)):
            pass
        return cohort

    def first_sight_run() -> None:
        reasoner = Reasoner(tp.graph)
        for patient in answerable:
            reasoner.answer(patient)

    cold = Reasoner(tp.graph, memo_size=0)

    def cold_run() -> None:
        for patient in answerable:
            cold.reason(patient)

    prepare_collector()  # as `oncokg pathway cohort` does once the graph is loaded
    reason_seconds = best_of(args.repeat, reason)
    states_seconds = best_of(args.repeat, resolve_and_reason)
    cohort_seconds = best_of(args.repeat, cohort_run)
    first_seconds = best_of(args.repeat, first_sight_run)
    cold_seconds = best_of(args.repeat, cold_run)
    sample = cohort_run()
    out_bytes = sum(len(line) for line in sample.answer_lines(enumerate(lines[:1000], 1))) * len(lines) / 1000
    results = Reasoner(tp.graph)
    distinct_results = len({id(results.answer(patient).outcome) for patient in answerable})
    print(
        f"cohort: {len(lines):,} records ({sample.counts.failed:,} bad), {distinct:,} distinct patient states, "
        f"{distinct_results:,} distinct results, about {out_bytes / 1e6:,.0f} MB of JSON lines out"
    )
    print(f"  reason (memo), IRIs given     {rate(len(patients), reason_seconds)}")
    print(f"  resolve names + reason (memo) {rate(len(parsed), states_seconds)}")
    print(f"  oncokg pathway cohort        {rate(len(lines), cohort_seconds)}  (JSON text in and out)")
    print(
        f"  first sight (memo)            {rate(len(answerable), first_seconds)}  (each distinct state once, "
        "a fresh reasoner)"
    )
    print(f"  reasoning, cold (no memo)     {rate(len(answerable), cold_seconds)}  (each distinct state afresh)")
    by_length: dict[int, list[float]] = defaultdict(list)
    for patient in answerable:
        begin = time.perf_counter()
        cold.reason(patient)
        by_length[len(patient.history)].append(time.perf_counter() - begin)
    print(
        "  cold cost by history length: "
        + ", ".join(f"{n}: {statistics.median(v) * 1e6:.1f} us" for n, v in sorted(by_length.items()))
    )

    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.naive_seconds and count < len(answerable):
        patient = answerable[count]
        bindings = {"cancer": Value("iri", patient.cancer), "setting": Value("iri", patient.setting)}
        if patient.history:
            bindings |= {
                "treatmentDone": Value("iri", patient.history[-1].treatment),
                "outcome": Value("iri", patient.history[-1].outcome),
            }
            backend.select(NAIVE_NEXT, bindings)
        else:
            backend.select(NAIVE_ENTRY, bindings)
        count += 1
    naive_seconds = time.perf_counter() - start
    print(f"  naive, 1 SPARQL query each    {rate(count, naive_seconds)}")
    naive_rate = count / naive_seconds
    measured = [
        ("reason (memo), IRIs given", len(patients), reason_seconds),
        ("resolve names + reason (memo)", len(parsed), states_seconds),
        ("`oncokg pathway cohort`, JSON in and out", len(lines), cohort_seconds),
        ("first sight (each distinct state once)", len(answerable), first_seconds),
        ("reasoning, cold (no memo)", len(answerable), cold_seconds),
        ("naive, 1 SPARQL query each", count, naive_seconds),
    ]
    if args.record:
        rows = [
            [what, f"{n / t:,.0f}", f"{t / n * 1e6:,.1f}", f"{n / t / naive_rate:,.0f}x"] for what, n, t in measured
        ]
        columns = ["measure", "states/s", "us/state", "to naive"]
        print(f"recorded in {record_results('pathway_cohort', sys.argv[1:], columns, rows)}")
    print(
        f"ratio to naive: reason {len(patients) / reason_seconds / naive_rate:,.0f}x; "
        f"resolve + reason {len(parsed) / states_seconds / naive_rate:,.0f}x; "
        f"pathway cohort end to end {len(lines) / cohort_seconds / naive_rate:,.0f}x; "
        f"cold reasoning {len(answerable) / cold_seconds / naive_rate:,.0f}x"
    )


def _answers(reasoner: Reasoner, patient: Patient) -> bool:
    try:
        reasoner.answer(patient)
    except OncoKGError:
        return False
    return True


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip() + f", {len(_cores())} cores"
    except OSError:
        pass
    return "unknown CPU"


def _cores() -> list[int]:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [0]


if __name__ == "__main__":
    main()
