"""`oncokg build`: write the reasoned, validated graph to build/, replacing the old build atomically.

The new build is written next to the old one (build.new/) and swapped in with two renames; a
failed or interrupted build leaves the previous build in place (an interruption between the two
renames is repaired by the next run).
"""

import gc
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from . import __version__
from .backends import EmbeddedBackend
from .errors import OncoKGError
from .namespaces import INFERRED_GRAPH, MAPPINGS_GRAPH, ONTOLOGY_GRAPH, bind_prefixes
from .pipeline import Assembled, assemble, load_inputs
from .project import Project
from .query import INDEX_FILE, index_rows
from .reasoning import DEFAULT_TIMEOUT
from .stats import graph_stats
from .status import MANIFEST, input_hashes

TRIG = "oncokg.trig"
ONTOLOGY_OUT = "oncokg-reasoned.ttl"
STORE = "store"


@dataclass
class BuildResult:
    """Where the build went and what it holds."""

    out: Path
    manifest: dict


def recover(out: Path) -> None:
    """Repair an interrupted swap and drop a half-written new build."""
    old, new = _sibling(out, "old"), _sibling(out, "new")
    if not out.exists() and old.exists():
        os.rename(old, out)
    for leftover in (old, new):
        if leftover.exists():
            shutil.rmtree(leftover)


def check(assembled: Assembled) -> None:
    """Refuse to write a graph that is inconsistent or invalid."""
    reasoner = assembled.reasoner
    if not reasoner.consistent:
        raise OncoKGError(f"the ontology and facts are inconsistent under HermiT; {reasoner.message}")
    if reasoner.unsatisfiable:
        raise OncoKGError(f"unsatisfiable classes under HermiT: {', '.join(reasoner.unsatisfiable)}")
    if not assembled.report.ok:
        first = assembled.report.violations[0]
        raise OncoKGError(
            f"validation failed with {len(assembled.report.violations)} violation(s), first: "
            f"{first.check} on {first.entity} {first.property} {first.value}; run `oncokg validate` for all"
        )


def build(project: Project, out: Path | None = None, timeout: float = DEFAULT_TIMEOUT) -> BuildResult:
    """Read, check, reason, validate; then write TriG, the reasoned ontology and the store."""
    out = (out or project.build_dir).resolve()
    recover(out)
    hashes = input_hashes(project)
    assembled = assemble(load_inputs(project), timeout)
    check(assembled)
    new = _sibling(out, "new")
    new.mkdir(parents=True)
    try:
        manifest = _write(assembled, new, hashes)
        old = _sibling(out, "old")
        if out.exists():
            os.rename(out, old)
        os.rename(new, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return BuildResult(out, manifest)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    import platform

    found = {"python": platform.python_version()}
    for package in ("pyoxigraph", "rdflib", "owlready2", "pyshacl"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def _write(assembled: Assembled, target: Path, hashes: dict[str, str]) -> dict:
    dataset = assembled.dataset
    dataset.serialize(target / TRIG, format="trig", encoding="utf-8")
    ontology = Graph()
    bind_prefixes(ontology)
    for name in (ONTOLOGY_GRAPH, INFERRED_GRAPH, MAPPINGS_GRAPH):
        ontology += dataset.graph(name)
    ontology.serialize(target / ONTOLOGY_OUT, format="turtle", encoding="utf-8")
    store = pyoxigraph.Store(str(target / STORE))
    store.bulk_load(path=str(target / TRIG), format=pyoxigraph.RdfFormat.TRIG)
    store.optimize()
    stats = graph_stats(store)
    index = index_rows(EmbeddedBackend(store))
    (target / INDEX_FILE).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    del store
    gc.collect()
    manifest = {
        "oncokg_version": __version__,
        "versions": _versions(),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "reasoner": {
            "name": "HermiT (owlready2)",
            "consistent": assembled.reasoner.consistent,
            "seconds": assembled.reasoner.seconds,
            "inferred_types": len(assembled.reasoner.inferred_types),
        },
        "validation": {
            "shacl_conforms": assembled.report.shacl_conforms,
            "qc_checks": assembled.report.qc_checks,
            "violations": len(assembled.report.violations),
        },
        "timings_seconds": {k: round(v, 2) for k, v in assembled.timings.items()},
        "stats": stats,
        "files": {"trig": TRIG, "ontology": ONTOLOGY_OUT, "store": STORE, "index": INDEX_FILE},
        "inputs": hashes,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _sibling(out: Path, suffix: str) -> Path:
    return out.with_name(f"{out.name}.{suffix}")
