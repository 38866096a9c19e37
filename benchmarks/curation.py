"""Benchmark: the curation assistant's drafts of each source, scored against that source's curated facts.

    .venv/bin/python benchmarks/curation.py [--root .] [--json] [--misses SOURCE-ID] [--record]
        [--fixture DIR]

Needs a built graph (`oncokg build`: the drafts read entity names from its index). Each source text
is drafted without its facts (the assistant reads no fact file); its curated statements are then set
beside the drafts. A statement is (kind, treatment, disease): kind is treatment (TreatmentStatement,
Recommendation, TreatmentStep) or outcome (OutcomeStatement); a curated statement's disease is its own,
its pathway's, or the scope it inherits from its section or document. A draft matches a curated
statement of the same triple whose quote overlaps its sentence. Per source it prints recall (curated
statements matched), precision (drafts that match), stance and certainty agreement among the matched
pairs, drafts the build's ConText guard rejects for their own sentence, and matched drafts whose stance
is the opposite polarity of the curator's (an option for a not-option, or the reverse), and the share of
sentences the curator would have to touch: a sentence with a curated statement no draft matches, a draft
no curated statement matches, or a matched draft whose stance or certainty the curator would change.

The sources are split in two: the development sources, whose misses the rules were first made on,
and the held-out sources, only scored until the fourth round of the issue, which read their misses
too (`--misses` lists a source's missed statements and unmatched drafts). `--fixture DIR` adds a
document that is not a source: DIR holds its sources.yaml entry, its text and its curated facts
(tests/curation/blind is one, written blind), drafted and scored as the split "fixture" and never
built into the graph. `--record` writes the table to benchmarks/results/curation.json, which
docs/curation.md shows.

The name index is built from all five documents' curated entities, so the mentions are kinder than on
a truly new text; the statements, stances, scopes and certainties are the assistant's own.
"""

import argparse
import json
import sys
from pathlib import Path

from oncokg.curation.context_guard import RULES_FILE, disagreements
from oncokg.curation.facts import Fact, Quote
from oncokg.curation.sources import load_sources
from oncokg.curation.statements import STATEMENT_KINDS, status_of, treatment_of
from oncokg.curation.yaml_io import load_yaml
from oncokg.drafting.cues import CueReader
from oncokg.drafting.draft import Draft, draft_text
from oncokg.drafting.mentions import NameTable
from oncokg.drafting.sentences import Sentence, split
from oncokg.project import INDEX_FILE, Project

# The sources whose misses the rules are developed against; every other source is held out.
DEVELOPMENT = ("acs-gist", "refractory-what-is")


def _list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def curated(facts_dir: Path, source) -> list[dict]:
    """The source's curated statements: kind, treatments, diseases, stance, certainty and spans."""
    raw_facts = []
    for path in sorted(facts_dir.glob("*.yaml")):
        raw = load_yaml(path, "fact file")
        if isinstance(raw, dict) and raw.get("source") == source.id:
            raw_facts += raw.get("facts") or []
    nodes = {f["id"]: f["node"] for f in raw_facts if isinstance(f.get("node"), dict)}
    found = []
    for fact in raw_facts:
        node = fact.get("node")
        if not isinstance(node, dict) or node.get("a") not in STATEMENT_KINDS:
            continue
        spans = fact["at"] if isinstance(fact["quote"], list) else [fact["at"]]
        diseases = _list(node.get("forDisease")) or _list(nodes.get(node.get("stepOf"), {}).get("forDisease"))
        scope = source.scope_at(spans[0][0])
        if not diseases and scope is not None:
            diseases = list(scope.values.get("forDisease", ()))
        found.append(_statement(node, diseases, fact.get("certainty"), spans))
    return found


def _statement(node: dict, diseases: list[str], certainty: object, spans: list) -> dict:
    return {
        "kind": "outcome" if node["a"] == "OutcomeStatement" else "treatment",
        "treatments": set(_list(treatment_of(node))),
        "diseases": set(diseases),
        "stance": status_of(node),
        "certainty": certainty,
        "spans": [tuple(s) for s in spans],
    }


def _matches(a: dict, b: dict) -> bool:
    overlap = any(s < e2 and s2 < e for s, e in a["spans"] for s2, e2 in b["spans"])
    return (
        overlap
        and a["kind"] == b["kind"]
        and bool(a["treatments"] & b["treatments"])
        and bool(a["diseases"] & b["diseases"])
    )


def _as_fact(draft: Draft, source_id: str) -> Fact:
    quote = Quote(draft.sentence.text, draft.sentence.start, draft.sentence.end)
    return Fact(draft.id, source_id, Path("draft"), [quote], draft.certainty, node=draft.node)


def drafted_statements(drafts: list[Draft]) -> list[dict]:
    """The drafts that are statements, in the curated statements' shape."""
    return [
        _statement(d.node, _list(d.node.get("forDisease")), d.certainty, [[d.sentence.start, d.sentence.end]])
        for d in drafts
        if d.node is not None
    ]


def touched(sentences: list[Sentence], drafted: list[dict], gold: list[dict], matched: list[tuple[dict, dict]]) -> int:
    """Sentences the curator changes: one with a statement to add, a draft to reject, or a stance or
    certainty to edit."""
    agreed = {id(d) for d, g in matched if (d["stance"], d["certainty"]) == (g["stance"], g["certainty"])}
    found = {id(g) for g in gold if any(_matches(d, g) for d in drafted)}
    work = [d["spans"] for d in drafted if id(d) not in agreed] + [g["spans"] for g in gold if id(g) not in found]
    return sum(any(s.start < e and b < s.end for spans in work for b, e in spans) for s in sentences)


def score(source, drafts: list[Draft], gold: list[dict], rules_file: Path, split_name: str) -> dict:
    """Recall, precision, agreement, contradictions and sentences to touch of one source's drafts."""
    statements = [d for d in drafts if d.node is not None]
    drafted = drafted_statements(drafts)
    pairs = [(d, g) for d in drafted for g in gold if _matches(d, g)]
    best: dict[int, dict] = {}
    for d, g in pairs:  # per draft, the curated statement it agrees with most
        if id(d) not in best or (g["stance"] == d["stance"]) > (best[id(d)]["stance"] == d["stance"]):
            best[id(d)] = g
    matched = [(d, best[id(d)]) for d in drafted if id(d) in best]
    positive = {"option", "benefit_shown"}
    guard = disagreements([_as_fact(d, source.id) for d in statements], rules_file)
    sentences = [s for s in split(source.text) if not s.navigation]
    return {
        "split": split_name,
        "sentences": len(sentences),
        "touched": touched(sentences, drafted, gold, matched),
        "curated": len(gold),
        "drafts": len(drafted),
        "matched": len(matched),
        "recall": sum(any(_matches(d, g) for d in drafted) for g in gold) / len(gold) if gold else None,
        "precision": len(matched) / len(drafted) if drafted else None,
        "stance_agreement": sum(d["stance"] == g["stance"] for d, g in matched) / len(matched) if matched else None,
        "certainty_agreement": sum(d["certainty"] == g["certainty"] for d, g in matched) / len(matched)
        if matched
        else None,
        "guard_contradictions": len(guard),
        "opposite_polarity": sum((d["stance"] in positive) != (g["stance"] in positive) for d, g in matched),
    }


def pooled(rows: list[dict]) -> dict:
    """The sources together: each rate weighted by its own denominator (curated, drafts, matches)."""

    def weighted(key: str, weight: str) -> float | None:
        parts = [(row[key], row[weight]) for row in rows if row[key] is not None]
        total = sum(w for _, w in parts)
        return sum(v * w for v, w in parts) / total if total else None

    keys = ("sentences", "touched", "curated", "drafts", "matched", "guard_contradictions", "opposite_polarity")
    total: dict = {"split": "-", **{k: sum(row[k] for row in rows) for k in keys}}
    total["recall"] = weighted("recall", "curated")
    total["precision"] = weighted("precision", "drafts")
    total["stance_agreement"] = weighted("stance_agreement", "matched")
    total["certainty_agreement"] = weighted("certainty_agreement", "matched")
    return total


def misses(source, drafts: list[Draft], gold: list[dict]) -> list[str]:
    """A source's curated statements no draft matches, drafts no statement matches, and matched drafts
    whose stance or certainty the curator's differ from, each with its sentence: what the rules are
    developed against."""
    drafted = drafted_statements(drafts)
    lines = []
    for label, mine, other in (("missed", gold, drafted), ("unmatched draft", drafted, gold)):
        for item in mine:
            if not any(_matches(item, o) for o in other):
                b, e = item["spans"][0]
                what = f"{item['kind']} {sorted(item['treatments'])} {sorted(item['diseases'])} {item['stance']}"
                lines.append(f"{label}: {what}\n    {' '.join(source.text[b:e].split())[:300]}")
    for d in drafted:
        agreeing = [g for g in gold if _matches(d, g)]
        if agreeing and not any((g["stance"], g["certainty"]) == (d["stance"], d["certainty"]) for g in agreeing):
            b, e = d["spans"][0]
            theirs = ", ".join(f"{g['stance']}/{g['certainty']}" for g in agreeing)
            lines.append(
                f"disagrees: {sorted(d['treatments'])} drafted {d['stance']}/{d['certainty']}, curated {theirs}"
                f"\n    {' '.join(source.text[b:e].split())[:300]}"
            )
    return lines


def documents(found: Project, fixture: Path | None) -> list[tuple[object, Path, str]]:
    """Each document to score with the folder of its curated facts and its split: the project's
    sources, then a fixture folder's (its sources.yaml, texts and fact files together)."""
    docs = [
        (source, found.facts_dir, "development" if source.id in DEVELOPMENT else "held-out")
        for source in load_sources(found.sources_dir).values()
    ]
    if fixture is not None:
        docs += [(source, fixture, "fixture") for source in load_sources(fixture).values()]
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", metavar="SOURCE-ID", help="list a source's misses")
    parser.add_argument("--record", action="store_true", help="write benchmarks/results/curation.json")
    parser.add_argument("--fixture", type=Path, metavar="DIR", help="also score a document that is not a source")
    args = parser.parse_args(argv)
    found = Project.find(args.root)
    rules_file = found.facts_dir.parent / RULES_FILE
    table = NameTable.load(found.build_dir / INDEX_FILE)
    reader = CueReader(rules_file)
    docs = documents(found, args.fixture)
    if args.misses:
        chosen = [(source, facts) for source, facts, _ in docs if source.id == args.misses]
        if not chosen:
            raise SystemExit(f"--misses {args.misses}: no such source")
        source, facts = chosen[0]
        drafts = draft_text(source.text, source.id, table, reader).drafts
        print("\n".join(misses(source, drafts, curated(facts, source))))
        return 0
    report = {}
    for source, facts, split_name in docs:
        drafts = draft_text(source.text, source.id, table, reader).drafts
        report[source.id] = score(source, drafts, curated(facts, source), rules_file, split_name)
    rows = list(report.values())
    for split_name in ("development", "held-out"):
        report[f"{split_name} (pooled)"] = pooled([row for row in rows if row["split"] == split_name])
    report["all (pooled)"] = pooled([row for row in rows if row["split"] != "fixture"])
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return 0
    rows = rows_of(report)
    widths = [26, 11, 7, 6, 6, 6, 6, 6, 5, 4, 6]
    for row in [COLUMNS, *rows]:
        print(
            " ".join(f"{cell:{'<' if n == 0 else '>'}{w}}" for n, (cell, w) in enumerate(zip(row, widths, strict=True)))
        )
    if args.record:
        from results import record  # beside this script: benchmarks/results.py

        print(f"recorded in {record('curation', sys.argv[1:], COLUMNS, rows)}")
    return 0


COLUMNS = ["source", "split", "curated", "drafts", "recall", "prec", "stance", "cert", "guard", "opp", "touch"]


def rows_of(report: dict) -> list[list[str]]:
    """The report as rows of text, one per source and pooled split, in COLUMNS' order."""
    rows = []
    for source_id, row in report.items():
        rates = [
            f"{row[k]:.2f}" if row[k] is not None else "-"
            for k in ("recall", "precision", "stance_agreement", "certainty_agreement")
        ]
        counts = [str(row[k]) for k in ("guard_contradictions", "opposite_polarity")]
        touch = f"{row['touched'] / row['sentences']:.2f}"
        rows.append([source_id, row["split"], str(row["curated"]), str(row["drafts"]), *rates, *counts, touch])
    return rows


if __name__ == "__main__":
    sys.exit(main())
