"""Every notebook runs top to bottom without error, against a built copy of the project."""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from engines import require_graphviz

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, built, built_project, monkeypatch):
    monkeypatch.setenv("ONCOKG_ROOT", str(built_project.root))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(path, as_version=4)
    if any('prog="dot"' in cell.source for cell in notebook.cells):
        require_graphviz()
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs_or_machine_paths(path):
    notebook = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
    assert not re.search(r"/(?:work|root|tmp|home/\w+)/", path.read_text())
