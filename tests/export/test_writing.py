"""`oncokg export` writes whole or not at all: progress, an existing folder, bad mappings, a failure midway.

The tests that break something work on a copy of the project and its build (`scratch_built`).
"""

import subprocess
import sys

import pytest
from rdflib import Graph

from helpers import put_mapping_row
from oncokg.errors import OncoKGError
from oncokg.export import export
from oncokg.export.atomic import EXPORT_MARKER

pytestmark = pytest.mark.slow  # every export of the real build


def test_progress_reports_each_file_and_the_result_lists_them(built, built_project, tmp_path):
    steps = []
    result = export(built_project, "kgx", tmp_path / "out", progress=lambda step, done, total: steps.append(step))
    assert steps == ["reading the build", "writing oncokg_nodes.tsv", "writing oncokg_edges.tsv", "moving into place"]
    assert [w.path.name for w in result.files] == ["oncokg_nodes.tsv", "oncokg_edges.tsv"]
    listed = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert listed == [EXPORT_MARKER, "oncokg_edges.tsv", "oncokg_nodes.tsv"]
    assert (tmp_path / "out" / EXPORT_MARKER).read_text().split() == ["oncokg_edges.tsv", "oncokg_nodes.tsv"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "nothing is written beside the folder asked for"


def test_an_export_replaces_its_own_files_and_leaves_the_rest(built, built_project, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    export(built_project, "turtle", tmp_path)
    (tmp_path / "oncokg.ttl").write_text("an older export")
    export(built_project, "turtle", tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert Graph().parse(tmp_path / "oncokg.ttl", format="turtle")


def test_a_users_file_of_the_same_name_is_refused_unless_forced(built, built_project, tmp_path):
    """Review 2, finding 8: `export --out mine` replaced the user's own oncokg.ttl without a word."""
    (tmp_path / "oncokg.ttl").write_text("my own notes")
    with pytest.raises(OncoKGError, match=r"oncokg.ttl exists and was not written by `oncokg export`.*--force"):
        export(built_project, "turtle", tmp_path)
    assert (tmp_path / "oncokg.ttl").read_text() == "my own notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oncokg.ttl"]
    export(built_project, "turtle", tmp_path, force=True)
    assert Graph().parse(tmp_path / "oncokg.ttl", format="turtle")


def test_a_killed_exports_leftovers_are_removed_by_the_next(built, built_project, tmp_path):
    """Review 2, finding 21: killed exports left hidden .partial folders that no run removed."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = tmp_path / f"{EXPORT_MARKER}.{gone.stdout.strip()}.0123456789ab.partial"
    leftover.mkdir()
    (leftover / "oncokg.nt").write_text("half")
    export(built_project, "ntriples", tmp_path)
    assert not leftover.exists()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("\tCHEBI:45783\t", "\tCHEBI:4578x\t", "row 2: object_id 'CHEBI:4578x' is not a valid CHEBI identifier"),
        (
            "\tdrugbank:DB00619\t",
            "\tdrugbankx:DB00619\t",
            "row 4: object_id 'drugbankx:DB00619' has a prefix that the project's prefix map",
        ),
    ],
)
def test_a_bad_mapping_stops_every_export_and_writes_nothing(scratch_built, tmp_path, old, new, message):
    put_mapping_row(scratch_built.built_mappings_dir, old, new)
    out = tmp_path / "out"
    for fmt in ("sssom", "turtle"):
        with pytest.raises(OncoKGError, match=message.replace("(", r"\(")):
            export(scratch_built, fmt, out)
    assert not out.exists()


def test_a_failure_while_writing_leaves_no_partial_file(scratch_built, tmp_path):
    table = scratch_built.built_mappings_dir / "biolink.tsv"
    table.write_text(
        "\n".join(line for line in table.read_text().splitlines() if not line.startswith("oncokg:targets\t")),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OncoKGError, match="no Biolink predicate for oncokg:targets"):
        export(scratch_built, "kgx", out)
    assert not list(out.iterdir()), "the nodes file, written first, was not moved into place"


def test_an_unmapped_class_stops_kgx(scratch_built, tmp_path):
    table = scratch_built.built_mappings_dir / "biolink.tsv"
    table.write_text(
        "\n".join(
            line
            for line in table.read_text().splitlines()
            if not line.startswith(("oncokg:Entity\t", "oncokg:CareTeamRole\t"))
        ),
        encoding="utf-8",
    )
    with pytest.raises(OncoKGError, match="no Biolink category for oncokg:"):
        export(scratch_built, "kgx", tmp_path / "out")


def test_no_build_is_a_clear_error(scratch, tmp_path):
    with pytest.raises(OncoKGError, match="run `oncokg build` first"):
        export(scratch, "turtle", tmp_path / "out")


def test_a_write_the_system_refuses_names_the_file_and_leaves_nothing(built, built_project, tmp_path):
    """Review 2, finding 20: a full disk during export said only "No space left on device". The
    operating system's file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) refuses the write as a
    full disk does, at the file being written, with no root or small file system needed."""
    import resource
    import signal

    from helpers import assert_one_line_error

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "oncokg", "export", "--format", "ntriples", "--out", str(out)]
        + ["--root", str(built_project.root)],
        capture_output=True, text=True, timeout=300, preexec_fn=small_files,
    )  # fmt: skip
    assert_one_line_error(result, f"cannot write {out / 'oncokg.nt'}: File too large")
    assert not out.exists() or not list(out.iterdir()), "no partial file is left"
