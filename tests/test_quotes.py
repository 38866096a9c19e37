"""Quotes shown as prose, stored verbatim: the display form drops the sources' Markdown and nothing
else, and every quote the graph keeps is still the source's text at its offsets, markup and all."""

import json
import re

import pytest

from helpers import oncokg
from oncokg.curation.provenance import verify
from oncokg.curation.sources import load_sources
from oncokg.query.client import OncoKG
from oncokg.quotes import prose

MARKUP = re.compile(r"\]\(|\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)")
QUOTES = """SELECT ?source ?quote ?start ?end WHERE {
  ?e oncokg:quote ?quote ; oncokg:quoteStart ?start ; oncokg:quoteEnd ?end ;
     prov:wasDerivedFrom ?s . ?s dcterms:identifier ?source }"""


@pytest.fixture(scope="module")
def stored(built, built_project):
    rows = OncoKG.open(root=built_project.root).sparql(QUOTES).rows
    return [(r["source"].value, r["quote"].value, int(r["start"].value), int(r["end"].value)) for r in rows]


def _letters(text: str) -> str:
    """The words of a text, without link targets and markup characters: what prose must keep."""
    return "".join(re.sub(r"\]\([^()\s]*\)", "", text).translate(str.maketrans("", "", "[]*_")).split())


def test_every_stored_quote_is_verbatim_at_its_offsets(stored, built_project):
    texts = {s.id: s.text for s in load_sources(built_project.sources_dir).values()}
    marked = [q for _, q, _, _ in stored if MARKUP.search(q)]
    assert len(marked) >= 10  # the sources' Markdown is still in the stored quotes
    assert [(s, q) for s, q, a, b in stored if not verify(texts[s], q, a, b)] == []
    assert all(texts[s][a:b].count("*") == q.count("*") for s, q, a, b in stored)


def test_prose_drops_the_markup_and_keeps_every_word(stored):
    for _, quote, _, _ in stored:
        shown = prose(quote)
        assert not MARKUP.search(shown), shown
        assert _letters(shown) == _letters(quote)


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        (
            "Other options include [ablation and embolization](#) for these.",
            "Other options include ablation and embolization for these.",
        ),
        ("(called *hand-foot syndrome*)", "(called hand-foot syndrome)"),
        ("A **surgical oncologist**: a doctor", "A surgical oncologist: a doctor"),
        ("a [link](https://example.org/x) and __strong__ text", "a link and strong text"),
        (
            "5 * 3 and 2 * 4, snake_case_name, [bracketed] (aside)",
            "5 * 3 and 2 * 4, snake_case_name, [bracketed] (aside)",
        ),
    ],
)
def test_prose_examples(quote, shown):
    assert prose(quote) == shown


def test_pathway_json_keeps_the_verbatim_quote_and_adds_its_prose(built, built_project):
    result = oncokg(
        "pathway", "next", "--cancer", "GIST", "--setting", "unresectable", "--format", "json", root=built_project.root
    )
    assert result.returncode == 0, result.stderr
    evidence = [e for o in json.loads(result.stdout)["options"] for e in o["evidence"]]
    marked = [e for e in evidence if e["quote"] != e["prose"]]
    assert marked and all(e["prose"] == prose(e["quote"]) and "](#)" in e["quote"] for e in marked)
    text = oncokg("pathway", "next", "--cancer", "GIST", "--setting", "unresectable", root=built_project.root).stdout
    assert "](#)" not in text and all(e["prose"].split()[0] in text for e in marked)
