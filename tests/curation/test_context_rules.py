"""The ConText rules read a cue however a new text words it, not only as the corpus did."""

from pathlib import Path

import pytest

from oncokg.curation.context_guard import RULES_FILE, QuoteReader, Rules, guard
from oncokg.curation.facts import load_fact_file
from oncokg.curation.sources import load_sources

BLIND = Path(__file__).parent / "blind"


@pytest.fixture(scope="module")
def reader(project) -> QuoteReader:
    return QuoteReader(Rules.load(project.root / "data" / RULES_FILE))


@pytest.mark.parametrize(
    "sentence, category",
    [
        ("Chemotherapy does not help much with this kind of tumour.", "NOT_HELPFUL"),
        ("Surgery is never really useful once the growths are everywhere.", "NOT_HELPFUL"),
        ("The tablet does not appear to shrink the growth.", "NOT_FOUND"),
        ("Whether it lengthens life is still not known.", "UNPROVEN"),
        ("We do not yet know for certain whether it works.", "UNPROVEN"),
        ("An injection is not usually the first choice here.", "NOT_RECOMMENDED"),
        ("Scans are usually not necessary after that.", "NOT_RECOMMENDED"),
        ("A scan is generally not needed after that.", "NOT_RECOMMENDED"),
        ("These injections are seldom given nowadays.", "RARE_USE"),
        ("The drug is not widely prescribed for this cancer.", "RARE_USE"),
        ("You may be able to have it within a research study.", "TRIAL_ONLY"),
        ("Several newer tablets are under investigation.", "UNDER_STUDY"),
        ("Vaccines are being tested against this tumour.", "UNDER_STUDY"),
        ("Scientists are now exploring vaccines for this tumour.", "UNDER_STUDY"),
        ("Trials are currently examining a newer tablet.", "UNDER_STUDY"),
        ("Researchers are working on newer tablets.", "UNDER_STUDY"),
        ("Whether it helps people live longer is still uncertain.", "UNPROVEN"),
        ("Nobody knows yet if the tablets lengthen life.", "UNPROVEN"),
        ("Nobody really knows if the tablets lengthen life.", "UNPROVEN"),
        ("Tablets help with this cancer, while injections do not.", "NOT_HELPFUL"),
        ("Older drugs usually don't work very well against it.", "NOT_EFFECTIVE"),
        ("Older drugs do not generally work well against it.", "NOT_EFFECTIVE"),
    ],
)
def test_a_cue_in_new_words_is_read(reader, sentence, category):
    assert category in {c for c, _ in reader.read(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "This drug may not help everyone who takes it.",  # a hedge on who benefits, not "not helpful"
        "Doctors know it helps most people.",
        "It is clear that the drug shrinks tumours.",
        "Joining a clinical trial may be a good choice for some people.",  # taking part is no trial-only cue
        "The tablets are widely used and often given for years.",
        "The tablets may not work well for everyone.",  # a hedge on who benefits
    ],
)
def test_a_modal_or_a_plain_statement_is_no_negative_cue(reader, sentence):
    found = {c for c, _ in reader.read(sentence)}
    negative = {"NOT_HELPFUL", "NOT_EFFECTIVE", "NOT_FOUND", "UNPROVEN", "NOT_RECOMMENDED", "RARE_USE", "TRIAL_ONLY"}
    assert not found & negative, found


@pytest.mark.parametrize(
    ("page", "facts_curated", "overrides"),
    [
        ("doc6", 61, 1),
        ("doc7", 74, 4),
        ("doc8", 90, 2),
        ("doc9", 59, 7),
        ("doc10", 70, 0),
        ("doc11", 57, 1),
        ("doc12", 63, 1),
    ],
)
def test_a_blind_pages_facts_need_only_the_curators_own_overrides(project, page, facts_curated, overrides):
    """Each override left is a curator's judgement the rules cannot make (blind/README.md says which)."""
    facts, _ = load_fact_file(BLIND / f"{page}.yaml", load_sources(BLIND))
    overridden = [fact for fact in facts if fact.override is not None]
    assert len(facts) == facts_curated and len(overridden) == overrides
    assert guard(facts, project.root / "data" / RULES_FILE) == overrides


def test_trials_looking_for_people_are_recruiting_not_research(reader):
    for sentence in ("Some trials are looking for people like you.", "Trials are looking specifically for you."):
        assert "UNDER_STUDY" not in {c for c, _ in reader.read(sentence)}, sentence
    assert "UNDER_STUDY" in {c for c, _ in reader.read("Some trials are looking at newer tablets.")}


def test_a_no_break_space_reads_as_a_space(reader):
    assert "TRIAL_ONLY" in {c for c, _ in reader.read("You may be offered it as part of a\u00a0clinical trial.")}
