"""Wrong or hostile YAML, fact files, sources, mapping sets and ontology imports: refused with one line naming the file or the line; nothing wrong is accepted."""

import json
import subprocess
import sys
import time

import pytest

from oncokg.curation.ontology import load_ontology
from oncokg.curation.provenance import locate_all
from oncokg.curation.sources import load_sources
from oncokg.curation.yaml_io import parse_yaml
from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import load_inputs

pytestmark = pytest.mark.hostile

ONCOKG = [sys.executable, "-m", "oncokg"]


def fact_file(project, facts_yaml: str) -> "Path":  # noqa: F821 - a pathlib.Path
    """A fact file for the first source, written into the scratch project."""
    sources = load_sources(project.sources_dir)
    source = next(iter(sources.values()))
    path = project.facts_dir / "zz-test.yaml"
    path.write_text(f"source: {source.id}\nfacts:\n{facts_yaml}", encoding="utf-8")
    return path


def a_quote(project) -> tuple[str, list[int]]:
    source = next(iter(load_sources(project.sources_dir).values()))
    sentence = source.text.strip().split("\n", 1)[0][:40].strip()
    return sentence, list(locate_all(source.text, sentence)[0])


def test_a_duplicate_key_is_refused_with_its_line():
    with pytest.raises(OncoKGError, match=r"f\.yaml: invalid YAML: line 3, column 1: duplicate key 'certainty'"):
        parse_yaml("id: x\ncertainty: established\ncertainty: unclear\n", "f.yaml")


def test_an_alias_bomb_is_refused_before_it_expands():
    lines = ['a0: &a0 ["lol"]'] + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    started = time.monotonic()
    with pytest.raises(OncoKGError, match="expands to more than 1,000,000 values"):
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert time.monotonic() - started < 5


def test_aliases_within_the_bound_still_work():
    assert parse_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml") == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("quote", ['" "', '""', '"\\n\\t"'])
def test_an_empty_or_whitespace_quote_is_refused(scratch, quote):
    path = fact_file(
        scratch,
        f"  - id: empty-quote\n    quote: {quote}\n    at: [0, 1]\n    certainty: hedged\n"
        "    triples: [[imatinib, targets, KIT]]\n",
    )
    with pytest.raises(OncoKGError, match="a quote is empty or only whitespace"):
        load_inputs(scratch, [path])


def test_a_mapping_as_a_literal_is_refused(scratch):
    vocab_graph = load_ontology(scratch.ontology_dir)
    from oncokg.curation.ontology import Vocabulary

    vocab = Vocabulary.from_graph(vocab_graph)
    entity, prop = sorted(vocab.entities)[0], sorted(vocab.datatype_properties)[0]
    text, at = a_quote(scratch)
    path = fact_file(
        scratch,
        f"  - id: literal-map\n    quote: {json.dumps(text)}\n    at: {at}\n"
        f"    certainty: hedged\n    triples: [[{entity}, {prop}, {{nested: map}}]]\n",
    )
    with pytest.raises(OncoKGError, match=f"the object of {prop} is a dict"):
        load_inputs(scratch, [path])


@pytest.mark.parametrize(
    "content, message",
    [
        ("facts: 42\n", "'facts' and 'non_medical' are lists"),
        (b"source: \xff\xfe\n", "not UTF-8 text"),
    ],
)
def test_a_malformed_fact_file_is_one_line(scratch, content, message):
    path = scratch.facts_dir / "zz-bad.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        source = next(iter(load_sources(scratch.sources_dir)))
        path.write_text(f"source: {source}\n{content}", encoding="utf-8")
    with pytest.raises(OncoKGError, match=message) as caught:
        load_inputs(scratch, [path])
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_a_missing_or_folder_fact_file_is_one_line(scratch):
    for path, message in ((scratch.root / "missing.yaml", "No such file"), (scratch.facts_dir, "is a folder")):
        with pytest.raises(OncoKGError, match=message):
            load_inputs(scratch, [path])


def test_a_source_text_that_is_not_utf8_is_one_line(scratch):
    meta = parse_yaml((scratch.sources_dir / "sources.yaml").read_text(encoding="utf-8"), "sources.yaml")
    (scratch.sources_dir / meta["sources"][0]["file"]).write_bytes(b"text \xff\xfe")
    with pytest.raises(OncoKGError, match=r"\(source text\): not UTF-8 text \(invalid byte at offset 5\)"):
        load_sources(scratch.sources_dir)


def test_a_curie_map_that_is_a_list_is_refused(scratch):
    from oncokg.curation.mappings import read_sssom

    path = scratch.mappings_dir / "oncokg.sssom.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#curie_map"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("#  "))
    path.write_text("\n".join(lines[:start] + ["#curie_map: [1, 2]"] + lines[end:]) + "\n", encoding="utf-8")
    with pytest.raises(OncoKGError, match="curie_map maps prefixes"):
        read_sssom(path)


def test_a_remote_import_is_refused_and_a_catalogued_one_is_read_locally(scratch):
    ontology = scratch.ontology_dir / "oncokg.ttl"
    ontology.write_text(
        ontology.read_text(encoding="utf-8")
        + "\n<https://w3id.org/oncokg/ontology> owl:imports <http://127.0.0.1:9/extra.ttl> .\n",
        encoding="utf-8",
    )
    with pytest.raises(OncoKGError, match="is not mapped to a local file .*never fetched"):
        load_ontology(scratch.ontology_dir)
    (scratch.ontology_dir / "extra.ttl").write_text("<http://e/s> <http://e/p> <http://e/o> .\n")
    (scratch.ontology_dir / "catalog-v001.xml").write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        '<uri name="http://127.0.0.1:9/extra.ttl" uri="extra.ttl"/></catalog>'
    )
    graph = load_ontology(scratch.ontology_dir)
    assert len(list(graph.triples((None, None, None)))) > 1000
    assert any(str(s) == "http://e/s" for s in graph.subjects())


@pytest.mark.slow  # loads every input
def test_check_facts_checks_the_mapping_values(scratch):
    path = scratch.mappings_dir / "oncokg.sssom.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    column = lines[header].split("\t").index("confidence")
    row = lines[header + 1].split("\t")
    row[column] = "7"
    lines[header + 1] = "\t".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        ONCOKG + ["check-facts", "--root", str(scratch.root)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "confidence 7.0 is outside [0, 1]" in result.stderr, result.stderr


def test_a_yaml_integer_past_the_digit_limit_is_one_line():
    """Review 2, finding 20: a fact offset of 5,000 digits was an internal ValueError."""
    with pytest.raises(OncoKGError, match=r"^facts.yaml: invalid YAML: Exceeds the limit \(4300 digits\)"):
        parse_yaml("at: [" + "9" * 5000 + ", 1]\n", "facts.yaml")


def test_a_yaml_file_with_too_many_values_is_refused_while_it_is_read(monkeypatch):
    """Review 2, finding 20: the values were counted only once the whole file was read (a 31 MB
    fact file took 75 s and 2.4 GB): here the error past the limit comes first."""
    monkeypatch.setenv("ONCOKG_MAX_YAML_NODES", "1000")
    with pytest.raises(OncoKGError, match="expands to more than 1,000 values"):
        parse_yaml("- a\n" * 2000 + "- [never closed\n", "facts.yaml")


def test_an_iri_with_a_space_in_the_ontology_is_one_line_with_its_place(scratch):
    """Review 2, finding 20: check-facts warned and said ok; the build failed after reasoning."""
    ontology = scratch.ontology_dir / "oncokg.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8") + "\n<http://a b{}> a owl:Class .\n", encoding="utf-8")
    with pytest.raises(OncoKGError, match=r"oncokg.ttl: Turtle syntax error: .*line \d+.*Invalid IRI code point"):
        load_ontology(scratch.ontology_dir)


def test_valid_turtle_nested_past_rdflib_is_one_line_with_its_place(scratch):
    """The first review's finding 18, still open at the second: valid Turtle nested past rdflib's
    recursion limit was called "not valid Turtle (nested too deeply for rdflib, or malformed)",
    with no place to look."""
    ontology = scratch.ontology_dir / "oncokg.ttl"
    text = ontology.read_text(encoding="utf-8") + "\n\n"
    deep = '<http://a/s> <http://a/p> "(" , ' + "(" * 5000 + "1" + ")" * 5000 + " .\n"
    ontology.write_text(text + deep, encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(
        OncoKGError, match=rf"oncokg.ttl: valid Turtle, but .* nest deeper than rdflib can read \(at line {line}\)"
    ):
        load_ontology(scratch.ontology_dir)
