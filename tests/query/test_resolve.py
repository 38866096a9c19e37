"""The name resolver on a tiny hand-made index (no build needed): labels, synonyms, brand names,
spellings, CURIEs, and the one-line errors for ambiguous and unknown names."""

import pytest

from oncokg.errors import OncoKGError
from oncokg.query.resolve import Resolver, regimen_parts
from oncokg.vocab import BASE

GIST, IMATINIB, HER2_PROTEIN, HER2_GENE = (BASE + n for n in ("gist", "imatinib", "HER2", "ERBB2"))


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    names = [
        ("gastrointestinal stromal tumour", GIST),
        ("GIST", GIST),
        ("imatinib", IMATINIB),
        ("Gleevec®", IMATINIB),
        ("HER2", HER2_PROTEIN),
        ("HER2", HER2_GENE),
    ]
    labels = [
        (GIST, "gastrointestinal stromal tumour"),
        (IMATINIB, "imatinib"),
        (HER2_PROTEIN, "HER2"),
        (HER2_GENE, "ERBB2"),
    ]
    mappings = [(IMATINIB, "http://purl.obolibrary.org/obo/CHEBI_45783")]
    return Resolver.from_rows(
        [{"name": n, "s": s} for n, s in names],
        [{"s": s, "label": label} for s, label in labels],
        [{"s": s, "o": o} for s, o in mappings],
        {"oncokg": BASE, "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_"},
    )


@pytest.mark.parametrize(
    "text",
    ["imatinib", "IMATINIB", "gleevec", "Gleevec®", "  Gleevec ", "CHEBI:45783", "chebi:45783", "oncokg:imatinib"],
)
def test_labels_synonyms_brand_names_and_curies_name_one_entity(resolver, text):
    assert resolver.resolve(text, "drug") == IMATINIB


def test_british_and_american_spellings_both_resolve(resolver):
    assert resolver.resolve("gastrointestinal stromal tumor", "cancer") == GIST
    assert resolver.resolve("Gastrointestinal Stromal Tumour", "cancer") == GIST


def test_a_name_of_two_entities_is_ambiguous_and_lists_their_curies(resolver):
    with pytest.raises(OncoKGError, match=r"target 'HER2' is ambiguous: .*oncokg:ERBB2.*oncokg:HER2.*use a CURIE"):
        resolver.resolve("HER2", "target")
    assert resolver.resolve("oncokg:ERBB2", "target") == HER2_GENE


def test_an_unknown_name_suggests_close_ones_and_a_long_text_is_not_echoed_whole(resolver):
    with pytest.raises(OncoKGError, match=r"unknown drug 'Gleevek'; did you mean 'gleevec'"):
        resolver.resolve("Gleevek", "drug")
    with pytest.raises(OncoKGError) as caught:
        resolver.resolve("x" * 5000, "drug")
    assert "5,000 characters" in str(caught.value) and len(str(caught.value)) < 200


def test_curies_and_labels_of_iris(resolver):
    assert resolver.label(IMATINIB) == "imatinib"
    assert resolver.converter.compress("http://purl.obolibrary.org/obo/CHEBI_45783") == "CHEBI:45783"


def test_a_regimen_is_split_as_the_sources_write_it():
    assert regimen_parts("trastuzumab with chemotherapy") == ["trastuzumab", "chemotherapy"]
    assert regimen_parts("trastuzumab + chemotherapy") == ["trastuzumab", "chemotherapy"]
    assert regimen_parts("imatinib") == ["imatinib"]
