"""The name resolver on a tiny hand-made index (no build needed): labels, synonyms, brand names,
spellings, CURIEs, and the one-line errors for ambiguous and unknown names."""

import pytest

from oncokg.errors import OncoKGError
from oncokg.query.kinds import NAME_KINDS
from oncokg.query.resolve import Resolver, regimen_parts
from oncokg.store.results import Value
from oncokg.vocab import BASE, XSD

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
    with pytest.raises(OncoKGError, match=r"unknown drug 'Gleevek'; did you mean 'Gleevec'"):
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


# A typed index: each entity with its classes, as the build writes it (build/index.json).
TYPED = {
    "gist": ("Cancer", ["gastrointestinal stromal tumour", "GIST"]),
    "gastric_cancer": ("Cancer", ["stomach cancer", "gastric cancer"]),
    "cancer_in_general": ("Cancer", ["cancer (any type)", "cancer"]),
    "imatinib": ("Drug Treatment", ["imatinib", "Gleevec"]),
    "pembrolizumab": ("Drug Treatment", ["pembrolizumab", "Keytruda"]),
    "liver_metastases": ("ClinicalFeature", ["liver metastases", "spread to the liver"]),
    "liver_metastatic": ("DiseaseState", ["metastatic to the liver", "spread to the liver"]),
    "hepatitis": ("ClinicalFeature", ["hepatitis"]),
    "bleeding": ("ClinicalFeature", ["bleeding"]),
    "high_risk": ("ClinicalFeature", ["high risk"]),
    "progression": ("TransitionTrigger", ["progression"]),
    "imatinib_dose_escalation": ("Treatment", ["higher-dose imatinib"]),
    "surgery": ("Treatment", ["surgery"]),
    "supportive_care": ("Treatment", ["supportive care"]),
    "complete_resection": ("TransitionTrigger", ["complete resection"]),
    "limited_spread": ("ClinicalFeature", ["spread to only 1 or 2 sites in the abdomen"]),
    "infection_risk": ("ClinicalFeature", ["low white blood cells"]),
    "intermediate_risk": ("ClinicalFeature", ["intermediate risk"]),
    "intolerance": ("TransitionTrigger", ["intolerance"]),
    "serious": ("Severity", ["severe"]),
    "stomach": ("AnatomicalSite", ["stomach"]),
    "fatigue": ("ClinicalFeature", ["fatigue"]),
}


@pytest.fixture(scope="module")
def typed() -> Resolver:
    names, labels, types = [], [], []
    for local, (classes, written) in TYPED.items():
        labels.append({"s": BASE + local, "label": written[0]})
        names += [{"s": BASE + local, "name": n, "preferred": n == written[0]} for n in written]
        types += [{"s": BASE + local, "class": BASE + c} for c in classes.split()]
    vocabulary = [
        {"s": BASE + "imatinib", "name": "glivec", "how": "a name in a drug vocabulary"},
        {
            "s": BASE + "fatigue",
            "name": "Lethargy",
            "how": "a kind of it in a phenotype vocabulary",
            "relation": "broader",
        },
    ]
    mappings = [{"s": BASE + "imatinib", "o": "https://go.drugbank.com/drugs/DB00619"}]
    prefixes = {"oncokg": BASE, "drugbank": "https://go.drugbank.com/drugs/"}
    return Resolver.from_rows(names, labels, mappings, prefixes, types, vocabulary)


@pytest.mark.parametrize(
    ("text", "kind", "local", "how"),
    [
        ("Tumours in the liver".replace("Tumours in the", "spread to the"), "finding", "liver_metastases", ""),
        ("liver mets", "finding", "liver_metastases", "with the abbreviation written out"),
        ("metastases, liver", "finding", "liver_metastases", "with its words in another order"),
        ("Gastro-intestinal stromal tumors", "cancer", "gist", ""),
        ("cancer of the stomach", "cancer", "gastric_cancer", "another order"),
        ("gastric adenocarcinoma", "cancer", "gastric_cancer", "the broader cancer the sources name"),
        ("metastatic gastric cancer", "cancer", "gastric_cancer", "its disease state belongs in the setting"),
        ("pancreatic cancer", "cancer", "cancer_in_general", "a cancer no source names"),
        ("gastric GIST", "cancer", "gist", "the broader cancer the sources name"),
        ("non-small cell stomach cancer", "cancer", "gastric_cancer", "the broader cancer"),
        ("imatinib mesylate", "treatment", "imatinib", "the drug given as a salt"),
        ("Glivec", "treatment", "imatinib", "a name in a drug vocabulary"),
        ("DB00619", "treatment", "imatinib", "the drugbank identifier DB00619"),
        ("lethargy", "finding", "fatigue", "a kind of it"),
        ("hepatitis B", "finding", "hepatitis", "the broader finding the sources name"),
        ("severe toxicity", "outcome", "intolerance", "the broader outcome"),
        ("relapse", "outcome", "progression", "the word the sources use"),
        ("PD", "outcome", "progression", ""),
        ("high-dose Gleevec", "treatment", "imatinib_dose_escalation", "the names inside it read as the graph's"),
        ("partial gastrectomy", "treatment", "surgery", "a surgical removal (-ectomy)"),
        ("BSC", "treatment", "supportive_care", "the broader treatment"),
        ("R0 resection", "outcome", "complete_resection", "the word the sources use"),
        ("spread to only 2 sites in the abdomen", "finding", "limited_spread", "the broader finding"),
        ("Keytruda tablets", "treatment", "pembrolizumab", "read without the word 'tablets'"),
        ("supportive-care medicines", "treatment", "supportive_care", "read without the word 'medicines'"),
    ],
)
def test_each_rule_reads_the_entity_and_says_how(typed, text, kind, local, how):
    if text == "PD":  # a whole-answer abbreviation: "progressive disease", not a name here
        with pytest.raises(OncoKGError, match="unknown outcome 'PD'"):
            typed.read(text, kind)
        return
    found = typed.read(text, kind)
    assert found.iri == BASE + local
    assert how in found.how if how else found.how == ""


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("Keytruda", "cancer", "'Keytruda' names pembrolizumab, a treatment, not a cancer"),
        ("increased risk of bleeding", "finding", "unknown finding"),
        ("no bleeding", "finding", "unknown finding"),
        ("history of hepatitis", "finding", "unknown finding"),
        ("suspected hepatitis", "finding", "unknown finding"),
        ("possible bleeding", "finding", "unknown finding"),
        ("hepatitis excluded", "finding", "unknown finding"),
        ("hepatitis and bleeding", "finding", "unknown finding"),
        ("imatinib 800 mg", "treatment", "unknown treatment"),
        ("banana cancer", "cancer", "unknown cancer"),
        ("spread to the liver", "cancer", "names more than one entity"),
        ("stomach Keytruda", "treatment", "unknown treatment"),  # a site qualifies a finding, not a drug
        ("white blood cells", "finding", "unknown finding"),  # the name's "low" is no widening word
        ("intermediate hepatitis", "finding", "unknown finding"),  # a word of another finding's name
        ("gastric GIST imatinib", "cancer", "unknown cancer"),
        ("hepatitis drugs", "treatment", "unknown treatment"),  # a finding's drugs are no treatment
        ("targeted drugs", "treatment", "unknown treatment"),  # "targeted" alone names nothing
    ],
)
def test_what_cannot_be_read_safely_is_refused_in_one_line(typed, text, kind, message):
    with pytest.raises(OncoKGError, match=message) as caught:
        typed.read(text, kind)
    assert "\n" not in str(caught.value)


def test_the_kind_picks_between_entities_sharing_a_name(typed):
    assert typed.resolve("spread to the liver", "finding") == BASE + "liver_metastases"
    assert typed.resolve("spread to the liver", "setting") == BASE + "liver_metastatic"


def test_suggestions_are_of_the_expected_kind_closest_first(typed):
    with pytest.raises(OncoKGError) as caught:
        typed.read("gastric cancr", "cancer")
    message = str(caught.value)
    assert "did you mean 'stomach cancer'" in message and "imatinib" not in message
    assert all(typed.is_kind(iri, NAME_KINDS["cancer"]) for _, iri in typed.suggest("gas", kind=NAME_KINDS["cancer"]))


def test_a_reading_is_remembered_and_a_refusal_is_not(resolver):
    first = resolver.read("Gleevec", "drug")
    assert resolver.read("Gleevec", "drug") is first
    for _ in range(2):
        with pytest.raises(OncoKGError, match="unknown drug"):
            resolver.read("Gleevecz", "drug")


def test_the_name_limit_is_the_environments_when_the_resolver_is_made(resolver, monkeypatch):
    monkeypatch.setenv("ONCOKG_MAX_NAME_CHARS", "5")
    made_now = Resolver.from_rows([{"name": "imatinib", "s": IMATINIB}], [], [], {"oncokg": BASE})
    with pytest.raises(OncoKGError, match=r"longer than any name \(limit 5 characters\)"):
        made_now.resolve("imatinib", "drug")
    assert resolver.resolve("imatinib", "drug") == IMATINIB  # made before: its limit stays 200


def test_a_label_cell_is_an_iris_label_a_literals_text_or_a_blank_nodes_id(resolver):
    cells = resolver.label_cells
    assert cells[Value("iri", IMATINIB)] == Value("literal", "imatinib")
    assert cells[Value("iri", "http://purl.obolibrary.org/obo/CHEBI_45783")] == Value("literal", "CHEBI:45783")
    assert cells[Value("literal", "3", XSD + "integer")] == Value("literal", "3")
    assert cells[Value("bnode", "b0")] == Value("literal", "_:b0")
    assert cells[None] is None
    assert cells[Value("iri", IMATINIB)] is cells[Value("iri", IMATINIB)]
