"""Shared fixtures: the real project, one real build of it, and scratch copies to break."""

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from oncokg.build import build  # noqa: E402
from oncokg.project import Project  # noqa: E402
from oncokg.store import open_store  # noqa: E402

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
