"""Docs that cannot drift: every committed sample and the catalogue reference are what the program
prints now (`python -m oncokg.cli.docs` regenerates them)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # runs every sample command
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


PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def _texts() -> list[tuple[str, str]]:
    """(name, text) of every page, and of the comment header of every data, ontology and query file:
    a header that names a module or file is documentation too."""
    texts = [(page.name, page.read_text(encoding="utf-8")) for page in PAGES]
    for folder in ("data", "ontology", "queries"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".tsv", ".ttl", ".rq", ".yaml"):
                lines = path.read_text(encoding="utf-8").splitlines()
                body = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
                texts.append((path.relative_to(ROOT).as_posix(), "\n".join(lines[:body])))
    return texts


# dotted names that are no module: file names, host names, and the wheel's package data (setup.py's RESOURCES)
NOT_A_MODULE = re.compile(
    r"\.(ttl|trig|tsv|nq|nt|owl|obo|json|jsonld|jsonl|yaml|rdf|graphml|csv|cff|md|rq|py|svg|png)$"
    r"|\.example\.org$|^oncokg\.resources\b"
)


def test_every_module_the_docs_name_can_be_imported():
    """`python -m oncokg.identifiers` in a header outlived the module's move to oncokg.vocab (review 12b, D6)."""
    import importlib

    missing = []
    for name, text in _texts():
        for dotted in set(re.findall(r"(?<![\w/.-])oncokg(?:\.\w+)+", text)):
            if NOT_A_MODULE.search(dotted):
                continue
            parts = dotted.split(".")
            for cut in range(len(parts), 0, -1):
                try:
                    found = importlib.import_module(".".join(parts[:cut]))
                    break
                except ImportError:
                    continue
            for attribute in parts[cut:]:
                found = getattr(found, attribute, None)
            if found is None:
                missing.append((name, dotted))
    assert not missing, missing


def test_every_file_the_docs_name_exists():
    named = {
        (name, path)
        for name, text in _texts()
        for path in re.findall(r"\b((?:src/oncokg|tests|benchmarks)/[\w/]+\.(?:py|yaml))\b", text)
    }
    assert named, "the docs name files of the repository"
    missing = sorted((name, path) for name, path in named if not (ROOT / path).exists())
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


def test_the_counts_the_pathway_guide_gives_are_the_tables():
    """The guide said 107 patient states when the table held 108 (review 12b, E1 claim 3 checked by hand)."""
    import yaml

    text = " ".join((ROOT / "docs" / "pathways.md").read_text(encoding="utf-8").split())
    cases = ROOT / "tests" / "pathway"

    def rows(*names: str) -> int:
        return sum(len(yaml.safe_load((cases / name).read_text(encoding="utf-8"))) for name in names)

    claimed = re.search(r"pathway_cases\.yaml\)? holds (\d+) patient states", text)
    assert claimed and int(claimed.group(1)) == rows("pathway_cases.yaml")
    fresh = sorted(p.name for p in cases.glob("fresh_cases*.yaml"))
    claimed = re.search(r"hold (\d+) patients written", text)
    assert claimed and int(claimed.group(1)) == rows(*fresh)
    assert f"[`{fresh[0]}`]" in text and f"[`{fresh[-1]}`]" in text


def test_the_export_table_is_the_export_registry():
    """docs/exports.md's table of formats is generated from `oncokg.export.FORMATS` (each `purpose`):
    a format registered, removed or reworded without regenerating the page fails here, without a build."""
    from oncokg.cli.docs import export_formats_table

    page = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    table = re.search(r"^<!-- export formats -->\n.*?^<!-- /export formats -->$", page, re.MULTILINE | re.DOTALL)
    assert table is not None, "docs/exports.md has no <!-- export formats --> table"
    assert table.group(0) == export_formats_table(), "run `python -m oncokg.cli.docs` to regenerate"


def test_the_querying_guides_python_session_is_what_python_prints(built, built_project, monkeypatch):
    """docs/querying.md's `pycon` block, run by doctest on the real build: the Python API's values as the
    guide shows them (rdflib's dates and IRIs, pandas' datetime64)."""
    import doctest

    block = re.search(r"```pycon\n(.*?)```", (ROOT / "docs" / "querying.md").read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    monkeypatch.setenv("ONCOKG_ROOT", str(built_project.root))
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "docs/querying.md", "docs/querying.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0 and len(test.examples) >= 5
