"""`oncokg build`: write the reasoned, validated graph to build/, replacing the old build atomically.

Nothing but a build is ever replaced or deleted: every build folder holds a marker file, written
first, and `--out` pointing at anything else (a file, a folder of the user's) is refused before
any work. The new build is written next to the old one (build.new/) and swapped in with one
atomic exchange (Linux `renameat2`), so there is no moment without a build/; where the exchange
is not available, two renames, and an interruption between them is repaired by the next run.
A lock file (build.lock) makes a second build of the same folder stop with one line.
"""

import ctypes
import errno
import fcntl
import gc
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from oncokg import __version__
from oncokg.curation.mappings import load_mapping_sets
from oncokg.errors import OncoKGError
from oncokg.limits import REASONER_TIMEOUT, seconds
from oncokg.pipeline.assemble import Assembled, assemble, load_inputs
from oncokg.pipeline.stats import graph_stats
from oncokg.pipeline.status import input_hashes
from oncokg.pipeline.vocabularies import external_names
from oncokg.project import (
    BUILD_FILES,
    BUILD_MARKER,
    EXPORT_DIR,
    INDEX_FILE,
    MANIFEST,
    MAPPINGS_DIR,
    ONTOLOGY_OUT,
    PATHWAYS_FILE,
    STORE_DIR,
    TRIG,
    Project,
)
from oncokg.query.projection import save_projection
from oncokg.query.run import index_rows
from oncokg.store.dataset import merge_into_default_graph
from oncokg.store.embedded import EmbeddedBackend
from oncokg.vocab.identifiers import load_identifiers
from oncokg.vocab.rdf import BASE, INFERRED_GRAPH, MAPPINGS_GRAPH, ONTOLOGY_GRAPH, bind_prefixes

_RENAME_EXCHANGE = 2


@dataclass
class BuildResult:
    """Where the build went and what it holds."""

    out: Path
    manifest: dict


def is_build(path: Path) -> bool:
    """A folder `oncokg build` wrote: it holds the marker (or, from before the marker, only build files)."""
    if path.is_symlink() or not path.is_dir():
        return False
    if (path / BUILD_MARKER).is_file():
        return True
    entries = set(os.listdir(path))
    return MANIFEST in entries and entries <= BUILD_FILES


def check_out(out: Path) -> None:
    """Refuse an output that is not a build and not empty: the build replaces the folder whole."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OncoKGError(f"--out {out}: is a file, not a build folder; refusing to replace it (choose a new folder)")
    if out.is_dir() and not is_build(out) and any(out.iterdir()):
        raise OncoKGError(
            f"--out {out}: the folder is not an OncoKG build (no {BUILD_MARKER} file); refusing to replace "
            "what is in it (choose a new or empty folder)"
        )


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold OUT.lock for the whole build; a second build of the same folder stops with one line."""
    lock = _sibling(out, "lock")
    blocked = next((p for p in out.parents if p.exists()), None)
    if blocked is not None and not blocked.is_dir():
        raise OncoKGError(f"--out {out}: {blocked} is a file, not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a+b")  # noqa: SIM115 - opened apart from its `with`, so only the open's error is reworded
    except OSError as exc:
        raise OncoKGError(f"--out {out}: cannot write there: {exc.strerror or exc}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OncoKGError(f"another build is writing {out} (it holds {lock}); wait for it to finish") from None
        yield


def recover(out: Path) -> None:
    """Repair an interrupted swap and drop a half-written new build (only folders that are builds)."""
    old, new = _sibling(out, "old"), _sibling(out, "new")
    if not out.exists() and is_build(old):
        os.rename(old, out)
    for leftover in (old, new):
        if leftover.exists() or leftover.is_symlink():
            if not (is_build(leftover) or (leftover.is_dir() and set(os.listdir(leftover)) <= BUILD_FILES)):
                raise OncoKGError(f"{leftover} is in the way of the build and is not one; move it away")
            shutil.rmtree(leftover)


def swap(new: Path, out: Path) -> None:
    """Put the new build at `out` in one step; the previous build, if any, ends up at `new`."""
    if out.exists():
        libc = ctypes.CDLL(None, use_errno=True)
        exchange = getattr(libc, "renameat2", None)
        if exchange is not None:
            at_cwd = -100
            if exchange(at_cwd, os.fsencode(new), at_cwd, os.fsencode(out), _RENAME_EXCHANGE) == 0:
                return
            if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(out))
        old = _sibling(out, "old")
        os.rename(out, old)
        os.rename(new, out)
        os.rename(old, new)
        return
    os.rename(new, out)


def check(assembled: Assembled) -> None:
    """Refuse to write a graph that is inconsistent or invalid."""
    hermit = assembled.hermit
    if not hermit.consistent:
        raise OncoKGError(f"the ontology and facts are inconsistent under HermiT; {hermit.message}")
    if hermit.unsatisfiable:
        raise OncoKGError(f"unsatisfiable classes under HermiT: {', '.join(hermit.unsatisfiable)}")
    if not assembled.report.ok:
        first = assembled.report.violations[0]
        raise OncoKGError(
            f"validation failed with {len(assembled.report.violations)} violation(s), first: "
            f"{first.check} on {first.entity} {first.property} {first.value}; run `oncokg validate` for all"
        )


def build(project: Project, out: Path | None = None, timeout: float = REASONER_TIMEOUT) -> BuildResult:
    """Read, check, reason, validate; then write TriG, the reasoned ontology and the store."""
    project.require_inputs()
    out = (out or project.build_dir).resolve()
    seconds(timeout, "--reasoner-timeout")
    if out == out.parent:
        raise OncoKGError(f"--out {out}: the root of the file system cannot be a build folder (choose a new folder)")
    check_out(out)  # before the lock too: a refused build leaves no OUT.lock beside the user's files
    with build_lock(out):
        recover(out)
        check_out(out)
        hashes = input_hashes(project)
        assembled = assemble(load_inputs(project), timeout)
        check(assembled)
        external = external_names(load_mapping_sets(project.mappings_dir))
        new = _sibling(out, "new")
        try:
            new.mkdir()
            (new / BUILD_MARKER).write_text("Written by `oncokg build`; the next build replaces this folder whole.\n")
            spellings = load_identifiers(project.mappings_dir).spellings()
            manifest = _write(assembled, new, hashes, external, spellings)
            shutil.copytree(project.mappings_dir, new / MAPPINGS_DIR)  # the exports read them from the build
            _carry_exports(out, new)
            swap(new, out)
        except (OSError, RuntimeError) as exc:
            raise OncoKGError(f"cannot write the build to {new}: {' '.join(str(exc).split())[:200]}") from None
        finally:
            if new.exists():
                shutil.rmtree(new, ignore_errors=True)
    return BuildResult(out, manifest)


def _versions() -> dict[str, str]:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("pyoxigraph", "rdflib", "owlready2", "pyshacl"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def _write(
    assembled: Assembled, target: Path, hashes: dict[str, str], external: tuple[list, list], spellings: dict[str, str]
) -> dict:
    dataset = assembled.dataset
    dataset.serialize(target / TRIG, format="trig", encoding="utf-8")
    ontology = Graph()
    bind_prefixes(ontology)
    for name in (ONTOLOGY_GRAPH, INFERRED_GRAPH, MAPPINGS_GRAPH):
        ontology += dataset.graph(name)
    ontology.serialize(target / ONTOLOGY_OUT, format="turtle", encoding="utf-8")
    store = pyoxigraph.Store(str(target / STORE_DIR))
    store.bulk_load(path=str(target / TRIG), format=pyoxigraph.RdfFormat.TRIG)
    merge_into_default_graph(store)
    store.optimize()
    stats = graph_stats(EmbeddedBackend(store))
    index = index_rows(EmbeddedBackend(store))
    index["vocabulary"], vocabularies = external
    index["prefix_spellings"] = spellings
    (target / INDEX_FILE).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    save_projection(EmbeddedBackend(store), target)
    del store
    gc.collect()
    header = dataset.graph(ONTOLOGY_GRAPH).value(URIRef(BASE + "ontology"), OWL.versionInfo)
    manifest = {
        "data_version": str(header),  # ontology/release.yaml, as the build stamped it on the ontology
        "oncokg_version": __version__,
        "versions": _versions(),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "reasoner": {
            "name": "HermiT (owlready2)",
            "consistent": assembled.hermit.consistent,
            "seconds": assembled.hermit.seconds,
            "inferred_types": len(assembled.hermit.inferred_types),
        },
        "validation": {
            "shacl_conforms": assembled.report.shacl_conforms,
            "qc_checks": assembled.report.qc_checks,
            "violations": len(assembled.report.violations),
        },
        "timings_seconds": {k: round(v, 2) for k, v in assembled.timings.items()},
        "stats": stats,
        "vocabularies": vocabularies,
        "files": {
            "trig": TRIG,
            "ontology": ONTOLOGY_OUT,
            "store": STORE_DIR,
            "index": INDEX_FILE,
            "pathways": PATHWAYS_FILE,
            "mappings": MAPPINGS_DIR,
        },
        "inputs": hashes,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _carry_exports(out: Path, new: Path) -> None:
    """Keep the exports written into the build folder (`oncokg export` writes to build/export/ by
    default): hard links into the new build, so they survive the swap and cost no copy."""
    exports = out / EXPORT_DIR
    if exports.is_dir() and not exports.is_symlink():
        shutil.copytree(exports, new / EXPORT_DIR, symlinks=True, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _sibling(out: Path, suffix: str) -> Path:
    return out.with_name(f"{out.name}.{suffix}")
