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
