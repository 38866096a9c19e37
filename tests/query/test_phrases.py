"""Phrases longer than a name, on a hand-made typed index: names inside a phrase, a broader entity
inside it, a phrase one name holds in order, and the refusals of each."""

import pytest

from oncokg.query.kinds import NAME_KINDS
from oncokg.query.phrases import _in_order
from oncokg.query.resolve import Resolver
from oncokg.vocab import BASE

ENTITIES = {
    "PDGFRA": ("Biomarker", ["platelet-derived growth factor receptor alpha"]),
    "progression": ("TransitionTrigger", ["progression"]),
    "hepatitis": ("ClinicalFeature", ["hepatitis"]),
    "liver": ("AnatomicalSite", ["liver"]),
    "imatinib": ("Treatment", ["imatinib", "Gleevec"]),
    "dose_escalation": ("Treatment", ["higher-dose imatinib"]),
    "limited_spread": ("ClinicalFeature", ["spread to only 1 or 2 sites in the abdomen"]),
    "few_liver_tumours": ("ClinicalFeature", ["no more than a few small liver tumours"]),
}


@pytest.fixture(scope="module")
def phrases():
    names, labels, types = [], [], []
    for local, (cls, written) in ENTITIES.items():
        labels.append({"s": BASE + local, "label": written[0]})
        names += [{"s": BASE + local, "name": n} for n in written]
        types.append({"s": BASE + local, "class": BASE + cls})
    resolver = Resolver.from_rows(names, labels, [], {"oncokg": BASE}, types)
    return resolver.phrases


def tokens(text: str) -> list[str]:
    from oncokg.query import terms

    return terms.fold(terms.expand(text)).split()


def test_names_inside_a_phrase_read_as_their_labels(phrases):
    assert phrases.relabelled(tokens("high-dose Gleevec")) == "high dose imatinib"
    assert phrases.relabelled(tokens("high-dose imatinib")) is None


def test_a_known_name_with_a_site_or_a_letter_reads_as_the_broader_entity(phrases):
    tier = NAME_KINDS["finding"].tiers[0]
    assert phrases.within("liver hepatitis B", NAME_KINDS["finding"], tier).iri == BASE + "hepatitis"
    assert phrases.within("no hepatitis", NAME_KINDS["finding"], tier) is None


def test_a_name_inside_another_entity_s_name_is_not_read(phrases):
    """'growth' is no outcome inside PDGFRA's name (the phrase is cut into its longest names)."""
    trigger = NAME_KINDS["finding"].tiers[1]
    assert (
        phrases.within("platelet-derived growth factor receptor alpha growth", NAME_KINDS["finding"], trigger) is None
    )


def test_a_phrase_one_name_holds_in_order_reads_as_it_when_the_name_only_widens_it(phrases):
    tier = NAME_KINDS["finding"].tiers[0]
    found = phrases.inside("spread to only 2 sites in the abdomen", NAME_KINDS["finding"], tier)
    assert found.iri == BASE + "limited_spread" and "broader" in found.how
    assert _in_order(["white", "blood"], ["low", "white", "blood"]) == ["low"]  # "low" does not only widen
    bounded = phrases.inside("a few small liver tumours", NAME_KINDS["finding"], tier)
    assert bounded.iri == BASE + "few_liver_tumours"  # "no more than a few" holds "a few"
    assert phrases.inside("no small liver tumours", NAME_KINDS["finding"], tier) is None
