"""Wrong or hostile cohort files: refused with one line naming the file or the line; nothing wrong is accepted."""

import json
import subprocess
import sys

import pytest

from oncokg.errors import OncoKGError

pytestmark = pytest.mark.hostile

ONCOKG = [sys.executable, "-m", "oncokg"]


def test_a_cohort_line_nested_too_deep_or_with_a_huge_integer_is_that_lines_error(built_project, built, tmp_path):
    cohort = tmp_path / "c.jsonl"
    good = '{"cancer": "GIST", "setting": "unresectable"}'
    cohort.write_text(
        "\n".join(
            [
                good,
                '{"cancer": ' + "[" * 1000 + "]" * 1000 + ', "setting": "unresectable"}',
                '{"id": NaN, "cancer": "GIST", "setting": "recurrent"}',
                '{"id": ' + "9" * 5000 + "}",
                good,
            ]
        )
        + "\n"
    )
    result = subprocess.run(
        ONCOKG + ["pathway", "cohort", str(cohort), "--root", str(built_project.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in line) for line in lines] == [False, True, True, True, False]
    assert "nests too deeply" in lines[1]["error"] and "NaN is not JSON" in lines[2]["error"]


def test_a_cohort_line_over_the_limit_is_that_lines_error_and_numbering_goes_on(tmp_path, monkeypatch):
    from oncokg.pathway.patient import cohort_lines

    monkeypatch.setenv("ONCOKG_MAX_LINE_BYTES", "100")
    cohort = tmp_path / "c.jsonl"
    cohort.write_text("{}\n" + "x" * 350 + "\n" + "y" * 100 + "\n{}\n")
    lines = list(cohort_lines(cohort))
    assert [n for n, _ in lines] == [1, 2, 3, 4]
    assert [isinstance(line, OncoKGError) for _, line in lines] == [False, True, True, False]
    assert "longer than 100 bytes" in str(lines[1][1])


def test_a_cohort_reads_the_nesting_limit_once_when_it_begins(tp, monkeypatch):
    from oncokg.pathway.cohort import Cohort

    before = Cohort(tp.reasoner, tp.names)
    monkeypatch.setenv("ONCOKG_MAX_JSON_DEPTH", "3")
    now = Cohort(tp.reasoner, tp.names)
    line = '{"cancer": "GIST", "setting": "unresectable", "id": [[[[1]]]]}'
    refused = json.loads(now.answer_line(1, line))
    assert "nests too deeply (more than 3 levels" in refused["error"]
    assert json.loads(before.answer_line(1, line))["id"] == [[[[1]]]]  # begun before: its limit stays
