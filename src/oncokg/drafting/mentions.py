"""Mentions of the graph's entities in a text, with offsets, read through the terminology layer.

Every name of the build's index (labels, synonyms, the external vocabularies' names) is folded by
`query.terms` as the resolver folds a typed name; a text is read as windows of words, longest first,
folded the same way, so "tumours" finds the entity named "tumor" and "chemo" finds chemotherapy.
"""

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.query import terms
from oncokg.vocab import BASE

_WORD = re.compile(r"[A-Za-z0-9][\w'’\-]*")
_LONGEST = 7  # words in the longest name tried

# What a mention is, by the entity's classes: the first group that holds one of them wins.
GROUPS = (
    ("usage", frozenset({"UsageFrequency"})),
    ("frequency", frozenset({"Frequency"})),
    ("severity", frozenset({"Severity"})),
    ("diagnostic", frozenset({"DiagnosticProcedure"})),
    ("state", frozenset({"DiseaseState"})),
    ("disease", frozenset({"Disease", "Cancer"})),
    ("effect", frozenset({"AdverseEffect"})),
    ("target", frozenset({"MolecularTarget", "Protein", "Biomarker", "MolecularEntity"})),
    ("outcome", frozenset({"Outcome"})),
    ("role", frozenset({"CareTeamRole"})),
    ("treatment", frozenset({"Treatment"})),
    ("finding", frozenset({"ClinicalFinding", "ClinicalFeature"})),
)


@dataclass(frozen=True)
class Mention:
    """An entity named in the text at [start, end), by its local name and what kind it is."""

    start: int
    end: int
    text: str
    entity: str
    group: str


@dataclass(frozen=True)
class NameTable:
    """Folded name -> entity local names, and each entity's group."""

    names: dict[str, frozenset[str]]
    groups: dict[str, str]

    @classmethod
    def from_index(cls, rows: dict) -> "NameTable":
        """From the index the build writes (build/index.json): its names, vocabulary names and types."""
        classes: dict[str, set[str]] = {}
        for row in rows.get("types", ()):
            classes.setdefault(row["s"], set()).add(row["class"].removeprefix(BASE))
        groups = {}
        for iri, kinds in classes.items():
            local = iri.removeprefix(BASE)
            if not iri.startswith(BASE) or "/" in local:
                continue
            group = next((name for name, wanted in GROUPS if kinds & wanted), None)
            if group is not None:
                groups[local] = group
        names: dict[str, set[str]] = {}
        for row in [*rows.get("names", ()), *rows.get("vocabulary", ())]:
            local = row["s"].removeprefix(BASE)
            key = terms.fold(row["name"])
            if local in groups and key:
                names.setdefault(key, set()).add(local)
        return cls({k: frozenset(v) for k, v in names.items()}, groups)

    @classmethod
    def load(cls, index_file: Path) -> "NameTable":
        if not index_file.is_file():
            raise OncoKGError(f"{index_file}: no name index; run `oncokg build` first")
        return cls.from_index(json.loads(index_file.read_text(encoding="utf-8")))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every folded word of the graph's names: the words a noun phrase of the field is made of."""
        return frozenset(word for key in self.names for word in key.split())

    @cached_property
    def unordered(self) -> dict[str, frozenset[str]]:
        """Names of two words or more by their words in any order: English puts a phrase's parts in
        either order ("the growth of the tumor is slowed", "slowed tumor growth"; "tumors shrink",
        "shrinking tumors"), and folding drops the "of" and "the" between them."""
        found: dict[str, set[str]] = {}
        for key, entities in self.names.items():
            if " " in key:
                found.setdefault(_order_free(key), set()).update(entities)
        return {k: frozenset(v) for k, v in found.items()}

    def lookup(self, text: str) -> str | None:
        """The one entity a span names (its own name, else with abbreviations written out, else said
        with a verb or as drugs, else its words in another order), or None."""
        folded = (terms.fold(text), terms.fold(terms.expand(text)))
        keys = list(dict.fromkeys([*folded, *(named for key in folded for named in _as_named(key))]))
        for table, key in [*((self.names, k) for k in keys), *((self.unordered, _order_free(k)) for k in keys)]:
            found = table.get(key)
            if found and len(found) == 1:
                return next(iter(found))
        return None


# A verb that leads a phrase and the noun a name uses for it ("removing the lymph nodes" is "lymph node
# removal", "to relieve symptoms" is "symptom relief", "raising the dose" is "dose increase"), as folded
# keys: the irregular pairs; the regular ones take a noun suffix ("hospitalized", "hospitalization").
VERB_NOUNS = {"reliev": "relief", "rais": "increas", "raiz": "increas"}
# "make the tumours smaller" says what one verb does ("shrink the tumours"): make + a comparative, as
# folded words.
MAKE = frozenset({"make", "made", "mak"})
COMPARATIVE_VERBS = {"smaller": "shrink", "bigger": "grow", "larger": "grow", "wors": "worsen"}
NOUN_SUFFIXES = ("al", "ation", "ion", "ment")
# Auxiliaries and time adverbs inside a phrase say when, not what ("drugs are now being studied" names
# what "drugs being studied" does).
AUXILIARIES = frozenset({"is", "are", "was", "were", "been", "now", "also", "still", "currently"})
# A modality's drugs are the modality ("targeted drugs" are "targeted therapy", "chemo drugs" chemotherapy).
DRUG_WORDS = frozenset({"drug", "medicin", "medication"})


def _as_named(key: str) -> list[str]:
    """A folded key with a leading verb turned into the nouns it may take, a trailing "drugs" into
    "therapy", and "make ... smaller" into the verb it stands for."""
    words = key.split()
    if not words:
        return []
    if len(words) > 1 and words[-1] in DRUG_WORDS:
        words[-1] = "therapy"
    if len(words) > 2 and words[0] in MAKE and words[-1] in COMPARATIVE_VERBS:
        words = [COMPARATIVE_VERBS[words[-1]], *words[1:-1]]
    verb = words[0]
    # a stem of three letters or fewer takes no suffix: "tried" (stem "tri") is no "trial"
    suffixed = [verb + suffix for suffix in NOUN_SUFFIXES] if len(verb) > 3 else []
    nouns = [VERB_NOUNS[verb]] if verb in VERB_NOUNS else suffixed
    bare = words[:1] + [w for w in words[1:-1] if w not in AUXILIARIES] + words[1:][-1:]
    return [" ".join(words), " ".join(bare)] + [" ".join([noun, *words[1:]]) for noun in nouns]


def _order_free(key: str) -> str:
    return " ".join(sorted(key.split()))


def find(table: NameTable, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """The mentions in text[start:end], left to right, each the longest name at its place."""
    words = list(_WORD.finditer(text, start, len(text) if end is None else end))
    found = []
    i = 0
    while i < len(words):
        hit = None
        if terms.fold(words[i].group()):
            for j in range(min(len(words), i + _LONGEST) - 1, i - 1, -1):
                span = text[words[i].start() : words[j].end()]
                entity = table.lookup(span) if terms.fold(words[j].group()) else None
                if entity is not None:
                    hit = (j, Mention(words[i].start(), words[j].end(), span, entity, table.groups[entity]))
                    break
        if hit is None:
            i += 1
        else:
            found.append(hit[1])
            i = hit[0] + 1
    return found
