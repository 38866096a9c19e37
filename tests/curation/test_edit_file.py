"""The ontology edit file stays in its normal form: one style for every statement, properties in the
model's sections, nothing appended after the named entities (review 12b, D2)."""

import re

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from helpers import ROOT
from oncokg.curation.edit_file import normal_form
from oncokg.errors import OncoKGError

EDIT_FILE = ROOT / "ontology" / "oncokg.ttl"


def test_the_edit_file_is_in_normal_form():
    """A round trip through the writer leaves it unchanged (`python -m oncokg.curation.edit_file` rewrites it)."""
    text = EDIT_FILE.read_text(encoding="utf-8")
    assert normal_form(text) == text


def test_no_section_is_appended_and_no_property_follows_the_named_entities():
    text = EDIT_FILE.read_text(encoding="utf-8")
    assert not re.search(r"^# .*\bAppended\b", text, re.MULTILINE | re.IGNORECASE)
    entities = text[text.index("# Named entities") :]
    declared = re.findall(r"^(\S+) a owl:(?:Object|Datatype|Annotation)Property\b", entities, re.MULTILINE)
    assert not declared, f"properties belong in the model's sections: {declared}"


MESSY = """@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
# a comment stays

ex:b rdfs:label "b"@en ; a ex:C, owl:NamedIndividual ; ex:n 5 ; ex:p ex:z, ex:a .
ex:C rdfs:subClassOf [ owl:someValuesFrom ex:D ; owl:onProperty ex:p ; a owl:Restriction ] .
[] a owl:AllDisjointClasses ; owl:members ( ex:C ex:D ) .
"""

NORMAL = """@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
# a comment stays

ex:b a owl:NamedIndividual, ex:C ;
    rdfs:label "b"@en ;
    ex:n 5 ;
    ex:p ex:a, ex:z .
ex:C
    rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:someValuesFrom ex:D ] .
[] a owl:AllDisjointClasses ;
    owl:members ( ex:C ex:D ) .
"""


def test_any_style_is_written_in_the_one_style_with_the_same_triples():
    assert normal_form(MESSY) == NORMAL
    assert normal_form(NORMAL) == NORMAL
    assert to_isomorphic(Graph().parse(data=MESSY, format="turtle")) == to_isomorphic(
        Graph().parse(data=NORMAL, format="turtle")
    )


@pytest.mark.parametrize(
    "text, said",
    [
        ("@prefix ex: <http://e/> .\nex:a ex:p ex:b ;\n", "line 2: a statement does not end"),
        ("@prefix ex: <http://e/> .\nex:a ex:p .\n", "line 2: not a Turtle statement"),
    ],
)
def test_a_broken_statement_is_one_line_naming_its_line(text, said):
    with pytest.raises(OncoKGError, match=said):
        normal_form(text)
