"""Docs that cannot drift: every committed sample and the catalogue reference are what the program
prints now (`python -m oncokg.cli.docs` regenerates them)."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_committed_samples_match_the_program(built, built_project):
    env = {**os.environ, "ONCOKG_ROOT": str(built_project.root)}
    result = subprocess.run(
        [sys.executable, "-m", "oncokg.cli.docs", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, "run `python -m oncokg.cli.docs` to regenerate:\n" + result.stderr


def test_readme_fits_a_screen_and_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 12_000
    assert "source .venv/bin/activate" in readme
    for document in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text(encoding="utf-8")):
            assert (document.parent / target).exists(), f"{document.name}: broken link {target}"


def test_licences_are_files():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "Attribution 4.0 International" in (ROOT / "LICENSE-DATA").read_text()


def test_the_readme_test_command_is_what_ci_runs():
    root = Path(__file__).resolve().parents[1]
    command = (root / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command in (root / "README.md").read_text(encoding="utf-8").splitlines()


def test_every_file_the_docs_name_exists():
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
    named = {
        (page.name, path)
        for page in pages
        for path in re.findall(r"\b((?:src/oncokg|tests|benchmarks)/[\w/]+\.(?:py|yaml))\b", page.read_text())
    }
    assert named, "the docs name files of the repository"
    missing = sorted((page, path) for page, path in named if not (ROOT / path).exists())
    assert not missing, missing


def test_the_readme_python_runs_without_the_notebooks_extra(built, built_project, monkeypatch):
    """The README's Python block, as a "use it" venv (no pandas needed) would run it."""
    block = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    monkeypatch.setenv("ONCOKG_ROOT", str(built_project.root))
    lines = block.group(1).strip().splitlines()
    namespace: dict = {}
    exec("\n".join(lines[:-1]), namespace)
    records = eval(lines[-1].split("  #")[0], namespace)
    assert records and {"effect", "quote", "source"} <= set(records[0])


def test_every_module_the_data_headers_name_exists():
    """The comment headers of the inputs (`# ... python -m oncokg.vocab.identifiers`) name modules and
    files that exist: prefixes.tsv named a module for a year after it moved (review 2, D6)."""
    headers = {
        path: [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        for folder in ("data", "ontology", "queries")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".tsv", ".ttl", ".rq", ".yaml")
    }
    named = {
        (path.name, name)
        for path, lines in headers.items()
        for line in lines
        for found in re.findall(r"\b(src/oncokg/[\w/]+\.py)\b|python -m (oncokg[\w.]*)", line)
        for name in found
        if name
    }
    assert named, "the headers name modules"
    missing = [
        (file, name)
        for file, name in sorted(named)
        if not (ROOT / name).exists()
        and not (ROOT / "src" / (name.replace(".", "/") + ".py")).exists()
        and not (ROOT / "src" / name.replace(".", "/") / "__init__.py").exists()
    ]
    assert not missing, missing
