"""The ontology edit file's normal form: every statement in one style, so that a diff shows what a
curator changed and not how they happened to write it (Mondo's and ODK's `normalize` step, for Turtle).

The style: a subject's types on its first line (`oncokg:x a owl:NamedIndividual, oncokg:Drug ;`, OWL's
first), then
one predicate a line, indented four spaces: the label, the synonyms, the definition, then the others
in the order of their names; several values of a predicate on its line in the order of their text;
blank nodes inline (`[ ... ]`) and lists as `( ... )`. Comments, blank lines and the prefixes stay
where they are: the sections (one per kind, `# Object properties`, `# --- Drugs ---` ...) are the
curator's.

    python -m oncokg.curation.edit_file            # rewrite ontology/oncokg.ttl in normal form
    python -m oncokg.curation.edit_file --check    # exit 1 if it is not

>>> print(normal_form('@prefix ex: <http://e/> .\\nex:b ex:p "y", "x" ; a ex:C .'), end="")
@prefix ex: <http://e/> .
ex:b a ex:C ;
    ex:p "x", "y" .
"""

import sys
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from oncokg.errors import OncoKGError
from oncokg.limits import read_text

# the predicates a reader looks for first, in this order; the others follow in the order of their names
FIRST = (RDF.type, OWL.onProperty, RDFS.label, SKOS.altLabel, SKOS.definition)


def normal_form(text: str) -> str:
    """The Turtle text with every statement written in the one style (see the module docstring); the
    statements state the same triples, and the comments, blank lines and prefixes are kept in place."""
    prefixes = [line for line in text.splitlines() if line.startswith("@prefix")]
    out: list[str] = []
    statement: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if statement or (line.strip() and not line.startswith(("#", "@prefix"))):
            statement.append(line)
            if line.rstrip().endswith(" ."):
                out.append(_render("\n".join([*prefixes, *statement]), number))
                statement = []
        else:
            out.append(line.rstrip())
    if statement:
        raise OncoKGError(f"line {number}: a statement does not end with ' .'")
    return "\n".join(out) + "\n"


def _render(turtle: str, line: int) -> str:
    """One statement (with the prefixes it needs) in the one style."""
    graph = Graph()
    try:
        graph.parse(data=turtle, format="turtle")
    except Exception as exc:
        raise OncoKGError(f"line {line}: not a Turtle statement: {str(exc).splitlines()[0]}") from None
    objects = set(graph.objects())
    subjects = [s for s in dict.fromkeys(graph.subjects()) if not (isinstance(s, BNode) and s in objects)]
    if len(subjects) != 1:
        raise OncoKGError(f"line {line}: a statement states one subject (got {len(subjects)})")
    subject = subjects[0]
    head = "[]" if isinstance(subject, BNode) else _term(graph, subject)
    lines = [f"{_predicate(graph, p)} {_objects(graph, subject, p)}" for p in _predicates(graph, subject)]
    first, rest = (lines[0], lines[1:]) if lines[0].startswith("a ") else ("", lines)
    text = head + (f" {first}" if first else "")
    if rest:
        text += (" ;\n    " if first else "\n    ") + " ;\n    ".join(rest)
    return text + " ."


def _predicates(graph: Graph, subject: Node) -> list[Node]:
    def order(p: Node) -> tuple[int, str]:
        return (FIRST.index(p) if p in FIRST else len(FIRST), _predicate(graph, p))

    return sorted(set(graph.predicates(subject)), key=order)


def _predicate(graph: Graph, p: Node) -> str:
    return "a" if p == RDF.type else _term(graph, p)


def _objects(graph: Graph, subject: Node, p: Node) -> str:
    """The values in the order of their text; for types, OWL's own first (`a owl:NamedIndividual, oncokg:Drug`)."""
    written = (_term(graph, o) for o in graph.objects(subject, p))
    return ", ".join(sorted(written, key=lambda text: (p != RDF.type or not text.startswith("owl:"), text)))


def _term(graph: Graph, term: Node) -> str:
    """A term as Turtle: a CURIE where a prefix fits, literals in their short form where there is one,
    blank nodes inline and lists as ( ... )."""
    if isinstance(term, BNode):
        if graph.value(term, RDF.first) is not None:
            return "( " + " ".join(_term(graph, item) for item in Collection(graph, term)) + " )"
        inner = " ; ".join(f"{_predicate(graph, p)} {_objects(graph, term, p)}" for p in _predicates(graph, term))
        return f"[ {inner} ]"
    if isinstance(term, Literal):
        return term._literal_n3(use_plain=True, qname_callback=graph.namespace_manager.normalizeUri)
    if isinstance(term, URIRef):
        return term.n3(graph.namespace_manager)
    raise OncoKGError(f"cannot write {term!r}")


def main(argv: list[str]) -> int:
    from oncokg.curation.ontology import ONTOLOGY_FILE
    from oncokg.project import Project

    path = Project.find().ontology_dir / ONTOLOGY_FILE
    try:
        text = read_text(path)  # under the file limit, as the build reads it; its error names the file
    except OncoKGError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        normal = normal_form(text)
    except OncoKGError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    if normal == text:
        return 0
    if "--check" in argv:
        print(f"{path} is not in normal form: run python -m oncokg.curation.edit_file", file=sys.stderr)
        return 1
    Path(path).write_text(normal, encoding="utf-8")
    print(f"rewrote {path} in normal form", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
