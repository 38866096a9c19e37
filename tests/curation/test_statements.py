"""The statement model: a sentence's stance, state, purpose and frequency stay on one node.

Each kind of statement (use, non-use, rare use, historical, trial-only, unproven benefit, caution,
contraindication) is followed from its fact to the built graph; bad statements stop the load with
one line naming the fact, the quote and what the ConText guard read.
"""

import re

import pytest

from oncokg.curation.context_guard import RULES_FILE, QuoteReader, Rules
from oncokg.curation.provenance import normalize
from oncokg.errors import OncoKGError
from oncokg.pipeline.assemble import load_inputs

PREFIXES = """PREFIX oncokg: <https://w3id.org/oncokg/>
PREFIX node: <https://w3id.org/oncokg/node/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def ask(store, where: str) -> bool:
    return bool(store.query(PREFIXES + "ASK { " + where + " }"))


def rows(store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(PREFIXES + query)]


@pytest.mark.parametrize(
    "statement, stance, frequency",
    [
        ("ag-chemo-rarely-used-today", "rarely_used", "rarely"),
        ("ag-radiation-not-very-helpful-use", "not_helpful", "not_commonly"),
        ("ag-targeted-drugs-helpful-gist-use-chemotherapy", "historical", "often"),
        ("sti-immunotherapy-not-common-stomach", "rarely_used", "not_commonly"),
        ("ag-gist-other-treatments-less-often-use-embolization", "rarely_used", "much_less_often"),
        ("ag-radiation-symptom-relief-bone-pain-use", "option", "sometimes"),
    ],
)
def test_a_statement_keeps_its_stance_and_frequency_on_its_node(store, statement, stance, frequency):
    assert ask(
        store,
        f"node:{statement} oncokg:stance oncokg:{stance} ; oncokg:usageFrequency oncokg:{frequency} ; "
        "oncokg:certainty ?c ; oncokg:aboutTreatment ?t ; oncokg:hasEvidence/oncokg:quote ?q",
    )


def test_the_purpose_and_condition_of_a_use_are_its_own(store):
    assert ask(
        store,
        "node:ag-radiation-symptom-relief-bone-pain-use oncokg:forPurpose oncokg:symptom_relief ; "
        "oncokg:hasCondition oncokg:bone_pain ; oncokg:forDisease oncokg:gist",
    )
    assert not ask(store, "node:ag-radiation-not-very-helpful-use oncokg:forPurpose ?p")


@pytest.mark.parametrize(
    "treatment, disease",
    [
        ("chemotherapy", "gist"),
        ("immunotherapy", "gastric_cancer"),
        ("other_targeted_drugs", "gist"),
    ],
)
def test_non_use_derives_no_use(store, treatment, disease):
    assert not ask(store, f"oncokg:{treatment} oncokg:usedToTreat oncokg:{disease}")


def test_a_derived_use_names_an_option_statement_for_that_disease(store):
    orphans = rows(
        store,
        """SELECT ?t ?d WHERE {
      GRAPH ?g { ?t oncokg:usedToTreat ?d }
      FILTER NOT EXISTS { ?x a oncokg:Derivation ; rdf:subject ?t ; rdf:predicate oncokg:usedToTreat ; rdf:object ?d ;
                             oncokg:derivedFrom ?s . ?s oncokg:stance oncokg:option ; oncokg:forDisease ?d ; oncokg:aboutTreatment ?t }
    }""",
    )
    assert orphans == []
    assert ask(store, "oncokg:radiation_therapy oncokg:usedToTreat oncokg:gist")
    derived = rows(
        store,
        """SELECT ?s WHERE { ?x rdf:subject oncokg:radiation_therapy ; rdf:predicate oncokg:usedToTreat ;
                             rdf:object oncokg:gist ; oncokg:derivedFrom ?s }""",
    )
    assert {s.rsplit("/", 1)[-1] for (s,) in derived} == {"ag-radiation-symptom-relief-bone-pain-use"}


def test_no_state_is_stated_apart_from_its_statement(store):
    assert not ask(store, "?t oncokg:usedInState ?s") and not ask(store, "?t oncokg:usedForFinding ?f")


def test_an_unproven_benefit_is_never_a_benefit(store):
    assert ask(store, "node:gt-regorafenib-survival-unclear oncokg:outcomeStatus oncokg:benefit_unproven")
    assert ask(store, "oncokg:regorafenib oncokg:benefitUnproven oncokg:longer_survival")
    assert not ask(store, "oncokg:regorafenib oncokg:hasBenefit oncokg:longer_survival")
    assert not ask(store, "oncokg:recurrence_resection oncokg:hasBenefit oncokg:longer_survival")
    assert ask(store, "oncokg:nutritional_support oncokg:noBenefitShownFor oncokg:long_term_survival")


def test_a_hedged_caution_is_not_a_contraindication(store):
    for feature in ("cirrhosis", "hepatitis", "liver_damage"):
        assert ask(store, f"oncokg:embolization oncokg:cautionIn oncokg:{feature}")
        assert not ask(store, f"oncokg:embolization oncokg:contraindicatedIn oncokg:{feature}")
    assert not ask(store, "?e rdf:predicate oncokg:contraindicatedIn ; oncokg:certainty oncokg:hedged")


@pytest.mark.parametrize("drug", ["sorafenib", "dasatinib", "nilotinib", "pazopanib"])
def test_a_drug_named_in_a_group_has_its_own_statement(store, drug):
    quotes = rows(
        store,
        f"""SELECT ?q WHERE {{ ?s oncokg:aboutTreatment oncokg:{drug} ; oncokg:certainty oncokg:unclear ;
                              oncokg:forDisease oncokg:gist ; oncokg:hasEvidence/oncokg:quote ?q }}""",
    )
    assert quotes and all(drug in q.lower() for (q,) in quotes)


def test_what_notes_held_is_data(store):
    assert ask(
        store,
        "?s oncokg:aboutTreatment oncokg:nivolumab ; oncokg:availability oncokg:not_widely_available ; "
        "oncokg:throughService oncokg:nhs",
    )
    assert ask(store, "node:gs-lr-surveillance oncokg:hasSchedule oncokg:once_or_twice_a_year")
    assert ask(
        store,
        "?e rdf:subject oncokg:embolization ; rdf:predicate oncokg:hasComplication ; "
        "oncokg:riskHigherWhen oncokg:large_hepatic_artery_branch_embolized",
    )
    assert ask(
        store,
        "?e rdf:subject oncokg:imatinib ; rdf:object oncokg:stomach_upset ; oncokg:lessenedWhen oncokg:taken_with_food",
    )
    assert ask(
        store, "?e rdf:subject oncokg:trastuzumab ; rdf:predicate oncokg:hasAdverseEffect ; oncokg:severity oncokg:mild"
    )
    assert ask(store, "node:sti-trastuzumab-maintenance oncokg:inSetting oncokg:maintenance")
    assert ask(
        store,
        "node:gt-imatinib-advanced-benefits oncokg:durationText 'for several years' ; oncokg:inDiseaseState oncokg:advanced",
    )
    assert ask(store, "node:gs-ur-ablation-liver oncokg:hasCondition oncokg:few_small_liver_tumours")


def test_the_cues_read_are_kept_on_the_evidence(store):
    assert ask(store, "node:ag-chemo-rarely-used-today oncokg:hasEvidence/oncokg:contextCue 'RARE_USE'")
    assert ask(store, "node:gt-regorafenib-survival-unclear oncokg:hasEvidence/oncokg:contextCue 'UNPROVEN'")


def test_every_context_rule_matches_its_corpus_example(project):
    """Each rule's example is a sentence of a source, or of a blind page (tests/curation/blind), whose
    wording in other words than the corpus's gave the rule its class."""
    rules = Rules.load(project.root / "data" / RULES_FILE)
    reader = QuoteReader(rules)
    pages = [*project.sources_dir.glob("*.txt"), *(project.root / "tests" / "curation" / "blind").glob("*.txt")]
    texts = [normalize(p.read_text(encoding="utf-8")) for p in pages]
    for rule in rules.rules:
        assert any(normalize(rule["example"]) in text for text in texts), (
            f"example of {rule['literal']!r} is in no source or blind page"
        )
        assert rule["category"] in {c for c, _ in reader.read(rule["example"])}, rule["literal"]


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHEMO_RARE = """      aboutTreatment: chemotherapy
      forDisease: gist
      stance: rarely_used
      usageFrequency: rarely"""


@pytest.mark.slow  # loads every input
def test_an_option_whose_quote_says_rarely_used_stops_the_load(scratch):
    path = scratch.facts_dir / "acs-gist-procedures.yaml"
    _edit(path, CHEMO_RARE, CHEMO_RARE.replace("stance: rarely_used", "stance: option"))
    with pytest.raises(OncoKGError) as err:
        load_inputs(scratch)
    message = str(err.value)
    assert "\n" not in message
    assert "ag-chemo-rarely-used-today" in message and "so traditional chemo is rarely used today" in message
    assert "RARE_USE 'rarely used'" in message


@pytest.mark.slow  # loads every input
def test_a_curator_override_keeps_the_fact_and_is_counted(scratch):
    path = scratch.facts_dir / "acs-gist-procedures.yaml"
    before = load_inputs(scratch).facts.overrides
    _edit(path, CHEMO_RARE, CHEMO_RARE.replace("stance: rarely_used", "stance: option"))
    _edit(
        path,
        '    quote: "so traditional chemo is rarely used today"',
        '    quote: "so traditional chemo is rarely used today"\n    override: "test: kept on purpose"',
    )
    assert load_inputs(scratch).facts.overrides == before + 1


def test_an_unknown_stance_lists_the_allowed_ones(scratch):
    _edit(scratch.facts_dir / "acs-gist-procedures.yaml", CHEMO_RARE, CHEMO_RARE.replace("rarely_used", "seldom"))
    with pytest.raises(
        OncoKGError, match=re.escape("stance 'seldom' is not allowed; use one of ['historical', 'not_effective'")
    ):
        load_inputs(scratch)


def test_an_unknown_frequency_lists_the_allowed_ones(scratch):
    _edit(
        scratch.facts_dir / "acs-gist-procedures.yaml",
        CHEMO_RARE,
        CHEMO_RARE.replace("usageFrequency: rarely", "usageFrequency: common"),
    )
    with pytest.raises(
        OncoKGError,
        match=re.escape(
            "usageFrequency 'common' is not allowed; use one of ['main_treatment', 'most_common', 'much_less_often'"
        ),
    ):
        load_inputs(scratch)


def test_a_curated_use_triple_is_refused(scratch):
    _edit(
        scratch.facts_dir / "acs-gist-targeted.yaml",
        '["imatinib", "targets", "KIT"]',
        '["imatinib", "usedToTreat", "gist"]',
    )
    with pytest.raises(OncoKGError, match="'usedToTreat' is derived from statement nodes, never curated as a triple"):
        load_inputs(scratch)


def test_a_recommendation_is_an_option(scratch):
    path = scratch.facts_dir / "acs-gist-procedures.yaml"
    _edit(path, "      recommends: surgery\n", "      recommends: surgery\n      stance: not_helpful\n")
    with pytest.raises(OncoKGError, match="is an option; for stance 'not_helpful' write a TreatmentStatement"):
        load_inputs(scratch)
