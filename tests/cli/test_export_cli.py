"""`oncokg export` on the command line: one summary line, the external view's options, one-line errors."""

import pytest

from helpers import assert_one_line_error, named_individuals, oncokg, put_mapping_row
from oncokg.export import FORMATS

pytestmark = pytest.mark.slow  # every export of the real build


def test_cli_writes_and_summarises_in_one_line(built, built_project, tmp_path):
    result = oncokg("export", "--format", "kgx", "--out", str(tmp_path / "kgx"), root=built_project.root)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert "\n" not in line and line.startswith(f"exported kgx to {tmp_path / 'kgx'}")
    assert (
        "oncokg_nodes.tsv" in line
        and f"{named_individuals(built_project)} nodes" in line
        and "oncokg_edges.tsv" in line
    )
    assert (tmp_path / "kgx" / "oncokg_edges.tsv").is_file()


def test_cli_as_external_with_a_chosen_target(built, built_project, tmp_path):
    result = oncokg(
        "export",
        "--format",
        "ntriples",
        "--as-external",
        "--target",
        "mondo",
        "--out",
        str(tmp_path),
        root=built_project.root,
    )
    assert result.returncode == 0, result.stderr
    assert "2 entities replaced (MONDO 2)" in result.stdout
    assert "<http://purl.obolibrary.org/obo/MONDO_0011719>" in (tmp_path / "oncokg-external.nt").read_text()


def test_a_missing_or_unknown_format_is_a_usage_error(built, built_project):
    """Exit status 2, as for any usage error, with the formats there are."""
    for args, said, known in (
        (("--format", "xlsx"), "Invalid value for '--format': 'xlsx' is not one of", "'turtle', 'ntriples'"),
        ((), "no --format given", "turtle, ntriples"),
    ):
        result = oncokg("export", *args, root=built_project.root)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1, result.stderr
        assert lines[0].startswith(f"oncokg: error: {said}") and known in lines[0]
        assert all(name in lines[0] for name in FORMATS)


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("--format", "turtle", "--target", "MONDO"), ("--target applies only with --as-external",)),
        (("--format", "sssom", "--as-external"), ("--as-external does not apply to sssom",)),
        (
            ("--format", "turtle", "--as-external", "--target", "MONDO,NOPE"),
            ("unknown target vocabulary 'NOPE'", "CHEBI"),
        ),
    ],
)
def test_cli_bad_options_are_one_line_errors(built, built_project, args, fragments):
    line = assert_one_line_error(oncokg("export", *args, root=built_project.root))
    for fragment in fragments:
        assert fragment in line


def test_cli_unwritable_output_is_a_assert_one_line_error(built, built_project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    line = assert_one_line_error(
        oncokg("export", "--format", "turtle", "--out", str(blocker / "out"), root=built_project.root)
    )
    assert f"cannot write to {blocker / 'out'}" in line
    line = assert_one_line_error(oncokg("export", "--format", "turtle", "--out", str(blocker), root=built_project.root))
    assert "is not a folder" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_cli_bad_mapping_is_a_one_line_error_and_writes_nothing(scratch_built, tmp_path):
    put_mapping_row(scratch_built.built_mappings_dir, "\tMONDO:0011719\t", "\tMONDO:11719\t")
    line = assert_one_line_error(
        oncokg("export", "--format", "sssom", "--out", str(tmp_path / "out"), root=scratch_built.root)
    )
    assert "'MONDO:11719' is not a valid MONDO identifier" in line and "oncokg.sssom.tsv: row" in line
    assert not (tmp_path / "out").exists()
