"""Synthetic patient states for benchmarks: random walks along the real pathway graph, as JSON Lines.

Each record picks a pathway, a setting (the pathway's state or a narrower one), findings drawn from
the conditions and contraindications the graph knows, a HER2 status for stomach cancer, and a history
made by following transitions with one of their triggers as the outcome. Names are written as labels,
synonyms, brand names or CURIEs, as people write them. A small share of records is deliberately bad
(misspelt names, broken JSON) so that the cohort's error path is measured too.
"""

import json
import random
from collections.abc import Iterator

from oncokg.pathway.projection import PathwayGraph
from oncokg.vocab.rdf import BASE

OUTCOME_NAMES = {
    "progression": ["progression", "progressed", "tumour grows"],
    "intolerance": ["intolerance", "intolerant"],
    "response": ["response", "shrinkage"],
    "stable": ["stable"],
}


def _names(graph: PathwayGraph, names: dict[str, set[str]]) -> dict[str, list[str]]:
    """Every way of writing each entity: its names in the index and its CURIE."""
    written: dict[str, list[str]] = {}
    for key, iris in names.items():
        if len(iris) == 1 and ":" not in key:
            written.setdefault(next(iter(iris)), []).append(key)
    for iri in graph.labels:
        if iri.startswith(BASE) and "/" not in iri[len(BASE) :]:
            written.setdefault(iri, []).append("oncokg:" + iri[len(BASE) :])
    return written


def records(
    graph: PathwayGraph, names: dict[str, set[str]], count: int, seed: int = 7, bad_share: float = 0.02
) -> Iterator[str]:
    """`count` JSON lines of synthetic patients."""
    rng = random.Random(seed)
    written = _names(graph, names)
    narrower: dict[str, list[str]] = {}
    for state, broader in graph.broader.items():
        for broad in broader:
            narrower.setdefault(broad, []).append(state)
    pathways = sorted(graph.pathways.values(), key=lambda p: p.iri)
    findings = sorted(
        {c for s in graph.steps.values() for c in s.conditions if c not in graph.status_of}
        | {st.object for group in (graph.contraindications, graph.cautions) for v in group.values() for st in v}
    )

    def name(iri: str) -> str:
        return rng.choice(written.get(iri) or ["oncokg:" + iri[len(BASE) :]])

    for n in range(count):
        pathway = rng.choice(pathways)
        setting = rng.choice([pathway.state, *narrower.get(pathway.state, [])])
        record: dict = {"id": f"s{n}", "cancer": name(pathway.disease), "setting": name(setting)}
        chosen = rng.sample(findings, k=rng.choice([0, 0, 1, 1, 2, 3]))
        if chosen:
            record["findings"] = [name(f) for f in chosen]
        if pathway.disease == BASE + "gastric_cancer" and rng.random() < 0.8:
            record["biomarkers"] = {"HER2": rng.choice(["positive", "negative", "untested", "HER2+"])}
        history = []
        step = rng.choice(pathway.entries)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 5])):
            leaving = graph.outgoing.get(step, ())
            if not leaving:
                outcome = BASE + rng.choice(["progression", "intolerance"])
                history.append((graph.steps[step].treatment, outcome))
                break
            transition = rng.choice(leaving)
            outcome = rng.choice(sorted(transition.triggers))
            history.append((graph.steps[step].treatment, outcome))
            step = transition.target
        if history:
            record["history"] = [
                {"treatment": name(t), "outcome": rng.choice(OUTCOME_NAMES.get(o[len(BASE) :], [name(o)]))}
                for t, o in history
            ]
        line = json.dumps(record)
        roll = rng.random()
        if roll < bad_share / 2:
            line = line.replace('"cancer": "', '"cancer": "x', 1)
        elif roll < bad_share:
            line = line[: len(line) // 2]
        yield line
