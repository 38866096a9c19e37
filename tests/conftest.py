"""Shared fixtures: the real project, one real build of it, and scratch copies to break."""

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from oncokg.pipeline.build import build
from oncokg.project import Project
from oncokg.store.local import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Project:
    """A copy of the real project, built once; shared by the read-only tests and the CLI tests."""
    return copy_project(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def built(built_project):
    """The real build of the real ontology and facts."""
    return build(built_project)


@pytest.fixture(scope="session")
def store(built):
    return open_store(built.out)


def copy_project(target: Path) -> Project:
    """A copy of the project's inputs that a test may break."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, target / name)
    return Project(target)


@pytest.fixture
def scratch(tmp_path) -> Project:
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def oxigraph_endpoint(built, tmp_path_factory):
    """A real oxigraph server, loaded through the Graph Store Protocol (`oncokg push`)."""
    from engines import oxigraph_server
    from oncokg.pipeline.build import TRIG
    from oncokg.store.push import push

    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as (query_url, gsp_url):
        push(built.out / TRIG, gsp_url)
        yield query_url


@pytest.fixture(scope="session")
def virtuoso_endpoint(built, tmp_path_factory):
    """A private Virtuoso 7, loaded through its digest-authenticated Graph Store endpoint."""
    from engines import require_virtuoso, virtuoso_server
    from oncokg.pipeline.build import TRIG
    from oncokg.store.push import push

    reason = require_virtuoso()
    if reason:
        print(f"\nskipping Virtuoso tests: {reason}")
        pytest.skip(reason)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as (query_url, gsp_url):
        push(built.out / TRIG, gsp_url, user="dba", password="dba", auth="digest")
        yield query_url


@pytest.fixture(scope="session", params=["embedded", "oxigraph-server", "virtuoso"])
def kg(request, built_project, built):
    """The graph through each backend: the same tests run on every engine."""
    from oncokg.query.client import OncoKG

    if request.param == "embedded":
        return OncoKG.open(root=built_project.root)
    fixture = "oxigraph_endpoint" if request.param == "oxigraph-server" else "virtuoso_endpoint"
    return OncoKG.open(store="sparql:" + request.getfixturevalue(fixture), root=built_project.root)
