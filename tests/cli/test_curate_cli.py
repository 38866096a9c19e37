"""`oncokg curate`: draft, review, accept and reject as a user runs them; bad input is one line."""

import json

import pytest

from helpers import assert_one_line_error, oncokg


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("curate") / "page.txt"
    path.write_text(
        "Treating GIST\n\nImatinib is usually the first treatment for advanced GISTs.\n"
        "Radiation is rarely used for GISTs.\n",
        encoding="utf-8",
    )
    return path


def test_draft_writes_drafts_and_refuses_to_overwrite(built, built_project, page, tmp_path):
    out = tmp_path / "page.draft.yaml"
    result = oncokg("curate", "draft", str(page), "--source-id", "page", "--out", str(out), root=built_project.root)
    assert result.returncode == 0, result.stderr
    assert "2 drafts" in result.stdout
    assert "stance: rarely_used" in out.read_text(encoding="utf-8")
    before = out.read_text(encoding="utf-8")
    again = oncokg("curate", "draft", str(page), "--source-id", "page", "--out", str(out), root=built_project.root)
    assert_one_line_error(again, "exists; give --force")
    assert out.read_text(encoding="utf-8") == before


def test_bad_input_is_one_line(built, built_project, page, tmp_path):
    out = str(tmp_path / "x.yaml")
    assert_one_line_error(
        oncokg("curate", "draft", str(page), "--source-id", "Not OK", "--out", out, root=built_project.root),
        "--source-id",
    )
    missing = str(tmp_path / "missing.txt")
    assert_one_line_error(
        oncokg("curate", "draft", missing, "--source-id", "page", "--out", out, root=built_project.root), "missing.txt"
    )
    assert_one_line_error(oncokg("curate", "review", "nothing-drafted", root=built_project.root), "no draft file")


def test_review_lists_each_draft_beside_its_sentence_then_accept_and_reject(built, built_project, scratch):
    page = built_project.sources_dir / "002_465ad588b655c2f8.txt"
    index = built_project.build_dir / "index.json"
    from oncokg.drafting.draft import draft_document

    _, drafts = draft_document(page, "stomach-targeted-immuno", scratch.facts_dir, index)
    listed = oncokg("curate", "review", "stomach-targeted-immuno", root=scratch.root)
    assert listed.returncode == 0, listed.stderr
    for draft in drafts.drafts:
        assert f"{draft.id}  [" in listed.stdout
        assert repr(draft.sentence.text) in listed.stdout
    assert "source  the sources.yaml entry" in listed.stdout and "review_date: 2019-12-31" in listed.stdout
    for span in drafts.boilerplate:
        assert repr(span.text) in listed.stdout
    already = oncokg("curate", "accept", "stomach-targeted-immuno", "source", root=scratch.root)
    assert_one_line_error(already, "already has a source 'stomach-targeted-immuno'")
    first, second = drafts.drafts[0].id, drafts.drafts[1].id
    assert oncokg("curate", "accept", "stomach-targeted-immuno", first, root=scratch.root).returncode == 0
    assert oncokg("curate", "reject", "stomach-targeted-immuno", second, root=scratch.root).returncode == 0
    after = oncokg("curate", "review", "stomach-targeted-immuno", root=scratch.root).stdout
    assert f"{first}  [" not in after and f"{second}  [" not in after
    assert first in (scratch.facts_dir / "stomach-targeted-immuno.accepted.yaml").read_text(encoding="utf-8")


def _coverage(scratch, source_id):
    result = oncokg("coverage", "--source", source_id, "--json", root=scratch.root)
    assert result.returncode == 0, result.stderr
    return {u["start"]: u for u in json.loads(result.stdout)}


def test_coverage_reads_a_draft_file_the_build_refuses_and_shows_what_is_left(built, built_project, scratch):
    from oncokg.drafting.draft import draft_document

    (scratch.facts_dir / "refractory-overview.yaml").unlink()  # its curated facts: the curator starts again
    text = built_project.sources_dir / "001_7c54840bbf23db31.txt"
    index = built_project.build_dir / "index.json"
    _, drafts = draft_document(text, "refractory-overview", scratch.facts_dir, index)
    units = _coverage(scratch, "refractory-overview")
    waiting = {u["start"]: u for u in units.values() if u["status"] == "drafted"}
    drafted_at = {d.sentence.start for d in drafts.drafts}
    assert drafted_at <= set(waiting) and not any(u["status"] == "covered" for u in units.values())
    first, second = (
        drafts.drafts[0],
        next(d for d in drafts.drafts if d.sentence.start != drafts.drafts[0].sentence.start),
    )
    assert first.id in waiting[first.sentence.start]["facts"]
    others = [d.id for d in drafts.drafts if d.sentence.start == second.sentence.start and d.id != second.id]
    assert oncokg("curate", "accept", "refractory-overview", first.id, root=scratch.root).returncode == 0
    for draft_id in [second.id, *others]:
        assert oncokg("curate", "reject", "refractory-overview", draft_id, root=scratch.root).returncode == 0
    units = _coverage(scratch, "refractory-overview")
    assert units[first.sentence.start]["status"] == "covered"
    assert units[first.sentence.start]["facts"] == [first.id]
    assert units[second.sentence.start]["status"] == "uncovered"
    assert_one_line_error(oncokg("build", root=scratch.root), "is a draft")


def test_coverage_names_a_draft_whose_source_is_not_registered(built, built_project, scratch, page):
    from oncokg.drafting.draft import draft_document

    draft_document(page, "page", scratch.facts_dir, built_project.build_dir / "index.json")
    assert_one_line_error(oncokg("coverage", root=scratch.root), "curate accept page source")
