"""Shared fixtures: the real project, one real build of it, and scratch copies to break."""

import os
import sys

# The suite starts many interpreters (the workers, CLI children, notebook kernels, HermiT's child). Where
# PYTHONDONTWRITEBYTECODE is set, as in some containers, each compiled every module it imported again, and
# pytest rewrote hypothesis's modules on every run: about 25 s of CPU. The run writes bytecode instead
# (into the gitignored __pycache__ folders), as Python does by default; before the imports below.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import contextlib
import fcntl
import json
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, copy_project
from oncokg.pipeline.build import BuildResult, build
from oncokg.project import MANIFEST, Project
from oncokg.store.local import open_store


@contextlib.contextmanager
def _held(lock: Path):
    """An exclusive lock on a file, held by one test worker at a time."""
    with lock.open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory, worker_id) -> Path:
    """A folder every test worker of this run sees (the run's base folder under xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built_project(shared_dir) -> Project:
    """A copy of the real project, built once for the whole run; shared by the read-only tests and the CLI
    tests of every worker."""
    root = shared_dir / "built"
    with _held(shared_dir / "built.lock"):
        if not root.exists():
            partial = shared_dir / "built.partial"
            partial.mkdir()
            copy_project(partial)
            partial.rename(root)
    return Project(root)


@pytest.fixture(scope="session")
def built(built_project, shared_dir) -> BuildResult:
    """The real build of the real ontology and facts: made by the first worker that needs it (the others
    wait for it, then read its manifest)."""
    with _held(shared_dir / "built.lock"):
        manifest = built_project.build_dir / MANIFEST
        if manifest.is_file():
            return BuildResult(built_project.build_dir.resolve(), json.loads(manifest.read_text(encoding="utf-8")))
        return build(built_project)


@pytest.fixture(scope="session")
def exports(built, built_project, tmp_path_factory):
    """`exports(FORMAT)`: that format exported from the real build, once per worker, on first use (an
    ExportResult). The modules that read them run on one worker (the "export" group), so once per run."""
    from oncokg.export import export

    out = tmp_path_factory.mktemp("exports")
    made: dict = {}

    def exported(fmt: str):
        if fmt not in made:
            made[fmt] = export(built_project, fmt, out / fmt)
        return made[fmt]

    return exported


@pytest.fixture(scope="session")
def store(built):
    return open_store(built.out)


@pytest.fixture(scope="session")
def root(built, built_project) -> Path:
    """The root of the session's built copy, for commands run with --root."""
    return built_project.root


@pytest.fixture(scope="session")
def kg_embedded(built, built_project):
    """The session's build through the embedded store (an OncoKG)."""
    from oncokg.query.client import OncoKG

    return OncoKG.open(root=built_project.root)


@pytest.fixture(scope="session")
def tp(built, built_project):
    """The session's build as treatment pathways (a TreatmentPathways), projected once per worker."""
    from oncokg.pathway import TreatmentPathways

    return TreatmentPathways.open(root=built_project.root)


@pytest.fixture
def scratch(tmp_path) -> Project:
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def oxigraph_endpoint(built, tmp_path_factory):
    """A real oxigraph server, loaded through the Graph Store Protocol (`oncokg push`)."""
    from engines import oxigraph_server
    from oncokg.project import TRIG
    from oncokg.store.push import push

    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as (query_url, gsp_url):
        push(built.out / TRIG, gsp_url)
        yield query_url


@pytest.fixture(scope="session")
def virtuoso_endpoint(built, tmp_path_factory):
    """A private Virtuoso 7, loaded through its digest-authenticated Graph Store endpoint."""
    from engines import require_virtuoso, virtuoso_server
    from oncokg.project import TRIG
    from oncokg.store.push import push

    reason = require_virtuoso()
    if reason:
        print(f"\nskipping Virtuoso tests: {reason}")
        pytest.skip(reason)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as (query_url, gsp_url):
        push(built.out / TRIG, gsp_url, user="dba", password="dba", auth="digest")
        yield query_url


# the servers take their start and a push of the whole graph: slow
SERVERS = [pytest.param(name, marks=pytest.mark.slow) for name in ("oxigraph-server", "virtuoso")]


@pytest.fixture(scope="session", params=["embedded", *SERVERS])
def kg(request, built_project, built):
    """The graph through each backend: the same tests run on every engine."""
    from oncokg.query.client import OncoKG

    if request.param == "embedded":
        return OncoKG.open(root=built_project.root)
    fixture = "oxigraph_endpoint" if request.param == "oxigraph-server" else "virtuoso_endpoint"
    return OncoKG.open(store="sparql:" + request.getfixturevalue(fixture), root=built_project.root)


@pytest.fixture
def scratch_built(scratch, built) -> Project:
    """A scratch copy of the inputs with a copy of the session's build of the same inputs (no second build)."""
    shutil.copytree(built.out, scratch.build_dir, symlinks=True)
    return scratch
