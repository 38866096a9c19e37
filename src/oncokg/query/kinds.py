"""The kinds of name a field expects, as tiers of graph classes: one table for every reader.

A catalogue parameter declares its class (`oncokg:Drug`); a pathway field names its kind here. The
first tier with one match wins, so that "spread to the liver" as a finding is liver metastases, not
the disease state.
"""

import functools
from typing import NamedTuple


class Found(NamedTuple):
    """How a text was read: the entity, and the words that say how (empty when it is its own name)."""

    iri: str
    how: str = ""


class Kind(NamedTuple):
    """What a field expects: its name in messages, tiers of class local names (none: any entity),
    and whether a longer phrase may read as a known name of the kind inside it."""

    name: str
    tiers: tuple[frozenset[str], ...]
    noun: str = ""
    broader: bool = False
    # the classes whose names may qualify a name of this kind ("severe diarrhoea", "gastric GIST")
    qualifiers: frozenset[str] = frozenset()

    @property
    def classes(self) -> frozenset[str]:
        return frozenset().union(*self.tiers) if self.tiers else frozenset()

    @property
    def article(self) -> str:
        """'a cancer', 'an outcome'.

        >>> NAME_KINDS["outcome"].article, NAME_KINDS["cancer"].article
        ('an outcome', 'a cancer')
        """
        word = self.noun or self.name
        return ("an " if word[:1] in "aeiou" else "a ") + word

    @classmethod
    @functools.lru_cache(maxsize=256)  # a catalogue parameter asks for its kind on every call
    def of_classes(cls, name: str, classes: tuple[str, ...]) -> "Kind":
        """The kind of a catalogue parameter that declares its classes (`oncokg:Drug`)."""
        words = {c: w.split(" ", 1)[1] for c, w in CLASS_WORDS.items()}
        noun = " or ".join(words.get(c, c) for c in classes)
        return cls(name, (frozenset(classes),), noun)


ANY: frozenset[str] = frozenset()


def _kind(name: str, *tiers: tuple[str, ...], noun: str = "", qualifiers: tuple[str, ...] = ()) -> Kind:
    return Kind(name, tuple(frozenset(t) for t in tiers), noun or name, bool(qualifiers), frozenset(qualifiers))


NAME_KINDS: dict[str, Kind] = {
    "cancer": _kind("cancer", ("Cancer",), qualifiers=("AnatomicalSite", "BiomarkerStatus")),
    "setting": _kind("setting", ("DiseaseState",), noun="disease state"),
    "treatment": _kind("treatment", ("Treatment",), qualifiers=("TreatmentSetting",)),
    "outcome": _kind("outcome", ("TransitionTrigger",), qualifiers=("Severity",)),
    "finding": _kind(
        "finding",
        ("ClinicalFeature",),
        ("TransitionTrigger", "DecisionFactor"),
        ("DiseaseState",),
        qualifiers=("AnatomicalSite", "Severity"),
    ),
    "biomarker": _kind("biomarker", ("Biomarker",)),
    "status": _kind("status", ("BiomarkerStatus",), noun="biomarker status"),
}

# How an entity of a class is called in a message, most telling first.
CLASS_WORDS = {
    "Cancer": "a cancer",
    "DiseaseState": "a disease state",
    "Treatment": "a treatment",
    "Drug": "a drug",
    "TransitionTrigger": "an outcome",
    "BiomarkerStatus": "a biomarker status",
    "Biomarker": "a biomarker",
    "Protein": "a protein",
    "AdverseEffect": "an adverse effect",
    "ClinicalFeature": "a finding",
    "DecisionFactor": "a decision factor",
    "AnatomicalSite": "an anatomical site",
    "Outcome": "an outcome of treatment",
    "TreatmentSetting": "a treatment setting",
    "CareTeamRole": "a care-team role",
}


def class_words(classes: frozenset[str], labels: dict[str, str] | None = None) -> str:
    """How to call an entity of these classes ("a treatment"), most telling class first.

    >>> class_words(frozenset({"Drug", "Treatment"}))
    'a treatment'
    """
    for name, words in CLASS_WORDS.items():
        if name in classes:
            return words
    from oncokg.vocab import BASE

    for name in sorted(classes - {"Entity"}):
        label = (labels or {}).get(BASE + name)
        if label:
            return ("an " if label[:1] in "aeiou" else "a ") + label
    return "another kind of entity"
