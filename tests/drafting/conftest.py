"""The drafting tests read names from the real build's index and cues with the real ConText rules."""

import pytest

from oncokg.curation.context_guard import RULES_FILE
from oncokg.drafting.cues import CueReader
from oncokg.drafting.mentions import NameTable
from oncokg.project import INDEX_FILE

# A short made-up patient-information page (written for these tests, in the corpus's style).
DOCUMENT = """Treating GIST that has come back

Imatinib is usually the first treatment for advanced GISTs. Radiation is rarely used for GISTs.
Regorafenib may be offered as part of a clinical trial.
So far, it's not clear if zelpatinib helps people live longer.
Common side effects of sunitinib include fatigue.

Recurrent tumors

Sunitinib can be used to treat these tumors. It can also shrink tumors in some patients.
"""


@pytest.fixture(scope="session")
def document() -> str:
    return DOCUMENT


@pytest.fixture(scope="session")
def names(built, built_project) -> NameTable:
    return NameTable.load(built_project.build_dir / INDEX_FILE)


@pytest.fixture(scope="session")
def cue_reader(project) -> CueReader:
    return CueReader(project.facts_dir.parent / RULES_FILE)
