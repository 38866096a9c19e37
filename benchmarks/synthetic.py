"""A synthetic graph of the real build's shape: the corpus replicated with suffixed IRIs, as N-Quads.

Replica 0 is the real graph, unchanged, so the catalogue's example names (Gleevec, GIST...) resolve
to the same IRIs at every size. Replica r copies every instance quad (entities, facts, evidence,
n-ary nodes, mapping axioms, inferred types; one named graph per source and replica) with `_r<r>`
appended to instance IRIs and blank nodes and ` r<r>` to their labels, synonyms, brand names and
titles. The vocabulary is shared: classes, properties, class expressions, the certainty values (the catalogue names
`oncokg:unclear`), and the query catalogue graph. The output is deterministic: no randomness.

    .venv/bin/python benchmarks/synthetic.py --triples 1000000 --out /tmp/oncokg-1M.nq
"""

import argparse
import math
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from oncokg.vocab.rdf import BASE, GRAPH, QUERIES_GRAPH

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOCABULARY_NAMESPACES = (
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
)
SHARED_VALUE_SETS = {BASE + "Certainty"}
NAME_PREDICATES = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    BASE + "brandName",
}
IRI_SUFFIX = "\ue000"  # placeholders (private-use characters), replaced per replica
NAME_SUFFIX = "\ue001"


def shared_iris(quads: list[ox.Quad]) -> set[str]:
    """The vocabulary: predicates, classes, TBox terms, shared value sets and graph names."""
    shared = {q.predicate.value for q in quads}
    for q in quads:
        if q.predicate == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            shared.add(q.object.value)
            kind = q.object.value
            is_vocabulary = kind.startswith(VOCABULARY_NAMESPACES) and not kind.endswith("#NamedIndividual")
            if isinstance(q.subject, ox.NamedNode) and (kind in SHARED_VALUE_SETS or is_vocabulary):
                shared.add(q.subject.value)
        if isinstance(q.graph_name, ox.NamedNode):
            shared.add(q.graph_name.value)
    return shared


def _closure(quads: list[ox.Quad], linked: Callable[[ox.Quad, set[str]], bool]) -> set[str]:
    """The blank nodes of the quads for which `linked(quad, found so far)` holds, to a fixpoint."""
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for q in quads:
            blanks = {t.value for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)}
            if blanks - found and linked(q, found):
                found |= blanks
                changed = True
    return found


def schema_blank_nodes(quads: list[ox.Quad], shared: set[str]) -> set[str]:
    """Blank nodes of the vocabulary: class expressions and lists hanging off shared IRIs."""

    def from_schema(q: ox.Quad, found: set[str]) -> bool:
        subject = q.subject
        return isinstance(q.object, ox.BlankNode) and (subject.value in shared or subject.value in found)

    return _closure(quads, from_schema)


def instance_blank_nodes(quads: list[ox.Quad], is_instance_iri: Callable[[object], bool], schema: set[str]) -> set[str]:
    """Other blank nodes linked, directly or through blank nodes, to an instance IRI (e.g. mapping axioms)."""

    def to_instance(q: ox.Quad, found: set[str]) -> bool:
        terms = (q.subject, q.object)
        if any(isinstance(t, ox.BlankNode) and t.value in schema for t in terms):
            return False
        return any(is_instance_iri(t) or (isinstance(t, ox.BlankNode) and t.value in found) for t in terms)

    return _closure(quads, to_instance)


def templates(quads: list[ox.Quad]) -> tuple[str, str]:
    """N-Quads text of the shared quads (written once) and of one replica, with suffix placeholders."""
    shared = shared_iris(quads)

    def is_instance_iri(term: object) -> bool:
        return isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and term.value not in shared

    schema = schema_blank_nodes(quads, shared)
    blanks = instance_blank_nodes(quads, is_instance_iri, schema)

    def render(term: object, name: bool = False) -> str:
        if is_instance_iri(term):
            return f"<{term.value}{IRI_SUFFIX}>"
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}{IRI_SUFFIX if term.value in blanks else ''}"
        if name and isinstance(term, ox.Literal):
            return str(
                ox.Literal(term.value + NAME_SUFFIX, language=term.language)
                if term.language
                else ox.Literal(term.value + NAME_SUFFIX, datatype=term.datatype)
            )
        return str(term)

    once, replica = [], []
    for q in quads:
        graph = q.graph_name
        if graph.value == str(QUERIES_GRAPH) or q.subject.value in shared or q.subject.value in schema:
            once.append(str(q) + " .\n")
            continue
        g = f"<{graph.value}{IRI_SUFFIX}>" if graph.value.startswith(str(GRAPH) + "source/") else str(graph)
        subject = render(q.subject)
        is_name = q.predicate.value in NAME_PREDICATES and IRI_SUFFIX in subject
        line = f"{subject} {q.predicate} {render(q.object, is_name)} {g} .\n"
        (replica if IRI_SUFFIX in line else once).append(line)
    return "".join(once), "".join(replica)


def generate(source: Path, target: int, out: Path) -> int:
    """Write at least `target` quads (whole replicas) to `out` as N-Quads; the number written."""
    quads = list(ox.parse(path=str(source), format=ox.RdfFormat.from_extension(source.suffix.lstrip("."))))
    for q in quads:
        if any(mark in str(q) for mark in (IRI_SUFFIX, NAME_SUFFIX)):
            raise ValueError(f"{source} already contains a placeholder character")
    once, replica = templates(quads)
    n_once, n_replica = once.count("\n"), replica.count("\n")
    replicas = max(1, math.ceil((target - n_once) / n_replica))
    with out.open("w", encoding="utf-8") as f:
        f.write(once)
        for r in range(replicas):
            suffix = f"_r{r}" if r else ""
            f.write(replica.replace(IRI_SUFFIX, suffix).replace(NAME_SUFFIX, f" r{r}" if r else ""))
    return n_once + replicas * n_replica


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--triples", type=int, required=True, help="target size in quads (rounded up to whole replicas)"
    )
    parser.add_argument("--out", type=Path, required=True, help="N-Quads file to write (put it outside the repository)")
    parser.add_argument("--source", type=Path, default=Path("build/oncokg.trig"), help="the real build's TriG")
    args = parser.parse_args()
    print(f"wrote {generate(args.source, args.triples, args.out):,} quads to {args.out}")


if __name__ == "__main__":
    main()
