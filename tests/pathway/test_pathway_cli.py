"""`oncokg pathway`: text and JSON answers, whole pathways and drawings, cohorts, and bad input."""

import html
import json
import re
from pathlib import Path

import pytest

from engines import require_graphviz
from helpers import assert_one_line_error, oncokg

FIXTURES = Path(__file__).parents[1] / "fixtures" / "pathway"


def test_text_answer_reads_well_and_ends_with_the_disclaimer(root):
    result = oncokg("pathway", "next", "--patient", str(FIXTURES / "gist-liver-cirrhosis.json"), root=root)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "1. higher-dose imatinib  [hedged]" in text
    assert "why: after imatinib: progression (history 1), the sources give this next" in text
    assert '"If the tumor starts to grow again, it may respond to increasing the dose of imatinib."' in text
    flat = " ".join(text.split())
    assert (
        "caution with cirrhosis, as the source says of embolization [hedged]: "
        '"Embolization does reduce some of the blood supply to the normal liver tissue' in flat
    )
    assert "contraindicated" not in text, "a hedged caution is never a ruling-out"
    assert text.rstrip().endswith("it is not medical advice.")


def test_json_answer_has_the_documented_shape(root):
    result = oncokg(
        "pathway",
        "next",
        "--cancer",
        "GIST",
        "--setting",
        "unresectable",
        "--finding",
        "liver metastases",
        "--finding",
        "cirrhosis",
        "--history",
        "Gleevec:progression",
        "--format",
        "json",
        root=root,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= {"patient", "options", "excluded", "disclaimer"}
    assert answer["patient"]["history"][0]["treatment"] == {"id": "oncokg:imatinib", "label": "imatinib"}
    first = answer["options"][0]
    assert set(first) >= {"id", "label", "rank", "kind", "rationale", "conditions", "evidence"}
    assert (first["id"], first["rank"], first["kind"]) == ("node:gs-ur-dose-escalation", 1, "next")
    assert first["evidence"][0]["source"] == "acs-gist" and first["evidence"][0]["quote"]
    assert first["fired_by"][0]["transition"] == "node:gs-ur-imatinib-to-dose-escalation"
    assert {e["id"]: e["kind"] for e in answer["excluded"]} == {"node:gs-ur-imatinib": "already tried"}
    embolization = next(o for o in answer["options"] if o["id"] == "node:gs-ur-embolization-liver")
    assert [c["finding"]["id"] for c in embolization["cautions"]] == ["oncokg:cirrhosis"]
    assert "not medical advice" in answer["disclaimer"]


def test_biomarker_flag_and_the_her2_exclusion(root):
    result = oncokg(
        "pathway",
        "next",
        "--cancer",
        "stomach cancer",
        "--setting",
        "recurrent",
        "--biomarker",
        "HER2=negative",
        "--format",
        "json",
        root=root,
    )
    answer = json.loads(result.stdout)
    assert answer["patient"]["biomarkers"] == {"HER2": {"id": "oncokg:HER2_negative", "label": "HER2-negative"}}
    assert [e["reason"] for e in answer["excluded"]] == ["needs HER2-positive; the tumour is HER2-negative"]


def test_all_prints_the_whole_tree_once_per_step(root):
    result = oncokg("pathway", "tree", "--cancer", "GIST", "--setting", "unresectable", root=root)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Treatment pathway: gastrointestinal stromal tumour, unresectable")
    assert "├─ on progression -> [2] higher-dose imatinib" in text
    assert "on progression -> [4] regorafenib" in text and "(see above)" in text
    assert text.count("[4] regorafenib") == 1
    assert "[2] ablation  (applies when: no more than a few small liver tumours and liver metastases)  [hedged]" in text
    assert "not medical advice" in text


def test_all_as_json_lists_steps_and_transitions(root):
    result = oncokg("pathway", "tree", "--cancer", "GIST", "--setting", "metastatic", "--format", "json", root=root)
    data = json.loads(result.stdout)
    assert (
        data["pathway"]["id"] == "node:gs-unresectable"
        and "covers gastrointestinal stromal tumour metastatic" in data["notes"][0]
    )
    entries = {s["id"] for s in data["steps"] if s["entry"]}
    assert "node:gs-ur-imatinib" in entries and "node:gs-ur-sunitinib" not in entries
    assert {"from": "node:gs-ur-sunitinib", "to": "node:gs-ur-regorafenib"}.items() <= next(
        t for t in data["transitions"] if t["id"] == "node:gs-ur-sunitinib-to-regorafenib"
    ).items()


@pytest.mark.parametrize("suffix", [".dot", ".mmd"])
def test_graph_as_dot_and_mermaid(root, tmp_path, suffix):
    target = tmp_path / f"gist{suffix}"
    result = oncokg(
        "pathway", "tree", "--cancer", "GIST", "--setting", "unresectable", "--graph", str(target), root=root
    )
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    if suffix == ".dot":
        assert text.startswith(("strict digraph", "digraph"))
        assert 'label="1. imatinib"' in text and 'label="intolerance or progression"' in text
    else:
        assert text.startswith("flowchart TD\n")
        assert 's1("1. imatinib")' in text and '-->|"progression"|' in text


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<svg"), (".png", b"\x89PNG")])
def test_graph_as_svg_and_png(root, tmp_path, suffix, magic):
    require_graphviz()
    target = tmp_path / f"gist{suffix}"
    result = oncokg(
        "pathway",
        "next",
        "--cancer",
        "GIST",
        "--setting",
        "unresectable",
        "--history",
        "imatinib:progression",
        "--graph",
        str(target),
        root=root,
    )
    assert result.returncode == 0, result.stderr
    assert magic in target.read_bytes()[:400]
    if suffix == ".svg":  # a drawing read alone says how to read it, whose it is and that it is no advice
        text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", target.read_text()).split()))
        assert "dashed box: it hedges" in text and "Treating Gastrointestinal Stromal Tumors" in text
        assert "2017-05-17" in text and "not medical advice" in text


def test_cohort_answers_every_line_and_survives_bad_records(root, tmp_path):
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_bytes((FIXTURES / "cohort.jsonl").read_bytes() + b'{"id": "p8", "cancer": "\xff"}\n')
    result = oncokg("pathway", "cohort", str(cohort), root=root)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in lines] == [1, 2, 3, 5, 6, 7, 8, 9, 10]
    by_id = {r["id"]: r for r in lines}
    assert by_id["p1"]["options"][0]["id"] == "node:gs-ur-dose-escalation"
    assert by_id["p2"]["options"][0]["treatment"]["id"] == "oncokg:trastuzumab"
    assert by_id["p3"]["error"].startswith("line 3: field 'history[1].treatment': unknown treatment 'imatinb'")
    assert by_id["p5"]["error"].startswith(
        "line 6: the sources give no pathway for stomach cancer localized resectable"
    )
    assert by_id["p6"]["options"][0]["treatment"]["id"] in {"oncokg:clinical_trial", "oncokg:compassionate_use"}
    same = ("line", "id", "readings")  # one patient written two ways: one answer, each line saying how it read
    assert {k: v for k, v in by_id["p7"].items() if k not in same} == {
        k: v for k, v in by_id["p1"].items() if k not in same
    }
    assert by_id["p7"]["readings"] != by_id["p1"]["readings"]
    errors = {r["line"]: r["error"] for r in lines if "error" in r}
    assert errors[5].startswith("line 5: invalid JSON at column")
    assert errors[7] == "line 7: expected a JSON object with cancer, setting, biomarkers, findings, history, planned"
    assert errors[10] == "line 10: not UTF-8 text"
    assert result.stderr.strip() == "oncokg: answered 4 of 9 records; 5 errors (see their lines)"


def test_numbers_too_large_and_lone_surrogates_are_error_lines(root, tmp_path):
    """Review 2, finding 13: 1e400 came out as `Infinity` (not JSON), and a lone surrogate stopped the run."""
    cohort = tmp_path / "cohort.jsonl"
    records = [
        '{"id": ' + i + ', "cancer": "GIST", "setting": "unresectable"}' for i in ("1", "1e400", '"\\ud800"', "4")
    ]
    cohort.write_text("\n".join(records) + "\n")
    result = oncokg("pathway", "cohort", str(cohort), root=root)
    assert result.returncode == 0, result.stderr
    lines = [
        json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
        for line in result.stdout.splitlines()
    ]
    assert [line["line"] for line in lines] == [1, 2, 3, 4]
    assert "too large" in lines[1]["error"] and "not valid Unicode" in lines[2]["error"]
    assert lines[3]["id"] == 4 and lines[3]["options"]


def test_a_cohort_echoes_every_kind_of_id_as_given(root, tmp_path):
    """An id is the caller's: a number past 64 bits, a float, an accented string, an object all come
    back as the same JSON value, beside an answer."""
    ids = [2**70, -(2**64), 1.5, "patiënt-7 ✓", None, {"site": "A", "n": [1, 2]}, True]
    cohort = tmp_path / "ids.jsonl"
    lines = [json.dumps({"id": i, "cancer": "GIST", "setting": "unresectable"}, ensure_ascii=False) for i in ids]
    cohort.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = oncokg("pathway", "cohort", str(cohort), root=root)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ids
    assert all(a["options"] for a in answers)


@pytest.mark.parametrize(
    "patient, fragment",
    [
        ('{"cancer": "GIST", "setting": "unresectable", "biomarkers": 0}', "field 'biomarkers'"),
        ('{"cancer": "GIST", "setting": "unresectable", "biomarkers": false}', "field 'biomarkers'"),
        ('{"cancer": "GIST", "cancer": "gastric cancer", "setting": "unresectable"}', "'cancer' is given twice"),
    ],
)
def test_falsy_fields_and_duplicate_keys_are_refused(root, tmp_path, patient, fragment):
    """Review 2, finding 22: these were read as empty, or the last key silently won."""
    path = tmp_path / "patient.json"
    path.write_text(patient)
    assert_one_line_error(oncokg("pathway", "next", "--patient", str(path), root=root), fragment)


@pytest.mark.parametrize(
    "where",
    ['"biomarkers": {"HER2": VALUE}', '"findings": [VALUE]', '"biomarkers": {VALUE: "positive"}', "VALUE: 1"],
)
def test_a_huge_value_is_quoted_by_an_excerpt(root, tmp_path, where):
    """Review 2, finding 21: a 31 MB status was echoed whole, in a 31 MB error line."""
    value = json.dumps("x" * 5_000_000)
    path = tmp_path / "patient.json"
    path.write_text('{"cancer": "GIST", "setting": "unresectable", ' + where.replace("VALUE", value) + "}")
    line = assert_one_line_error(oncokg("pathway", "next", "--patient", str(path), root=root), "(5,000,000 characters)")
    assert len(line) < 500


def test_a_cohort_with_nothing_answerable_fails_with_one_line(root, tmp_path):
    cohort = tmp_path / "bad.jsonl"
    cohort.write_text('{"cancer": "GIST"}\nnot json\n')
    result = oncokg("pathway", "cohort", str(cohort), root=root)
    assert_one_line_error(result, "none of its 2 records could be answered")
    assert len(result.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("--patient", str(FIXTURES / "invalid.json")), ("invalid.json: invalid JSON at line 3, column 39",)),
        (("--patient", str(FIXTURES / "unknown-field.json")), ("unknown field 'sex'",)),
        (("--patient", "no-such-file.json"), ("no-such-file.json: No such file",)),
        (("--cancer", "GIST"), ("--setting is needed",)),
        (("--cancer", "GISTT", "--setting", "unresectable"), ("unknown cancer 'GISTT'; did you mean 'GIST'",)),
        (("--cancer", "GIST", "--setting", "unresectable", "--history", "imatinib"), ("expected TREATMENT:OUTCOME",)),
        (("--cancer", "GIST", "--setting", "unresectable", "--biomarker", "HER2"), ("expected NAME=STATUS",)),
        (("--cancer", "GIST", "--setting", "unresectable", "--graph", "out.pdf"), ("cannot draw out.pdf",)),
        (("--patient", str(FIXTURES / "gist-liver-cirrhosis.json"), "--cancer", "GIST"), ("not both",)),
        (("--store", "oxigraph", "--endpoint", "http://127.0.0.1:9/q"), ("either --store or --endpoint",)),
        ((), ("--cancer is needed (or give --patient FILE)",)),
    ],
)
def test_bad_input_gets_one_line_and_exit_1(root, args, fragments):
    assert_one_line_error(oncokg("pathway", "next", *args, root=root), *fragments)


@pytest.mark.parametrize(
    "args, said",
    [
        (("tree", "--cancer", "GIST"), "Missing option '--setting'"),
        (("tree", "--cancer", "GIST", "--setting", "unresectable", "--history", "imatinib:progression"), "--history"),
        (("tree", "--cancer", "GIST", "--setting", "unresectable", "--patient", "p.json"), "--patient"),
        (("cohort", "x.jsonl", "--graph", "x.svg"), "--graph"),
        (("cohort",), "Missing argument 'file'"),
        (("next", "--cohort", "x.jsonl"), "--cohort"),
        (("--cancer", "GIST", "--setting", "unresectable"), "No such option: --cancer"),
    ],
)
def test_a_mixture_of_modes_is_a_usage_error_from_the_parser(root, args, said):
    """Each mode is its own command with only its options: a mixture is refused by the parser (exit 2)
    before anything is read, not by checks the command writes by hand."""
    result = oncokg("pathway", *args, root=root)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("oncokg: error: ") and said in lines[0], result.stderr
