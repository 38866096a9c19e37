"""What the tests share, in one module: paths, entity IRIs, curated counts, the CLI runner, graph comparison."""

import hashlib
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml
from rdflib import BNode, Dataset, Graph
from rdflib.compare import IsomorphicGraph, to_isomorphic
from rdflib.term import Node

from oncokg.project import Project
from oncokg.vocab import BASE

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

IMATINIB = BASE + "imatinib"
SUNITINIB = BASE + "sunitinib"
REGORAFENIB = BASE + "regorafenib"
TRASTUZUMAB = BASE + "trastuzumab"
KIT = BASE + "KIT"
HER2 = BASE + "HER2"
KIT_INHIBITOR = BASE + "KITInhibitor"
PDGFRA_INHIBITOR = BASE + "PDGFRAInhibitor"
HER2_DIRECTED = BASE + "HER2DirectedTherapy"
MOLECULAR_TARGET = BASE + "MolecularTarget"
BIOMARKER_DEPENDENT = BASE + "BiomarkerDependentTherapy"


@cache
def _expectations() -> dict:
    return yaml.safe_load((ROOT / "tests" / "expectations.yaml").read_text(encoding="utf-8"))


def local(iri: str) -> str:
    """An OncoKG IRI's local name, as the case tables write it."""
    return iri.removeprefix(BASE)


def expected(key: str):
    """A count (or list) that follows from the curated data, from tests/expectations.yaml: a curator updates it there."""
    value = _expectations()
    for part in key.split("."):
        value = value[part]
    return value


SOURCE_IDS = tuple(expected("sources"))


def copy_project(target: Path) -> Project:
    """A copy of the project's inputs that a test may break."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, target / name)
    return Project(target)


def oncokg_process(*args, root=None, env=None) -> subprocess.CompletedProcess:
    """The real command, in a child process, as a user runs it."""
    command = [sys.executable, "-m", "oncokg", *args] + (["--root", str(root)] if root else [])
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}, check=False
    )


def oncokg(*args, root=None, env=None) -> subprocess.CompletedProcess:
    """The command's entry point (`oncokg.cli.main`, the same one the script runs) called in this process
    (`oncokg.cli.run`): the exit status and output a user sees, without a new interpreter per call.
    `oncokg_process` runs a real child process."""
    from oncokg.cli import run

    argv = [*args] + (["--root", str(root)] if root else [])
    status, out, err = run(argv, env)
    return subprocess.CompletedProcess(["oncokg", *argv], status, out, err)


def assert_one_line_error(result, *fragments) -> str:
    """Exit status 1 and one `oncokg: error:` line holding each fragment, no traceback; the line."""
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oncokg: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def put_mapping_row(mappings_dir: Path, old: str, new: str) -> None:
    """Replace the first `old` in the SSSOM mapping set of a mappings folder (the project's, or its
    build's copy, which the exports read) by `new` (to break a row)."""
    path = mappings_dir / "oncokg.sssom.tsv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def named_individuals(project: Project) -> int:
    """How many entities the ontology names: each is one KGX node."""
    from oncokg.curation.ontology import Vocabulary, load_ontology

    return len(Vocabulary.from_graph(load_ontology(project.ontology_dir)).entities)


def fixture_built(project, text: str | None = None):
    """The hand-made statement graph (tests/fixtures/statements.trig) as an export input."""
    from oncokg.curation.mappings import load_mapping_sets
    from oncokg.export.built import Built

    dataset = Dataset()
    dataset.parse(data=text or (FIXTURES / "statements.trig").read_text(encoding="utf-8"), format="trig")
    return Built(dataset, load_mapping_sets(project.mappings_dir), project.mappings_dir)


class NotATree(Exception):
    """The blank nodes of a graph are not a forest."""


def canonical(triples: Iterable[tuple[Node, Node, Node]]) -> Counter | IsomorphicGraph:
    """A form of a graph (a Graph or any iterable of triples) that is equal for two graphs exactly when
    they are isomorphic, so that one graph can be compared with many. Where blank nodes form trees (each
    the object of at most one triple), as they do here, each is named by a hash of what it describes,
    which is exact and much faster than rdflib's general canonicalization, used otherwise. Being a forest
    is kept by isomorphism, so the two forms never meet on isomorphic graphs."""
    unique = set(triples)
    try:
        return _tree_hashed(unique)
    except NotATree:
        graph = Graph()
        for triple in unique:
            graph.add(triple)
        return to_isomorphic(graph)


def same_graph(a: Iterable[tuple[Node, Node, Node]], b: Iterable[tuple[Node, Node, Node]]) -> bool:
    """Isomorphic (see `canonical`)."""
    return canonical(a) == canonical(b)


def _tree_hashed(triples: set[tuple[Node, Node, Node]]) -> Counter:
    if any(n > 1 for n in Counter(o for _, _, o in triples if isinstance(o, BNode)).values()):
        raise NotATree
    described: dict[BNode, list[tuple[Node, Node]]] = {}
    for s, p, o in triples:
        if isinstance(s, BNode):
            described.setdefault(s, []).append((p, o))
    names: dict[BNode, str] = {}

    def name(term) -> str:
        if not isinstance(term, BNode):
            return term.n3()
        if names.get(term) == "":
            raise NotATree
        if term not in names:
            names[term] = ""
            about = sorted((p.n3(), name(o)) for p, o in described.get(term, ()))
            names[term] = "_:" + hashlib.sha256(repr(about).encode()).hexdigest()
        return names[term]

    return Counter((name(s), p.n3(), name(o)) for s, p, o in triples)
