"""The layout is the architecture: the layers of docs/architecture.md, checked by import-linter's contract."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "src" / "oncokg"
LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
]


def contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return contract["layers"]


def lint(package_parent: Path):
    env = {"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [*LINT, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_the_package_keeps_its_layers():
    result = lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_against_the_layers_is_caught(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "oncokg", ignore=shutil.ignore_patterns("static", "__pycache__"))
    sources = tmp_path / "oncokg" / "curation" / "sources.py"
    sources.write_text(
        sources.read_text() + "\nfrom oncokg.query.client import OncoKG  # a curation module on the read side\n"
    )
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "oncokg.curation.sources -> oncokg.query.client" in result.stdout


def test_the_architecture_document_shows_the_same_layers():
    text = (ROOT / "docs" / "architecture.md").read_text()
    table = re.search(r"<!-- layers -->\n(.*?)<!-- /layers -->", text, re.S).group(1)
    documented = [row.split("|")[1].strip() for row in table.strip().splitlines()[2:]]
    assert documented == [", ".join(f"`{m}`" for m in layer.split(" | ")) for layer in contract_layers()]


def test_at_most_eight_modules_at_the_top_of_the_package():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 8, modules
    assert all(
        (p / "__init__.py").is_file()
        for p in PACKAGE.iterdir()
        if p.is_dir() and p.name not in {"__pycache__", "static"}
    )


def test_the_public_api_is_importable_from_the_package_and_light_to_import():
    import oncokg

    for name in oncokg.__all__:
        assert getattr(oncokg, name) is not None, name
    script = "import sys, oncokg; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'owlready2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]", "importing oncokg alone loads no RDF library"


def test_the_query_layer_and_the_pathway_reasoner_load_no_rdflib():
    """rdflib is for the build and the exports; a query or a pathway answer needs none of it (it cost
    130-200 ms of `oncokg pathway`'s start when the pathway imported two constants through it)."""
    script = "import sys, oncokg.query.client, oncokg.pathway; print('rdflib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"
